"""Which marks of the timeline carry a visible label, and where it goes.

Every mark may carry its event's title, shortened at a word boundary when it must be; no
label may overlap another label or a mark. When not all fit, the most important events
keep theirs (`priority`), and the chart says how many marks have none. Widths are
estimated from the characters alone (svg.text_width), so the same story always gives the
same picture, without a browser.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from explainer.render.charts import svg
from explainer.story.model import Event

#: Room between a mark and its label, and around each label.
GAP = 4
#: A label shortened below this many pixels says too little to be worth its room.
MIN_LABEL = 40
_STATUS_RANK = {"confirmed": 0, "reported": 1, "disputed": 2}


def priority(event: Event, extent: float, key_actors: Collection[str]) -> tuple[object, ...]:
    """The order in which marks claim room for their labels, the most important first:

    1. events in which one of the story's key actors takes part;
    2. confirmed, then reported, then disputed events (what is known before what is said);
    3. longer before shorter (`extent` in days: a period, then a month, then a day), since
       a long mark is the harder one to tell apart without its words;
    4. earlier before later, then by id, so that the same story gives the same chart."""
    key = any(p.actor.id in key_actors for p in event.participants)
    return (
        not key,
        _STATUS_RANK.get(event.status, 3),
        -extent,
        event.date.sort_key,
        event.id,
    )


class Lanes:
    """The stretches taken in each lane along the time axis, kept sorted so that asking
    whether a stretch is free costs a binary search."""

    def __init__(self) -> None:
        self._starts: list[list[float]] = []
        self._ends: list[list[float]] = []

    def _lane(self, lane: int) -> tuple[list[float], list[float]]:
        while len(self._starts) <= lane:
            self._starts.append([])
            self._ends.append([])
        return self._starts[lane], self._ends[lane]

    def free(self, lane: int, a: float, b: float) -> bool:
        starts, ends = self._lane(lane)
        i = bisect.bisect_left(starts, a)
        return (i == 0 or ends[i - 1] <= a) and (i == len(starts) or starts[i] >= b)

    def room(self, lane: int, a: float, b: float, after: bool, limit: float) -> float:
        """How far a label may reach from `b` onwards (`after`) or from `a` backwards,
        up to `limit`, before it meets something taken in `lane`."""
        starts, ends = self._lane(lane)
        if after:
            i = bisect.bisect_left(starts, b)
            return (min(starts[i], limit) if i < len(starts) else limit) - b
        i = bisect.bisect_right(ends, a)
        return a - (max(ends[i - 1], limit) if i > 0 else limit)

    def take(self, lane: int, a: float, b: float) -> None:
        starts, ends = self._lane(lane)
        i = bisect.bisect_left(starts, a)
        starts.insert(i, a)
        ends.insert(i, b)

    @property
    def count(self) -> int:
        return len([s for s in self._starts if s])


@dataclass(frozen=True)
class Placed:
    """A mark's lane, and its label: its text ("" for none), and on which side of the
    mark it reads ("after": right of it, "before": left of it)."""

    lane: int
    text: str = ""
    side: str = "after"


def place_across(
    extents: Sequence[tuple[float, float]],
    titles: Sequence[str],
    order: Sequence[int],
    *,
    lo: float,
    hi: float,
    max_lanes: int,
    font: float,
) -> list[Placed]:
    """Lanes and labels for marks along a horizontal axis: mark i spans `extents[i]` in
    x, its label goes on its own lane right of it (left of it near the chart's end).

    Marks are placed in `order` (priority first). Each takes, among the first `max_lanes`
    lanes, one where its whole title fits, else one where the longest shortened title
    does; failing both, the first lane where the mark itself fits, unlabelled."""
    lanes = Lanes()
    placed: dict[int, Placed] = {}
    for i in order:
        left, right = extents[i][0] - 1, extents[i][1] + 1
        whole = svg.text_width(titles[i], font)
        least = min(MIN_LABEL, whole)
        best: tuple[float, Placed] | None = None
        for lane in range(max_lanes):
            if not lanes.free(lane, left, right):
                continue
            for side in ("after", "before"):
                after = side == "after"
                edge = hi if after else lo
                room = lanes.room(lane, left, right, after, edge) - 2 * GAP
                if best is not None and whole > room and best[0] > room + 1:
                    # The title is shortened to fit `room` here: no wider than the label
                    # found already (1px spares the sums' rounding), so it cannot win.
                    continue
                text = svg.shorten(titles[i], room, font)
                width = svg.text_width(text, font)
                if not text or width < least:
                    continue
                score = width + (1e6 if text == titles[i] else 0)
                if best is None or score > best[0]:
                    best = (score, Placed(lane, text, side))
            if best is not None and best[0] >= 1e6:
                break  # the whole title fits: the lowest such lane
        if best is not None:
            found = best[1]
            width = svg.text_width(found.text, font) + 2 * GAP
            a, b = (left, right + width) if found.side == "after" else (left - width, right)
            lanes.take(found.lane, a, b)
            placed[i] = found
            continue
        lane = 0
        while not lanes.free(lane, left, right):
            lane += 1
        lanes.take(lane, left, right)
        placed[i] = Placed(lane)
    return [placed[i] for i in range(len(extents))]


def place_down(
    rows: Sequence[float],
    titles: Sequence[str],
    order: Sequence[int],
    *,
    room: Sequence[float],
    line: float,
    font: float,
    lines: int = 2,
) -> list[list[str]]:
    """Labels beside the marks of a vertical axis: mark i's label starts on a line
    centred on `rows[i]`, each line `line` high and at most `room[i]` wide, clear of
    every mark; a long title wraps onto up to `lines` lines where they are free, else
    takes one, shortened. Placed in `order` (priority first); a label that would overlap
    one placed before (wherever across) is left out ([])."""
    taken = Lanes()
    labels: list[list[str]] = [[] for _ in rows]
    for i in order:
        top = rows[i] - line / 2
        for text in (
            svg.wrap(titles[i], room[i], font, lines),
            svg.wrap(titles[i], room[i], font, 1),
        ):
            bottom = top + line * len(text) + GAP  # a little room between two labels
            if text and taken.free(0, top, bottom):
                taken.take(0, top, bottom)
                labels[i] = text
                break
    return labels
