"""The site's layout: which pages a story gets, where each lives, and so where links go.

Decided once per story (`site_layout`), for the generated pages, the data files and links
from hand-written pages alike. Paths are relative to the docs folder:

    index.md              home: summary, narrative, key actors, latest events
    timeline.md           every event in date order, one permanent anchor per event
    timeline/<period>.md  one page per year or month, in a story too long for one page
    actors/index.md       actors grouped by kind (lists by kind in a story of very many)
    actors/<id>.md        one page per actor
    events/<id>.md        one page per event (a story of up to EVENT_PAGES_UP_TO events)
    sources.md            every source (a page per source past SOURCES_PAGE_CITATIONS or
                          SOURCES_PAGE_SOURCES; lists in title order past SOURCES_LIST_SOURCES)
    map.md                where the events happened (a story with located events)
    about.md              about this explainer: method, sources, data files
    about.md              about this explainer: method, sources, data files, the
                          explainer's own updates and corrections
    updates.md            every addition, update and correction, newest first
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from explainer.catalog.crossref import Catalog
from explainer.i18n.dates import DateStyle, story_style
from explainer.i18n.words import words_for
from explainer.site.parts import in_parts
from explainer.site.weight import (
    ACTORS_PAGE_BYTES,
    NETWORK_BYTES,
    actor_line_weight,
    event_weight,
)
from explainer.story.dates import Point
from explainer.story.model import ACTOR_KINDS, KIND_HEADINGS, Actor, Event, Source


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def event_path(event_id: str) -> str:
    return f"events/{event_id}.md"


SOURCES_PATH = "sources.md"
#: Up to this many citations in all and this many sources, the sources are told in full on
#: one page, each under its anchor; beyond, each source gets a page of its own, listed on
#: the sources page. A source told in full costs about 1.2 KB of HTML with a title of a
#: dozen words (its heading is repeated in the page's table of contents), a citation 150
#: bytes: 60 sources and 300 citations keep the page near 130 KB with the theme's own.
SOURCES_PAGE_CITATIONS = 300
SOURCES_PAGE_SOURCES = 60


def source_path(source_id: str) -> str:
    return f"sources/{source_id}.md"


TIMELINE_PATH, MAP_PATH = "timeline.md", "map.md"
ABOUT_PATH = "about.md"
#: Every addition, update and correction, newest first (the feed has the same).
UPDATES_PATH = "updates.md"
#: The most recent changes the updates page lists: each is a line, so with long notes the
#: page stays well under 150 KB; story.json has them all.
UPDATES_PAGE_CHANGES = 300


@dataclass(frozen=True)
class SiteLayout:
    """Which pages a story gets beyond one per actor and event, and so where links go."""

    periods: list[Period]
    #: The timeline page each event is listed on.
    timeline_page: dict[str, str]
    #: Whether each source has a page of its own.
    source_pages: bool
    #: Whether each event has a page of its own, or is told in full on its timeline page.
    event_pages: bool = True
    #: In a story with very many actors, the pages that list them, a kind at a time;
    #: empty when they all fit on the actors page.
    actor_lists: tuple[ActorList, ...] = ()
    #: In a story with very many sources (each with a page of its own), the pages that
    #: list them in title order; empty when they all fit on the sources page.
    source_lists: tuple[SourceList, ...] = ()
    map_page: bool = False  # a map page (map.md): some event has a location


#: Up to this many actors, the actors page lists them all, if their lines weigh no more
#: than the network leaves room for (site/weight.py); beyond, it links to lists of this
#: many at most, one kind at a time, in name order, each no heavier than a page's worth.
ACTORS_PAGE_ACTORS = 150


@dataclass(frozen=True)
class ActorList:
    """One page of the list of actors: actors of one kind, from one name to another."""

    kind: str
    label: str
    path: str
    actors: tuple[Actor, ...]


def actor_lists(
    groups: list[tuple[str, list[Actor]]], language: str = "en"
) -> tuple[ActorList, ...]:
    words = words_for(language)
    weights = {a.id: actor_line_weight(a) for _, actors in groups for a in actors}

    def fits(actors: Sequence[Actor], budget: int = ACTORS_PAGE_BYTES) -> bool:
        # One actor is a list however heavy: it can be cut no further.
        return len(actors) <= 1 or (
            len(actors) <= ACTORS_PAGE_ACTORS and sum(weights[a.id] for a in actors) <= budget
        )

    if fits([a for _, actors in groups for a in actors], ACTORS_PAGE_BYTES - NETWORK_BYTES):
        return ()
    lists = []
    for kind, actors in groups:
        weighed = [weights[a.id] for a in actors]
        chunks = [tuple(actors)] if fits(actors) else in_parts(actors, fits, weighed)
        for part, chunk in enumerate(chunks):
            label = words(KIND_HEADINGS[kind])
            if len(chunks) > 1:
                label += words(", ") + f"{_initial(chunk[0].name)}–{_initial(chunk[-1].name)}"
            path = f"actors/by-kind/{kind}{f'-{part + 1}' if part else ''}.md"
            lists.append(ActorList(kind, label, path, chunk))
    return tuple(lists)


def _initial(name: str) -> str:
    return name.lstrip()[:1].upper() or "?"


#: Up to this many sources, the sources page lists them all, a line each; beyond, it links
#: to lists of this many at most. A line is 300 bytes of HTML with a title of a dozen words
#: and its outlet, 1 KB with a title, author and outlet of hundreds of characters: so a list
#: stays under 100 KB and 150 KB with the theme's own, even then.
SOURCES_LIST_SOURCES = 100


@dataclass(frozen=True)
class SourceList:
    """One page of the list of sources: from one title to another, in title order."""

    label: str
    path: str
    sources: tuple[Source, ...]


def source_lists(sources: Iterable[Source], language: str = "en") -> tuple[SourceList, ...]:
    """Lists of at most SOURCES_LIST_SOURCES sources each, in title order (the order a
    reader looks one up in), each labelled with its first and last titles' first words,
    as many as tell them from the neighbouring list's, like a dictionary's guide words."""
    ordered = sorted(sources, key=lambda s: (_filed_under(s.title).casefold(), s.id))
    if len(ordered) <= SOURCES_LIST_SOURCES:
        return ()
    parts = -(-len(ordered) // SOURCES_LIST_SOURCES)
    size = -(-len(ordered) // parts)
    chunks = [tuple(ordered[i : i + size]) for i in range(0, len(ordered), size)]
    labels = []
    for i, chunk in enumerate(chunks):
        before = chunks[i - 1][-1].title if i else ""
        after = chunks[i + 1][0].title if i + 1 < len(chunks) else ""
        labels.append(f"{_guide(chunk[0].title, before)} – {_guide(chunk[-1].title, after)}")
    # Titles alike for longer than a guide word shows ("Live updates: …") give lists the
    # same label: then their numbers tell them apart.
    number = words_for(language).number
    return tuple(
        SourceList(
            f"{label} ({number(i + 1)})" if labels.count(label) > 1 else label,
            f"sources/by-title/{i + 1}.md",
            chunk,
        )
        for i, (label, chunk) in enumerate(zip(labels, chunks, strict=True))
    )


def _filed_under(title: str) -> str:
    # Quotation marks and other punctuation before a title's first word do not file it.
    return re.sub(r"^\W+", "", title) or title


#: A guide word longer than this is cut (a title may open with a URL or a long word).
GUIDE_CHARACTERS = 40


def _guide(title: str, neighbour: str) -> str:
    words = _filed_under(title).split()
    others = _filed_under(neighbour).casefold().split()
    count = 1
    while count < len(words) and [w.casefold() for w in words[:count]] == others[:count]:
        count += 1
    guide = " ".join(words[:count]) or "?"
    return guide if len(guide) <= GUIDE_CHARACTERS else guide[: GUIDE_CHARACTERS - 1] + "…"


#: Up to this many events, each event has a page of its own. Beyond, each event is told in
#: full on its timeline page under a permanent anchor (and its old page address redirects
#: there): ten thousand pages of a few lines each cost MkDocs and readers more than they
#: give, and a month's events read well one after the other.
EVENT_PAGES_UP_TO = 1_000


def site_layout(catalog: Catalog) -> SiteLayout:
    """Decided once per story, for the pages and for links from hand-written pages alike."""
    event_pages = len(catalog.timeline) <= EVENT_PAGES_UP_TO
    periods = timeline_periods(
        catalog.timeline,
        TIMELINE_PAGE_EVENTS if event_pages else TIMELINE_PAGE_FULL_EVENTS,
        catalog.story.language,
        dates=story_style(catalog),
        weigh=lambda event: event_weight(event, catalog, full=not event_pages),
        budget=TIMELINE_PAGE_BYTES,
    )
    source_pages = (
        sum(len(c) for c in catalog.citations.values()) > SOURCES_PAGE_CITATIONS
        or len(catalog.sources) > SOURCES_PAGE_SOURCES
    )
    return SiteLayout(
        periods,
        {e.id: p.path for p in periods for e in p.events},
        source_pages,
        event_pages=event_pages,
        actor_lists=actor_lists(actors_by_kind(catalog), catalog.story.language),
        # Lists only for sources with pages of their own: a source keeps its address.
        source_lists=(
            source_lists(catalog.sources.values(), catalog.story.language) if source_pages else ()
        ),
        map_page=any(e.location is not None for e in catalog.timeline),
    )


#: Up to this many events, the timeline is one page (under 150 KB of HTML); beyond, one
#: page per year, and one per month for a year that has more than this many.
TIMELINE_PAGE_EVENTS = 80
#: The same when timeline pages tell each event in full (a story without event pages).
TIMELINE_PAGE_FULL_EVENTS = 40
#: Nor more than this many bytes of events' HTML, as site/weight.py estimates it, on a
#: timeline page: a count alone fits events of one size only, and a page of 75 events
#: citing four sources of long titles each weighed 169 KB. The theme's own HTML around
#: the events (header, navigation, footer, the pager, the chart's frame) is 17–20 KB
#: on this project's pages; room for 40 KB of it and for the estimate's error keeps a page
#: under 150 KB.
TIMELINE_PAGE_BYTES = 100_000


@dataclass(frozen=True)
class Period:
    """One page of the timeline: its events, and where it sits among the others."""

    label: str
    path: str
    events: tuple[Event, ...]
    #: The year it falls in, and its name within that year ("March", "part 2"), for the
    #: index of a timeline of very many pages.
    year: str = ""
    short: str = ""


@dataclass(frozen=True)
class TimelineYear:
    """A year of a timeline of very many pages: its events, and its pages."""

    label: str
    events: int
    periods: tuple[Period, ...]


#: Up to this many pages, the timeline index lists and charts each page; beyond, it lists
#: them a year to a line and charts the years, so that the index stays light.
TIMELINE_INDEX_PERIODS = 60


def timeline_years(periods: list[Period]) -> list[TimelineYear]:
    years: dict[str, list[Period]] = {}
    for period in periods:
        years.setdefault(period.year, []).append(period)
    return [
        TimelineYear(label, sum(len(p.events) for p in pages), tuple(pages))
        for label, pages in years.items()
    ]


def timeline_periods(
    timeline: tuple[Event, ...],
    per_page: int = TIMELINE_PAGE_EVENTS,
    language: str = "en",
    dates: DateStyle | None = None,
    weigh: Callable[[Event], int] | None = None,
    budget: int = TIMELINE_PAGE_BYTES,
) -> list[Period]:
    """The timeline's pages: one for a small story, else one a year (a month, in a year
    with many events; a month in parts, in a month with very many). A page holds at most
    `per_page` events, and events that `weigh` at most `budget` bytes together. An event
    goes where its earliest possible day falls. Labels are in `language`, dates as `dates`
    shows them."""
    words = words_for(language)
    dates = dates or DateStyle(language)
    weights = {e.id: weigh(e) for e in timeline} if weigh else {}

    def fits(events: Sequence[Event]) -> bool:
        # One event is a page however heavy: it can be cut no further.
        return len(events) <= 1 or (
            len(events) <= per_page and sum(weights.get(e.id, 0) for e in events) <= budget
        )

    if fits(timeline):
        return [Period(words("All events"), TIMELINE_PATH, timeline)]
    by_year: dict[int, list[Event]] = {}
    for event in timeline:
        by_year.setdefault(event.date.year, []).append(event)
    periods = []
    for year, events in by_year.items():
        year_label = dates.year(year)
        if fits(events):
            periods.append(
                Period(year_label, _period_path(year), tuple(events), year_label, year_label)
            )
            continue
        by_month: dict[int, list[Event]] = {}
        for event in events:
            month = 0 if event.date.first.precision == "year" else event.date.earliest[1]
            by_month.setdefault(month, []).append(event)
        for month in sorted(by_month):
            label = (
                dates.point(Point(year, month))
                if month
                else words("{year}, month not known", year=year_label)
            )
            short = (
                dates.point(Point(year, month), with_year=False)
                if month
                else words("month not known")
            )
            in_month = by_month[month]
            if fits(in_month):
                periods.append(
                    Period(label, _period_path(year, month), tuple(in_month), year_label, short)
                )
                continue
            # Parts in date order; part 1 keeps the month's own address.
            chunks = in_parts(in_month, fits, [weights.get(e.id, 0) for e in in_month])
            parts = len(chunks)
            for part, chunk in enumerate(chunks):
                periods.append(
                    Period(
                        words(
                            "{period} (part {part} of {parts})",
                            period=label,
                            part=words.number(part + 1),
                            parts=words.number(parts),
                        ),
                        _period_path(year, month, part + 1),
                        chunk,
                        year_label,
                        words("{period} (part {part})", period=short, part=words.number(part + 1)),
                    )
                )
    return periods


def _period_path(year: int, month: int = 0, part: int = 1) -> str:
    stem = f"{year:04d}" if year >= 0 else f"bce-{-year:04d}"
    month_part = f"-{month:02d}" if month else ""
    return f"timeline/{stem}{month_part}{f'-part-{part}' if part > 1 else ''}.md"


def actors_by_kind(catalog: Catalog) -> list[tuple[str, list[Actor]]]:
    groups = []
    for kind in ACTOR_KINDS:
        members = sorted(
            (a for a in catalog.actors.values() if a.kind == kind),
            key=lambda a: a.name.casefold(),
        )
        if members:
            groups.append((kind, members))
    return groups
