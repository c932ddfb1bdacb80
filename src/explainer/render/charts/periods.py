"""The index chart of a long timeline: a bar per page (or per year) whose height is its
number of events, its years along the axis, and its busiest bars named above them, so
that a reader sees at a glance when the story was busiest and where to go."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

from explainer.i18n.words import ENGLISH, Words
from explainer.render.charts import svg
from explainer.render.charts.time_scale import FONT, MARGIN
from explainer.render.charts.timeline_labels import GAP, Lanes

num = svg.num

WIDTH, HEIGHT, AXIS = 720, 220, 170
#: Rows above the bars for the names of the busiest ones.
CALLOUT_ROWS = 2
CALLOUT_ROW = 16.0
#: At most this many of the busiest bars are named.
BUSIEST = 6


class Bar(NamedTuple):
    label: str
    events: int
    url: str
    #: The year the bar falls in, as the axis shows it.
    year: str


def period_svg(periods: Sequence[Bar], *, chart_id: str, title: str, words: Words = ENGLISH) -> str:
    """A bar per page of the timeline (or per year), for big stories."""
    if not periods:
        return ""
    slot = (WIDTH - 2 * MARGIN) / len(periods)
    top = 6 + CALLOUT_ROWS * CALLOUT_ROW
    tallest = max(p.events for p in periods) or 1
    centres = [MARGIN + (i + 0.5) * slot for i in range(len(periods))]
    bars = [max(2.0, (AXIS - top - 6) * p.events / tallest) for p in periods]
    classes = "xp-timeline xp-timeline--wide xp-periods"
    out = [
        *svg.opening(chart_id, classes, WIDTH, HEIGHT, title, _description(periods, words)),
        f'<line class="xp-axis" x1="{MARGIN}" y1="{AXIS}" x2="{WIDTH - MARGIN}" y2="{AXIS}"/>',
    ]
    for period, x, bar in zip(periods, centres, bars, strict=True):
        name = _told(period, words)
        out.append(
            f'<a href="{svg.attr(period.url)}" aria-label="{svg.attr(name)}">'
            f"<title>{svg.text(name)}</title>"
            f'<rect class="xp-mark xp-status-confirmed" x="{num(x - slot * 0.35)}" '
            f'y="{num(AXIS - bar)}" width="{num(max(slot * 0.7, 2))}" height="{num(bar)}"/></a>'
        )
    out += _years(periods, centres, slot)
    out += _busiest(periods, centres, bars, words, top)
    out.append("</svg>")
    return "".join(out) + _tall(periods, f"{chart_id}_tall", title, words)


def _description(periods: Sequence[Bar], words: Words) -> str:
    return words(
        "{events} on {pages} pages, from {first} to {last}; each bar links to its "
        "page, and the list below has them all.",
        events=words.count(sum(p.events for p in periods), "{count} events"),
        pages=words.number(len(periods)),
        first=periods[0].label,
        last=periods[-1].label,
    )


#: The phone's drawing: as wide as the timeline's, a row per bar.
TALL_WIDTH, ROW = 320, 20.0


def _tall(periods: Sequence[Bar], chart_id: str, title: str, words: Words) -> str:
    """For phones: a row per bar, its period's name, a bar across as long as its count
    and the count written after it, so that every bar is named at a readable size."""
    names = [svg.shorten(p.label, 120, FONT) or p.year for p in periods]
    room = min(120.0, max(svg.text_width(n, FONT) for n in names)) + GAP
    counts = [words.number(p.events) for p in periods]
    longest = TALL_WIDTH - room - GAP - max(svg.text_width(c, FONT) for c in counts) - 8
    tallest = max(p.events for p in periods) or 1
    height = len(periods) * ROW + 8
    classes = "xp-timeline xp-timeline--tall xp-periods"
    description = _description(periods, words)
    out = svg.opening(chart_id, classes, TALL_WIDTH, num(height), title, description)
    for i, (period, name, count) in enumerate(zip(periods, names, counts, strict=True)):
        y = 4 + i * ROW
        bar = max(2.0, longest * period.events / tallest)
        label = _told(period, words)
        out.append(
            f'<a href="{svg.attr(period.url)}" aria-label="{svg.attr(label)}">'
            f'<text class="xp-tick-label" x="{num(room - GAP)}" y="{num(y + 13)}"'
            f"{svg.anchored(name, 'end')}>{svg.text(name)}</text>"
            f'<rect class="xp-mark xp-status-confirmed" x="{num(room)}" y="{num(y + 3)}" '
            f'width="{num(bar)}" height="12"/>'
            f'<text class="xp-callout" x="{num(room + bar + GAP)}" y="{num(y + 13)}">'
            f"{svg.text(count)}</text></a>"
        )
    out.append("</svg>")
    return "".join(out)


def _years(periods: Sequence[Bar], centres: Sequence[float], slot: float) -> list[str]:
    """A tick where each year starts and its label, every year if they fit, else every
    second, fifth, tenth… year (the first always)."""
    starts = [i for i, p in enumerate(periods) if i == 0 or p.year != periods[i - 1].year]
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        chosen = starts[::step]
        boxes = []
        for i in chosen:
            half = svg.text_width(periods[i].year, FONT) / 2 + GAP
            x = min(max(centres[i], half), WIDTH - half)
            boxes.append((i, x, x - half, x + half))
        if all(a[3] <= b[2] for a, b in itertools.pairwise(boxes)):
            break
    out = []
    for i, x, _, _ in boxes:
        left = centres[i] - slot / 2
        out.append(
            f'<line class="xp-tick" x1="{num(left)}" y1="{AXIS}" x2="{num(left)}" '
            f'y2="{AXIS + 5}"/><text class="xp-tick-label" x="{num(x)}" y="{AXIS + 18}"'
            f"{svg.anchored(periods[i].year, 'middle')}>{svg.text(periods[i].year)}</text>"
        )
    return out


def _busiest(
    periods: Sequence[Bar],
    centres: Sequence[float],
    bars: Sequence[float],
    words: Words,
    top: float,
) -> list[str]:
    """The busiest bars' names and counts, above the bars, with a line down to each:
    the busiest first, each on the first row where it overlaps no name placed before (one
    that finds none goes unnamed rather than give its place to a quieter bar)."""
    lanes = Lanes()
    out = []
    ranked = sorted(range(len(periods)), key=lambda i: (-periods[i].events, i))
    for i in ranked[:BUSIEST]:  # the busiest; one that finds no room goes unnamed
        if periods[i].events == 0:
            break
        text = words(
            "{period}: {events}",
            period=periods[i].label,
            events=words.count(periods[i].events, "{count} events"),
        )
        half = svg.text_width(text, FONT) / 2 + GAP
        x = min(max(centres[i], half), WIDTH - half)
        row = next((r for r in range(CALLOUT_ROWS) if lanes.free(r, x - half, x + half)), None)
        if row is None:
            continue
        lanes.take(row, x - half, x + half)
        y = 4 + (row + 1) * CALLOUT_ROW - 4
        out.append(
            f'<line class="xp-leader" x1="{num(centres[i])}" y1="{num(y + 4)}" '
            f'x2="{num(centres[i])}" y2="{num(AXIS - bars[i] - 2)}"/>'
            f'<text class="xp-callout" x="{num(x)}" y="{num(y)}"'
            f"{svg.anchored(text, 'middle')}>{svg.text(text)}</text>"
        )
    return out


def _told(period: Bar, words: Words) -> str:
    """A bar's accessible name, the same in both drawings: "March 2025: 12 events"."""
    return words(
        "{period}: {events}",
        period=period.label,
        events=words.count(period.events, "{count} events"),
    )
