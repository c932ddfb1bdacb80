"""The timeline as a picture: a static, accessible SVG drawn at build time.

Each event is a mark at its date that shows how precisely the date is known: a day is a
dot, a month, a year or an approximate date is a bar over all the days it may be, and a
range (the first phase of a ceasefire) is a labelled band over the period. Each mark links
to its event. Long empty stretches (1997 … 2025) are cut out with a visible break in the
axis, so that recent events are not squashed together. Nothing here runs in the browser.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

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
    segments,
    spans,
    ticks,
)
from explainer.story.model import Event

WIDTH = 720
BAND_HEIGHT = 20
LANE_HEIGHT = 16
AXIS_HEIGHT = 34


def timeline_svg(
    events: Sequence[Event],
    url_for: Callable[[Event], str],
    *,
    chart_id: str,
    title: str,
    words: Words = ENGLISH,
    width: int = WIDTH,
    dates: DateStyle | None = None,
    colour_of: Callable[[Event], str | None] = lambda event: None,
) -> str:
    """The chart for `events` as an inline SVG element (empty when there are none); its
    dates as `dates` shows them (by default, as the pages of `words` do). `colour_of`
    gives an event's mark a colour of its own (its tag's), checked for contrast when the
    story was read; marks without one keep the palette's."""
    dates = dates or DateStyle(words.tag)
    items = spans(events)
    if not items:
        return ""
    groups = segments(items)
    scale = make_scale(groups, width)
    segment_of = {id(s): i for i, g in enumerate(groups) for s in g.members}

    def box(item: Span) -> tuple[float, float]:
        i = segment_of[id(item)]
        left = scale.x(item.start, i)
        right = max(scale.x(item.end, i), left + (8 if item.shape != "dot" else 0))
        if item.shape == "band" and item.event.date.start is None:  # unknown start
            left = scale.lefts[i]
        if item.shape == "band" and item.event.date.end is None:  # still going on
            right = scale.lefts[i] + scale.widths[i]
        if item.shape == "dot":
            return left - 6, left + 6
        return left, right

    bands = [s for s in items if s.shape == "band"]
    marks = [s for s in items if s.shape != "band"]
    band_boxes = [box(b) for b in bands]
    band_lanes = assign_lanes(
        [
            (left, max(right, min(left + svg.text_width(b.event.title, FONT) + 8, width)) + 4)
            for b, (left, right) in zip(bands, band_boxes, strict=True)
        ]
    )
    mark_boxes = [box(m) for m in marks]
    order = sorted(range(len(marks)), key=lambda i: mark_boxes[i])
    packed = assign_lanes([(mark_boxes[i][0] - 2, mark_boxes[i][1] + 2) for i in order])
    mark_lanes = [0] * len(marks)
    for i, lane in zip(order, packed, strict=True):
        mark_lanes[i] = lane

    band_rows = (max(band_lanes) + 1) if bands else 0
    mark_rows = (max(mark_lanes) + 1) if marks else 0
    top = 8.0
    marks_top = top + band_rows * (BAND_HEIGHT + 4) + (6 if bands else 0)
    axis_y = marks_top + mark_rows * LANE_HEIGHT + 6
    height = axis_y + AXIS_HEIGHT

    title_id, desc_id = f"{chart_id}_title", f"{chart_id}_desc"  # "_": never a story id
    first = min((i.event.date for i in items), key=lambda d: d.sort_key)
    last = max((i.event.date for i in items), key=lambda d: d.sort_key[::-1])
    breaks = len(groups) - 1
    description = (
        words(
            "{events} from {first} to {last}. Dots are events known to the day, bars are "
            "events known only to the month or year or approximately, bands are periods.",
            events=words.count(len(items), "{count} events"),
            first=dates.date(first),
            last=dates.date(last),
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
    out = [
        f'<svg class="xp-timeline" viewBox="0 0 {width} {num(height)}" '
        f'role="group" aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{svg.text(title)}</title>',
        f'<desc id="{desc_id}">{svg.text(description)}</desc>',
    ]
    # Axis, segment by segment, with a break mark between segments.
    for i, seg in enumerate(groups):
        left, seg_width = scale.lefts[i], scale.widths[i]
        out.append(
            f'<line class="xp-axis" x1="{num(left)}" y1="{num(axis_y)}" '
            f'x2="{num(left + seg_width)}" y2="{num(axis_y)}"/>'
        )
        first_day = min(seg.members, key=lambda s: s.start).event.date.earliest
        for day, label in ticks(seg.start, seg.end - 1, seg_width, first_day, words, dates):
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
    for band, (left, right), lane in zip(bands, band_boxes, band_lanes, strict=True):
        y = top + lane * (BAND_HEIGHT + 4)
        out.append(
            _link_open(band.event, url_for, words, dates)
            + (
                f'<rect class="xp-band{_open_ends(band.event)} xp-status-{band.event.status}" '
                f'x="{num(left)}" y="{num(y)}" '
                f'width="{num(right - left)}" height="{BAND_HEIGHT}" rx="3"/>'
                f'<text class="xp-band-label" x="{num(left + 4)}" y="{num(y + 14)}"'
                f"{svg.anchored(band.event.title)}>"
                f"{svg.text(svg.shorten(band.event.title, width - MARGIN - left - 8, FONT))}"
                "</text></a>"
            )
        )
    for mark, (left, right), lane in zip(marks, mark_boxes, mark_lanes, strict=True):
        y = marks_top + lane * LANE_HEIGHT + LANE_HEIGHT / 2
        status = f'class="xp-mark xp-status-{mark.event.status}"'
        colour = colour_of(mark.event)
        if colour:  # the stylesheet paints tagged marks in currentColor: no style attribute
            status = (
                f'class="xp-mark xp-mark--tagged xp-status-{mark.event.status}" '
                f'color="{svg.attr(colour)}"'
            )
        if mark.shape == "dot":
            shape = f'<circle {status} cx="{num(left + 6)}" cy="{num(y)}" r="5"/>'
        else:
            shape = (
                f'<rect {status} x="{num(left)}" y="{num(y - 5)}" '
                f'width="{num(right - left)}" height="10" rx="5"/>'
            )
        out.append(_link_open(mark.event, url_for, words, dates) + shape + "</a>")
    out.append("</svg>")
    return "".join(out)


def _inside(x: float, label: str, width: float) -> float:
    """The centre for a label at `x`, moved in so that the label stays inside the chart."""
    half = svg.text_width(label, FONT) / 2 + 2
    return min(max(x, half), width - half)


def _open_ends(event: Event) -> str:
    """Classes for a band whose start or end is not known (drawn fading out)."""
    date = event.date
    return (" xp-band--open-start" if date.start is None else "") + (
        " xp-band--open-end" if date.end is None else ""
    )


def _link_open(
    event: Event, url_for: Callable[[Event], str], words: Words, dates: DateStyle
) -> str:
    label = words("{title}, {date}", title=event.title, date=dates.date(event.date))
    # data-event: the timeline's filters (filters.js) show the marks of the events shown.
    return (
        f'<a href="{svg.attr(url_for(event))}" aria-label="{svg.attr(label)}" '
        f'data-event="{event.id}"><title>{svg.text(label)}</title>'
    )


num = svg.num


def period_svg(
    periods: Sequence[tuple[str, int, str]],
    *,
    chart_id: str,
    title: str,
    words: Words = ENGLISH,
) -> str:
    """A bar per page of the timeline (label, number of events, link), for big stories."""
    if not periods:
        return ""
    width, height, axis = WIDTH, 180, 150
    slot = (width - 2 * MARGIN) / len(periods)
    tallest = max(count for _, count, _ in periods) or 1
    widest = max(svg.text_width(label, FONT) for label, _, _ in periods)
    every = max(1, math.ceil((widest + 10) / slot))  # label every n-th bar so none overlap
    title_id, desc_id = f"{chart_id}_title", f"{chart_id}_desc"  # "_": never a story id
    total = sum(count for _, count, _ in periods)
    out = [
        f'<svg class="xp-timeline xp-periods" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{svg.text(title)}</title>',
        f'<desc id="{desc_id}">'
        + svg.text(
            words(
                "{events} on {pages} pages, from {first} to {last}; each bar links to its "
                "page, and the list below has them all.",
                events=words.count(total, "{count} events"),
                pages=words.number(len(periods)),
                first=periods[0][0],
                last=periods[-1][0],
            )
        )
        + "</desc>",
        f'<line class="xp-axis" x1="{MARGIN}" y1="{axis}" x2="{width - MARGIN}" y2="{axis}"/>',
    ]
    for i, (label, count, url) in enumerate(periods):
        x = MARGIN + i * slot
        bar = max(2.0, (axis - 12) * count / tallest)
        name = words(
            "{period}: {events}", period=label, events=words.count(count, "{count} events")
        )
        out.append(
            f'<a href="{svg.attr(url)}" aria-label="{svg.attr(name)}"><title>{svg.text(name)}'
            f'</title><rect class="xp-mark xp-status-confirmed" x="{num(x + slot * 0.15)}" '
            f'y="{num(axis - bar)}" width="{num(max(slot * 0.7, 2))}" height="{num(bar)}"/></a>'
        )
        if i % every == 0:
            out.append(
                f'<text class="xp-tick-label" x="{num(_inside(x + slot / 2, label, width))}" '
                f'y="{axis + 18}"{svg.anchored(label, "middle")}>{svg.text(label)}</text>'
            )
    out.append("</svg>")
    return "".join(out)
