"""The timeline's axis: days counted across the eras, events grouped into segments with
long empty stretches cut out, a scale from days to x, lanes so that marks never overlap,
and ticks at the finest unit whose labels fit."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from explainer.i18n.dates import DateStyle
from explainer.i18n.words import ENGLISH, Words
from explainer.render.charts import svg
from explainer.story.dates import Day
from explainer.story.model import Event

MARGIN = 18
BREAK_WIDTH = 28
FONT = 12
#: A gap longer than this share of the whole span (and over a month) is cut out.
BREAK_SHARE = 0.3
#: Each segment between breaks gets at least this share of the width.
MIN_SEGMENT_SHARE = 0.12


def day_number(day: Day) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar, for any year (BCE too)."""
    year, month, dom = day
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + dom - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


@dataclass(frozen=True)
class Span:
    """An event's extent in days: [start, end), and how to draw it."""

    event: Event
    start: int
    end: int
    shape: str  # "dot", "bar" or "band"


def spans(events: Sequence[Event]) -> list[Span]:
    out = []
    for event in events:
        date = event.date
        start, end = day_number(date.earliest), day_number(date.latest) + 1
        if date.is_range:
            shape = "band"
        elif date.start and date.start.precision == "day" and not date.start.approximate:
            shape = "dot"
        else:
            shape = "bar"
        out.append(Span(event, start, end, shape))
    return out


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    members: tuple[Span, ...]


def segments(items: Sequence[Span]) -> list[Segment]:
    """Group the spans into stretches of time, cutting the long empty gaps between them."""
    if not items:
        return []
    ordered = sorted(items, key=lambda s: (s.start, s.end))
    total = max(s.end for s in ordered) - ordered[0].start
    threshold = max(31, BREAK_SHARE * total)
    groups: list[list[Span]] = [[ordered[0]]]
    reach = ordered[0].end
    for item in ordered[1:]:
        if item.start - reach > threshold:
            groups.append([])
        groups[-1].append(item)
        reach = max(reach, item.end)
    return [Segment(min(s.start for s in g), max(s.end for s in g), tuple(g)) for g in groups]


@dataclass(frozen=True)
class Scale:
    """Maps days to x positions, segment by segment."""

    segments: tuple[Segment, ...]
    lefts: tuple[float, ...]
    widths: tuple[float, ...]

    def x(self, day: int, segment: int) -> float:
        seg = self.segments[segment]
        length = max(seg.end - seg.start, 1)
        return self.lefts[segment] + (day - seg.start) / length * self.widths[segment]


def make_scale(groups: list[Segment], width: float) -> Scale:
    available = width - 2 * MARGIN - BREAK_WIDTH * (len(groups) - 1)
    count = sum(len(g.members) for g in groups)
    shares = [max(len(g.members) / count, MIN_SEGMENT_SHARE) for g in groups]
    widths = [available * s / sum(shares) for s in shares]
    lefts, x = [], float(MARGIN)
    for w in widths:
        lefts.append(x)
        x += w + BREAK_WIDTH
    return Scale(tuple(groups), tuple(lefts), tuple(widths))


def assign_lanes(boxes: list[tuple[float, float]]) -> list[int]:
    """Greedy interval packing: each box goes in the first lane where it fits."""
    lane_ends: list[float] = []
    lanes = []
    for left, right in boxes:
        for i, end in enumerate(lane_ends):
            if left >= end:
                lane_ends[i] = right
                lanes.append(i)
                break
        else:
            lane_ends.append(right)
            lanes.append(len(lane_ends) - 1)
    return lanes


#: A tick: its day and its label.
Tick = tuple[int, str]


@dataclass(frozen=True)
class TickText:
    """What tick labels are written with: numbers, month names and years in the story's
    language."""

    number: Callable[[str], str]
    months: Sequence[str]
    year: Callable[[int], str]


#: A unit of the axis: its name, its steps (every n-th day, month or year), and a function
#: giving the ticks for [start, end] at one step. Finest first: the axis takes the first
#: unit and step whose labels fit. An hour unit for a story of a few days goes first.
Unit = tuple[str, tuple[int, ...], Callable[[int, int, int, Day, TickText], list[Tick]]]


def _day_ticks(start: int, end: int, step: int, first: Day, text: TickText) -> list[Tick]:
    if (end - start) // step > 62:
        return []  # far too many to ever fit
    return [(d, _day_label(d, d == start, text)) for d in range(start, end + 1, step)]


def _month_ticks(start: int, end: int, step: int, first: Day, text: TickText) -> list[Tick]:
    if (end - start) // 30 // step > 400:
        return []
    found: list[Tick] = []
    year, month = first[0], first[1]
    while (day := day_number((year, month, 1))) <= end:
        if day >= start and (month - 1) % step == 0:
            with_year = month == 1 or not found
            found.append((day, text.months[month] + (f" {text.year(year)}" if with_year else "")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _year_ticks(start: int, end: int, step: int, first: Day, text: TickText) -> list[Tick]:
    found = []
    for y in range(first[0], first[0] + (end - start) // 365 + 2):
        # Round as the reader counts: 50 BCE (astronomical year -49), not 51 BCE (-50).
        if (y if y > 0 else 1 - y) % step == 0 and start <= (day := day_number((y, 1, 1))) <= end:
            found.append((day, text.year(y)))
    return found


UNITS: tuple[Unit, ...] = (
    ("day", (1, 2, 7, 14), _day_ticks),
    ("month", (1, 2, 3, 6), _month_ticks),
    ("year", (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000), _year_ticks),
)


def ticks(
    start: int,
    end: int,
    length: float,
    first: Day,
    words: Words = ENGLISH,
    dates: DateStyle | None = None,
    room: Callable[[str], float] | None = None,
) -> list[Tick]:
    """Axis ticks for [start, end] drawn `length` long: the finest unit and step whose
    labels fit, each needing `room(label)` along the axis (by default, its width and a
    gap: an axis across the page). Years and months as `dates` shows them (by default,
    as the pages of `words` do)."""
    dates = dates or DateStyle(words.tag)
    text = TickText(words.number, dates.short_months(), dates.year)
    room = room or (lambda label: svg.text_width(label, FONT) + 10)
    coarsest: list[Tick] = []
    for _name, steps, make in UNITS:
        for step in steps:
            option = make(start, end, step, first, text)
            if not option:
                continue
            coarsest = option
            spacing = length * step_days(option, start, end)
            if spacing >= max(room(label) for _, label in option):
                return option
    return coarsest[:1]


def step_days(option: Sequence[Tick], start: int, end: int) -> float:
    """The least share of [start, end] between two ticks (or a tick and the end), which
    is where labels are tightest."""
    span = max(end - start, 1)
    if len(option) == 1:
        return 1.0
    gaps = [b - a for (a, _), (b, _) in itertools.pairwise(option)]
    return min(gaps) / span


def _day_label(day: int, with_year: bool, text: TickText) -> str:
    year, month, dom = _civil(day)
    return text.number(f"{dom} {text.months[month]}" + (f" {text.year(year)}" if with_year else ""))


def _civil(day: int) -> Day:
    """Inverse of day_number (Howard Hinnant's civil_from_days)."""
    z = day + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    dom = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return (yoe + era * 400 + (month <= 2), month, dom)
