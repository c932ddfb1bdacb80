"""What a page's <head> is made from, so that while serving it is kept from one build to
the next until one of those inputs changes (as the data files' pieces are, data_files.py).

The key names everything `PageMetadata.head_html` reads for the page: its title and
description, the site's settings and pictures, the story's own fields, and the records
its JSON-LD describes, each by its hash. A record it shows but the key left out would make
the head go stale: tests/test_incremental.py compares every served file with a clean
build's after random edits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from explainer.catalog.crossref import Catalog
from explainer.render.reuse import Fragments
from explainer.story.model import Actor, Event, Source


class HeadMaker(Protocol):
    """What the key reads of render/page_meta.PageMetadata."""

    @property
    def catalog(self) -> Catalog: ...
    @property
    def pieces(self) -> Fragments: ...
    @property
    def site_key(self) -> tuple[object, ...]: ...
    @property
    def event_pages(self) -> Mapping[str, Event]: ...
    @property
    def actor_pages(self) -> Mapping[str, Actor]: ...
    @property
    def source_pages(self) -> Mapping[str, Source]: ...
    @property
    def period_events(self) -> Mapping[str, tuple[Event, ...]]: ...


def head_key(meta: HeadMaker, path: str, facts: object) -> tuple[object, ...]:
    """Everything the head of the page at `path`, described by `facts` (its title and
    description), is made from."""
    catalog, h = meta.catalog, meta.pieces.hash

    def source(found: Source) -> tuple[object, ...]:
        outlet = catalog.actor(found.outlet) if found.outlet else None
        writer = catalog.author(found)
        return (
            h(found),
            None if outlet is None else h(outlet),
            None if writer is None else h(writer),
        )

    records: tuple[object, ...] = ()
    if path == "index.md":
        records = (
            "story",
            tuple(h(a) for a in catalog.key_actors),
            tuple(source(catalog.source(r)) for r in catalog.story.sources),
        )
    elif path in meta.event_pages:
        event = meta.event_pages[path]
        records = (
            "event",
            h(event),
            tuple(h(catalog.actor(p.actor)) for p in event.participants),
            tuple(source(catalog.source(r)) for r in event.sources),
        )
    elif path in meta.actor_pages:
        actor = meta.actor_pages[path]
        records = ("actor", h(actor), tuple(h(catalog.actor(a.actor)) for a in actor.affiliations))
    elif path in meta.source_pages:
        records = ("source", source(meta.source_pages[path]))
    elif path in meta.period_events:
        records = ("period", tuple(h(e) for e in meta.period_events[path]))
    return ("head", facts, meta.site_key, records)
