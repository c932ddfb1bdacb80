"""Stage 4: the cross-referenced story as Markdown pages, one Jinja template per page type.

Pages and their paths (relative to the docs folder):

    index.md              home: summary, narrative, key actors, latest events
    timeline.md           every event in date order, one permanent anchor per event
    actors/index.md       actors grouped by kind
    actors/<id>.md        one page per actor
    events/<id>.md        one page per event (a story of up to EVENT_PAGES_UP_TO events)
    timeline/<period>.md  one page per year or month, in a story too long for one page
    sources.md            every source and the events that cite it
    about.md              about this explainer: method, sources, last update

Links between pages are relative `.md` paths, so MkDocs checks every one of them under
`--strict` and rewrites them for whatever URL style the site uses.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from explainer.catalog.crossref import Catalog
from explainer.i18n.dates import show_year as local_year
from explainer.i18n.words import Words, words_for
from explainer.markdown.prose import (
    NameLinker,
    demote_headings,
    display_name,
    escape,
    first_paragraph,
    plain_excerpt,
    resolve_links,
    scope_references,
    url,
)
from explainer.markdown.sanitize import neutralise_markdown
from explainer.render.charts.network import MAX_NODES, Joins, Network, icon, links, network
from explainer.render.charts.timeline import period_svg, timeline_svg
from explainer.site.downloads import DOWNLOADS
from explainer.story.dates import Point, StoryDate, show_year
from explainer.story.language import foreign_name
from explainer.story.model import (
    ACTOR_KINDS,
    KIND_HEADINGS,
    KIND_LABELS,
    Actor,
    Event,
    Prose,
    Source,
)

STATUS_HELP = {
    "confirmed": "Stated as fact or on the record",
    "reported": "Reported by another outlet, not confirmed",
    "disputed": "Accounts conflict",
}
LATEST_EVENTS_ON_HOME = 5


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def event_path(event_id: str) -> str:
    return f"events/{event_id}.md"


SOURCES_PATH = "sources.md"
#: Up to this many citations in all, the sources fit on one page (well under 150 KB of
#: HTML); beyond, each source gets a page of its own, listed on the sources page.
SOURCES_PAGE_CITATIONS = 400


def source_path(source_id: str) -> str:
    return f"sources/{source_id}.md"


#: Markdown extensions the generated pages rely on (anchors, cards, tables).
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables")
#: The stylesheet the pages rely on, and where it goes in the site.
STYLESHEET = "assets/explainer/explainer.css"
PACKAGE_STYLESHEET = Path(__file__).parent / "assets" / "explainer.css"
TIMELINE_PATH = "timeline.md"


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("explainer.render", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; text is escaped by the `esc` filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["esc"] = escape
    env.filters["url"] = url
    env.filters["excerpt"] = first_paragraph
    env.filters["plain"] = plain_excerpt
    env.filters["meta"] = front_matter_value
    env.filters["page_title"] = front_matter_title
    return env


def front_matter_value(text: str) -> str:
    """A YAML front-matter value for the theme: themes insert page metadata into HTML
    unescaped (<meta content="…">), so it is HTML-escaped first, then quoted for YAML."""
    return json.dumps(html.escape(text, quote=True), ensure_ascii=False)


def front_matter_title(text: str) -> str:
    """A page title for the front matter. Themes put it into <title> through Jinja's
    `striptags`, which turns an escaped "&lt;" back into "<": so a title such as
    "x</title><script>" keeps its angle brackets as look-alike quotation marks instead.
    (The MkDocs plugin does the same for every page; this keeps a build without it, such
    as Zensical's of `explainer export`, just as safe.)"""
    return front_matter_value(look_alike_brackets(text))


def look_alike_brackets(text: str) -> str:
    return text.replace("<", "‹").replace(">", "›")


@dataclass(frozen=True)
class PageLinks:
    """Link helpers for one page: every URL is relative to where that page lives."""

    catalog: Catalog
    linker: NameLinker
    path: str
    #: The site's URL style (MkDocs' use_directory_urls), for links in raw HTML and SVG,
    #: which MkDocs does not rewrite the way it rewrites Markdown links.
    directory_urls: bool = True
    #: Which pages the story gets, and so where its timeline entries and sources are.
    layout: SiteLayout | None = None
    #: Zensical, unlike MkDocs, resolves links in raw HTML from the Markdown file, as it
    #: does Markdown links: then raw HTML gets the same links as Markdown.
    html_links_from_source: bool = False
    #: The page's language (a BCP 47 tag): names in another script are marked as such.
    language: str = "en"

    def href(self, target: str) -> str:
        """The relative URL of `target` (a page path, maybe with #fragment) for raw HTML:
        the final URL from this page's own URL, as the browser needs it."""
        if self.html_links_from_source:
            return self.url(target)
        page, _, fragment = target.partition("#")
        here = posixpath.dirname(page_url(self.path, self.directory_urls)) or "."
        there = page_url(page, self.directory_urls)
        relative = posixpath.relpath(there or ".", here)
        if there.endswith("/") or not there:
            relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{fragment}" if fragment else "")

    def url(self, target: str) -> str:
        page, _, fragment = target.partition("#")
        relative = _relative(page, posixpath.dirname(self.path) or ".") if page else ""
        return relative + (f"#{fragment}" if fragment else "")

    def actor_url(self, actor_id: str) -> str:
        return self.url(actor_path(actor_id))

    def event_target(self, event_id: str) -> str:
        """Where an event is told in full: its own page, or in a very long story its entry
        on its timeline page (a permanent anchor)."""
        if self.layout is None or self.layout.event_pages:
            return event_path(event_id)
        return f"{self.layout.timeline_page[event_id]}#{event_id}"

    def event_url(self, event_id: str) -> str:
        return self.url(self.event_target(event_id))

    def timeline_url(self, event_id: str) -> str:
        page = self.layout.timeline_page.get(event_id) if self.layout else None
        return self.url(f"{page or TIMELINE_PATH}#{event_id}")

    def source_url(self, source_id: str) -> str:
        if self.layout and self.layout.source_pages:
            return self.url(source_path(source_id))
        return self.url(f"{SOURCES_PATH}#{source_id}")

    def name(self, name: str) -> str:
        """A name as Markdown, isolated with its own language and direction when it is
        written in another script than the page's."""
        return display_name(name, self.language)

    def name_attributes(self, name: str) -> str:
        """' lang="ar" dir="rtl"' for an element holding a name in another script than
        the page's; ' dir="auto"' otherwise, so that its own letters decide."""
        foreign = foreign_name(name, self.language)
        return f' lang="{foreign[0]}" dir="{foreign[1]}"' if foreign else ' dir="auto"'

    def actor(self, actor: Actor) -> str:
        return f"[{self.name(actor.name)}]({self.actor_url(actor.id)})"

    def event(self, event: Event) -> str:
        return f"[{escape(event.title)}]({self.event_url(event.id)})"

    def source(self, source: Source) -> str:
        return f"[{escape(source.title)}]({self.source_url(source.id)})"

    def prose(
        self,
        prose: Prose | str | None,
        skip: str | None = None,
        scope: str | None = None,
        under: int = 0,
    ) -> str:
        """Author's Markdown with explicit links resolved and actor names linked. For a
        text that shares its page with others, `scope` gives its reference-style links
        labels of their own, and `under` moves its headings below the page's heading level
        `under` (3: its own headings start at h4)."""
        if prose is None:
            return ""
        text = prose.text if isinstance(prose, Prose) else prose
        if scope is not None:
            text = scope_references(text, scope)
        if under:
            text = demote_headings(text, under)
        text = resolve_links(neutralise_markdown(text), self.target_url)
        return self.linker.link(text, self.actor_url, skip=skip)

    def links_only(self, text: str) -> str:
        """Author's Markdown with explicit links resolved, names left as they are."""
        return resolve_links(neutralise_markdown(text), self.target_url)

    def target_url(self, kind: str, target_id: str) -> str | None:
        if kind == "actor" and target_id in self.catalog.actors:
            return self.actor_url(target_id)
        if kind == "event" and target_id in self.catalog.events:
            return self.event_url(target_id)
        if kind == "source" and target_id in self.catalog.sources:
            return self.source_url(target_id)
        return None


@functools.cache
def _relative(page: str, folder: str) -> str:
    # Pages sit in a handful of folders, so the same few answers serve every link.
    return posixpath.relpath(page, folder)


def page_url(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives the page at `path`: 'actors/hamas.md' → 'actors/hamas/'."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index").removesuffix("index") + "/"


class PageCharts:
    """The pictures for one page (links relative to it), from data computed once."""

    def __init__(self, catalog: Catalog, links: PageLinks, joins: Joins, words: Words):
        self.catalog, self.links, self.joins, self.words = catalog, links, joins, words

    def timeline(self, chart_id: str, title: str, events: tuple[Event, ...] | None = None) -> str:
        return timeline_svg(
            self.catalog.timeline if events is None else events,
            lambda e: self.links.href(self.links.event_target(e.id)),
            chart_id=chart_id,
            title=title,
            words=self.words,
        )

    def periods(self, chart_id: str, title: str, periods: list[Period]) -> str:
        if len(periods) > TIMELINE_INDEX_PERIODS:  # a bar a year, to the year's first page
            bars = [
                (y.label, y.events, self.links.href(y.periods[0].path))
                for y in timeline_years(periods)
            ]
        else:
            bars = [(p.label, len(p.events), self.links.href(p.path)) for p in periods]
        return period_svg(
            bars,
            chart_id=chart_id,
            title=title,
            words=self.words,
        )

    def network(self, chart_id: str, title: str, focus: Actor | None = None) -> Network:
        return network(
            self.catalog,
            self.joins,
            lambda a: self.links.href(actor_path(a.id)),
            chart_id=chart_id,
            title=title,
            focus=focus,
            words=self.words,
            width=720,
            # A big story's network gets taller, so that its labels find room.
            height=400 if focus else max(540, 12 * min(len(self.catalog.actors), MAX_NODES)),
        )

    def icon(self, kind: str) -> str:
        return icon(kind)


def name_linker(catalog: Catalog) -> NameLinker:
    pairs = [(a.name, a.id) for a in catalog.actors.values()]
    pairs += [(alias, a.id) for a in catalog.actors.values() for alias in a.aliases]
    return NameLinker(pairs)


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


#: Up to this many actors, the actors page lists them all (under 150 KB of HTML); beyond,
#: it links to lists of this many at most, one kind at a time, in name order.
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
    if sum(len(actors) for _, actors in groups) <= ACTORS_PAGE_ACTORS:
        return ()
    lists = []
    for kind, actors in groups:
        parts = -(-len(actors) // ACTORS_PAGE_ACTORS)
        size = -(-len(actors) // parts)
        for part in range(parts):
            chunk = tuple(actors[part * size : (part + 1) * size])
            label = words(KIND_HEADINGS[kind])
            if parts > 1:
                label += words(", ") + f"{_initial(chunk[0].name)}–{_initial(chunk[-1].name)}"
            path = f"actors/by-kind/{kind}{f'-{part + 1}' if part else ''}.md"
            lists.append(ActorList(kind, label, path, chunk))
    return tuple(lists)


def _initial(name: str) -> str:
    return name.lstrip()[:1].upper() or "?"


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
    )
    return SiteLayout(
        periods,
        {e.id: p.path for p in periods for e in p.events},
        sum(len(c) for c in catalog.citations.values()) > SOURCES_PAGE_CITATIONS,
        event_pages=event_pages,
        actor_lists=actor_lists(_by_kind(catalog), catalog.story.language),
    )


def render_site(
    catalog: Catalog,
    layout: SiteLayout,
    *,
    directory_urls: bool = True,
    html_links_from_source: bool = False,
) -> dict[str, str]:
    """Every generated page as {path: Markdown}; `layout` is `site_layout(catalog)`.
    `html_links_from_source`: see PageLinks."""
    linker = name_linker(catalog)
    joins = links(catalog)
    env = _environment()
    language = catalog.story.language
    words = words_for(language)

    def date(value: StoryDate) -> str:
        return value.show(language)

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
        "year_text": lambda year: year_text(year, language),
    }

    periods = layout.periods

    def page(path: str, template: str, **context: Any) -> tuple[str, str]:
        links_here = PageLinks(
            catalog,
            linker,
            path,
            directory_urls,
            layout,
            html_links_from_source=html_links_from_source,
            language=language,
        )
        charts = PageCharts(catalog, links_here, joins, words)
        return path, env.get_template(template).render(
            common, link=links_here, charts=charts, **context
        )

    pages = dict(
        [
            page(
                "index.md",
                "home.md.j2",
                latest=catalog.timeline[-LATEST_EVENTS_ON_HOME:][::-1],
                # The compact chart draws every event: only for a story of one timeline page.
                compact_chart=len(catalog.timeline) <= TIMELINE_PAGE_EVENTS,
            ),
            page(
                "actors/index.md",
                "actors.md.j2",
                groups=[] if layout.actor_lists else _by_kind(catalog),
                lists=layout.actor_lists,
            ),
            page(SOURCES_PATH, "sources.md.j2", one_page=not layout.source_pages),
            page(
                "about.md",
                "about.md.j2",
                counts=_counts(catalog, words),
                span=_span(catalog, language),
                downloads=DOWNLOADS,
            ),
        ]
    )
    if periods[0].path == TIMELINE_PATH:  # a small story: one timeline page
        path, text = page(TIMELINE_PATH, "timeline.md.j2", years=_by_year(catalog.timeline))
        pages[path] = text
    else:
        path, text = page(
            TIMELINE_PATH,
            "timeline_index.md.j2",
            periods=periods,
            years=timeline_years(periods) if len(periods) > TIMELINE_INDEX_PERIODS else [],
        )
        pages[path] = text
        for i, period in enumerate(periods):
            path, text = page(
                period.path,
                "timeline_period.md.j2",
                period=period,
                years=_by_year(period.events),
                previous=periods[i - 1] if i else None,
                following=periods[i + 1] if i + 1 < len(periods) else None,
            )
            pages[path] = text
    for i, listed in enumerate(layout.actor_lists):
        path, text = page(
            listed.path,
            "actor_list.md.j2",
            listed=listed,
            previous=layout.actor_lists[i - 1] if i else None,
            following=layout.actor_lists[i + 1] if i + 1 < len(layout.actor_lists) else None,
        )
        pages[path] = text
    if layout.source_pages:
        for source in catalog.sources.values():
            path, text = page(source_path(source.id), "source.md.j2", source=source)
            pages[path] = text
    for actor in catalog.actors.values():
        path, text = page(actor_path(actor.id), "actor.md.j2", actor=actor)
        pages[path] = text
    if layout.event_pages:
        for event in catalog.timeline:
            path, text = page(event_path(event.id), "event.md.j2", event=event)
            pages[path] = text
    return pages


def plural(count: int, noun: str) -> str:
    """English '1 event', '3 events', for the command line's messages."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def year_text(year: int, language: str) -> str:
    """An EDTF year for a reader, in `language`: 2025 → '2025', -43 → '44 BCE'."""
    return show_year(year) if language == "en" else local_year(year, language)


def _counts(catalog: Catalog, words: Words) -> str:
    return words(", ").join(
        words.count(len(table), text)
        for table, text in (
            (catalog.actors, "{count} actors"),
            (catalog.events, "{count} events"),
            (catalog.sources, "{count} sources"),
        )
    )


def _span(catalog: Catalog, language: str) -> str:
    """When the story's events happened, from the earliest point written to the latest."""
    if not catalog.timeline:
        return ""
    words = words_for(language)
    first = min((e.date.first for e in catalog.timeline), key=lambda p: p.earliest)
    last = max((e.date.last for e in catalog.timeline), key=lambda p: p.latest)
    if first == last:
        text = "all in {date}" if first.precision != "day" else "all on {date}"
        return words(text, date=first.show(language=language))
    return words(
        "from {first} to {last}",
        first=first.show(language=language),
        last=last.show(language=language),
    )


#: Up to this many events, the timeline is one page (under 150 KB of HTML); beyond, one
#: page per year, and one per month for a year that has more than this many.
TIMELINE_PAGE_EVENTS = 80
#: The same when timeline pages tell each event in full (a story without event pages).
TIMELINE_PAGE_FULL_EVENTS = 40


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
    timeline: tuple[Event, ...], per_page: int = TIMELINE_PAGE_EVENTS, language: str = "en"
) -> list[Period]:
    """The timeline's pages: one for a small story, else one a year (a month, in a year
    with many events; a month in parts, in a month with very many). An event goes where its
    earliest possible day falls. Labels are in `language`."""
    words = words_for(language)
    if len(timeline) <= per_page:
        return [Period(words("All events"), TIMELINE_PATH, timeline)]
    by_year: dict[int, list[Event]] = {}
    for event in timeline:
        by_year.setdefault(event.date.year, []).append(event)
    periods = []
    for year, events in by_year.items():
        year_label = year_text(year, language)
        if len(events) <= per_page:
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
                Point(year, month).show(language=language)
                if month
                else words("{year}, month not known", year=year_label)
            )
            short = (
                Point(year, month).show(language=language, with_year=False)
                if month
                else words("month not known")
            )
            in_month = by_month[month]
            parts = -(-len(in_month) // per_page)
            if parts == 1:
                periods.append(
                    Period(label, _period_path(year, month), tuple(in_month), year_label, short)
                )
                continue
            # Parts of equal size, in date order; part 1 keeps the month's own address.
            size = -(-len(in_month) // parts)
            for part in range(parts):
                periods.append(
                    Period(
                        words(
                            "{period} (part {part} of {parts})",
                            period=label,
                            part=words.number(part + 1),
                            parts=words.number(parts),
                        ),
                        _period_path(year, month, part + 1),
                        tuple(in_month[part * size : (part + 1) * size]),
                        year_label,
                        words("{period} (part {part})", period=short, part=words.number(part + 1)),
                    )
                )
    return periods


def _period_path(year: int, month: int = 0, part: int = 1) -> str:
    stem = f"{year:04d}" if year >= 0 else f"bce-{-year:04d}"
    month_part = f"-{month:02d}" if month else ""
    return f"timeline/{stem}{month_part}{f'-part-{part}' if part > 1 else ''}.md"


def _by_year(events: tuple[Event, ...]) -> list[tuple[int, list[Event]]]:
    years: list[tuple[int, list[Event]]] = []
    for event in events:
        if not years or years[-1][0] != event.date.year:
            years.append((event.date.year, []))
        years[-1][1].append(event)
    return years


def _by_kind(catalog: Catalog) -> list[tuple[str, list[Actor]]]:
    groups = []
    for kind in ACTOR_KINDS:
        members = sorted(
            (a for a in catalog.actors.values() if a.kind == kind),
            key=lambda a: a.name.casefold(),
        )
        if members:
            groups.append((kind, members))
    return groups
