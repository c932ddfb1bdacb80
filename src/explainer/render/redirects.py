"""Old addresses that still lead somewhere.

A story of more than `EVENT_PAGES_UP_TO` events tells each event on its timeline page rather
than on a page of its own. Links to `events/<id>/` made while the story was smaller (in
articles, bookmarks, search engines) must not break when it grows past that: each such
address gets a small static page that sends the reader on to the event's entry.
"""

from __future__ import annotations

import html

from mkdocs.utils import get_relative_url

from explainer.catalog.crossref import Catalog
from explainer.i18n.words import words_for
from explainer.site.layout import SiteLayout, event_path
from explainer.site.urls import page_url


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
        # Relative to the old address, as the browser resolves it (MkDocs' own rule).
        relative = get_relative_url(new or "./", old)
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
