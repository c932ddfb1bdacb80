"""What a clean build lets go of as it goes, so that a big story's build does not hold every
page at once, let alone twice over, to the end.

MkDocs converts every page before it writes any, and keeps each page's Markdown (twice: the
file's text, and the page's without its front matter) and HTML until the build ends. A
clean build (`Held`) instead:

- gives MkDocs each generated page's Markdown only when it converts that page (the pages
  wait compressed until then, render/packed.py; MkDocs 1.6 calls on_page_read_source
  deprecated in its documentation, not at run time: its alternative, a File's content set
  in on_files, would hold every page at once);
- lets the Markdown go once the page is converted;
- keeps the page's HTML compressed from its conversion until it is written (at 10,000
  events every page's HTML at once was the largest thing a build held), and lets it go
  once written: the search plugins index a page in on_page_context, before it is written.

Serving keeps everything (the page cache compares it with the next build's), and
hand-written pages are left as MkDocs keeps them (another plugin may read them at the end).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, MutableMapping

from mkdocs.structure.pages import Page


class Held:
    """A build's generated pages, from the compile to their writing; `pages` is None while
    serving (nothing is released)."""

    def __init__(self, pages: MutableMapping[str, str] | None = None) -> None:
        self._pages = pages
        #: Generated pages' HTML, compressed, from their conversion to their writing.
        self._html: dict[str, bytes] = {}

    def file_contents(self, pages: Mapping[str, str]) -> Mapping[str, str]:
        """What each page's File holds: its Markdown while serving; in a clean build
        nothing (`source` gives it when MkDocs reads the page)."""
        return pages if self._pages is None else dict.fromkeys(pages, "")

    def source(self, page: Page) -> str | None:
        """A generated page's Markdown as MkDocs reads it (on_page_read_source); None: MkDocs
        reads the File itself."""
        if self._pages is None or page.file.generated_by is None:
            return None
        return self._pages.get(page.file.src_uri)

    def put(self, page: Page, html: str) -> str:
        """What the page holds once converted: a generated page's Markdown (and its packed
        copy) let go, its HTML put aside compressed until `take`."""
        if self._pages is None or page.file.generated_by is None:
            return html
        page.markdown = ""  # (None would mean "not read yet" to MkDocs' title)
        page.file.content_string = ""
        self._pages.pop(page.file.src_uri, None)
        # Level 1: HTML shrinks about tenfold at a fraction of the default level's time.
        self._html[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def take(self, page: Page) -> None:
        """Give the page its HTML back, before anything reads it for writing (the search
        plugins in on_page_context, the theme)."""
        held = self._html.pop(page.file.src_uri, None)
        if held is not None:
            page.content = zlib.decompress(held).decode("utf-8")


def let_go(page: Page, output: str) -> str:
    """The finished page of a clean build, about to be written; a generated page's HTML
    let go."""
    if page.file.generated_by is not None:
        page.content = ""
    return output
