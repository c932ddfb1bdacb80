"""What the two drawings of a timeline share: its events as spans, the order in which
their labels claim room, each mark's shape and link, and the words that describe it."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence

from explainer.i18n.dates import DateStyle
from explainer.i18n.words import Words
from explainer.render.charts import svg
from explainer.render.charts.time_scale import Segment, Span, segments
from explainer.render.charts.timeline_labels import priority
from explainer.story.dates import StoryDate
from explainer.story.model import Event

num = svg.num


class Chart:
    """One timeline's events and how to word and link them, for either drawing."""

    def __init__(
        self,
        items: Sequence[Span],
        url_for: Callable[[Event], str],
        words: Words,
        dates: DateStyle,
        key_actors: Collection[str],
        colour_of: Callable[[Event], str | None] = lambda event: None,
    ):
        self.items, self.url_for, self.words, self.dates = items, url_for, words, dates
        self.key_actors = frozenset(key_actors)
        self.colour_of = colour_of
        #: Each event's link, worked out once for both drawings.
        self._hrefs: dict[str, str] = {}
        #: Each item's rank by `priority`, by its id (the chart holds every item).
        self._priorities: dict[int, tuple[object, ...]] = {}

    def order(self, marks: Sequence[Span]) -> list[int]:
        """Indices of `marks`, the one whose label matters most first."""
        return sorted(range(len(marks)), key=lambda i: self._priority(marks[i]))

    def _priority(self, mark: Span) -> tuple[object, ...]:
        # Both drawings order the same spans (the chart's items): each is ranked once.
        found = self._priorities.get(id(mark))
        if found is None:
            extent = mark.end - mark.start
            found = self._priorities[id(mark)] = priority(mark.event, extent, self.key_actors)
        return found

    @functools.cached_property
    def groups(self) -> list[Segment]:
        """The stretches of time both drawings show, cut where nothing happens for long."""
        return segments(self.items)

    @functools.cached_property
    def description(self) -> str:
        """What the chart shows, in words: the same for both drawings."""
        words, items = self.words, self.items
        breaks = len(self.groups) - 1
        first = min((i.event.date for i in items), key=lambda d: d.sort_key)
        last = max((i.event.date for i in items), key=lambda d: d.sort_key[::-1])
        return (
            words(
                "{events} from {first} to {last}. Dots are events known to the day, bars are "
                "events known only to the month or year or approximately, bands are periods. A "
                "band with a dashed edge is less certain: a set of possible dates, a period "
                "still going on (to the axis's end) or one whose other end is not known (a "
                "short stub).",
                events=words.count(len(items), "{count} events"),
                first=self.dates.date(first),
                last=self.dates.date(last),
            )
            + (
                " "
                + words.count(
                    breaks, "The axis is cut {count} times where nothing happened for a long time."
                )
                if breaks
                else ""
            )
            + " "
            + words("Each mark links to its event; the list below gives the same events as text.")
        )

    def unlabelled(self, count: int) -> str:
        return self.words.count(count, "{count} marks unlabelled: the list below has every event")

    def link_open(self, event: Event, chart_id: str, named_by: str | None = None) -> str:
        """The opening of a mark's link. In the wide drawing, its name (the event's full
        title and date) is its <title>, which is also the tooltip where a pointer can
        hover; the phone's drawing names its link by that same <title> (`named_by`: the
        wide drawing's chart id), found even while hidden, rather than by a second copy:
        a page of long titles is lighter by one title a mark."""
        # data-event: the timeline's filters (filters.js) show the marks of the events shown.
        href = self._hrefs.get(event.id)
        if href is None:
            href = self._hrefs[event.id] = svg.attr(self.url_for(event))
        opening = f'<a href="{href}" data-event="{event.id}"'
        if named_by is not None:
            return opening + f' aria-labelledby="{named_by}_e_{event.id}">'
        label = self.words("{title}, {date}", title=event.title, date=self.dates.date(event.date))
        return opening + f'><title id="{chart_id}_e_{event.id}">{svg.text(label)}</title>'

    def mark_class(self, event: Event, base: str = "xp-mark") -> str:
        """A mark's class (and colour, for an event whose tag has one: the stylesheet
        paints tagged marks in currentColor, so no style attribute is needed)."""
        colour = self.colour_of(event)
        if colour:
            return (
                f'class="{base} xp-mark--tagged xp-status-{event.status}" '
                f'color="{svg.attr(colour)}"'
            )
        return f'class="{base} xp-status-{event.status}"'

    def mark_shape(self, mark: Span, left: float, right: float, y: float) -> str:
        """A dot (known to the day) or a bar (known less precisely) across, centred on y."""
        cls = self.mark_class(mark.event)
        if mark.shape == "dot":
            return f'<circle {cls} cx="{num((left + right) / 2)}" cy="{num(y)}" r="5"/>'
        return (
            f'<rect {cls} x="{num(left)}" y="{num(y - 5)}" '
            f'width="{num(right - left)}" height="10" rx="5"/>'
        )


#: How far a band reaches past its known end when the other end is not known (EDTF's
#: "1985/"): a stub, where an open end ("1985/..", still going on) reaches the axis's end.
UNKNOWN_STUB = 24.0


def band_ends(
    date: StoryDate, low: float, high: float, axis_low: float, axis_high: float
) -> tuple[float, float]:
    """A band's two ends along the axis: an open end reaches the axis's end (it goes on),
    an unknown one only a stub past the known end."""
    if date.start is None and date.is_range:
        low = max(axis_low, low - UNKNOWN_STUB) if date.unknown_start else axis_low
    if date.end is None and date.is_range:
        high = min(axis_high, low + UNKNOWN_STUB) if date.unknown_end else axis_high
    return low, high


def open_ends(event: Event) -> str:
    """Classes for a band whose start or end is open (drawn fading out) or not known
    (dotted), or a set of dates, one or all of them (drawn as uncertain)."""
    date = event.date
    classes = ""
    for end, unknown, side in (
        (date.start, date.unknown_start, "start"),
        (date.end, date.unknown_end, "end"),
    ):
        if end is None and date.is_range:
            classes += f" xp-band--{'unknown' if unknown else 'open'}-{side}"
    return classes + (" xp-band--uncertain" if date.members else "")
