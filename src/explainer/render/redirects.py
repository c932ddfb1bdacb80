"""Old addresses that still lead somewhere.

A story of more than `EVENT_PAGES_UP_TO` events tells each event on its timeline page rather
than on a page of its own. Links to `events/<id>/` made while the story was smaller (in
articles, bookmarks, search engines) must not break when it grows past that: each such
address gets a small static page that sends the reader on to the event's entry.
"""

from __future__ import annotations

import html
import posixpath

from explainer.catalog.crossref import Catalog
from explainer.i18n.words import words_for
from explainer.render.pages import SiteLayout, event_path, page_url


def event_redirects(
    catalog: Catalog, layout: SiteLayout, *, directory_urls: bool = True
) -> dict[str, str]:
    """{file in the site: HTML} for each event without a page of its own."""
    if layout.event_pages:
        return {}
    story = catalog.story
    words = words_for(story.language)
    sentence = html.escape(words("This event is told on its timeline page."))
    pages = {}
    for event in catalog.timeline:
        old = page_url(event_path(event.id), directory_urls)
        new = page_url(layout.timeline_page[event.id], directory_urls)
        # The browser resolves a link against the folder the address names ("events/x/")
        # or, for an address of a file ("events/x.html"), against the file's folder.
        here = old.rstrip("/") if old.endswith("/") else posixpath.dirname(old)
        relative = posixpath.relpath(new or ".", here or ".")
        if directory_urls and not relative.endswith("/"):
            relative += "/"
        target = html.escape(f"{relative}#{event.id}", quote=True)
        title = html.escape(event.title)
        file = old + "index.html" if old.endswith("/") else old
        pages[file] = (
            f'<!doctype html>\n<html lang="{html.escape(story.language)}" '
            f'dir="{html.escape(story.direction)}"><head><meta charset="utf-8">'
            f"<title>{title}</title>"
            f'<meta http-equiv="refresh" content="0; url={target}">'
            f'<link rel="canonical" href="{target}"><meta name="robots" content="noindex">'
            f'</head><body><p><a href="{target}">{sentence}</a></p></body></html>\n'
        )
    return pages
