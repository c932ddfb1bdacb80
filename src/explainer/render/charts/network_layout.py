"""Where the network's actors and their labels go: a force-directed layout computed here
with a fixed start and a fixed number of steps (the same story always gives the same
picture), a radial one around a focused actor, and labels placed where they overlap
neither another label nor a node."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from explainer.i18n.words import ENGLISH, Words
from explainer.render.charts import svg

FONT = 12
RADIUS = 7


@dataclass
class Link:
    """All that joins two actors: typed relations and how many events they share."""

    a: str
    b: str
    relations: list[str] = field(default_factory=list)
    shared: int = 0
    mediation: bool = False

    @property
    def kind(self) -> str:
        if self.relations:
            return "affiliation"
        return "mediation" if self.mediation else "shared"

    def describe(self, words: Words = ENGLISH) -> str:
        parts = list(self.relations)
        if self.mediation:
            parts.append(words("mediator between parties"))
        if self.shared:
            parts.append(words.count(self.shared, "{count} shared events"))
        return words("; ").join(parts)


def layout(
    nodes: list[str], edges: Iterable[Link], width: float, height: float, margin: float = 90.0
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold in the picture's own box, from a fixed sunflower-spiral start
    (the most connected actors in the middle), for a fixed number of cooling steps: the
    same story always gives the same positions. `margin` leaves room for labels at the
    sides."""
    if not nodes:
        return {}
    edge_list = [e for e in edges if e.a in nodes and e.b in nodes]
    degree = Counter[str]()
    for e in edge_list:
        degree[e.a] += 1
        degree[e.b] += 1
    order = sorted(nodes, key=lambda n: (-degree[n], n))
    index = {node: i for i, node in enumerate(order)}
    count = len(order)
    # In a dense tangle every actor is pulled by many springs and the picture collapses
    # into a ball: weaken the springs as the average number of connections grows.
    density = max(1.0, 2 * len(edge_list) / count / 4)
    springs = [
        (
            index[e.a],
            index[e.b],
            (1 + 0.3 * math.log1p(e.shared) + (0.5 if e.relations else 0)) / density,
        )
        for e in edge_list
    ]
    left, top = margin, 30.0
    right, bottom = width - margin, height - 30.0
    cx, cy = (left + right) / 2, (top + bottom) / 2
    k = math.sqrt((right - left) * (bottom - top) / count)
    k2 = k * k
    xs = [cx + k * 0.6 * math.sqrt(i + 0.5) * math.cos(i * 2.399963) for i in range(count)]
    ys = [cy + k * 0.6 * math.sqrt(i + 0.5) * math.sin(i * 2.399963) for i in range(count)]
    temperature = (right - left) / 8
    steps = 300 if count <= 20 else 200
    for _ in range(steps):
        fx = [0.0] * count
        fy = [0.0] * count
        for i in range(count):  # every pair repels
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, count):
                dx, dy = xi - xs[j], yi - ys[j]
                d2 = dx * dx + dy * dy or 1e-4
                f = k2 / d2
                fx[i] += dx * f
                fy[i] += dy * f
                fx[j] -= dx * f
                fy[j] -= dy * f
        for a, b, weight in springs:  # joined actors attract
            dx, dy = xs[a] - xs[b], ys[a] - ys[b]
            f = math.sqrt(dx * dx + dy * dy) / k * weight
            fx[a] -= dx * f
            fy[a] -= dy * f
            fx[b] += dx * f
            fy[b] += dy * f
        for i in range(count):
            length = math.hypot(fx[i], fy[i]) or 1e-9
            step = min(length, temperature) / length
            xs[i] = min(max(xs[i] + fx[i] * step, left), right)
            ys[i] = min(max(ys[i] + fy[i] * step, top), bottom)
        temperature = max(temperature * 0.98, 0.5)
    return {node: (xs[i], ys[i]) for i, node in enumerate(order)}


#: In the whole story's picture, each actor keeps at most this many "shared events" lines
#: (its strongest); affiliations and mediations are always drawn.
STRONGEST_SHARED = 4


def backbone(edges: list[Link]) -> list[Link]:
    """The connections worth drawing for the whole story: every typed one, and each
    actor's strongest shared-event ones. A dense story otherwise draws a tangle (and a
    table the size of a book) in which nothing can be read."""
    by_actor: dict[str, list[Link]] = defaultdict(list)
    for edge in edges:
        if edge.kind == "shared":
            by_actor[edge.a].append(edge)
            by_actor[edge.b].append(edge)
    strongest: set[tuple[str, str]] = set()
    for actor_edges in by_actor.values():
        actor_edges.sort(key=lambda e: (-e.shared, e.a, e.b))
        strongest.update((e.a, e.b) for e in actor_edges[:STRONGEST_SHARED])
    return [e for e in edges if e.kind != "shared" or (e.a, e.b) in strongest]


def radial_layout(
    focus: str, others: list[str], width: float, height: float
) -> dict[str, tuple[float, float]]:
    """An actor's neighbourhood: the actor in the middle, the others around it in order of
    how strongly they are joined to it (the strongest at the top, clockwise)."""
    cx, cy = width / 2, height / 2
    rx, ry = width / 2 - 150, height / 2 - 30
    positions = {focus: (cx, cy)}
    for i, node in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(others), 1)
        positions[node] = (cx + rx * math.cos(angle), cy + ry * math.sin(angle))
    return positions


#: In a phone's column, each of an actor's neighbours takes a row this high.
ROW = 26.0


def column_layout(
    focus: str, others: list[str], names: dict[str, str], width: float
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float, str]], float]:
    """An actor's neighbourhood on a narrow screen: the actor at the top, its name beside
    it, and the others in a column below, each with its name beside it (shortened at a
    word boundary if it must be), in order of how strongly they are joined to it.
    Positions, labels (x, y, anchor) and the height taken."""
    top, fx, x = 16.0, 16.0, 52.0
    positions = {focus: (fx, top)}
    labels = {focus: (fx + RADIUS + 8, top + 4, "start")}
    for i, node in enumerate(others, start=1):
        y = top + i * ROW
        positions[node] = (x, y)
        labels[node] = (x + RADIUS + 6, y + 4, "start")
    for node, (lx, _, _) in labels.items():
        names[node] = svg.shorten(names[node], width - lx - 4, FONT)
    return positions, labels, top + len(others) * ROW + 16


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    positions: dict[str, tuple[float, float]],
    labels: dict[str, str],
    order: list[str],
    width: float,
    height: float,
    centre: tuple[float, float] | None = None,
) -> dict[str, tuple[float, float, str, Box]]:
    """(x, y, text-anchor, box) for each label, overlapping no other label and no node.

    Labels are placed in `order` (the most connected first); each tries spots around its
    node, nearest first, and takes the first free one inside the picture.
    """
    node_boxes = [
        (x - RADIUS - 1, y - RADIUS - 1, x + RADIUS + 1, y + RADIUS + 1)
        for x, y in positions.values()
    ]
    placed: dict[str, tuple[float, float, str, Box]] = {}
    taken: list[Box] = []
    for node in order:
        x, y = positions[node]
        w, h = svg.text_width(labels[node], FONT), FONT * 1.25
        spots = []
        for ring in range(0, 4):  # further out, a label would no longer read as the node's
            gap = RADIUS + 4 + ring * 9
            spots += [
                (x + gap, y + 4, "start"),
                (x - gap, y + 4, "end"),
                (x, y - gap, "middle"),
                (x, y + gap + FONT * 0.8, "middle"),
                (x + gap, y - gap, "start"),
                (x - gap, y - gap, "end"),
                (x + gap, y + gap + 8, "start"),
                (x - gap, y + gap + 8, "end"),
            ]
        if centre is not None and (x, y) != centre:
            # Around a centre, a label reads best on the outer side of its node.
            ox, oy = x - centre[0], y - centre[1]
            ring_size = len(spots) // 4
            ranked = sorted(
                enumerate(spots),
                key=lambda item: (
                    item[0] // ring_size,  # nearest ring first
                    -((item[1][0] - x) * ox + (item[1][1] - y) * oy),  # then the outermost
                ),
            )
            spots = [spot for _, spot in ranked]
        choice = None
        for sx, sy, anchor in spots:
            left = sx if anchor == "start" else sx - w if anchor == "end" else sx - w / 2
            box = (left - 1, sy - FONT, left + w + 1, sy - FONT + h)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if (
                inside
                and not any(_overlaps(box, t) for t in taken)
                and not any(_overlaps(box, n) for n in node_boxes)
            ):
                choice = (sx, sy, anchor, box)
                break
        if choice is None:
            continue  # no free spot: the node keeps its tooltip and table row, not a label
        placed[node] = choice
        taken.append(choice[3])
    return placed
