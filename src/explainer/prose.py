"""Markdown prose helpers: escape plain text, resolve explicit links, link actor names.

Prose is the author's Markdown (event bodies, narrative, descriptions). Two kinds of links
are made in it: explicit ones the author wrote, `[the envoy](actor:adam-boehler)`, whose
targets we turn into page paths; and automatic ones, the first mention of an actor's name
or alias in each paragraph, so a reader can always click through to who someone is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from .crossref import EXPLICIT_LINK

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")

# Spans the name linker must not touch: code, existing links and images, raw HTML, URLs.
_PROTECTED = re.compile(
    r"`[^`\n]*`"
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"
    r"|!?\[[^\]\n]*\]\[[^\]\n]*\]"
    r"|<[^>\n]+>"
    r"|https?://\S+"
)
_BLOCK_SPLIT = re.compile(r"(\n[ \t]*\n)")


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


def display_name(name: str) -> str:
    """A name as Markdown; names in right-to-left scripts (Arabic, Hebrew…) are isolated
    in <bdi>, so that they read in their own direction inside English sentences and the
    punctuation around them stays where it belongs."""
    text = escape(name)
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in name):
        return f"<bdi>{text}</bdi>"
    return text


def resolve_links(text: str, url_for: Callable[[str, str], str | None]) -> str:
    """Replace `actor:`/`event:`/`source:` link targets by page paths; unknown ones stay."""

    def replace(match: re.Match[str]) -> str:
        kind, target = match.group(1), match.group(2)
        target_id, _, fragment = target.partition("#")
        url = url_for(kind, target_id)
        if url is None:
            return match.group(0)
        return f"]({url}{'#' + fragment if fragment else ''})"

    return EXPLICIT_LINK.sub(replace, text)


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
        for block in _BLOCK_SPLIT.split(text):
            if _BLOCK_SPLIT.fullmatch(block) or _is_verbatim_block(block):
                out.append(block)
                continue
            out.append(self._link_block(block, url_for, skip))
        return "".join(out)

    def _link_block(self, block: str, url_for: Callable[[str], str], skip: str | None) -> str:
        assert self.pattern is not None
        linked: set[str] = set()
        pieces: list[str] = []
        position = 0
        for protected in [*_PROTECTED.finditer(block), None]:
            end = protected.start() if protected else len(block)
            pieces.append(self._link_span(block[position:end], url_for, skip, linked))
            if protected:
                pieces.append(protected.group(0))
                position = protected.end()
        return "".join(pieces)

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


def _is_verbatim_block(block: str) -> bool:
    stripped = block.lstrip("\n")
    return stripped.startswith(("```", "~~~", "    ", "\t"))


def first_paragraph(text: str) -> str:
    """The first paragraph of Markdown prose (for excerpts on index pages)."""
    return _BLOCK_SPLIT.split(text.strip(), maxsplit=1)[0].strip()


_LINK_TEXT = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")


def plain_excerpt(text: str, limit: int = 300) -> str:
    """The first paragraph as one line of plain text, for page descriptions (meta tags)."""
    plain = _LINK_TEXT.sub(r"\1", first_paragraph(text))
    plain = re.sub(r"[*_`#>]+", "", plain)
    plain = " ".join(plain.split())
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"
