"""The actors' network as a picture: a static, accessible SVG drawn at build time.

Nodes are actors, shaped and coloured by kind; edges join actors who are affiliated (typed
by the role: "spokesperson", "envoy"…), who mediate between parties, or who take part in
the same events (thicker for more). The layout is a force-directed one computed here with
a fixed start and a fixed number of steps, so the same story always gives the same
picture; labels are placed where they overlap neither another label nor a node.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from explainer.catalog.crossref import Catalog
from explainer.i18n.words import ENGLISH, Words
from explainer.render.charts import svg
from explainer.story.model import ACTOR_KINDS, KIND_LABELS, Actor

FONT = 12
RADIUS = 7
#: The whole-story picture shows at most this many actors (the most connected ones).
MAX_NODES = 60
#: An actor's own picture shows at most this many of the actors joined to it.
MAX_NEIGHBOURS = 15


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


@dataclass(frozen=True)
class Joins:
    """Every pair of joined actors (keyed by the sorted pair of ids), and each actor's."""

    pairs: dict[tuple[str, str], Link]
    by_actor: dict[str, list[Link]]


def links(catalog: Catalog) -> Joins:
    """Every pair of actors joined by something, computed once for all the pages."""
    pairs = _pairs(catalog)
    by_actor: dict[str, list[Link]] = defaultdict(list)
    for link in pairs.values():
        by_actor[link.a].append(link)
        by_actor[link.b].append(link)
    return Joins(pairs, dict(by_actor))


def _pairs(catalog: Catalog) -> dict[tuple[str, str], Link]:
    found: dict[tuple[str, str], Link] = {}

    def link(a: str, b: str) -> Link:
        key = (a, b) if a < b else (b, a)
        if key not in found:
            found[key] = Link(*key)
        return found[key]

    for actor in catalog.actors.values():
        for aff in actor.affiliations:
            if aff.actor.id in catalog.actors and aff.actor.id != actor.id:
                organisation = catalog.actors[aff.actor.id].name
                link(actor.id, aff.actor.id).relations.append(f"{aff.role} of {organisation}")
    for actor_id, others in catalog.co_actors.items():
        for other, count in others:
            if actor_id < other.id:
                link(actor_id, other.id).shared = count
    for event in catalog.timeline:
        mediators = {p.actor.id for p in event.participants if p.role == "mediator"}
        parties = {p.actor.id for p in event.participants if p.role == "party"}
        for m in mediators:
            for p in parties - {m}:
                if m in catalog.actors and p in catalog.actors:
                    link(m, p).mediation = True
    return found


def layout(
    nodes: list[str], edges: Iterable[Link], width: float, height: float
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold in the picture's own box, from a fixed sunflower-spiral start
    (the most connected actors in the middle), for a fixed number of cooling steps: the
    same story always gives the same positions."""
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
    left, top = 90.0, 30.0
    right, bottom = width - 90.0, height - 30.0 - 24  # room for the legend
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
    cx, cy = width / 2, (height - 24) / 2
    rx, ry = width / 2 - 150, (height - 24) / 2 - 30
    positions = {focus: (cx, cy)}
    for i, node in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(others), 1)
        positions[node] = (cx + rx * math.cos(angle), cy + ry * math.sin(angle))
    return positions


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


SHAPES = {
    "person": "circle",
    "organisation": "square",
    "political-party": "square",
    "state": "diamond",
    "armed-group": "triangle",
    "media": "round",
    "platform": "round",
    "other": "circle",
}


def shape(kind: str, x: float, y: float, r: float = RADIUS, extra: str = "") -> str:
    """The mark for an actor of `kind`, centred on (x, y)."""
    cls = f'class="xp-node xp-kind-{kind}{extra}"'
    n = svg.num
    form = SHAPES.get(kind, "circle")
    if form == "square":
        return f'<rect {cls} x="{n(x - r)}" y="{n(y - r)}" width="{n(2 * r)}" height="{n(2 * r)}"/>'
    if form == "round":
        return (
            f'<rect {cls} x="{n(x - r)}" y="{n(y - r)}" width="{n(2 * r)}" '
            f'height="{n(2 * r)}" rx="{n(r / 2)}"/>'
        )
    if form == "diamond":
        d = r * 1.3
        return (
            f'<path {cls} d="M{n(x)} {n(y - d)}L{n(x + d)} {n(y)}'
            f'L{n(x)} {n(y + d)}L{n(x - d)} {n(y)}Z"/>'
        )
    if form == "triangle":
        d = r * 1.25
        return (
            f'<path {cls} d="M{n(x)} {n(y - d)}L{n(x + d)} {n(y + d * 0.8)}'
            f'L{n(x - d)} {n(y + d * 0.8)}Z"/>'
        )
    return f'<circle {cls} cx="{n(x)}" cy="{n(y)}" r="{n(r)}"/>'


def icon(kind: str) -> str:
    """A small inline SVG of the kind's shape, for lists and cards (decorative)."""
    return (
        '<svg class="xp-icon" viewBox="0 0 20 20" width="14" height="14" aria-hidden="true" '
        f'focusable="false">{shape(kind, 10, 10, 7)}</svg>'
    )


@dataclass(frozen=True)
class Network:
    svg: str
    #: For the text equivalent: each shown actor and what joins it to the others shown.
    rows: tuple[tuple[Actor, tuple[tuple[Actor, str], ...]], ...]


def network(
    catalog: Catalog,
    joins: Joins,
    url_for: Callable[[Actor], str],
    *,
    chart_id: str,
    title: str,
    focus: Actor | None = None,
    words: Words = ENGLISH,
    width: int = 720,
    height: int = 540,
) -> Network:
    """The whole story's network, or `focus`'s neighbourhood when given; `joins` is
    `links(catalog)`, computed once for all the pages."""
    all_links = joins.pairs
    if focus is not None:
        near = sorted(
            joins.by_actor.get(focus.id, []),
            key=lambda j: (-j.shared - 2 * bool(j.relations), j.a, j.b),
        )
        ids = [focus.id] + [j.a if j.b == focus.id else j.b for j in near[:MAX_NEIGHBOURS]]
    else:
        weight: Counter[str] = Counter()
        for (a, b), link in all_links.items():
            weight[a] += 1 + link.shared
            weight[b] += 1 + link.shared
        ranked = sorted(catalog.actors, key=lambda a: (-weight[a], a))
        ids = ranked[:MAX_NODES]
    shown = set(ids)
    if focus is not None:  # its own connections only: the others are on their own pages
        edges = sorted(
            (j for j in joins.by_actor.get(focus.id, []) if j.a in shown and j.b in shown),
            key=lambda j: (j.a, j.b),
        )
    else:
        edges = backbone(
            [j for k, j in sorted(all_links.items()) if k[0] in shown and k[1] in shown]
        )
    connected = {x for e in edges for x in (e.a, e.b)}
    ids = [i for i in ids if i in connected]  # an actor joined to nobody shown is left out
    if len(ids) < 2 or not edges:
        return Network("", ())
    if focus is not None:
        positions = radial_layout(focus.id, ids[1:], width, height)
    else:
        positions = layout(sorted(ids), edges, width, height)
    names = {i: catalog.actors[i].name for i in ids}
    degree = Counter(x for e in edges for x in (e.a, e.b))
    order = sorted(ids, key=lambda i: (i != (focus.id if focus else ""), -degree[i], i))
    centre = positions[focus.id] if focus is not None else None
    labels = place_labels(positions, names, order, width, height, centre)

    n = svg.num
    title_id, desc_id = f"{chart_id}_title", f"{chart_id}_desc"  # "_": never a story id
    kinds = [k for k in ACTOR_KINDS if any(catalog.actors[i].kind == k for i in ids)]
    described = words(
        "{actors} and {connections}. Lines join actors who are affiliated (solid), who "
        "mediate between parties (dashed), or who take part in the same events (thicker "
        "for more). Each actor links to its page; {where} the same connections.",
        actors=words.count(len(ids), "{count} actors"),
        connections=words.count(len(edges), "{count} connections"),
        where=words("the sections below list" if focus else "the table below lists"),
    )
    out = [
        f'<svg class="xp-network" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{svg.text(title)}</title>',
        f'<desc id="{desc_id}">{svg.text(described)}</desc>',
        '<g class="xp-edges" aria-hidden="true">',
    ]
    for e in edges:
        (x1, y1), (x2, y2) = positions[e.a], positions[e.b]
        stroke = 1 + min(e.shared, 6) * 0.6
        out.append(
            f'<line class="xp-edge xp-edge--{e.kind}" x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" '
            f'y2="{n(y2)}" stroke-width="{n(stroke)}"/>'
        )
    out.append("</g>")
    for node in sorted(ids, key=lambda i: (i != (focus.id if focus else ""), i)):
        actor = catalog.actors[node]
        x, y = positions[node]
        extra = " xp-node--focus" if focus and node == focus.id else ""
        spot = labels.get(node)
        text = (
            f'<text class="xp-node-label" x="{n(spot[0])}" y="{n(spot[1])}"'
            f"{svg.anchored(actor.name, spot[2])}>{svg.text(actor.name)}</text>"
            if spot
            else ""
        )
        mark = shape(actor.kind, x, y, r=RADIUS + 2 if extra else RADIUS, extra=extra)
        out.append(
            f'<a href="{svg.attr(url_for(actor))}" aria-label="{svg.attr(actor.name)}">'
            f"<title>{svg.text(actor.name)}</title>{mark}{text}</a>"
        )
    out.append('<g class="xp-legend" aria-hidden="true">')
    lx = 10.0
    for kind in kinds:
        label = words(KIND_LABELS[kind])
        out.append(shape(kind, lx + 7, height - 14, 6))
        out.append(
            f'<text class="xp-legend-label" x="{n(lx + 18)}" y="{n(height - 10)}"'
            f"{svg.anchored(label)}>{svg.text(label)}</text>"
        )
        lx += 30 + svg.text_width(label, FONT)
    out.append("</g></svg>")

    neighbours: dict[str, list[tuple[Actor, str]]] = defaultdict(list)
    for e in edges:
        neighbours[e.a].append((catalog.actors[e.b], e.describe(words)))
        neighbours[e.b].append((catalog.actors[e.a], e.describe(words)))
    rows = tuple(
        (catalog.actors[i], tuple(sorted(neighbours[i], key=lambda p: p[0].name.casefold())))
        for i in sorted(ids, key=lambda i: catalog.actors[i].name.casefold())
        if neighbours[i]
    )
    return Network("".join(out), rows)
