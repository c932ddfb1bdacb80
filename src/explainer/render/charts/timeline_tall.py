"""The timeline for narrow screens: time runs down the page, marks sit in columns beside
the axis and their labels beside them, so that the chart fits a phone's width at full
size (the stylesheet shows it below a width and the wide drawing above).

Down the page there is room to spare, so each event gets a slot of its own: the axis is
proportional to time plus a fixed step for each event before a day, so that a busy week
is drawn taller than a quiet one and events of the same day do not overlap. The axis still
runs one way (later is always lower), and its ticks are placed by the same function as the
marks, so each mark stays between the ticks of its dates.
"""

from __future__ import annotations

import bisect

from explainer.render.charts import svg
from explainer.render.charts.time_scale import (
    FONT,
    MIN_SEGMENT_SHARE,
    Segment,
    Span,
    assign_lanes,
    ticks,
)
from explainer.render.charts.timeline_chart import Chart, band_ends, open_ends
from explainer.render.charts.timeline_labels import GAP, place_down

num = svg.num

#: The drawing's width, at which it is shown 1:1 on a 360px phone (so 12px text is 12px).
TALL_WIDTH = 320
#: The proportional part of the axis, shared among its segments.
TIME_LENGTH = 240.0
#: Each event's own step of the axis, and the least it may shrink to in a very long
#: chart (where then not every label fits, and the chart says how many have none).
SLOT, MIN_SLOT = 34.0, 6.0
#: The steps of all events together are at most this long.
MAX_STEPS = 1600.0
BREAK = 28.0
COLUMN = 14.0
#: A line of a label, and how many lines a title may take.
LINE, LABEL_LINES = 15.0, 2
TOP = 10.0


class _Axis:
    """Days to y, segment by segment: proportional, plus `slot` per event started before."""

    def __init__(self, groups: list[Segment], slot: float):
        count = sum(len(g.members) for g in groups)
        shares = [max(len(g.members) / count, MIN_SEGMENT_SHARE) for g in groups]
        self.groups, self.slot = groups, slot
        self.lengths = [TIME_LENGTH * s / sum(shares) for s in shares]
        self.starts = [sorted(s.start for s in g.members) for g in groups]
        self.tops: list[float] = []
        y = TOP
        for i, g in enumerate(groups):
            self.tops.append(y)
            y = self.y(g.end, i) + BREAK
        self.bottom = y - BREAK

    def per_day(self, i: int) -> float:
        seg = self.groups[i]
        return self.lengths[i] / max(seg.end - seg.start, 1)

    def y(self, day: float, i: int) -> float:
        seg = self.groups[i]
        before = bisect.bisect_left(self.starts[i], day)
        return self.tops[i] + self.per_day(i) * (day - seg.start) + self.slot * before


def tall_svg(chart: Chart, chart_id: str, title: str, named_by: str) -> str:
    """The drawing down the page; its marks' links are named by the wide drawing's
    (`named_by`: its chart id), which is in the same page."""
    items, words, dates = chart.items, chart.words, chart.dates
    groups = chart.groups
    slot = max(MIN_SLOT, min(SLOT, MAX_STEPS / len(items)))
    axis = _Axis(groups, slot)
    spans: list[Span] = []
    extents: list[tuple[float, float, float]] = []  # top, centre, bottom of each mark
    for i, seg in enumerate(groups):
        same_day: dict[float, int] = {}
        for item in seg.members:
            k = same_day[item.start] = same_day.get(item.start, -1) + 1
            centre = axis.y(item.start, i) + k * slot + slot / 2
            top, bottom = centre - 5, max(axis.y(item.end, i) - 2, centre + 5)
            if item.shape == "band":
                top, bottom = band_ends(
                    item.event.date, top, bottom, axis.tops[i], axis.y(seg.end, i)
                )
            if item.shape == "dot":
                top, bottom = centre - 6, centre + 6
            spans.append(item)
            extents.append((top, centre, bottom))
    order = sorted(range(len(spans)), key=lambda i: extents[i][0])
    packed = assign_lanes([(extents[i][0] - 1, extents[i][2] + 1) for i in order])
    columns = [0] * len(spans)
    for i, column in zip(order, packed, strict=True):
        columns[i] = column

    tick_sets = []
    for i, seg in enumerate(groups):
        first_day = min(seg.members, key=lambda s: s.start).event.date.earliest
        length = axis.per_day(i) * max(seg.end - seg.start, 1)
        found = ticks(seg.start, seg.last_tick, length, first_day, words, dates, lambda _: LINE)
        tick_sets.append(found)
    gutter = 8 + max(
        (svg.text_width(label, FONT) for found in tick_sets for _, label in found), default=0
    )
    axis_x = gutter + 4
    marks_x = axis_x + 8
    # Each label starts right of its own mark, or right of any other mark beside any of
    # the lines it may take.
    starts = []
    for i, (_, centre, _) in enumerate(extents):
        first = centre - LINE / 2
        beside = [
            columns[j]
            for j, (top, _, bottom) in enumerate(extents)
            if top < first + LABEL_LINES * LINE and bottom > first
        ]
        starts.append(marks_x + (max([columns[i], *beside]) + 1) * COLUMN + GAP)
    labels = place_down(
        [e[1] for e in extents],
        [s.event.title for s in spans],
        chart.order(spans),
        room=[TALL_WIDTH - x - GAP for x in starts],
        line=LINE,
        font=FONT,
        lines=LABEL_LINES,
    )
    unlabelled = labels.count([])
    height = axis.bottom + 12 + (LINE + 4 if unlabelled else 0)

    out = svg.opening(
        chart_id, "xp-timeline xp-timeline--tall", TALL_WIDTH, num(height), title, chart.description
    )
    for i, seg in enumerate(groups):
        top, bottom = axis.tops[i], axis.y(seg.end, i)
        out.append(
            f'<line class="xp-axis" x1="{num(axis_x)}" y1="{num(top)}" '
            f'x2="{num(axis_x)}" y2="{num(bottom)}"/>'
        )
        for day, label in tick_sets[i]:
            y = axis.y(day, i)
            out.append(
                f'<line class="xp-tick" x1="{num(axis_x - 5)}" y1="{num(y)}" '
                f'x2="{num(axis_x)}" y2="{num(y)}"/>'
                f'<text class="xp-tick-label" x="{num(axis_x - 8)}" y="{num(y + 4)}"'
                f"{svg.anchored(label, 'end')}>{svg.text(label)}</text>"
            )
        if i > 0:
            y = top - BREAK / 2
            out.append(
                f'<path class="xp-break" d="M{num(axis_x - 5)} {num(y - 3)}l10 -6'
                f'M{num(axis_x - 5)} {num(y + 3)}l10 -6"/>'
            )
    for span, (top, centre, bottom), column, label_lines, label_x in zip(
        spans, extents, columns, labels, starts, strict=True
    ):
        x = marks_x + column * COLUMN + COLUMN / 2
        if span.shape == "dot":
            shape = (
                f'<circle {chart.mark_class(span.event)} cx="{num(x)}" cy="{num(centre)}" r="5"/>'
            )
        else:
            cls = (
                f'class="xp-band{open_ends(span.event)} xp-status-{span.event.status}"'
                if span.shape == "band"
                else chart.mark_class(span.event)
            )
            shape = (
                f'<rect {cls} x="{num(x - 5)}" y="{num(top)}" width="10" '
                f'height="{num(bottom - top)}" rx="5"/>'
            )
        text = "".join(
            f'<text class="xp-mark-label" x="{num(label_x)}" y="{num(centre + 4 + k * LINE)}"'
            f"{svg.anchored(part)}>{svg.text(part)}</text>"
            for k, part in enumerate(label_lines)
        )
        out.append(chart.link_open(span.event, chart_id, named_by) + shape + text + "</a>")
    if unlabelled:
        out.append(
            f'<text class="xp-unlabelled" x="4" y="{num(height - 6)}">'
            f"{svg.text(chart.unlabelled(unlabelled))}</text>"
        )
    out.append("</svg>")
    return "".join(out)
