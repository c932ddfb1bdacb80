"""The world for the maps: Natural Earth's country outlines, an equal-area projection, and
the frame a map shows, cut down to what falls inside it.

The outlines are Natural Earth's 1:110m admin-0 countries (public domain), vendored in
world/countries.json; devtools/natural_earth.py says where they came from and how they
were reduced. The projection is Equal Earth (Šavrič, Patterson and Jenny, 2018): areas keep
their true proportions, so no region looks bigger than it is, and it has a simple closed
form. Its central meridian is Greenwich on every map: the vendored outlines are already
cut at ±180°, so no country is torn across the picture.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from explainer.story.model import Location

WORLD_FILE = Path(__file__).parent / "world" / "countries.json"

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom


def project(lon: float, lat: float) -> Point:
    """Equal Earth, on a sphere of radius 1: x east, y north."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


#: The whole world's extent in the projection.
WORLD_X = project(180, 0)[0]
WORLD_Y = project(0, 90)[1]
WORLD: Box = (-WORLD_X, -WORLD_Y, WORLD_X, WORLD_Y)


@dataclass(frozen=True)
class Ring:
    points: tuple[Point, ...]
    box: Box  # in the projection, y north: left, bottom, right, top


@functools.cache
def world_rings() -> tuple[Ring, ...]:
    """Every ring of every country, projected once per process."""
    data = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    rings = []
    for country in data["countries"]:
        for flat in country:
            lonlats = [(flat[i] / 100, flat[i + 1] / 100) for i in range(0, len(flat), 2)]
            for copy in _unwrapped(lonlats):
                points = tuple(project(lon, lat) for lon, lat in copy)
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                rings.append(Ring(points, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(rings)


def _unwrapped(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (eastern Russia, Fiji) would be drawn with an
    edge across the whole world: it becomes two copies, each continuous, one reaching past
    +180° and one past -180°; the part past the edge of the world is cut off with the rest
    of what lies outside a map. Antarctica, which goes round the pole, is drawn as it is."""
    crosses = any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(ring))
    if not crosses or min(lat for _, lat in ring) < -80:
        return [ring]
    east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    west = [(lon - 360 if lon > 0 else lon, lat) for lon, lat in ring]
    return [east, west]


@dataclass(frozen=True)
class Frame:
    """A part of the projected world (y north), shown in a picture `width` × `height`."""

    left: float
    bottom: float
    right: float
    top: float
    width: float
    height: float
    #: Where the picture's top left corner is in the SVG (an inset's place in its map).
    dx: float = 0.0
    dy: float = 0.0

    @property
    def scale(self) -> float:
        return self.width / (self.right - self.left)

    def at(self, location: Location) -> Point:
        """Where a place is in the picture (y down)."""
        return self.to_picture(project(location.lon, location.lat))

    def to_picture(self, point: Point) -> Point:
        s = self.scale
        return (point[0] - self.left) * s + self.dx, (self.top - point[1]) * s + self.dy

    def box(self) -> Box:
        return self.left, self.bottom, self.right, self.top


def frame(locations: list[Location], width: float, height: float, *, least: float = 0.35) -> Frame:
    """The frame that shows every location with a margin, at the picture's proportions:
    never narrower than `least` (about 20° at the equator, so that a single place is shown
    with its region), never more than the whole world."""
    points = [project(loc.lon, loc.lat) for loc in locations]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    span_x = max((max(xs) - min(xs)) * 1.3, least)
    span_y = max((max(ys) - min(ys)) * 1.3, least * height / width)
    # Widen the shorter side to the picture's proportions.
    span_x = max(span_x, span_y * width / height)
    span_x = min(span_x, 2 * WORLD_X)
    span_y = span_x * height / width
    cx = min(max(cx, -WORLD_X + span_x / 2), WORLD_X - span_x / 2)
    # (A frame wider than the world is taller than it too: then the world is centred.)
    cy = min(max(cy, -WORLD_Y + span_y / 2), WORLD_Y - span_y / 2) if span_y <= 2 * WORLD_Y else 0.0
    return Frame(cx - span_x / 2, cy - span_y / 2, cx + span_x / 2, cy + span_y / 2, width, height)


def world_frame(width: float, dx: float = 0.0, dy: float = 0.0) -> Frame:
    """The whole world, `width` wide, its top left corner at (dx, dy)."""
    return Frame(*WORLD, width, width * WORLD_Y / WORLD_X, dx, dy)


# Kept by frame: every locator map draws the same world inset (one of four corners), and
# events at one place share their region's frame; redrawing the world for each of 1,000
# event pages was four fifths of a clean build's compile (bench, longform M).
@functools.lru_cache(maxsize=512)
def land_path(shown: Frame, detail: float = 1.0) -> str:
    """The countries inside `shown` as one SVG path (picture coordinates), cut to the
    picture with a small margin and thinned to the points that bend an outline by more
    than `detail` pixels."""
    left, bottom, right, top = shown.box()
    margin = 2.0
    x0, y0 = shown.dx - margin, shown.dy - margin
    edges = (x0, y0, x0 + shown.width + 2 * margin, y0 + shown.height + 2 * margin)
    parts = []
    for ring in world_rings():
        r_left, r_bottom, r_right, r_top = ring.box
        if r_right < left or r_left > right or r_top < bottom or r_bottom > top:
            continue
        points = _clip([shown.to_picture(p) for p in ring.points], edges)
        kept = _thin(points, detail)
        if len(kept) < 3:
            continue
        # Whole pixels: at this detail a tenth would only make the file bigger.
        head, *rest = [(round(x), round(y)) for x, y in kept]
        parts.append(f"M{head[0]} {head[1]}L" + " ".join(f"{x} {y}" for x, y in rest))
    return "Z".join(parts) + ("Z" if parts else "")


def _thin(points: list[Point], detail: float) -> list[Point]:
    """The ring with only the points that bend it by more than `detail` pixels
    (Ramer–Douglas–Peucker), or nothing when the whole ring is smaller than that."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if not points or (max(xs) - min(xs) < 2 * detail and max(ys) - min(ys) < 2 * detail):
        return []
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    # A closed ring: split it at its farthest point from the start, then thin both halves.
    far = max(range(len(points)), key=lambda i: _dist2(points[i], points[0]))
    keep[far] = True
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        a, b = points[first], points[last]
        worst, at = 0.0, first
        for i in range(first + 1, last):
            d = _off_line(points[i], a, b)
            if d > worst:
                worst, at = d, i
        if worst > detail:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _dist2(a: Point, b: Point) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _off_line(p: Point, a: Point, b: Point) -> float:
    """How far `p` is from the line through `a` and `b`."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return math.dist(p, a)
    return abs(dy * (p[0] - a[0]) - dx * (p[1] - a[1])) / length


def _clip(points: list[Point], edges: Box) -> list[Point]:
    """A ring cut to a rectangle (Sutherland–Hodgman). What lies outside is replaced by a
    walk along the rectangle's edges, outside the picture's view, so fills stay right."""
    left, top, right, bottom = edges
    # Each side of the rectangle: the axis it cuts (0: x, 1: y), where, and which side of
    # it is inside.
    sides = ((0, left, True), (0, right, False), (1, top, True), (1, bottom, False))
    for axis, at, above in sides:
        if not points:
            break

        def inside(p: Point, axis: int = axis, at: float = at, above: bool = above) -> bool:
            return p[axis] >= at if above else p[axis] <= at

        out: list[Point] = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    out.append(_cross(previous, point, axis, at))
                out.append(point)
            elif inside(previous):
                out.append(_cross(previous, point, axis, at))
            previous = point
        points = out
    return points


def _cross(a: Point, b: Point, axis: int, at: float) -> Point:
    """Where the segment from `a` to `b` meets the line `axis` = `at`."""
    t = (at - a[axis]) / (b[axis] - a[axis])
    x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
    return (at, y) if axis == 0 else (x, at)
