"""Generated pages written as HTML (render/html_page.py) reach the theme as they are.

MkDocs converts every page's Markdown in `Page.render`, from which the theme and the search
index take the page's HTML and table of contents. For a page written as HTML, `render`
puts its body and the table of contents of its headings there instead: Python-Markdown
never reads it.
"""

from __future__ import annotations

from typing import Any

import mkdocs.utils.meta
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import META_RE, get_data

from explainer.render.html_page import html_body, split_front_matter

_WRITTEN = "_explainer_written_as_html"


def take_html(page: Page, markdown: str) -> str | None:
    """From on_page_markdown: for a page written as HTML, its body (MkDocs' Markdown from
    then on), with `page.render` giving the theme that body; None for a Markdown page."""
    found = html_body(markdown)
    if found is None:
        return None
    body, tokens = found

    def render(config: MkDocsConfig, files: Files) -> None:
        # Once: the page lets go of this function, and so of its copy of the body (a clean
        # build holds each page's HTML compressed from here on, memory.py).
        del page.render
        page.content = body
        page.toc = get_toc(tokens)
        # As MkDocs' conversion: a page that opens with its h1 is titled by it.
        opens = tokens and tokens[0]["level"] == 1 and body.lstrip().startswith("<h1")
        page._title_from_render = tokens[0]["name"] if opens else None
        # Anchors MkDocs checks links against come from its conversion: none to check.
        page.present_anchor_ids = None

    page.render = render  # type: ignore[method-assign]
    setattr(page, _WRITTEN, True)
    return body


def written_as_html(page: Page) -> bool:
    """Whether `take_html` took the page (nothing for MkDocs to convert)."""
    marked: Any = getattr(page, _WRITTEN, False)
    return bool(marked)


class FrontMatters:
    """Generated pages' front matter, read with MkDocs' own reader once per distinct text.

    MkDocs reads every page's front matter with PyYAML on every build: a tenth of a rebuild
    of 1,000 events while serving, where almost every page's title and description are
    as they were. Here a page's text reaches MkDocs without it (MkDocs finds none), and
    `restore` gives the page the metadata MkDocs would have read."""

    def __init__(self) -> None:
        self._read: dict[str, dict[str, Any]] = {}
        self._this_build: dict[str, dict[str, Any]] = {}
        self._pending: dict[str, dict[str, Any]] = {}

    def start_build(self) -> None:
        """Keep only what the last build read (the next one reads mostly the same)."""
        self._read, self._this_build = self._this_build or self._read, {}

    def source(self, page: Page, text: str) -> str:
        """From on_page_read_source: the page's text without its front matter."""
        front, rest = split_front_matter(text)
        if not front:
            return text
        meta = self._this_build.get(front) or self._read.get(front)
        if meta is None:
            _, meta = get_data(front)
        self._this_build[front] = meta
        self._pending[page.file.src_uri] = meta
        return rest.lstrip("\n")  # as MkDocs leaves it

    def restore(self, page: Page) -> None:
        """From on_page_markdown: the metadata MkDocs would have read (each page its own
        copy: plugins may add to a page's)."""
        meta = self._pending.pop(page.file.src_uri, None)
        if meta is not None:
            page.meta = dict(meta)


def metadata_read_quickly(doc: str) -> tuple[str, dict[str, Any]]:
    """MkDocs' `get_data` (a page's text without its metadata, and the metadata), with its
    answer for a text that has none found without splitting the whole text into lines and
    joining them again: a page written as HTML starts with a tag, and MkDocs looked for
    MultiMarkdown metadata line by line in each of them on every build (0.34 s of a save
    at 10,000 events). The same result as MkDocs' own for any text (tests/test_html_pages.py)."""
    if not doc.startswith("-"):  # YAML metadata starts with "---": MkDocs' own reads it
        text = doc.replace("\r\n", "\n").replace("\r", "\n") if "\r" in doc else doc
        first, _, rest = text.partition("\n")
        if not first.strip():  # a blank first line ends the (empty) metadata
            return rest.lstrip("\n"), {}
        if not META_RE.match(first):  # a first line that is no "key: value": none
            return text, {}
    return get_data(doc)


def read_metadata_quickly() -> None:
    """Have MkDocs read every page's metadata with `metadata_read_quickly`."""
    mkdocs.utils.meta.get_data = metadata_read_quickly
