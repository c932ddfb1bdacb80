"""The cross-referenced story as pages, one Jinja template per page type.

Each template (`templates/*.html.j2`) writes HTML after its front matter, which reaches the
theme as it is: MkDocs' Markdown pass never runs over a generated page (html_page.py).

Which pages there are and where they live is the site's layout (site/layout.py). Links
between pages come from site/urls.py: the final relative URLs, from MkDocs' own URL rules
(the tests' link crawler follows every one).
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explainer.catalog.changes import record_changes
from explainer.catalog.crossref import Catalog
from explainer.i18n.dates import DateStyle, story_style
from explainer.i18n.words import Words, words_for
from explainer.media.library import Media
from explainer.render.charts.maps import anchor, coordinates
from explainer.render.charts.network import links
from explainer.render.environment import template_environment
from explainer.render.filter_pages import PageFilters, filter_pages
from explainer.render.html_page import Headings
from explainer.render.packed import PackedPages
from explainer.render.page_charts import PageCharts
from explainer.render.pictures import PagePictures
from explainer.render.reuse import (
    Read,
    RenderMemo,
    TrackedCatalog,
    catalog_values,
    digest,
    story_fields,
)
from explainer.site.downloads import DOWNLOADS, FEED
from explainer.site.layout import (
    MAP_PATH,
    SOURCES_PATH,
    TIMELINE_INDEX_PERIODS,
    TIMELINE_PAGE_EVENTS,
    TIMELINE_PATH,
    UPDATES_PAGE_CHANGES,
    UPDATES_PATH,
    ActorList,
    Period,
    SiteLayout,
    SourceList,
    actor_path,
    actors_by_kind,
    event_path,
    source_path,
    timeline_years,
)
from explainer.site.urls import PageLinks, link_targets, name_linker
from explainer.story.dates import Point, StoryDate
from explainer.story.model import KIND_HEADINGS, KIND_LABELS, Event

STATUS_HELP = {
    "confirmed": "Stated as fact or on the record",
    "reported": "Reported by another outlet, not confirmed",
    "disputed": "Accounts conflict",
}
LATEST_EVENTS_ON_HOME = 5
#: The map page's table lists this many events of each place (the earliest), and how many
#: more: a story of 10,000 events at a few dozen places keeps the page small.
PLACES_LISTED = 6
LATEST_UPDATES_ON_HOME = 3
#: How a change is introduced on its record's page ("Corrected 8 March 2025: …") and in
#: the lists of changes.
CHANGE_WORDS = {
    "added": "Added {date}",
    "updated": "Updated {date}",
    "corrected": "Corrected {date}",
}


#: Markdown extensions every site gets: hand-written pages have always had them (anchors,
#: cards, tables), and another generator reads `explainer export`'s HTML pages through
#: md_in_html (raw HTML with blank lines inside stays one block).
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables")
#: The stylesheet the pages rely on, and where it goes in the site.
STYLESHEET = "assets/explainer/explainer.css"
PACKAGE_STYLESHEET = Path(__file__).parent / "assets" / "explainer.css"
#: The timeline's in-place filters (the pages work without it), and where it goes.
SCRIPT = "assets/explainer/filters.js"
PACKAGE_SCRIPT = Path(__file__).parent / "assets" / "filters.js"


def render_site(
    catalog: Catalog,
    layout: SiteLayout,
    media: Media,
    *,
    directory_urls: bool = True,
    html_links_from_source: bool = False,
    memo: RenderMemo | None = None,
) -> MutableMapping[str, str]:
    """Every generated page as {path: Markdown}; `layout` is `site_layout(catalog)`, `media`
    the processed pictures. `html_links_from_source`: see PageLinks. With a `memo` of the
    last render (while serving), a page whose every read is unchanged keeps its text."""
    linker = name_linker(catalog) if memo is None else memo.name_linker(catalog)
    joins = links(catalog)
    env = template_environment()
    language = catalog.story.language
    words = words_for(language)
    dates = story_style(catalog)

    def date(value: StoryDate) -> str:
        return dates.date(value)

    common: dict[str, Any] = {
        "c": catalog,
        "story": catalog.story,
        "kind_label": KIND_LABELS,
        "kind_heading": KIND_HEADINGS,
        "status_help": STATUS_HELP,
        "event_pages": layout.event_pages,
        # The words of the pages, in the story's language (see words.py).
        "t": words,
        "tn": words.count,
        "number": words.number,
        "date": date,
        "year_text": dates.point,
        "coordinates": lambda location: coordinates(location, words),
        "places_listed": PLACES_LISTED,
        "map_page": layout.map_page,
        "map_path": MAP_PATH,
        "place_anchor": anchor,
        "changes_of": record_changes,
        "change_words": CHANGE_WORDS,
        "updates_path": UPDATES_PATH,
        "updates_on_home": LATEST_UPDATES_ON_HOME,
        "feed_path": FEED,
    }

    periods = layout.periods
    if memo is not None:
        memo.start(
            # What every page may show: the story's own fields, the layout's shape, the
            # URL style, the way dates are written, the pictures' files (their addresses).
            digest(
                (
                    story_fields(catalog.story),
                    layout.event_pages,
                    layout.source_pages,
                    # Not the actor lists: only the actors page and the lists' own pages
                    # show them, and have them in their context (a rename that moved an
                    # actor to another list rendered every page again).
                    layout.map_page,
                    directory_urls,
                    html_links_from_source,
                    dates,
                    media.signature(),
                )
            ),
            catalog_values(
                catalog,
                link_targets(catalog, layout),
                {
                    "joins": lambda: hash(tuple((k, repr(v)) for k, v in joins.pairs.items())),
                    "key_actor_ids": lambda: tuple(a.id for a in catalog.key_actors),
                },
                prose=linker.linked_hash,  # a text reads the same while its names' links do
            ),
        )

    def page(path: str, template: str, **context: Any) -> tuple[str, str]:
        reads: set[Read] | None = None
        if memo is not None:
            kept = memo.reuse(path, template, context)
            if kept is not None:
                return path, kept
            reads = set()
        # The page's headings, with the ids and table of contents MkDocs' toc would give.
        headings = Headings()
        links_here = PageLinks(
            catalog,
            linker,
            path,
            directory_urls,
            layout,
            html_links_from_source=html_links_from_source,
            language=language,
            reads=reads,
            html=True,
        )
        charts = PageCharts(catalog, links_here, joins, words, dates)
        seen = catalog if reads is None else TrackedCatalog(catalog, reads)
        filters = PageFilters(seen, words)
        pictures = PagePictures(media, links_here, words)
        text = env.get_template(template).render(
            common,
            c=seen,
            link=links_here,
            charts=charts,
            filters=filters,
            pictures=pictures,
            heading=headings,
            **context,
        )
        text = headings.finish(text)
        if memo is not None and reads is not None:
            memo.store(path, template, context, reads, text)
        return path, text

    # A clean build keeps each page compressed until MkDocs reads it (packed.py); while
    # serving, the memo keeps the pages' text anyway, and a save rewrites few of them.
    pages: MutableMapping[str, str] = {} if memo is not None else PackedPages()
    pages.update(
        [
            page(
                "index.md",
                "home.html.j2",
                latest=catalog.timeline[-LATEST_EVENTS_ON_HOME:][::-1],
                # The compact chart draws every event: only for a story of one timeline page.
                compact_chart=len(catalog.timeline) <= TIMELINE_PAGE_EVENTS,
            ),
            page(
                "actors/index.md",
                "actors.html.j2",
                groups=[] if layout.actor_lists else actors_by_kind(catalog),
                lists=layout.actor_lists,
            ),
            page(
                SOURCES_PATH,
                "sources.html.j2",
                one_page=not layout.source_pages,
                lists=layout.source_lists,
            ),
            *([page(MAP_PATH, "map.html.j2")] if layout.map_page else []),
            page(UPDATES_PATH, "updates.html.j2", changes=catalog.changes[:UPDATES_PAGE_CHANGES]),
            page(
                "about.md",
                "about.html.j2",
                counts=_counts(catalog, words),
                span=_span(catalog, dates),
                downloads=DOWNLOADS,
            ),
        ]
    )
    if periods[0].path == TIMELINE_PATH:  # a small story: one timeline page
        path, text = page(TIMELINE_PATH, "timeline.html.j2", years=_by_year(catalog.timeline))
        pages[path] = text
    else:
        path, text = page(
            TIMELINE_PATH,
            "timeline_index.html.j2",
            periods=periods,
            years=timeline_years(periods) if len(periods) > TIMELINE_INDEX_PERIODS else [],
        )
        pages[path] = text
        for i, period in enumerate(periods):
            path, text = page(
                period.path,
                "timeline_period.html.j2",
                period=period,
                years=_by_year(period.events),
                **_neighbours(periods, i),
            )
            pages[path] = text
    # The lists of actors (a kind at a time) and of sources, each with its neighbours.
    listings: tuple[tuple[Sequence[ActorList | SourceList], str], ...] = (
        (layout.actor_lists, "actor_list.html.j2"),
        (layout.source_lists, "source_list.html.j2"),
    )
    for lists, template in listings:
        for i, listed in enumerate(lists):
            path, text = page(
                listed.path,
                template,
                listed=listed,
                **_neighbours(lists, i),
            )
            pages[path] = text
    if layout.source_pages:
        for source in catalog.sources.values():
            path, text = page(source_path(source.id), "source.html.j2", source=source)
            pages[path] = text
    for actor in catalog.actors.values():
        path, text = page(actor_path(actor.id), "actor.html.j2", actor=actor)
        pages[path] = text
    if layout.event_pages:
        for event in catalog.timeline:
            path, text = page(event_path(event.id), "event.html.j2", event=event)
            pages[path] = text
    pages.update(filter_pages(catalog, page))
    if memo is not None:
        memo.keep_only(set(pages))
    return pages


@dataclass(frozen=True)
class Neighbour:
    """A page's neighbour in its pager, as the pager shows it: a page is rendered again
    when its neighbours' labels or addresses change, not their events or actors."""

    label: str
    path: str


def _neighbours(pages: Sequence[Period | ActorList | SourceList], i: int) -> dict[str, Any]:
    """The pages before and after `pages[i]`, for the templates' `previous` and `following`."""
    return {
        "previous": Neighbour(pages[i - 1].label, pages[i - 1].path) if i else None,
        "following": (
            Neighbour(pages[i + 1].label, pages[i + 1].path) if i + 1 < len(pages) else None
        ),
    }


def plural(count: int, noun: str) -> str:
    """English '1 event', '3 events', for the command line's messages."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _counts(catalog: Catalog, words: Words) -> str:
    return words(", ").join(
        words.count(len(table), text)
        for table, text in (
            (catalog.actors, "{count} actors"),
            (catalog.events, "{count} events"),
            (catalog.sources, "{count} sources"),
        )
    )


def _span(catalog: Catalog, dates: DateStyle) -> str:
    """When the story's events happened, from the earliest point written to the latest."""
    if not catalog.timeline:
        return ""
    words = words_for(dates.language)
    first = min((e.date.first for e in catalog.timeline), key=lambda p: p.earliest)
    last = max((e.date.last for e in catalog.timeline), key=lambda p: p.latest)
    if first == last:
        text = "all in {date}" if first.precision != "day" else "all on {date}"
        return words(text, date=dates.point(first))
    return words(
        "from {first} to {last}",
        first=dates.point(first),
        last=dates.point(last),
    )


def _by_year(events: tuple[Event, ...]) -> list[tuple[Point, list[Event]]]:
    # A date with unspecified year digits ('02XX') heads its own span ('the 200s'): under
    # its first year alone ('200') it would read as known to the year.
    years: list[tuple[Point, list[Event]]] = []
    for event in events:
        year = Point(event.date.year, years=event.date.first.years)
        if not years or years[-1][0] != year:
            years.append((year, []))
        years[-1][1].append(event)
    return years
