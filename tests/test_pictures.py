"""The pictures, without a browser: dates on the axis, breaks, label overlaps, determinism,
escaping and colour contrast."""

from __future__ import annotations

import datetime
import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest
from devtools.synthetic import synthetic_story

from explainer.catalog.crossref import Catalog
from explainer.pipeline.compile import check_story
from explainer.render.charts import svg
from explainer.render.charts.network import links, network
from explainer.render.charts.time_scale import _civil, day_number, segments, spans
from explainer.render.charts.timeline import timeline_svg
from tests.conftest import MINIMAL, SEED, child_env

CSS = Path(__file__).parent.parent / "src" / "explainer" / "render" / "assets" / "explainer.css"
BCE = Path(__file__).parent / "data" / "bce" / "events.yaml"
ARABIC = Path(__file__).parent.parent / "examples" / "arabic" / "events.yaml"


def drawings(chart: str) -> tuple[str, str]:
    """The timeline's two drawings: time across (wide screens), time down (phones)."""
    wide, tall, rest = chart.split("</svg>")
    assert rest == "" and 'class="xp-timeline xp-timeline--tall"' in tall
    return wide + "</svg>", tall + "</svg>"


@pytest.fixture(scope="module")
def seed() -> Catalog:
    return check_story(SEED).catalog


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    path = tmp_path_factory.mktemp("large") / "events.yaml"
    path.write_text(synthetic_story(events=300, actors=60), encoding="utf-8")
    return check_story(path).catalog


@pytest.mark.parametrize(
    "day", [(1970, 1, 1), (2025, 3, 5), (2000, 2, 29), (1, 1, 1), (1600, 12, 31)]
)
def test_day_numbers_match_the_calendar(day: tuple[int, int, int]) -> None:
    expected = datetime.date(*day).toordinal() - datetime.date(1970, 1, 1).toordinal()
    assert day_number(day) == expected
    assert _civil(expected) == day


@pytest.mark.parametrize("day", [(-43, 3, 15), (0, 2, 29), (-1000, 12, 31)])
def test_days_before_the_common_era_round_trip(day: tuple[int, int, int]) -> None:
    assert _civil(day_number(day)) == day
    assert day_number(day) < day_number((1, 1, 1))


def test_the_long_gap_before_2025_is_cut_out(seed: Catalog) -> None:
    groups = segments(spans(seed.timeline))
    assert len(groups) == 2
    assert [s.event.id for s in groups[0].members] == ["us-designates-hamas"]
    chart = timeline_svg(seed.timeline, lambda e: e.id, chart_id="t", title="T")
    for drawing in drawings(chart):
        assert drawing.count('class="xp-break"') == 1
        assert ">1997<" in drawing and ">1 Jan 2025<" in drawing


def test_evenly_spread_events_get_no_break(large: Catalog) -> None:
    assert len(segments(spans(large.timeline))) == 1


def test_each_date_is_drawn_at_its_precision(seed: Catalog) -> None:
    chart, tall = drawings(
        timeline_svg(seed.timeline, lambda e: f"events/{e.id}/", chart_id="t", title="T")
    )
    marks = dict(
        re.findall(r'<a href="events/([^/]+)/"[^>]*><title>[^<]*</title><(circle|rect)', chart)
    )
    assert marks["doha-talks"] == "circle"  # known to the day: a dot
    assert marks["february-talks"] == "rect"  # known to the month: a bar
    assert marks["us-designates-hamas"] == "rect"  # known to the year: a bar
    assert 'class="xp-band xp-band--open-start' in chart  # the ceasefire's first phase
    assert ">First phase of the Gaza ceasefire</text>" in chart
    assert len(re.findall(r'<a href="events/', chart)) == len(seed.timeline)  # every event
    assert len(re.findall(r'<a href="events/', tall)) == len(seed.timeline)


def tick_boxes(chart: str) -> list[tuple[float, float]]:
    boxes = []
    for x, label in re.findall(r'class="xp-tick-label" x="([\d.]+)"[^>]*>([^<]+)<', chart):
        width = svg.text_width(label, 12)
        boxes.append((float(x) - width / 2, float(x) + width / 2))
    return sorted(boxes)


@pytest.mark.parametrize("story", ["seed", "large", "one month"])
def test_axis_labels_do_not_overlap(story: str, request: pytest.FixtureRequest) -> None:
    catalog = request.getfixturevalue("large" if story == "one month" else story)
    events = catalog.timeline
    if story == "one month":  # a timeline page of a busy month: a tick right at the edge
        month = events[40].date.earliest[:2]
        events = tuple(e for e in events if e.date.earliest[:2] == month)
    chart, _ = drawings(timeline_svg(events, lambda e: e.id, chart_id="t", title="T"))
    boxes = tick_boxes(chart)
    assert len(boxes) >= 3
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(boxes))
    assert boxes[0][0] >= 0 and boxes[-1][1] <= 720  # no label cut at the chart's edges


def label_boxes(chart: str) -> list[tuple[float, float, float, float]]:
    boxes = []
    pattern = r'<text class="xp-node-label" x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">([^<]*)<'
    for x, y, anchor, label in re.findall(pattern, chart):
        width = svg.text_width(label.replace("&amp;", "&"), 12)
        left = float(x) - {"start": 0, "middle": width / 2, "end": width}[anchor]
        boxes.append((left, float(y) - 12, left + width, float(y) + 3))
    return boxes


@pytest.mark.parametrize("story", ["seed", "large"])
def test_network_labels_do_not_overlap(story: str, request: pytest.FixtureRequest) -> None:
    catalog = request.getfixturevalue(story)
    height = max(540, 12 * min(len(catalog.actors), 60))  # as the actors page draws it
    net = network(catalog, links(catalog), lambda a: a.id, chart_id="n", title="N", height=height)
    boxes = label_boxes(net.svg)
    nodes = len(re.findall(r"<a href=", net.svg))
    assert nodes >= min(len(catalog.actors), 60) * 0.6
    # Every node keeps its tooltip, link and table row; a label only where it fits next to
    # the node: all of them in the seed story, most of them in a dense 60-actor tangle.
    assert len(boxes) >= (nodes if story == "seed" else 0.5 * nodes)
    for a, b in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_an_actors_neighbourhood_centres_on_them(seed: Catalog) -> None:
    hamas = seed.actors["hamas"]
    net = network(seed, links(seed), lambda a: a.id, chart_id="n", title="N", focus=hamas)
    assert 'class="xp-node xp-kind-armed-group xp-node--focus"' in net.svg
    neighbours = {
        other.id for actor, others in net.rows if actor.id == "hamas" for other, _ in others
    }
    assert {"abd-al-latif-al-qanou", "hazam-qassem", "israel", "qatar"} <= neighbours
    described = dict((o.id, how) for a, others in net.rows if a.id == "hamas" for o, how in others)
    assert "Spokesperson of Hamas" in described["hazam-qassem"]


def test_the_same_story_gives_the_same_pictures_in_any_process() -> None:
    # Different hash seeds change the order of sets and dicts of strings: the pictures
    # must not depend on it.
    program = (
        "import hashlib; from pathlib import Path; from explainer.pipeline.compile import compile_story\n"
        f"pages = compile_story(Path({str(SEED)!r})).pages\n"
        "text = pages['actors/index.md'] + pages['timeline.md'] + pages['actors/hamas.md']\n"
        "print(hashlib.sha256(text.encode()).hexdigest())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            env=child_env(PYTHONHASHSEED=seed),
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_names_in_pictures_are_escaped(story_file) -> None:
    story = MINIMAL.replace("name: Alice", 'name: "<script>x</script>"').replace(
        "title: Alice meets", 'title: "<img src=x onerror=alert(1)>"'
    )
    catalog = check_story(story_file(story)).catalog
    chart = timeline_svg(catalog.timeline, lambda e: e.id, chart_id="t", title="T")
    assert "<img" not in chart and "&lt;img src=x onerror=alert(1)&gt;" in chart


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted([luminance(a), luminance(b)], reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Material's backgrounds: white, and slate = hsl(225deg 15% 14%).
BACKGROUNDS = {"default": "#ffffff", "slate": "#1e2129"}


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_picture_colours_keep_4_5_to_1_contrast_in_both_palettes(scheme: str) -> None:
    css = CSS.read_text(encoding="utf-8")
    opening = '[data-md-color-scheme="slate"] {' if scheme == "slate" else ":root {"
    block = css.split(opening, 1)[1].split("}", 1)[0]
    colours = dict(re.findall(r"--(xp-[a-z-]+):\s*(#[0-9a-fA-F]{6})", block))
    assert len(colours) >= 11
    low = {
        name: round(contrast(c, BACKGROUNDS[scheme]), 2)
        for name, c in colours.items()
        if contrast(c, BACKGROUNDS[scheme]) < 4.5
    }
    assert low == {}
