"""The maps: which events a map shows and how they are grouped, where labels go, the
projection and the frame, and the map page's size in a story of 10,000 located events."""

from __future__ import annotations

import html
import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from devtools.synthetic import synthetic_story
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.pipeline.compile import compile_story
from explainer.render.charts.geo import WORLD_X, WORLD_Y, frame, land_path, project
from explainer.render.charts.maps import (
    Place,
    _inset_box,
    anchor,
    map_svg,
    overlaps,
    place_labels,
    places,
    radius,
)
from explainer.story.model import Location
from tests.conftest import ROOT, child_env

STORY = """\
story:
  title: Places
  summary: Some events have a place.
actors:
  - id: alice
    name: Alice
    kind: person
events:
  - id: talks-one
    date: "2025-03-01"
    title: First talks
    place: Doha, Qatar
    location: {lat: 25.2854, lon: 51.531}
    sources: [report]
  - id: talks-two
    date: "2025-03-02"
    title: Second talks
    place: Doha
    location: {lat: 25.28541, lon: 51.53104}   # the same place, to ten metres
    sources: [report]
  - id: talks-three
    date: "2025-03-03"
    title: Third talks
    place: Doha, Qatar
    location: {lat: 25.2854, lon: 51.531}
    sources: [report]
  - id: siege
    date: "2025-03-04"
    title: A siege
    place: Gaza Strip
    location: {lat: 31.4167, lon: 34.3333}
    sources: [report]
  - id: statement
    date: "2025-03-05"
    title: A statement, no place given
    sources: [report]
  - id: somewhere
    date: "2025-03-06"
    title: Somewhere unnamed
    location: {lat: -33.9, lon: 18.4}
    sources: [report]
sources:
  - id: report
    title: A report
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path = tmp_path_factory.mktemp("places") / "events.yaml"
    path.write_text(STORY, encoding="utf-8")
    return compile_story(path).pages


def test_the_map_page_lists_exactly_the_located_events(pages: dict[str, str]) -> None:
    table = pages["map.md"].split("<tbody>", 1)[1]
    assert sorted(re.findall(r'<a href="\.\./events/([a-z0-9-]+)/">', table)) == [
        "siege",
        "somewhere",
        "talks-one",
        "talks-three",
        "talks-two",
    ]


def test_events_at_one_place_are_one_mark_named_as_most_of_them_name_it(
    pages: dict[str, str],
) -> None:
    svg = pages["map.md"].split("<svg", 1)[1].split("</svg>", 1)[0]
    marks = re.findall(r'<a href="([^"]*)" aria-label="([^"]*)"', svg)
    assert sorted(html.unescape(label) for _, label in marks) == [
        "33.9000° S, 18.4000° E: 1 event",  # no `place:`: named by its coordinates
        "Doha, Qatar: 3 events",
        "Gaza Strip: 1 event",
    ]
    href = {html.unescape(label).split(":")[0]: h for h, label in marks}
    # A place of several events links to its row in the table; of one, to the event.
    assert href["Doha, Qatar"] == "#place-25-2854n-51-5310e"
    assert href["Gaza Strip"] == "../events/siege/"
    assert '<span id="place-25-2854n-51-5310e"></span>Doha, Qatar' in pages["map.md"]


def test_a_located_event_has_a_locator_map_that_links_to_its_place(pages: dict[str, str]) -> None:
    page = pages["events/talks-two.md"]
    assert '<svg class="xp-map"' in page
    assert 'href="../../map/#place-25-2854n-51-5310e"' in page
    # and the line under the map links there too
    assert page.count('href="../../map/#place-25-2854n-51-5310e"') == 2
    assert "xp-map" not in pages["events/statement.md"]


def test_a_story_without_locations_has_no_map_page(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(re.sub(r"\n    location: .*", "", STORY), encoding="utf-8")
    built = compile_story(path).pages
    assert "map.md" not in built
    assert "map.md" not in built["index.md"] + built["timeline.md"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (Location(25.2854, 51.531), Location(25.28541, 51.53104), True),
        (Location(25.2854, 51.531), Location(25.2855, 51.531), False),
        (Location(-0.00001, 0.0), Location(0.0, 0.0), True),
    ],
)
def test_places_are_grouped_to_four_decimals(a: Location, b: Location, same: bool) -> None:
    assert (anchor(a) == anchor(b)) is same


def test_equal_earth_keeps_areas_equal() -> None:
    # Two cells of 1° × 1°, at the equator and at 60° N, have the same area on a sphere
    # up to cos(latitude); in an equal-area projection their areas keep that ratio.
    def cell(lat: float) -> float:
        (x0, y0), (x1, _), (_, y1) = project(0, lat), project(1, lat), project(0, lat + 1)
        return abs((x1 - x0) * (y1 - y0))

    import math

    sphere = (math.sin(math.radians(61)) - math.sin(math.radians(60))) / math.sin(math.radians(1))
    assert cell(60) / cell(0) == pytest.approx(sphere, rel=0.01)


def test_the_frame_holds_every_place_and_stays_in_the_world() -> None:
    found = [Location(25.2854, 51.531), Location(38.8977, -77.0365), Location(-33.9, 18.4)]
    view = frame(found, 720, 400)
    for location in found:
        x, y = view.at(location)
        assert 0 < x < 720 and 0 < y < 400
    assert view.left >= -WORLD_X and view.right <= WORLD_X
    # Places at both ends of the world: the whole world's width, never more.
    whole = frame([Location(0, -179), Location(10, 179)], 720, 400)
    assert (whole.left, whole.right) == pytest.approx((-WORLD_X, WORLD_X))
    # The world is wider than the picture's proportions: it is centred, sea above and below.
    assert whole.bottom == pytest.approx(-whole.top) and whole.top >= WORLD_Y


def test_no_outline_is_drawn_across_the_world_at_the_antimeridian() -> None:
    # Eastern Russia and Fiji cross 180°: unwrapped, no edge of theirs spans the map.
    # (Antarctica's own edge runs along the bottom of the world, where it belongs.)
    view = frame([Location(0, 0)], 720, 360, least=2 * WORLD_X)
    north_of = view.at(Location(-60, 0))[1]
    for ring in land_path(view).split("Z"):
        flat = [int(v) for v in re.findall(r"-?\d+", ring)]
        points = list(zip(flat[0::2], flat[1::2], strict=True))
        edges = [
            abs(b[0] - a[0]) for a, b in itertools.pairwise(points) if max(a[1], b[1]) < north_of
        ]
        assert not edges or max(edges) < 200, points[:3]


locations = st.builds(
    Location,
    lat=st.floats(min_value=-60, max_value=75, allow_nan=False),
    lon=st.floats(min_value=-179, max_value=179, allow_nan=False),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(locations, st.integers(1, 40), st.text("abc Dé", min_size=1, max_size=30)),
        min_size=1,
        max_size=25,
    )
)
def test_labels_overlap_no_other_label_no_mark_and_not_the_inset(spots) -> None:
    shown = [
        Place(anchor(loc), name, loc, tuple(range(count)))  # type: ignore[arg-type]
        for loc, count, name in spots
    ]
    shown = list({p.anchor: p for p in shown}.values())
    view = frame([p.location for p in shown], 720, 400)
    points = {p.anchor: view.at(p.location) for p in shown}
    inset = _inset_box(view, points.values(), 720, 400)
    labels = place_labels(shown, points, 720, 400, [inset] if inset else [])
    boxes = [box for _, _, _, box in labels.values()]
    for i, box in enumerate(boxes):
        assert box[0] >= 0 and box[2] <= 720 and box[1] >= 0 and box[3] <= 400
        assert not any(overlaps(box, other) for other in boxes[i + 1 :])
        assert inset is None or not overlaps(box, inset)
        for place in shown:
            x, y = points[place.anchor]
            r = radius(len(place.events))
            assert not overlaps(box, (x - r, y - r, x + r, y + r))


def test_every_mark_is_drawn_even_when_its_label_has_no_room() -> None:
    crowded = [
        Place(anchor(Location(25 + i / 1000, 51)), f"Place {i}", Location(25 + i / 1000, 51), ())
        for i in range(12)
    ]
    svg = map_svg(crowded, lambda p: f"#{p.anchor}", chart_id="m", title="t", description="d")
    assert svg.count("<circle") == 12
    assert svg.count("<text") < 12  # the labels that would overlap are left out


@pytest.mark.e2e
def test_the_map_page_stays_under_150_kb_at_10000_located_events(tmp_path: Path) -> None:
    story = tmp_path / "events.yaml"
    story.write_text(synthetic_story(10_000, 1_000), encoding="utf-8")
    compiled = compile_story(story)
    assert sum(len(p.events) for p in places(compiled.catalog.timeline)) == 10_000
    # The page as MkDocs and the theme make it, with the site's stylesheet: built alone,
    # since the whole site of 10,000 events takes minutes (scripts/bench measures it too).
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "map.md").write_text(compiled.pages["map.md"], encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nplugins:\n(?:  .*\n|      .*\n)+", "\n", config)
    config = re.sub(r"\nnav:\n(?:  .*\n)+", "\nnav:\n  - Map: map.md\n", config)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
        check=True,
        env=child_env(),
        capture_output=True,
    )
    size = (tmp_path / "site" / "map" / "index.html").stat().st_size
    assert size < 150 * 1024, f"{size / 1024:.0f} KB"
    shutil.rmtree(tmp_path / "site")
