"""What a clean build lets go of as it goes, so that a big story's build does not hold every
page twice over to the end.

MkDocs converts every page before it writes any, and keeps each page's Markdown (twice: the
file's text, and the page's without its front matter) and HTML until the build ends. For a
generated page, neither is read again once it is converted and written: the search plugins
index a page in on_page_context, before it is written. Serving keeps both (the page cache
compares them with the next build's), and hand-written pages are left as MkDocs keeps them
(another plugin may read them at the end).
"""

from __future__ import annotations

from mkdocs.structure.pages import Page


def converted(page: Page, html: str, generated: dict[str, str] | None) -> str:
    """The page's HTML, once converted; a generated page's Markdown (and its copy in
    `generated`) let go."""
    if page.file.generated_by is not None:
        page.markdown = ""  # (None would mean "not read yet" to MkDocs' title)
        page.file.content_string = ""
        if generated is not None:
            generated.pop(page.file.src_uri, None)
    return html


def let_go(page: Page, output: str) -> str:
    """The finished page, about to be written; a generated page's HTML let go."""
    if page.file.generated_by is not None:
        page.content = ""
    return output
