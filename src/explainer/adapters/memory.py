"""What a clean build lets go of as it goes, so that a big story's build does not hold every
page twice over to the end.

MkDocs converts every page before it writes any, and keeps each page's Markdown (twice: the
file's text, and the page's without its front matter) and HTML until the build ends. For a
generated page, neither is read again once it is converted and written: the search plugins
index a page in on_page_context, before it is written. Between its conversion and its
writing a generated page's HTML waits compressed (`Shelf`): at 10,000 events every page's
HTML at once was the largest thing a build held. Serving keeps both (the page cache
compares them with the next build's), and hand-written pages are left as MkDocs keeps them
(another plugin may read them at the end).
"""

from __future__ import annotations

import zlib
from collections.abc import MutableMapping

from mkdocs.structure.pages import Page


class Shelf:
    """Generated pages' HTML, compressed, from their conversion to their writing."""

    def __init__(self) -> None:
        self._held: dict[str, bytes] = {}

    def put(self, page: Page, html: str) -> str:
        """What the page holds until it is written: nothing, for a generated page (its HTML
        waits here, compressed); a hand-written page keeps its HTML."""
        if page.file.generated_by is None:
            return html
        # Level 1: HTML shrinks about tenfold at a fraction of the default level's time.
        self._held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def take(self, page: Page) -> None:
        """Give the page its HTML back, before anything reads it for writing (the search
        plugins in on_page_context, the theme)."""
        held = self._held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = zlib.decompress(held).decode("utf-8")


def converted(
    page: Page, html: str, generated: MutableMapping[str, str] | None, shelf: Shelf
) -> str:
    """What the page holds once converted (see Shelf.put); a generated page's Markdown (and
    its copy in `generated`) let go."""
    if page.file.generated_by is not None:
        page.markdown = ""  # (None would mean "not read yet" to MkDocs' title)
        page.file.content_string = ""
        if generated is not None:
            generated.pop(page.file.src_uri, None)
    return shelf.put(page, html)


def let_go(page: Page, output: str) -> str:
    """The finished page, about to be written; a generated page's HTML let go."""
    if page.file.generated_by is not None:
        page.content = ""
    return output
