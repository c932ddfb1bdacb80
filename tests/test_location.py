"""An event's or an actor's `location`: read, checked (ranges, swapped coordinates, degrees
written as an atlas prints them), each mistake located and explained once."""

from __future__ import annotations

import pytest

from explainer.pipeline.compile import check_story
from explainer.story.model import Location
from tests.conftest import MINIMAL
from tests.test_validation import problems_of

# MINIMAL's event ends with "    sources: [report]" on line 15: the location goes after it.
EVENT_LINE = 16


def with_location(text: str) -> str:
    return MINIMAL.replace(
        "    sources: [report]\n", f"    sources: [report]\n    location: {text}\n", 1
    )


@pytest.mark.parametrize(
    ("location", "column", "says", "fix"),
    [
        (
            "{lat: 95.5, lon: 100}",
            21,
            "the location 'lat' is 95.5, but a latitude is from -90 to 90",
            "north are positive",
        ),
        (
            "{lat: 25, lon: 200}",
            30,
            "the location 'lon' is 200, but a longitude is from -180 to 180",
            "east are positive",
        ),
        ("{lat: -91, lon: -100}", 21, "the location 'lat' is -91", "south negative"),
        # Tokyo written the wrong way round: lat 139.69 cannot be, lon 35.69 could be a latitude.
        (
            "{lat: 139.69, lon: 35.69}",
            21,
            "the location 'lat' is",
            "lat and lon look swapped: write lat: 35.69, lon: 139.69",
        ),
        (
            "{lat: -122.4, lon: 37.77}",
            21,
            "the location 'lat' is",
            "lat and lon look swapped: write lat: 37.77, lon: -122.4",
        ),
        (
            '{lat: "25.28", lon: 51.53}',
            21,
            "should be a number, not the text '25.28'",
            "without quotes",
        ),
        (
            "{lat: 25°17′N, lon: 51.53}",
            21,
            "written with degrees, minutes or a compass letter",
            "decimal degrees",
        ),
        ("{lat: 25.28 N, lon: 51.53}", 21, "compass letter", "decimal degrees"),
        ("{lat: true, lon: 51.53}", 21, "should be a number, not the boolean true", ""),
        ("{lat: 25.28}", 15, "a location is missing 'lon'", "add lon"),
        ("{lat: 25.28, lng: 51.53}", 28, "unknown key 'lng' in a location", "did you mean 'lon'?"),
        ("Doha", 15, "a location should be a mapping of keys, not text", "key: value"),
        ("[25.28, 51.53]", 15, "a location should be a mapping of keys, not a list", "key: value"),
    ],
)
def test_a_bad_location_is_one_located_problem(story_file, location, column, says, fix) -> None:
    found = problems_of(story_file(with_location(location)))
    assert len(found) == 1, found
    line, col, message = found[0]
    assert (line, col) == (EVENT_LINE, column)
    assert says in message
    assert fix in message


def test_every_bad_location_is_reported_at_once(story_file) -> None:
    story = with_location("{lat: 95, lon: 100}").replace(
        "    kind: person\n", "    kind: person\n    location: {lat: 10, lon: 190}\n"
    )
    found = problems_of(story_file(story))
    assert [m.split(",")[0] for _, _, m in found] == [
        "the location 'lon' is 190",
        "the location 'lat' is 95",
    ]


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("{lat: 25.2854, lon: 51.531}", Location(25.2854, 51.531)),
        ("{lat: -33, lon: -70}", Location(-33.0, -70.0)),
        ("{lat: 90, lon: 180}", Location(90.0, 180.0)),
        ("{lat: -90, lon: -180}", Location(-90.0, -180.0)),
        # Both within ±90: a swap cannot be told from a real place, so it is read as written.
        ("{lat: 51.531, lon: 25.2854}", Location(51.531, 25.2854)),
    ],
)
def test_a_good_location_is_read_as_written(story_file, location, expected) -> None:
    catalog = check_story(story_file(with_location(location))).catalog
    assert catalog.events["meeting"].location == expected


def test_location_is_optional_on_events_and_actors(story_file) -> None:
    catalog = check_story(story_file(MINIMAL)).catalog
    assert catalog.events["meeting"].location is None
    assert catalog.actors["alice"].location is None
    located = MINIMAL.replace(
        "    kind: person\n", "    kind: person\n    location: {lat: 38.9, lon: -77.04}\n"
    )
    assert check_story(story_file(located)).catalog.actors["alice"].location == Location(
        38.9, -77.04
    )
