"""Markdown prose helpers: escape plain text, resolve explicit links, link actor names.

Prose is the author's Markdown (event bodies, narrative, descriptions), parsed once by
markup.py. Two kinds of links are made in it: explicit ones the author wrote,
`[the envoy](actor:adam-boehler)`, whose targets become the pages' URLs; and automatic
ones, the first mention of an actor's name or alias in each paragraph, so a reader can
always click through to who someone is. `resolve_links` is for the hand-written pages,
which MkDocs renders itself.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace

from explainer.markdown.links import explicit_links
from explainer.markdown.markup import Markup, Name, Part, Text, markup, text_html
from explainer.story.language import foreign_name

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")


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
        # Made once per build: each text's names are found once, whatever shows it.
        self._linked: dict[str, Markup] = {}

    def linked(self, text: str) -> Markup:
        """`text` parsed (markup.markup), with the first mention of each actor in each
        paragraph marked as a Name; links, code and headings are left alone."""
        found = self._linked.get(text)
        if found is None:
            parsed = markup(text)
            found = self._linked[text] = replace(
                parsed,
                parts=self._names(parsed.parts),
                first=self._names(parsed.first),
                inline=self._names(parsed.inline),
            )
        return found

    def _names(self, parts: tuple[Part, ...]) -> tuple[Part, ...]:
        out: list[Part] = []
        group: int | None = None
        linked: set[str] = set()  # the actors linked in the current paragraph
        for part in parts:
            if not isinstance(part, Text):
                out.append(part)
                continue
            if part.group != group and part.group is not None:
                group, linked = part.group, set[str]()
            if part.group is None or self.pattern is None:
                out.append(text_html(part.text))
                continue
            position = 0
            for match in self.pattern.finditer(part.text):
                actor_id = self.ids[match.group(1)]
                if actor_id in linked:
                    continue
                linked.add(actor_id)
                out.append(text_html(part.text[position : match.start()]))
                out.append(Name(actor_id, text_html(match.group(1))))
                position = match.end()
            out.append(text_html(part.text[position:]))
        return tuple(p for p in out if p != "")


def plain_excerpt(text: str, limit: int = 300) -> str:
    """The first paragraph as one line of plain text, for page descriptions (meta tags)."""
    plain = markup(text).plain
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"
