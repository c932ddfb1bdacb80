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
from explainer.render.charts.network_draw import Drawing, draw
from explainer.render.charts.network_layout import (
    Link,
    backbone,
    column_layout,
    layout,
    radial_layout,
)
from explainer.site.weight import NETWORK_BYTES, network_weight
from explainer.story.model import Actor

#: The whole-story picture shows at most this many actors (the most connected ones).
MAX_NODES = 60
#: An actor's own picture shows at most this many of the actors joined to it.
MAX_NEIGHBOURS = 15
#: The phone's drawing, shown 1:1 on a 360px screen (see the timeline's TALL_WIDTH).
COMPACT_WIDTH = 320


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


def _whole_story(
    catalog: Catalog, all_links: dict[tuple[str, str], Link], words: Words
) -> tuple[list[str], list[Link]]:
    """The most connected actors and the connections drawn between them: at most
    MAX_NODES actors, and no more than the actors page has room for (site/weight.py's
    NETWORK_BYTES: long names and many connections take more)."""
    weight: Counter[str] = Counter()
    for (a, b), link in all_links.items():
        weight[a] += 1 + link.shared
        weight[b] += 1 + link.shared
    ranked = sorted(catalog.actors, key=lambda a: (-weight[a], a))[:MAX_NODES]
    top = set(ranked)
    among = [j for k, j in sorted(all_links.items()) if k[0] in top and k[1] in top]

    def drawn(count: int) -> tuple[list[str], list[Link]]:
        shown = set(ranked[:count])
        return ranked[:count], backbone([j for j in among if j.a in shown and j.b in shown])

    def fits(count: int) -> bool:
        ids, edges = drawn(count)
        connected = {x for e in edges for x in (e.a, e.b)}
        actors = [catalog.actors[i] for i in ids if i in connected]
        joined = [(catalog.actors[e.a], catalog.actors[e.b], e.describe(words)) for e in edges]
        return network_weight(actors, joined) <= NETWORK_BYTES

    fitting, too_many = len(ranked), len(ranked) + 1
    if not fits(fitting):  # the most that fit, halving the range between
        fitting, too_many = 1, fitting
        while too_many - fitting > 1:
            middle = (fitting + too_many) // 2
            fitting, too_many = (middle, too_many) if fits(middle) else (fitting, middle)
    return drawn(fitting)


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
        shown = set(ids)
        # Its own connections only: the others are on their own pages.
        edges = sorted(
            (j for j in joins.by_actor.get(focus.id, []) if j.a in shown and j.b in shown),
            key=lambda j: (j.a, j.b),
        )
    else:
        ids, edges = _whole_story(catalog, all_links, words)
    connected = {x for e in edges for x in (e.a, e.b)}
    ids = [i for i in ids if i in connected]  # an actor joined to nobody shown is left out
    if len(ids) < 2 or not edges:
        return Network("", ())
    described = words(
        "{actors} and {connections}. Lines join actors who are affiliated (solid), who "
        "mediate between parties (dashed), or who take part in the same events (dotted, "
        "thicker for more). Each actor links to its page; {where} the same connections.",
        actors=words.count(len(ids), "{count} actors"),
        connections=words.count(len(edges), "{count} connections"),
        where=words("the sections below list" if focus else "the table below lists"),
    )
    focus_id = focus.id if focus is not None else None
    if focus is not None:
        positions = radial_layout(focus.id, ids[1:], width, height)
    else:
        positions = layout(sorted(ids), edges, width, height)
    wide = Drawing(
        f"{chart_id}_wide", "xp-network--wide", width, height, positions, title, described
    )
    pictures = draw(wide, ids, edges, catalog.actors, url_for, words, focus_id)
    # On a phone: a column of neighbours, or the whole network in a tall narrow box.
    names = {i: catalog.actors[i].name for i in ids}
    labels: dict[str, tuple[float, float, str]] | None = None
    if focus is not None:
        spots, labels, tall = column_layout(focus.id, ids[1:], names, COMPACT_WIDTH)
    else:
        tall = max(380.0, 26.0 * len(ids))
        spots = layout(sorted(ids), edges, COMPACT_WIDTH, tall, margin=40.0)
    compact = Drawing(
        f"{chart_id}_compact",
        "xp-network--compact",
        COMPACT_WIDTH,
        tall,
        spots,
        title,
        described,
        elbows=focus is not None,
    )
    pictures += draw(
        compact,
        ids,
        edges,
        catalog.actors,
        url_for,
        words,
        focus_id,
        labels,
        names if focus is not None else None,
    )

    neighbours: dict[str, list[tuple[Actor, str]]] = defaultdict(list)
    for e in edges:
        neighbours[e.a].append((catalog.actors[e.b], e.describe(words)))
        neighbours[e.b].append((catalog.actors[e.a], e.describe(words)))
    rows = tuple(
        (catalog.actors[i], tuple(sorted(neighbours[i], key=lambda p: p[0].name.casefold())))
        for i in sorted(ids, key=lambda i: catalog.actors[i].name.casefold())
        if neighbours[i]
    )
    return Network(pictures, rows)
