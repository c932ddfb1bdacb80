"""The actors' network as a picture: a static, accessible SVG drawn at build time.

Nodes are actors, shaped and coloured by kind; edges join actors who are affiliated (typed
by the role: "spokesperson", "envoy"…), who mediate between parties, or who take part in
the same events (thicker for more). The layout is a force-directed one computed here with
a fixed start and a fixed number of steps, so the same story always gives the same
picture; labels are placed where they overlap neither another label nor a node.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from explainer.catalog.crossref import Catalog
from explainer.i18n.words import ENGLISH, Words
from explainer.render.charts import svg
from explainer.render.charts.network_layout import (
    FONT,
    RADIUS,
    Link,
    backbone,
    layout,
    place_labels,
    radial_layout,
)
from explainer.story.model import ACTOR_KINDS, KIND_LABELS, Actor

#: The whole-story picture shows at most this many actors (the most connected ones).
MAX_NODES = 60
#: An actor's own picture shows at most this many of the actors joined to it.
MAX_NEIGHBOURS = 15


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
