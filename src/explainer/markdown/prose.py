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
from typing import Any

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
def display_name(name: str, page_language: str = "en", *, html: bool = False) -> str:
    """A name as Markdown for a page in `page_language` (as HTML with `html`).

    A name in another script than the page's is isolated in <bdi> with its own language
    and direction (`<bdi lang="ar" dir="rtl">حماس</bdi>` on an English page): it reads in
    its own direction, the punctuation around it stays where it belongs, and a screen
    reader pronounces it in its language. Any other name holding right-to-left letters
    (a Latin name with a Hebrew word in it) is still isolated, its direction left to the
    browser."""
    text = html_text(name) if html else escape(name)
    foreign = foreign_name(name, page_language)
    if foreign:
        return f'<bdi lang="{foreign[0]}" dir="{foreign[1]}">{text}</bdi>'
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in name):
        return f"<bdi>{text}</bdi>"
    return text


def html_text(text: str) -> str:
    """Plain text as HTML that shows exactly that text (its line breaks as spaces, as
    `escape` gives it in Markdown)."""
    text = " ".join(text.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
        #: What it was made from: a story whose names are the same gets the same linker
        #: again (see `same_names`), with the texts it has linked already.
        self.names = tuple(names)
        table: dict[str, str] = {}
        for name, actor_id in self.names:
            if name.strip():
                table.setdefault(name.strip(), actor_id)
        self.ids = table
        self.pattern = _names_pattern(table)
        # Made once per build: each text's names are found once, whatever shows it.
        self._linked: dict[str, Markup] = {}
        self._hashes: dict[str, int] = {}

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

    def linked_hash(self, text: str) -> int:
        """The hash of `linked(text)`, computed once."""
        found = self._hashes.get(text)
        if found is None:
            found = self._hashes[text] = hash(self.linked(text))
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


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression finding any of `names` as a whole word, the longest first.

    A plain alternation of a thousand names makes `re` try every name at every character
    of every text (most of a 10,000-event story's compile). The same names as a trie
    (names sharing a beginning share its branch) try a few characters per position, and
    the first character, matched before the look-behind, lets `re` skip ahead to
    the characters that start a name. It finds the same matches: all the names matching
    at one position lie on one branch, and a longer one is tried before the shorter one
    it extends, backtracking to it when the longer one is not followed by a word end."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for character in name:
            node = node.setdefault(character, {})
        node[""] = {}  # a name ends here
    if not trie:
        return None
    # Each name's first character, then "not preceded by a word character": the
    # look-behind spans that character and the one before it.
    starts = [
        re.escape(first) + r"(?<![\w@/-](?s:.))" + _alternatives(rest)
        for first, rest in sorted(trie.items())
    ]
    return re.compile(r"((?:" + "|".join(starts) + r"))(?![\w])")


def _alternatives(node: dict[str, Any]) -> str:
    """The regular expression for the names under a trie `node`, longer ones first."""
    options = []
    for character in sorted(c for c in node if c):
        child, run = node[character], re.escape(character)
        while len(child) == 1 and "" not in child:  # a chain without choices: one literal
            ((following, child),) = child.items()
            run += re.escape(following)
        options.append(run + (_alternatives(child) if child else ""))
    if not options:
        return ""
    body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    # The end of a name is the last choice, so that a longer name is tried first.
    return f"(?:{body})?" if "" in node else body


def plain_excerpt(text: str, limit: int = 300) -> str:
    """The first paragraph as one line of plain text, for page descriptions (meta tags)."""
    plain = markup(text).plain
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"
