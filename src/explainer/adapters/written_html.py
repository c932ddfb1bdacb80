"""Generated pages written as HTML (render/html_page.py) reach the theme as they are.

MkDocs converts every page's Markdown in `Page.render`, from which the theme and the search
index take the page's HTML and table of contents. For a page written as HTML, `render`
puts its body and the table of contents of its headings there instead: Python-Markdown
never reads it.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from explainer.render.html_page import html_body

_WRITTEN = "_explainer_written_as_html"


def take_html(page: Page, markdown: str) -> str | None:
    """From on_page_markdown: for a page written as HTML, its body (MkDocs' Markdown from
    then on), with `page.render` giving the theme that body; None for a Markdown page."""
    found = html_body(markdown)
    if found is None:
        return None
    body, tokens = found

    def render(config: MkDocsConfig, files: Files) -> None:
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
