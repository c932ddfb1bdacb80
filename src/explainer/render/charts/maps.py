"""Maps of where the story happened: static, accessible SVG drawn at build time, with no
tile server and nothing that runs in the browser.

The events that share a place (the same location, to about ten metres) are one mark,
bigger for more events. A map is framed to the places it shows (geo.py), with the whole
world in an inset when the frame is a small part of it; labels go where they overlap no
other label, no mark and not the inset, or are left out (the mark keeps its link, its
tooltip and its row in the table of places).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from explainer.i18n.words import ENGLISH, Words
from explainer.render.charts import svg
from explainer.render.charts.geo import Box, Frame, frame, land_path, world_frame
from explainer.story.model import Event, Location

WIDTH, HEIGHT = 720, 400
FONT = 12
INSET_WIDTH = 150
#: A frame narrower than this share of the world gets the world inset.
INSET_BELOW = 0.3


@dataclass(frozen=True)
class Place:
    """Events that happened at one location."""

    anchor: str  # the id of its row in the map page's table of places
    name: str
    location: Location
    events: tuple[Event, ...]


def place_key(location: Location) -> tuple[float, float]:
    """Locations this close (four decimals: about ten metres) are one place."""
    return round(location.lat, 4), round(location.lon, 4)


def places(events: Iterable[Event], words: Words = ENGLISH) -> list[Place]:
    """The located events grouped by place, most events first; each place is named as
    most of its events name it (`place:`), or by its coordinates."""
    groups: dict[tuple[float, float], list[Event]] = {}
    for event in events:
        if event.location is not None:
            groups.setdefault(place_key(event.location), []).append(event)
    found = []
    for (lat, lon), members in groups.items():
        named = Counter(e.place for e in members if e.place)
        location = Location(lat, lon)
        name = named.most_common(1)[0][0] if named else coordinates(location, words)
        found.append(Place(anchor(location), name, location, tuple(members)))
    return sorted(found, key=lambda p: (-len(p.events), p.name.casefold(), p.anchor))


def anchor(location: Location) -> str:
    lat, lon = place_key(location)
    # Digits, letters and hyphens only, so that the id needs no escaping in a selector.
    north = f"{abs(lat):.4f}{'n' if lat >= 0 else 's'}".replace(".", "-")
    east = f"{abs(lon):.4f}{'e' if lon >= 0 else 'w'}".replace(".", "-")
    return f"place-{north}-{east}"


def coordinates(location: Location, words: Words = ENGLISH) -> str:
    """25.2854° N, 51.5310° E."""
    lat, lon = location.lat, location.lon
    return words(
        "{lat}° {ns}, {lon}° {ew}",
        lat=f"{abs(lat):.4f}",
        ns=words("N" if lat >= 0 else "S"),
        lon=f"{abs(lon):.4f}",
        ew=words("E" if lon >= 0 else "W"),
    )


def radius(count: int) -> float:
    """A mark's radius: its area grows with its events, up to a limit."""
    return min(6 + 2 * math.sqrt(count - 1), 16)


def map_svg(
    shown: list[Place],
    url_for: Callable[[Place], str | None],
    *,
    chart_id: str,
    title: str,
    description: str,
    words: Words = ENGLISH,
    width: int = WIDTH,
    height: int = HEIGHT,
    least: float = 0.35,
) -> str:
    """A map of `shown` (empty when there is nothing to show); each mark links to
    `url_for(place)`, or to nothing when that is None."""
    if not shown:
        return ""
    view = frame([p.location for p in shown], width, height, least=least)
    points = {p.anchor: view.at(p.location) for p in shown}
    inset = _inset_box(view, points.values(), width, height)
    out = [
        *svg.opening(chart_id, "xp-map", width, height, title, description),
        '<g aria-hidden="true">',
        f'<rect class="xp-sea" width="{width}" height="{height}"/>',
        f'<path class="xp-land" d="{land_path(view)}"/>',
        "</g>",
    ]
    if inset is not None:
        out.append(_inset(view, inset))
    labels = place_labels(shown, points, width, height, [inset] if inset else [])
    n = svg.num
    # The biggest marks first, so that a smaller one on top of them can still be clicked.
    for place in sorted(shown, key=lambda p: (-len(p.events), p.anchor)):
        x, y = points[place.anchor]
        count = max(len(place.events), 1)
        name = place.name if count == 1 else f"{place.name} ({count})"
        events = words.count(count, "{count} events")
        told = words("{place}: {events}", place=place.name, events=events)
        if not place.events:  # a place where an actor is based
            told = place.name
        spot = labels.get(place.anchor)
        text = (
            f'<text class="xp-place-label" x="{n(spot[0])}" y="{n(spot[1])}"'
            f"{svg.anchored(name, spot[2])}>{svg.text(name)}</text>"
            if spot
            else ""
        )
        mark = (
            f"<title>{svg.text(told)}</title>"
            f'<circle class="xp-place" cx="{n(x)}" cy="{n(y)}" r="{n(radius(count))}"/>{text}'
        )
        href = url_for(place)
        if href is None:
            out.append(f'<g role="img" aria-label="{svg.attr(told)}">{mark}</g>')
        else:
            out.append(f'<a href="{svg.attr(href)}" aria-label="{svg.attr(told)}">{mark}</a>')
    out.append("</svg>")
    return "".join(out)


def _inset_box(
    view: Frame, points: Iterable[tuple[float, float]], width: float, height: float
) -> Box | None:
    """Where the world inset goes: in the corner with the fewest marks near it; none
    when the map already shows most of the world."""
    world = world_frame(INSET_WIDTH)
    if (view.right - view.left) > INSET_BELOW * (2 * world.right):
        return None
    w, h, pad = world.width, world.height, 8
    corners = [
        (pad, height - h - pad),
        (width - w - pad, height - h - pad),
        (pad, pad),
        (width - w - pad, pad),
    ]
    marks = list(points)

    def crowding(corner: tuple[float, float]) -> int:
        x, y = corner
        return sum(x - 20 <= px <= x + w + 20 and y - 20 <= py <= y + h + 20 for px, py in marks)

    x, y = min(corners, key=crowding)
    return x, y, x + w, y + h


def _inset(view: Frame, box: Box) -> str:
    world = world_frame(INSET_WIDTH, box[0], box[1])
    n = svg.num
    # The frame of the main map, drawn on the world (at least a few pixels, to be seen).
    left, top = world.to_picture((view.left, view.top))
    right, bottom = world.to_picture((view.right, view.bottom))
    cx, cy = (left + right) / 2, (top + bottom) / 2
    fw, fh = max(right - left, 6), max(bottom - top, 6)
    return (
        '<g class="xp-inset" aria-hidden="true">'
        f'<rect class="xp-sea xp-inset__edge" x="{n(box[0])}" y="{n(box[1])}" '
        f'width="{n(world.width)}" height="{n(world.height)}"/>'
        f'<path class="xp-land" d="{land_path(world, detail=1.5)}"/>'
        f'<rect class="xp-inset__frame" x="{n(cx - fw / 2)}" y="{n(cy - fh / 2)}" '
        f'width="{n(fw)}" height="{n(fh)}"/></g>'
    )


def place_labels(
    shown: list[Place],
    points: dict[str, tuple[float, float]],
    width: float,
    height: float,
    keep_clear: list[Box],
) -> dict[str, tuple[float, float, str, Box]]:
    """(x, y, text-anchor, box) of each place's label, overlapping no other label, no
    mark and nothing in `keep_clear`, inside the picture; the places with most events
    choose first, and a label with no free spot near its mark is left out."""
    marks: list[Box] = []
    for place in shown:
        x, y = points[place.anchor]
        r = radius(max(len(place.events), 1)) + 1
        marks.append((x - r, y - r, x + r, y + r))
    taken: list[Box] = list(keep_clear)
    placed: dict[str, tuple[float, float, str, Box]] = {}
    for place in shown:  # most events first (see places())
        x, y = points[place.anchor]
        count = max(len(place.events), 1)
        name = place.name if count == 1 else f"{place.name} ({count})"
        w, h = svg.text_width(name, FONT), FONT * 1.25
        r = radius(count)
        for ring in range(3):  # further out, a label would no longer read as its mark's
            gap = r + 4 + ring * 8
            spots = [
                (x + gap, y + 4, "start"),
                (x - gap, y + 4, "end"),
                (x, y - gap, "middle"),
                (x, y + gap + FONT * 0.8, "middle"),
            ]
            choice = next(
                (
                    (sx, sy, anchor, box)
                    for sx, sy, anchor in spots
                    if _free(box := _label_box(sx, sy, anchor, w, h), width, height, taken, marks)
                ),
                None,
            )
            if choice is not None:
                placed[place.anchor] = choice
                taken.append(choice[3])
                break
    return placed


def _label_box(x: float, y: float, anchor: str, w: float, h: float) -> Box:
    left = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
    return left - 1, y - FONT, left + w + 1, y - FONT + h


def _free(box: Box, width: float, height: float, taken: list[Box], marks: list[Box]) -> bool:
    if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
        return False
    return not any(overlaps(box, other) for other in (*taken, *marks))


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
