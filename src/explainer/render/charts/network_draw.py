"""Drawing the actors' network: marks shaped by kind, lines styled by what joins two
actors, labels, and a legend of shapes and line styles.

Each actor's link is numbered (class xp-n<k>) and each line carries the numbers of its
two ends (xp-e<k>), so that the stylesheet can make an actor's own lines stand out while
it is hovered or focused, without a script (CSS :has(); a rule per number, up to
MAX_NODES, in explainer.css)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from explainer.i18n.words import Words
from explainer.render.charts import svg
from explainer.render.charts.network_layout import FONT, RADIUS, Link, place_labels
from explainer.story.model import KIND_LABELS, Actor

n = svg.num

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

#: Each kind of line, as the legend names it (the stylesheet draws .xp-edge--<kind>).
LINE_KINDS = (
    ("affiliation", "affiliated (member, role)"),
    ("mediation", "mediator between parties"),
    ("shared", "in the same events"),
)
LEGEND_ROW = 20.0


def shape(kind: str, x: float, y: float, r: float = RADIUS, extra: str = "") -> str:
    """The mark for an actor of `kind`, centred on (x, y)."""
    cls = f'class="xp-node xp-kind-{kind}{extra}"'
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


def legend(
    kinds: Sequence[str], lines: Sequence[str], words: Words, width: float, top: float
) -> tuple[list[str], int]:
    """The legend (shapes of the kinds shown, then styles of the lines drawn) in rows
    across `width` from `top` down, and how many rows it takes."""
    items: list[tuple[Callable[[float, float], str], float]] = []  # draw at (x, y), width

    def kind_item(kind: str, label: str) -> Callable[[float, float], str]:
        return lambda x, y: shape(kind, x + 7, y - 4, 6) + _legend_text(label, x + 18, y)

    def line_item(kind: str, label: str) -> Callable[[float, float], str]:
        return lambda x, y: (
            f'<line class="xp-edge xp-edge--{kind}" x1="{n(x)}" y1="{n(y - 4)}" '
            f'x2="{n(x + 24)}" y2="{n(y - 4)}" stroke-width="2"/>' + _legend_text(label, x + 30, y)
        )

    for kind in kinds:
        label = words(KIND_LABELS[kind])
        items.append((kind_item(kind, label), 18 + svg.text_width(label, FONT)))
    for kind, name in LINE_KINDS:
        if kind in lines:
            label = words(name)
            items.append((line_item(kind, label), 30 + svg.text_width(label, FONT)))
    out: list[str] = []
    x, row = 0.0, 0
    for item, item_width in items:
        if x > 0 and x + item_width > width:
            x, row = 0.0, row + 1
        out.append(item(10 + x, top + row * LEGEND_ROW))
        x += item_width + 14
    return out, row + 1


def _legend_text(label: str, x: float, y: float) -> str:
    return (
        f'<text class="xp-legend-label" x="{n(x)}" y="{n(y)}"{svg.anchored(label)}>'
        f"{svg.text(label)}</text>"
    )


@dataclass(frozen=True)
class Drawing:
    """One drawing of the network: its box, where its actors are, how it is named."""

    svg_id: str
    css_class: str
    width: float
    height: float
    positions: dict[str, tuple[float, float]]
    title: str
    description: str
    #: Lines as elbows (down from the leftmost end, then across), for a column.
    elbows: bool = False


def draw(
    drawing: Drawing,
    ids: Sequence[str],
    edges: Sequence[Link],
    actors: dict[str, Actor],
    url_for: Callable[[Actor], str],
    words: Words,
    focus: str | None,
    labels: dict[str, tuple[float, float, str]] | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """The picture: lines, then actors with their labels (placed here unless given, and
    their names unless `names` gives shorter ones), then the legend below the plot."""
    width, positions = drawing.width, drawing.positions
    kinds = [k for k in SHAPES if any(actors[i].kind == k for i in ids)]
    lines = sorted({e.kind for e in edges})
    key, rows = legend(kinds, lines, words, width - 20, drawing.height + LEGEND_ROW - 4)
    legend_height = rows * LEGEND_ROW + 8
    height = drawing.height + legend_height
    names = names or {i: actors[i].name for i in ids}
    if labels is None:
        degree: dict[str, int] = {}
        for e in edges:
            degree[e.a] = degree.get(e.a, 0) + 1
            degree[e.b] = degree.get(e.b, 0) + 1
        order = sorted(ids, key=lambda i: (i != focus, -degree.get(i, 0), i))
        centre = positions[focus] if focus is not None else None
        labels = {
            node: spot[:3]
            for node, spot in place_labels(
                positions, names, order, width, drawing.height, centre
            ).items()
        }
    index = {node: k for k, node in enumerate(sorted(ids))}
    out = [
        *svg.opening(
            drawing.svg_id,
            f"xp-network {drawing.css_class}",
            n(width),
            n(height),
            drawing.title,
            drawing.description,
            with_id=True,
        ),
        '<g class="xp-edges" aria-hidden="true">',
    ]
    for e in edges:
        (x1, y1), (x2, y2) = sorted([positions[e.a], positions[e.b]])
        stroke = f'stroke-width="{n(1 + min(e.shared, 6) * 0.6)}"'
        cls = f'class="xp-edge xp-edge--{e.kind} xp-e{index[e.a]} xp-e{index[e.b]}"'
        if drawing.elbows:
            out.append(f'<path {cls} d="M{n(x1)} {n(y1)}V{n(y2)}H{n(x2)}" {stroke}/>')
        else:
            out.append(
                f'<line {cls} x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}" {stroke}/>'
            )
    out.append("</g>")
    for node in sorted(ids, key=lambda i: (i != focus, i)):
        actor = actors[node]
        x, y = positions[node]
        extra = " xp-node--focus" if node == focus else ""
        spot = labels.get(node)
        text = (
            f'<text class="xp-node-label" x="{n(spot[0])}" y="{n(spot[1])}"'
            f"{svg.anchored(names[node], spot[2])}>{svg.text(names[node])}</text>"
            if spot and names[node]
            else ""
        )
        mark = shape(actor.kind, x, y, r=RADIUS + 2 if extra else RADIUS, extra=extra)
        out.append(
            f'<a class="xp-n{index[node]}" href="{svg.attr(url_for(actor))}" '
            f'aria-label="{svg.attr(actor.name)}"><title>{svg.text(actor.name)}</title>'
            f"{mark}{text}</a>"
        )
    out.append('<g class="xp-legend" aria-hidden="true">')
    out += key
    out.append("</g></svg>")
    return "".join(out)
