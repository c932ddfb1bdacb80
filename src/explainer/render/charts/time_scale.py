"""The timeline's axis: days counted across the eras, events grouped into segments with
long empty stretches cut out, a scale from days to x, lanes so that marks never overlap,
and ticks at the finest unit whose labels fit."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explainer.i18n.dates import DateStyle
from explainer.i18n.words import ENGLISH, Words
from explainer.render.charts import svg
from explainer.story.dates import Day, Point, in_zone
from explainer.story.day_count import SECONDS_A_DAY, civil, day_number
from explainer.story.model import Event

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

__all__ = ["civil", "day_number", "segments", "spans", "ticks"]

MARGIN = 18
BREAK_WIDTH = 28
FONT = 12
#: A gap longer than this share of the whole span (and over a month) is cut out.
BREAK_SHARE = 0.3
#: Each segment between breaks gets at least this share of the width.
MIN_SEGMENT_SHARE = 0.12


@dataclass(frozen=True)
class Span:
    """An event's extent in days: [start, end), and how to draw it. A time of day is a
    fraction of its day: 05:40 is 0.236 of a day after its midnight."""

    event: Event
    start: float
    end: float
    shape: str  # "dot", "bar" or "band"


def spans(events: Sequence[Event], zone: ZoneInfo | None = None) -> list[Span]:
    """The events' spans; times of day as the clocks of `zone` (the story's time zone)
    read them, or as written when the story has none."""
    out = []
    for event in events:
        date = event.date
        start: float = day_number(date.earliest)
        end: float = day_number(date.latest) + 1
        first, last = date.first, date.last
        if first.time is not None and (date.start is not None or not date.is_range):
            start = _position(first, zone)
        if last.time is not None and (date.end is not None or not date.is_range):
            end = _position(last, zone) + 1 / 24  # an instant: an hour's width to see
        if date.is_range or date.members:
            shape = "band"
        elif date.start and date.start.precision == "day" and not date.start.approximate:
            shape = "dot"
        else:
            shape = "bar"
        out.append(Span(event, start, max(end, start), shape))
    return out


def _position(point: Point, zone: ZoneInfo | None) -> float:
    local = in_zone(point, zone) if zone is not None else point
    assert local.time is not None
    return day_number(local.earliest) + local.time.seconds / SECONDS_A_DAY


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    members: tuple[Span, ...]

    @property
    def last_tick(self) -> float:
        """Where ticks may go up to: the last day of a segment of whole days (its end is
        the day after), the end itself of one that ends at a time of day."""
        return self.end - 1 if float(self.end).is_integer() else self.end


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

    def x(self, day: float, segment: int) -> float:
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


#: A tick: its day (a fraction of one for an hour) and its label.
Tick = tuple[float, str]


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
Unit = tuple[str, tuple[int, ...], Callable[[float, float, int, Day, TickText], list[Tick]]]


def _hour_ticks(start: float, end: float, step: int, first: Day, text: TickText) -> list[Tick]:
    """Every `step` hours, for a story of a few days told by the hour: '06:00'; the first
    tick and each midnight also say the day ('23 Mar 00:00')."""
    if float(start).is_integer() and float(end).is_integer():
        return []  # whole days: no event has a time of day (see spans)
    if (end - start) * 24 / step > 96:
        return []
    found: list[Tick] = []
    for hour in range(math.ceil(start * 24 / step) * step, math.floor(end * 24) + 1, step):
        day, at = divmod(hour, 24)
        clock = text.number(f"{at:02d}:00")
        if at == 0 or not found:
            clock = f"{_day_label(day, False, text)} {clock}"
        found.append((hour / 24, clock))
    return found


def _day_ticks(start: float, end: float, step: int, first: Day, text: TickText) -> list[Tick]:
    if (end - start) // step > 62:
        return []  # far too many to ever fit
    days = range(math.ceil(start), math.floor(end) + 1, step)
    return [(d, _day_label(d, i == 0, text)) for i, d in enumerate(days)]


def _month_ticks(start: float, end: float, step: int, first: Day, text: TickText) -> list[Tick]:
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


def _year_ticks(start: float, end: float, step: int, first: Day, text: TickText) -> list[Tick]:
    found: list[Tick] = []
    for y in range(first[0], first[0] + int(end - start) // 365 + 2):
        # Round as the reader counts: 50 BCE (astronomical year -49), not 51 BCE (-50).
        if (y if y > 0 else 1 - y) % step == 0 and start <= (day := day_number((y, 1, 1))) <= end:
            found.append((day, text.year(y)))
    return found


UNITS: tuple[Unit, ...] = (
    ("hour", (1, 2, 3, 6, 12), _hour_ticks),
    ("day", (1, 2, 7, 14), _day_ticks),
    ("month", (1, 2, 3, 6), _month_ticks),
    ("year", (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000), _year_ticks),
)


def ticks(
    start: float,
    end: float,
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
    # Hours only where a time of day is known: a stretch of whole days has none.
    whole_days = float(start).is_integer() and float(end).is_integer()
    for name, steps, make in UNITS:
        if name == "hour" and whole_days:
            continue
        for step in steps:
            option = make(start, end, step, first, text)
            if not option:
                continue
            coarsest = option
            spacing = length * step_days(option, start, end)
            if spacing >= max(room(label) for _, label in option):
                return option
    return coarsest[:1]


def step_days(option: Sequence[Tick], start: float, end: float) -> float:
    """The least share of [start, end] between two ticks (or a tick and the end), which
    is where labels are tightest."""
    span = max(end - start, 1)
    if len(option) == 1:
        return 1.0
    gaps = [b - a for (a, _), (b, _) in itertools.pairwise(option)]
    return min(gaps) / span


def _day_label(day: int, with_year: bool, text: TickText) -> str:
    year, month, dom = civil(day)
    return text.number(f"{dom} {text.months[month]}" + (f" {text.year(year)}" if with_year else ""))
