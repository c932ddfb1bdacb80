"""The timeline as a picture: a static, accessible SVG drawn at build time.

Each event is a mark at its date that shows how precisely the date is known: a day is a
dot, a month, a year or an approximate date is a bar over all the days it may be, and a
range (the first phase of a ceasefire) is a labelled band over the period. Each mark links
to its event. Long empty stretches (1997 … 2025) are cut out with a visible break in the
axis, so that recent events are not squashed together. Nothing here runs in the browser.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from explainer.i18n.dates import DateStyle
from explainer.i18n.words import ENGLISH, Words
from explainer.render.charts import svg
from explainer.render.charts.time_scale import (
    BREAK_WIDTH,
    FONT,
    MARGIN,
    Span,
    assign_lanes,
    make_scale,
    spans,
    ticks,
)
from explainer.render.charts.timeline_chart import Chart, band_ends, open_ends
from explainer.render.charts.timeline_labels import GAP, place_across
from explainer.render.charts.timeline_tall import tall_svg
from explainer.story.model import Event

WIDTH = 720
BAND_HEIGHT = 20
#: A lane holds a mark and the label beside it (12px text) with room between lanes.
LANE_HEIGHT = 18
AXIS_HEIGHT = 34
#: The wide chart grows at most this many lanes for labelled marks; further marks go
#: unlabelled into any lane where they fit.
MAX_LABEL_LANES = 12


def timeline_svg(
    events: Sequence[Event],
    url_for: Callable[[Event], str],
    *,
    chart_id: str,
    title: str,
    words: Words = ENGLISH,
    width: int = WIDTH,
    dates: DateStyle | None = None,
    key_actors: Collection[str] = (),
    colour_of: Callable[[Event], str | None] = lambda event: None,
) -> str:
    """The chart for `events` as two inline SVG elements, of which the stylesheet shows
    one: time across for wide screens, time down the page for phones (empty when there
    are no events); its dates as `dates` shows them (by default, as the pages of `words`
    do). The events of `key_actors` (ids) keep their labels first. `colour_of` gives an
    event's mark a colour of its own (its tag's), checked for contrast when the story was
    read; marks without one keep the palette's."""
    dates = dates or DateStyle(words.tag)
    items = spans(events, dates.zone)
    if not items:
        return ""
    chart = Chart(items, url_for, words, dates, key_actors, colour_of)
    wide = _wide(chart, chart_id, title, width)
    return wide + tall_svg(chart, f"{chart_id}_tall", title, named_by=chart_id)


def _wide(chart: Chart, chart_id: str, title: str, width: int) -> str:
    items, words, dates = chart.items, chart.words, chart.dates
    groups = chart.groups
    scale = make_scale(groups, width)
    segment_of = {id(s): i for i, g in enumerate(groups) for s in g.members}

    def box(item: Span) -> tuple[float, float]:
        i = segment_of[id(item)]
        left = scale.x(item.start, i)
        right = max(scale.x(item.end, i), left + (8 if item.shape != "dot" else 0))
        if item.shape == "band":
            left, right = band_ends(
                item.event.date, left, right, scale.lefts[i], scale.lefts[i] + scale.widths[i]
            )
        if item.shape == "dot":
            return left - 6, left + 6
        return left, right

    bands = [s for s in items if s.shape == "band"]
    marks = [s for s in items if s.shape != "band"]
    band_boxes = [box(b) for b in bands]
    band_texts = [
        svg.shorten(b.event.title, width - MARGIN - left - 8, FONT)
        for b, (left, _) in zip(bands, band_boxes, strict=True)
    ]
    band_lanes = assign_lanes(
        [
            (left, max(right, min(left + svg.text_width(text, FONT) + 8, width)) + 4)
            for text, (left, right) in zip(band_texts, band_boxes, strict=True)
        ]
    )
    mark_boxes = [box(m) for m in marks]
    placed = place_across(
        mark_boxes,
        [m.event.title for m in marks],
        chart.order(marks),
        lo=2,
        hi=width - 2,
        max_lanes=MAX_LABEL_LANES,
        font=FONT,
    )
    unlabelled = sum(not p.text for p in placed) + sum(not t for t in band_texts)

    band_rows = (max(band_lanes) + 1) if bands else 0
    mark_rows = max((p.lane for p in placed), default=-1) + 1
    top = 8.0
    marks_top = top + band_rows * (BAND_HEIGHT + 4) + (6 if bands else 0)
    axis_y = marks_top + mark_rows * LANE_HEIGHT + 6
    height = axis_y + AXIS_HEIGHT + (LANE_HEIGHT if unlabelled else 0)

    out = svg.opening(
        chart_id, "xp-timeline xp-timeline--wide", width, num(height), title, chart.description
    )
    # Axis, segment by segment, with a break mark between segments.
    for i, seg in enumerate(groups):
        left, seg_width = scale.lefts[i], scale.widths[i]
        out.append(
            f'<line class="xp-axis" x1="{num(left)}" y1="{num(axis_y)}" '
            f'x2="{num(left + seg_width)}" y2="{num(axis_y)}"/>'
        )
        first_day = min(seg.members, key=lambda s: s.start).event.date.earliest
        for day, label in ticks(seg.start, seg.last_tick, seg_width, first_day, words, dates):
            x = scale.x(day, i)
            out.append(
                f'<line class="xp-tick" x1="{num(x)}" y1="{num(axis_y)}" x2="{num(x)}" '
                f'y2="{num(axis_y + 5)}"/>'
                f'<text class="xp-tick-label" x="{num(_inside(x, label, width))}" '
                f'y="{num(axis_y + 18)}"{svg.anchored(label, "middle")}>{svg.text(label)}</text>'
            )
        if i > 0:
            x = left - BREAK_WIDTH / 2
            out.append(
                f'<path class="xp-break" d="M{num(x - 6)} {num(axis_y + 5)}l6 -10'
                f'M{num(x)} {num(axis_y + 5)}l6 -10"/>'
            )
    for band, (left, right), lane, text in zip(
        bands, band_boxes, band_lanes, band_texts, strict=True
    ):
        y = top + lane * (BAND_HEIGHT + 4)
        out.append(
            chart.link_open(band.event, chart_id)
            + (
                f'<rect class="xp-band{open_ends(band.event)} xp-status-{band.event.status}" '
                f'x="{num(left)}" y="{num(y)}" '
                f'width="{num(right - left)}" height="{BAND_HEIGHT}" rx="3"/>'
                + (
                    f'<text class="xp-band-label" x="{num(left + 4)}" y="{num(y + 14)}"'
                    f"{svg.anchored(text)}>{svg.text(text)}</text>"
                    if text
                    else ""
                )
                + "</a>"
            )
        )
    for mark, (left, right), spot in zip(marks, mark_boxes, placed, strict=True):
        y = marks_top + spot.lane * LANE_HEIGHT + LANE_HEIGHT / 2
        label = ""
        if spot.text:
            after = spot.side == "after"
            x = right + GAP if after else left - GAP
            label = (
                f'<text class="xp-mark-label" x="{num(x)}" y="{num(y + 4)}"'
                f"{svg.anchored(spot.text, 'start' if after else 'end')}>"
                f"{svg.text(spot.text)}</text>"
            )
        out.append(
            chart.link_open(mark.event, chart_id)
            + chart.mark_shape(mark, left, right, y)
            + label
            + "</a>"
        )
    if unlabelled:
        out.append(
            f'<text class="xp-unlabelled" x="{MARGIN}" y="{num(height - 6)}">'
            f"{svg.text(chart.unlabelled(unlabelled))}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _inside(x: float, label: str, width: float) -> float:
    """The centre for a label at `x`, moved in so that the label stays inside the chart."""
    half = svg.text_width(label, FONT) / 2 + 2
    return min(max(x, half), width - half)


num = svg.num
