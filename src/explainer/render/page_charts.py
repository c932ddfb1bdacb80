"""The pictures a page's template asks for (charts.timeline, charts.network, charts.map…),
drawn with links relative to that page, and recorded as the page's reads so that it is
rendered again when what they show changes (render/reuse.py)."""

from __future__ import annotations

from explainer.catalog.crossref import Catalog
from explainer.i18n.dates import DateStyle
from explainer.i18n.words import Words
from explainer.render.charts.maps import Place, anchor, map_svg, places
from explainer.render.charts.network import MAX_NODES, Joins, Network, network
from explainer.render.charts.network_draw import icon
from explainer.render.charts.periods import Bar, period_svg
from explainer.render.charts.timeline import timeline_svg
from explainer.site.layout import (
    MAP_PATH,
    TIMELINE_INDEX_PERIODS,
    Period,
    actor_path,
    timeline_years,
)
from explainer.site.urls import PageLinks
from explainer.story.model import Actor, Event

LOCATOR_WIDTH = 480


class PageCharts:
    """The pictures for one page (links relative to it), from data computed once."""

    def __init__(
        self, catalog: Catalog, links: PageLinks, joins: Joins, words: Words, dates: DateStyle
    ):
        self.catalog, self.links, self.joins, self.words = catalog, links, joins, words
        self.dates = dates
        self.reads = links.reads

    def _read(self, *read: str) -> None:
        if self.reads is not None:
            self.reads.add(read)

    def timeline(
        self,
        chart_id: str,
        title: str,
        events: tuple[Event, ...] | None = None,
        colour: str | None = None,
    ) -> str:
        """The chart of `events` (every event by default); a mark takes `colour`, or else
        the colour of the first of its event's tags that has one."""
        if events is None:
            self._read("whole", "timeline")
        # Their events keep their labels first: the chart reads their ids, not names.
        self._read("derived", "key_actor_ids")
        shown = self.catalog.timeline if events is None else events
        for event in shown if colour is None else ():
            self._read("index", "event_tags", event.id)
        return timeline_svg(
            shown,
            lambda e: self.links.href(self.links.event_target(e.id)),
            colour_of=(lambda e: colour) if colour else self._tag_colour,
            chart_id=chart_id,
            title=title,
            words=self.words,
            dates=self.dates,
            key_actors=[a.id for a in self.catalog.key_actors],
        )

    def _tag_colour(self, event: Event) -> str | None:
        tags = self.catalog.event_tags.get(event.id, ())
        return next((tag.colour for tag in tags if tag.colour), None)

    def periods(self, chart_id: str, title: str, periods: list[Period]) -> str:
        if len(periods) > TIMELINE_INDEX_PERIODS:  # a bar a year, to the year's first page
            bars = [
                Bar(y.label, y.events, self.links.href(y.periods[0].path), y.label)
                for y in timeline_years(periods)
            ]
        else:
            bars = [
                Bar(p.label, len(p.events), self.links.href(p.path), p.year or p.label)
                for p in periods
            ]
        return period_svg(
            bars,
            chart_id=chart_id,
            title=title,
            words=self.words,
        )

    def network(self, chart_id: str, title: str, focus: Actor | None = None) -> Network:
        # Drawn from every actor and from who is joined to whom.
        self._read("whole", "actors")
        self._read("derived", "joins")
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

    def places(self) -> list[Place]:
        """The story's places, each with the events that happened there."""
        self._read("whole", "timeline")
        return places(self.catalog.timeline, self.words)

    def map(self, chart_id: str, title: str, shown: list[Place]) -> str:
        """The map of `shown`: a place of one event links to it, a place of several to
        its row in the table of places on the same page."""
        located = sum(len(p.events) for p in shown)
        return map_svg(
            shown,
            lambda p: (
                self.links.href(self.links.event_target(p.events[0].id))
                if len(p.events) == 1
                else f"#{p.anchor}"
            ),
            chart_id=chart_id,
            title=title,
            description=self.words(
                "{places} where {events} happened. A bigger mark is a place with more "
                "events. A place of one event links to it, a place of several to its row in "
                "the table of places below, which lists the same places as text.",
                places=self.words.count(len(shown), "{count} places"),
                events=self.words.count(located, "{count} events"),
            ),
            words=self.words,
        )

    def locator(self, chart_id: str, event: Event) -> str:
        """Where `event` happened, in its region, the world in an inset; the mark links
        to the place on the story's map."""
        (place,) = places([event], self.words)
        return self._locator(
            chart_id,
            place,
            self.links.href(f"{MAP_PATH}#{place.anchor}"),
            self.words("Where it happened: {place}", place=place.name),
            self.words("The mark links to the place on the map of the whole story."),
        )

    def base(self, chart_id: str, actor: Actor) -> str:
        """Where `actor` is based, in its region (the mark is no link: the story's map
        is of events)."""
        assert actor.location is not None
        place = Place(anchor(actor.location), actor.name, actor.location, ())
        return self._locator(
            chart_id, place, None, self.words("Where {name} is based", name=actor.name), ""
        )

    def _locator(
        self, chart_id: str, place: Place, href: str | None, title: str, links: str
    ) -> str:
        described = self.words(
            "A map of the region around {place}, with the whole world in a corner.",
            place=place.name,
        )
        return map_svg(
            [place],
            lambda p: href,
            chart_id=chart_id,
            title=title,
            description=f"{described} {links}".strip(),
            words=self.words,
            # Narrower than the other pictures: it fits a phone's screen whole, with its
            # labels still readable, where a wider one would scroll its place out of view.
            width=LOCATOR_WIDTH,
            height=270,
            least=0.5,
        )
