"""The one Markdown parser for the story's fields: CommonMark (markdown-it-py) with tables.

Each text is parsed once (cached by its text) into `Markup`: its HTML, cut where a page
fills something in (a link's URL relative to that page, the level of a heading, the first
mention of an actor). The same tokens give the explicit links the cross-reference stage
checks, so that what is checked, what is linked and what is shown are what the renderer
saw — a fenced block is code for all three, because it is code for the renderer.

Neutralising happens here too: raw HTML is not recognised at all (`html` off: `<b>` is
text), and a link or image whose target has an unsafe scheme keeps its words and loses its
target. nh3 (sanitize.clean_html) still cleans every generated page afterwards.
"""

from __future__ import annotations

import functools
import html
import posixpath
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from explainer.markdown.sanitize import SAFE_SCHEMES, is_remote, url_scheme

#: The story's kinds of explicit link: [text](actor:hamas), (event:id), (source:id).
STORY_KINDS = ("actor", "event", "source")

# CommonMark, plus the pipe tables the site's Python-Markdown (`tables`) always offered.
# Raw HTML off: the story file may come from anyone, and its HTML is shown as text.
_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
# Every target is accepted as a link here and judged below, so that an unsafe one keeps its
# words (markdown-it would leave "[x](javascript:…)" as literal brackets).
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]

# Characters Python-Markdown would act on in text between inline HTML tags (an excerpt in
# a list item stays inline HTML inside the page's Markdown), as character references,
# which every HTML reader shows as the character itself.
_MARKDOWN_TEXT = str.maketrans(
    {c: f"&#{ord(c)};" for c in "\\`*_[]{}|"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
)


def text_html(text: str) -> str:
    """Plain text as HTML that Python-Markdown also leaves as it is."""
    return text.translate(_MARKDOWN_TEXT)


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


@dataclass(frozen=True, slots=True)
class Text:
    """Text where actor names may be linked: `group` is its paragraph (names are linked at
    their first mention in each), None where nothing is linked (headings, link words)."""

    text: str
    group: int | None


@dataclass(frozen=True, slots=True)
class Name:
    """The first mention of an actor in its paragraph (`html` is its escaped words)."""

    actor_id: str
    html: str


@dataclass(frozen=True, slots=True)
class Open:
    """A link whose URL depends on the page: `kind` is actor/event/source (`target` an id,
    maybe with #fragment) or local (`target` a path from the site's root). `rest` is the
    tag's other attributes; `image` makes it an <img> (`rest` then holds alt and title)."""

    kind: str
    target: str
    rest: str = ""
    image: bool = False


@dataclass(frozen=True, slots=True)
class Close:
    """The end of the link opened by the matching `Open`."""


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    closing: bool


Part = str | Text | Name | Open | Close | Heading


@dataclass(frozen=True, slots=True)
class ExplicitLink:
    kind: str
    target: str
    #: The first line (0-based) of the block the link is in, within the text.
    line: int


@dataclass(frozen=True, slots=True)
class Markup:
    #: The whole text as HTML blocks.
    parts: tuple[Part, ...]
    #: The first block alone (the excerpt on index pages): the beginning of `parts`, so
    #: that `parts[len(first):]` is the rest.
    first: tuple[Part, ...]
    #: The first paragraph's content as inline HTML, for an excerpt within a line.
    inline: tuple[Part, ...]
    #: The first paragraph as one line of plain text (page descriptions, data files).
    plain: str
    links: tuple[ExplicitLink, ...]


@functools.lru_cache(maxsize=1 << 15)  # the check and every page showing a text share it
def markup(text: str) -> Markup:
    """`text` parsed once, as CommonMark."""
    tokens = _PARSER.parse(text)
    out = _Writer()
    parts: list[Part] = []
    first = -1
    inline: tuple[Part, ...] | None = None
    plain = ""
    line = 0
    for token in tokens:
        line = token.map[0] if token.map else line
        if token.type == "inline":
            group = out.paragraph()
            heading = parts and isinstance(parts[-1], Heading)
            parts += out.inline(token.children or [], None if heading else group, line)
            if inline is None:
                inline = tuple(_Writer().inline(token.children or [], group, line, flat=True))
                plain = " ".join(_plain(token.children or []).split())
        else:
            parts += out.block(token)
        if first < 0 and token.level == 0 and token.nesting <= 0:
            first = len(parts)
    head, rest = _joined(parts[:first]), _joined(parts[first:])  # not joined across
    return Markup(head + rest, head, inline or (), plain, tuple(out.links))


def _joined(parts: Sequence[Part]) -> tuple[Part, ...]:
    """Adjacent strings as one: fewer pieces to keep and to join on every page."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        elif part != "":
            out.append(part)
    return tuple(out)


class _Writer:
    """HTML for markdown-it's tokens, the story's links and names left as parts."""

    def __init__(self) -> None:
        self.links: list[ExplicitLink] = []
        self.groups = 0

    def paragraph(self) -> int:
        self.groups += 1
        return self.groups

    def block(self, token: Token) -> Iterator[Part]:
        kind, tag = token.type, token.tag
        if kind == "heading_open":
            yield Heading(int(tag[1]), closing=False)
        elif kind == "heading_close":
            yield Heading(int(tag[1]), closing=True)
            yield "\n"
        elif kind in ("paragraph_open", "paragraph_close"):
            if not token.hidden:  # a tight list's items show no <p>
                yield "<p>" if token.nesting > 0 else "</p>\n"
        elif kind in ("fence", "code_block"):
            language = token.info.split(maxsplit=1)[0] if token.info.strip() else ""
            attribute = f' class="language-{_attribute(language)}"' if language else ""
            yield f"<pre><code{attribute}>{text_html(token.content)}</code></pre>\n"
        elif kind == "hr":
            yield "<hr>\n"
        elif kind == "ordered_list_open" and token.attrGet("start") not in (None, 1):
            yield f'<ol start="{_attribute(str(token.attrGet("start")))}">\n'
        elif token.nesting > 0:
            yield f"<{tag}>" + ("" if tag in ("li", "td", "th") else "\n")
        elif token.nesting < 0:
            yield f"</{tag}>\n"

    def inline(
        self, tokens: list[Token], group: int | None, line: int, flat: bool = False
    ) -> Iterator[Part]:
        """`flat`: for an excerpt within a line (line breaks as spaces)."""
        closes: list[Part] = []  # what ends each open link: "</a>", Close() or nothing
        in_link = 0
        for token in tokens:
            kind = token.type
            if kind == "text":
                yield Text(token.content, None if in_link else group)
            elif kind == "softbreak":
                yield " " if flat else "\n"
            elif kind == "hardbreak":
                yield " " if flat else "<br>\n"
            elif kind == "code_inline":
                yield f"<code>{text_html(token.content)}</code>"
            elif kind in ("em_open", "strong_open"):
                yield f"<{token.tag}>"
            elif kind in ("em_close", "strong_close"):
                yield f"</{token.tag}>"
            elif kind == "link_open":
                in_link += 1
                opening, closing = self._link(token, line)
                closes.append(closing)
                yield opening
            elif kind == "link_close":
                in_link -= 1
                yield closes.pop()
            elif kind == "image":
                yield from self._image(token, line)

    def _link(self, token: Token, line: int) -> tuple[Part, Part]:
        href = str(token.attrGet("href") or "")
        title = token.attrGet("title")
        rest = f' title="{_attribute(str(title))}"' if title else ""
        kind, target = _classify(href)
        if kind in STORY_KINDS:
            self.links.append(ExplicitLink(kind, _PARSER.normalizeLinkText(target), line))
        if kind == "unsafe":
            # The words stay, the link goes; an autolink keeps its angle brackets as text.
            bracket = token.markup == "autolink"
            return ("&lt;" if bracket else ""), ("&gt;" if bracket else "")
        if kind == "literal":
            return f'<a href="{_attribute(href)}"{rest}>', "</a>"
        return Open(kind, target, rest), Close()

    def _image(self, token: Token, line: int) -> Iterator[Part]:
        src = str(token.attrGet("src") or "")
        alt = _plain(token.children or [])
        title = token.attrGet("title")
        kind, target = _classify(src)
        if kind == "unsafe":
            yield text_html(alt)
        elif is_remote(src):  # a link to the picture: opening a page requests nothing
            yield f'<a href="{_attribute(src)}">{text_html(alt or src)}</a>'
        else:
            rest = f' alt="{_attribute(alt)}"' + (
                f' title="{_attribute(str(title))}"' if title else ""
            )
            if kind == "literal":
                yield f'<img src="{_attribute(src)}"{rest}>'
            else:  # an explicit link as a picture's address is no picture: its words
                yield Open(kind, target, rest, image=True) if kind == "local" else text_html(alt)


def _classify(href: str) -> tuple[str, str]:
    """What a link target is: one of the story's (actor/event/source, id), local (a path
    of the site, from its root), literal (a web address or in-page anchor), or unsafe."""
    scheme = url_scheme(href)
    if scheme in STORY_KINDS:
        return scheme, href.split(":", 1)[1]
    if scheme is not None:
        return ("literal" if scheme in SAFE_SCHEMES else "unsafe"), href
    if not href or href.startswith(("#", "/")):
        return "literal", href
    # A field is shown on pages at different depths: a relative path can only mean one
    # thing everywhere, a path from the site's root.
    path, hash_, fragment = href.partition("#")
    path = posixpath.normpath("/" + path).lstrip("/")
    return "local", path + hash_ + fragment


def _plain(tokens: list[Token]) -> str:
    words = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            words.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif token.type == "image":
            words.append(_plain(token.children or []))
    return "".join(words)


#: A link's URL on the page being written: (kind, target) → URL, None if unknown.
UrlFor = Callable[[str, str], str | None]


def to_html(
    parts: Sequence[Part], url_for: UrlFor, *, skip: str | None = None, under: int = 0
) -> str:
    """Parts (with names linked: NameLinker.linked) as a page's HTML: URLs from `url_for`,
    `skip` an actor never linked (the page's own), headings `under` levels deeper."""
    out: list[str] = []
    closes: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Name):
            url = url_for("actor", part.actor_id) if part.actor_id != skip else None
            out.append(f'<a href="{_attribute(url)}">{part.html}</a>' if url else part.html)
        elif isinstance(part, Text):  # not linked for names (NameLinker did not run)
            out.append(text_html(part.text))
        elif isinstance(part, Open):
            url = url_for(part.kind, part.target)
            if part.image:  # a picture has no end tag
                out.append(f'<img src="{_attribute(url)}"{part.rest}>' if url else "")
            elif url is None:  # an unknown id (reported by the check): the words stay
                closes.append("")
            else:
                out.append(f'<a href="{_attribute(url)}"{part.rest}>')
                closes.append("</a>")
        elif isinstance(part, Close):
            out.append(closes.pop())
        elif isinstance(part, Heading):
            out.append(f"<{'/' if part.closing else ''}h{min(6, part.level + under)}>")
    return "".join(out)
