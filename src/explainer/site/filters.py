"""The pages that filter the story's events, one per value of each filter.

The timeline filters its events by tag, actor, actor kind and status. Each value of each
filter is also a page of its own, so that every filter is a plain link that works without
JavaScript and can be bookmarked: a tag's page, an actor's page, and the pages made here
for a status and for a kind of actor, each listing the events that match.

    tags/index.md             every tag
    tags/<id>.md              a tag: its description, its chart, its events
    timeline/status/<s>.md    the events of one status (for each status in use)
    timeline/kind/<kind>.md   the events an actor of one kind takes part in
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.catalog.crossref import Catalog
from explainer.story.model import ACTOR_KINDS, STATUSES, Event

TAGS_PATH = "tags/index.md"


def tag_path(tag_id: str) -> str:
    return f"tags/{tag_id}.md"


def status_path(status: str) -> str:
    return f"timeline/status/{status}.md"


def kind_path(kind: str) -> str:
    return f"timeline/kind/{kind}.md"


@dataclass(frozen=True)
class Filtered:
    """The events of one filter value, for its page."""

    key: str  # "status" or "kind"
    value: str
    path: str
    events: tuple[Event, ...]


def event_kinds(catalog: Catalog, event: Event) -> tuple[str, ...]:
    """The kinds of the actors who take part in `event`, in the kinds' order."""
    present = {catalog.actors[p.actor.id].kind for p in event.participants}
    return tuple(kind for kind in ACTOR_KINDS if kind in present)


def filtered_pages(catalog: Catalog) -> tuple[Filtered, ...]:
    """A page per status and per kind of actor that at least one event has."""
    pages = []
    for status in STATUSES:
        events = tuple(e for e in catalog.timeline if e.status == status)
        if events:
            pages.append(Filtered("status", status, status_path(status), events))
    kinds = {e.id: event_kinds(catalog, e) for e in catalog.timeline}
    for kind in ACTOR_KINDS:
        events = tuple(e for e in catalog.timeline if kind in kinds[e.id])
        if events:
            pages.append(Filtered("kind", kind, kind_path(kind), events))
    return tuple(pages)
