"""The tag pages, the tags index and the pages of one status or kind of actor, and the
timeline's filter bar that links to them (site/filters.py says where each lives).

Every value in the filter bar is a link to the page that lists its events, so the filters
work without JavaScript; `assets/filters.js` turns the same links into in-place filters
whose state is in the page's address.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from explainer.catalog.crossref import Catalog
from explainer.site.filters import (
    TAGS_PATH,
    event_kinds,
    filtered_pages,
    kind_path,
    parts,
    status_path,
    tag_path,
)
from explainer.site.layout import actor_path
from explainer.story.model import ACTOR_KINDS, KIND_HEADINGS, STATUSES, Event

#: The filter bar lists at most this many tags and actors (the most frequent on the page),
#: then links to the tags index or the actors page: a period page of a long story must
#: stay light.
FILTER_VALUES = 30


@dataclass(frozen=True)
class FilterGroup:
    key: str
    label: str
    #: (value, label, page) for each value.
    values: tuple[tuple[str, str, str], ...]
    #: A page of every value (always the tags index; the actors page when not all are
    #: listed), and its link's words.
    more: str = ""
    more_label: str = ""


class PageFilters:
    """The filter facts a page shows; reads go through the page's (tracked) catalog."""

    def __init__(self, catalog: Any, words: Callable[..., str]):
        self.catalog, self.words = catalog, words

    def kinds(self, event: Event) -> tuple[str, ...]:
        return event_kinds(self.catalog, event)

    def bar(self, events: Sequence[Event]) -> list[FilterGroup]:
        c, t = self.catalog, self.words
        tag_counts: Counter[str] = Counter()
        actor_counts: Counter[str] = Counter()
        statuses: set[str] = set()
        kinds: set[str] = set()
        for event in events:
            tag_counts.update(tag.id for tag in c.event_tags.get(event.id, ()))
            actor_counts.update({p.actor.id for p in event.participants})
            statuses.add(event.status)
            kinds.update(self.kinds(event))
        groups = []
        if tag_counts:
            top = {tag for tag, _ in tag_counts.most_common(FILTER_VALUES)}
            tags = [tag for tag in c.tags if tag.id in top]  # the file's order
            groups.append(
                FilterGroup(
                    "tag",
                    "Tag",
                    tuple((tag.id, tag.name, tag_path(tag.id)) for tag in tags),
                    TAGS_PATH,
                    "All tags",
                )
            )
        groups.append(
            FilterGroup(
                "status",
                "Status",
                tuple((s, t(s.capitalize()), status_path(s)) for s in STATUSES if s in statuses),
            )
        )
        if kinds:
            groups.append(
                FilterGroup(
                    "kind",
                    "Kind of actor",
                    tuple(
                        (k, t(KIND_HEADINGS[k]), kind_path(k)) for k in ACTOR_KINDS if k in kinds
                    ),
                )
            )
        if actor_counts:
            ranked = sorted(actor_counts, key=lambda a: (-actor_counts[a], c.actors[a].name))
            groups.append(
                FilterGroup(
                    "actor",
                    "Actor",
                    tuple((a, c.actors[a].name, actor_path(a)) for a in ranked[:FILTER_VALUES]),
                    "actors/index.md" if len(ranked) > FILTER_VALUES else "",
                    "All actors",
                )
            )
        return groups


def filter_pages(catalog: Catalog, page: Callable[..., tuple[str, str]]) -> dict[str, str]:
    """The tags index, a page per tag, and a page per status and kind in use (each in
    parts of at most FILTER_PAGE_EVENTS events), made with `page(path, template, **context)`."""
    made = [page(TAGS_PATH, "tags.html.j2")] if catalog.tags else []
    for tag in catalog.tags:
        events = catalog.tagged.get(tag.id, ())
        for part in parts(tag_path(tag.id), events):
            made.append(page(part.path, "tag.html.j2", tag=tag, part=part, total=len(events)))
    for filtered in filtered_pages(catalog):
        for part in parts(filtered.path, filtered.events):
            made.append(
                page(
                    part.path,
                    "filtered.html.j2",
                    key=filtered.key,
                    value=filtered.value,
                    part=part,
                    total=len(filtered.events),
                )
            )
    return dict(made)
