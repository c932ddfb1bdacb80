"""The pages that filter the story's events, one per value of each filter.

The timeline filters its events by tag, actor, actor kind and status. Each value of each
filter is also a page of its own, so that every filter is a plain link that works without
JavaScript and can be bookmarked: a tag's page, an actor's page, and the pages made here
for a status and for a kind of actor, each listing the events that match.

    tags/index.md             every tag
    tags/<id>.md              a tag: its description, its chart, its events
    timeline/status/<s>.md    the events of one status (for each status in use)
    timeline/kind/<kind>.md   the events an actor of one kind takes part in

Each lists at most FILTER_PAGE_EVENTS events, with their chart, and no more than
FILTER_PAGE_BYTES of them as site/weight.py estimates it; more go on further pages
(`tags/<id>/2.md`, …), so that no page outgrows a timeline page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explainer.catalog.crossref import Catalog
from explainer.site.parts import in_parts
from explainer.site.weight import listed_event_weight
from explainer.story.model import ACTOR_KINDS, STATUSES, Event

TAGS_PATH = "tags/index.md"


def tag_path(tag_id: str) -> str:
    return f"tags/{tag_id}.md"


def status_path(status: str) -> str:
    return f"timeline/status/{status}.md"


def kind_path(kind: str) -> str:
    return f"timeline/kind/{kind}.md"


#: As many events as a timeline page holds (site/layout.py's TIMELINE_PAGE_EVENTS): a line
#: and two chart marks each keep a page of 80 near 100 KB,
FILTER_PAGE_EVENTS = 80
#: and no heavier than a timeline page's events (TIMELINE_PAGE_BYTES): a page of 80
#: events of titles of 200 characters would weigh 160 KB and more.
FILTER_PAGE_BYTES = 100_000


@dataclass(frozen=True)
class Part:
    """One page of a filter value's events, and its neighbours' paths ('' for none)."""

    path: str
    events: tuple[Event, ...]
    number: int = 1
    count: int = 1
    previous: str = ""
    following: str = ""


def parts(path: str, events: tuple[Event, ...]) -> tuple[Part, ...]:
    """`events` on pages of at most FILTER_PAGE_EVENTS and FILTER_PAGE_BYTES; the first
    keeps `path`, the others are numbered beneath it ('tags/talks.md', 'tags/talks/2.md')."""
    weight = {event.id: listed_event_weight(event) for event in events}

    def fits(chunk: Sequence[Event]) -> bool:
        # One event is a page however heavy: it can be cut no further.
        return len(chunk) <= 1 or (
            len(chunk) <= FILTER_PAGE_EVENTS
            and sum(weight[e.id] for e in chunk) <= FILTER_PAGE_BYTES
        )

    size = FILTER_PAGE_EVENTS
    chunks: list[tuple[Event, ...]] = [
        events[i : i + size] for i in range(0, len(events), size)
    ] or [()]
    if not all(fits(chunk) for chunk in chunks):  # heavy events: pages of about equal weight
        chunks = in_parts(list(events), fits, [weight[e.id] for e in events])
    paths = [
        path if i == 0 else f"{path.removesuffix('.md')}/{i + 1}.md" for i in range(len(chunks))
    ]
    return tuple(
        Part(
            paths[i],
            chunk,
            i + 1,
            len(chunks),
            paths[i - 1] if i else "",
            paths[i + 1] if i + 1 < len(chunks) else "",
        )
        for i, chunk in enumerate(chunks)
    )


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
