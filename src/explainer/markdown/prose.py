"""Markdown prose helpers: escape plain text, resolve explicit links, link actor names.

Prose is the author's Markdown (event bodies, narrative, descriptions). Two kinds of links
are made in it: explicit ones the author wrote, `[the envoy](actor:adam-boehler)`, whose
targets we turn into page paths; and automatic ones, the first mention of an actor's name
or alias in each paragraph, so a reader can always click through to who someone is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

from explainer.markdown.links import explicit_links
from explainer.story.language import foreign_name

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")

# Spans the name linker must not touch: closed code fences, code spans, anything in
# brackets (link labels, shortcut references) with its target, reference definitions,
# headings, HTML tags and autolinks, bare URLs.
_PROTECTED = re.compile(
    r"(?ms:^(```|~~~)[^\n]*\n.*?^\1[^\n]*$)"
    r"|(`+)(?:(?!\2).)+?\2"
    r"|!?\[(?:[^\[\]]|\[[^\[\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])?"
    r"|(?m:^ {0,3}\[[^\]\n]+\]:.*$)"
    r"|(?m:^#{1,6}[ \t].*$)"
    r"|<[^>\n]+>"
    r"|https?://\S+"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@functools.lru_cache(maxsize=1 << 16)  # names and titles recur on many pages
def escape(text: str) -> str:
    """Plain text (a name, a title, a quote) as Markdown that shows exactly that text.

    Plain text has no line structure: its line breaks become spaces, so that it cannot
    end a table row, a heading or a quote; and what would start a list ("1. ", "- ") is
    escaped, since the text may begin a line of the page."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\\\2", text)
    return _BULLET_START.sub(r"\\\1", text)


_LIST_START = re.compile(r"^(\d+)([.)])")
_BULLET_START = re.compile(r"^([-+])")


def url(address: str) -> str:
    """A validated address as a Markdown link target: parentheses encoded, so that one
    in the address cannot end the link early."""
    return address.replace("(", "%28").replace(")", "%29")


@functools.lru_cache(maxsize=1 << 14)
def display_name(name: str, page_language: str = "en") -> str:
    """A name as Markdown for a page in `page_language`.

    A name in another script than the page's is isolated in <bdi> with its own language
    and direction (`<bdi lang="ar" dir="rtl">حماس</bdi>` on an English page): it reads in
    its own direction, the punctuation around it stays where it belongs, and a screen
    reader pronounces it in its language. Any other name holding right-to-left letters
    (a Latin name with a Hebrew word in it) is still isolated, its direction left to the
    browser."""
    text = escape(name)
    foreign = foreign_name(name, page_language)
    if foreign:
        return f'<bdi lang="{foreign[0]}" dir="{foreign[1]}">{text}</bdi>'
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in name):
        return f"<bdi>{text}</bdi>"
    return text


_REFERENCE_DEFINITION = re.compile(r"(?m)^( {0,3})\[([^\]\n]+)\]:")
#: [text][label], [label][] and the shortcut [label] (not a link, image or definition).
_REFERENCE_USE = re.compile(r"(?<![\]\\])\[([^\[\]\n]+)\](?:\[([^\[\]\n]*)\]|(?![(\[:]))")


_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ATX_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")


def demote_headings(text: str, levels: int) -> str:
    """Headings of `text` `levels` deeper (at most h6), for a text told under a heading of
    its page (an event's body under its h3 on a timeline page). Code blocks are kept."""
    out, fence = [], ""
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1) == fence:
                fence = ""
        elif opening:
            fence = opening.group(1)
        else:
            line = _ATX_HEADING.sub(
                lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + levels), line
            )
        out.append(line)
    return "\n".join(out)


def scope_references(text: str, scope: str) -> str:
    """Reference-style links of `text` with labels of its own (`[1]` → `[scope-1]`).

    Markdown's reference definitions (`[1]: https://…`) hold for a whole page: where the
    texts of several events share one page, one event's `[1]` must not take another's
    address."""
    labels = {m.group(2).strip().casefold() for m in _REFERENCE_DEFINITION.finditer(text)}
    if not labels:
        return text

    def use(match: re.Match[str]) -> str:
        shown, label = match.group(1), match.group(2)
        target = label if label else shown  # [text][label]; [label][] or [label]
        if target.strip().casefold() not in labels:
            return match.group(0)
        return f"[{shown}][{scope}-{target}]"

    text = _REFERENCE_USE.sub(use, text)
    return _REFERENCE_DEFINITION.sub(lambda m: f"{m.group(1)}[{scope}-{m.group(2)}]:", text)


def resolve_links(text: str, url_for: Callable[[str, str], str | None]) -> str:
    """Replace `actor:`/`event:`/`source:` link targets by page paths; unknown ones stay."""
    out: list[str] = []
    position = 0
    for match in explicit_links(text):
        kind, target, title = match.group(1), match.group(2), match.group(3) or ""
        target_id, _, fragment = target.partition("#")
        url = url_for(kind, target_id)
        if url is None:
            continue
        out.append(text[position : match.start()])
        out.append(f"]({url}{'#' + fragment if fragment else ''}{title})")
        position = match.end()
    out.append(text[position:])
    return "".join(out)


class NameLinker:
    """Links the first mention of each actor in each paragraph to the actor's page."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        """`names`: (name or alias, actor id) pairs; longer names win over their prefixes."""
        table: dict[str, str] = {}
        for name, actor_id in names:
            if name.strip():
                table.setdefault(name.strip(), actor_id)
        self.ids = table
        ordered = sorted(table, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w@/-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w])")
            if ordered
            else None
        )

    def link(self, text: str, url_for: Callable[[str], str], skip: str | None = None) -> str:
        """`text` with actor mentions linked; `skip` is an actor never linked (the page's own)."""
        if self.pattern is None:
            return text
        out: list[str] = []
        linked: set[str] = set()  # actors linked in the current paragraph
        position = 0
        for protected in [*_PROTECTED.finditer(text), None]:
            end = protected.start() if protected else len(text)
            # Each paragraph starts afresh: an actor is linked at its first mention in it.
            pieces = _PARAGRAPH_BREAK.split(text[position:end])
            breaks = _PARAGRAPH_BREAK.findall(text[position:end])
            for i, piece in enumerate(pieces):
                if i:
                    out.append(breaks[i - 1])
                    linked = set()
                out.append(self._link_span(piece, url_for, skip, linked))
            if protected:
                out.append(protected.group(0))
                if _PARAGRAPH_BREAK.search(protected.group(0)):
                    linked = set()
                position = protected.end()
        return "".join(out)

    def _link_span(
        self, span: str, url_for: Callable[[str], str], skip: str | None, linked: set[str]
    ) -> str:
        assert self.pattern is not None

        def replace(match: re.Match[str]) -> str:
            actor_id = self.ids[match.group(1)]
            if actor_id == skip or actor_id in linked:
                return match.group(0)
            linked.add(actor_id)
            return f"[{match.group(1)}]({url_for(actor_id)})"

        return self.pattern.sub(replace, span)


def first_paragraph(text: str) -> str:
    """The first paragraph of Markdown prose (for excerpts on index pages)."""
    return _PARAGRAPH_BREAK.split(text.strip(), maxsplit=1)[0].strip()


_LINK_TEXT = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")


def plain_excerpt(text: str, limit: int = 300) -> str:
    """The first paragraph as one line of plain text, for page descriptions (meta tags)."""
    plain = _LINK_TEXT.sub(r"\1", first_paragraph(text))
    plain = re.sub(r"[*_`#>]+", "", plain)
    plain = " ".join(plain.split())
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"
