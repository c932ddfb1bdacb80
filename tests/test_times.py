"""Times of day: a story of one day told by the hour (tests/data/hours) is sorted by the
instant, shown in the story's time zone, drawn with hour ticks, and carried by every data
file: the calendar's events import in `icalendar` at the right instants, TimelineJS gets
hours, minutes and seconds, the JSON and CSV the time with its offset."""

from __future__ import annotations

import datetime
import json
import re
import zoneinfo
from pathlib import Path

import icalendar
import pytest

from explainer.i18n.dates import DateStyle
from explainer.pipeline.compile import Compiled, compile_story
from explainer.render.data_files import calendar_ics, events_csv, story_json, timelinejs_json
from explainer.site.urls import SiteUrls
from explainer.story.dates import parse_date
from tests.test_exports import read_csv

HOURS = Path(__file__).parent / "data" / "hours" / "events.yaml"
UTC = datetime.UTC


@pytest.fixture(scope="module")
def hours() -> Compiled:
    return compile_story(HOURS)


def urls_of(compiled: Compiled) -> SiteUrls:
    return SiteUrls(compiled.catalog, compiled.layout)


def test_events_sort_by_their_instant_whatever_offset_they_are_written_with(
    hours: Compiled,
) -> None:
    # 23:10+02:00 on the 22nd, 03:52:30Z (05:52:30 in Cairo), 05:40 in Cairo (no offset:
    # the story's zone), 07:15+02:00, 13:00+02:00.
    order = [event.id for event in hours.catalog.timeline]
    assert order == ["leaves-port", "veers", "alarm", "tugs", "statement"]


def test_without_a_time_zone_each_time_is_shown_with_its_own_offset() -> None:
    shown = DateStyle("en").date(parse_date("2021-03-23T07:15+02:00/2021-03-23T11:30+02:00"))
    assert shown == "07:15–11:30 local time (UTC+2), 23 March 2021"
    shown = DateStyle("en").date(parse_date("2021-03-23T07:15+02:00/2021-03-23T11:30Z"))
    assert shown == ("07:15 local time (UTC+2), 23 March 2021 – 11:30 UTC, 23 March 2021")


def test_without_a_time_zone_a_time_without_offset_sorts_as_utc() -> None:
    texts = ["2021-03-23T05:40", "2021-03-23T05:00-01:00", "2021-03-23T04:00Z", "2021-03-23"]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    assert ordered == [
        "2021-03-23",
        "2021-03-23T04:00Z",
        "2021-03-23T05:40",
        "2021-03-23T05:00-01:00",
    ]


@pytest.mark.parametrize(
    ("text", "english", "arabic"),
    [
        (
            "2021-03-23T03:52:30Z",
            "05:52:30 Cairo time (UTC+2), 23 March 2021",
            "05:52:30 بتوقيت القاهرة (UTC+2)، 23 مارس 2021",
        ),
        ("2021-03-22T23:10-01:00", "02:10 Cairo time (UTC+2), 23 March 2021", None),
        ("2024-07-01T12:00", "12:00 Cairo time (UTC+3), 1 July 2024", None),  # summer time
        # Two times of one day: the day once.
        (
            "2021-03-23T07:15+02:00/2021-03-23T11:30+02:00",
            "07:15–11:30 Cairo time (UTC+2), 23 March 2021",
            "07:15–11:30 بتوقيت القاهرة (UTC+2)، 23 مارس 2021",
        ),
        (
            "2021-03-23T21:15Z/2021-03-23T23:30Z",  # (the 24th in Cairo)
            "23:15 Cairo time (UTC+2), 23 March 2021 – 01:30 Cairo time (UTC+2), 24 March 2021",
            None,
        ),
    ],
)
def test_times_are_shown_as_the_story_time_zone_reads_them(
    text: str, english: str, arabic: str | None
) -> None:
    cairo = zoneinfo.ZoneInfo("Africa/Cairo")
    assert DateStyle("en", zone=cairo).date(parse_date(text)) == english
    if arabic:
        assert DateStyle("ar", zone=cairo).date(parse_date(text)) == arabic


def test_event_pages_and_the_timeline_carry_the_time(hours: Compiled) -> None:
    page = next(text for path, text in hours.pages.items() if path.startswith("events/veers"))
    assert (
        '<time datetime="2021-03-23T05:40">05:40 Cairo time (UTC+2), 23 March 2021</time>' in page
    )
    timeline = hours.pages["timeline.md"]
    assert "05:52:30 Cairo time (UTC+2), 23 March 2021" in timeline
    assert "one of 24 or 25 March 2021" not in timeline  # (the source's set: see sources)
    assert "24 or 25 March 2021" in hours.pages["sources.md"]


def test_a_story_of_one_day_gets_hour_ticks(hours: Compiled) -> None:
    page = hours.pages["timeline.md"]
    for drawing in page.split("</svg>")[:2]:  # across (wide screens) and down (phones)
        labels = re.findall(r'<text class="xp-tick-label"[^>]*>([^<]+)</text>', drawing)
        # Midnight, and the first tick, say the day; the others are hours of it.
        assert labels[0] == "23 Mar 00:00", labels
        hours_only = [label for label in labels[1:] if re.fullmatch(r"\d\d:00", label)]
        assert len(hours_only) >= 2 and hours_only == labels[1:], labels


def test_the_calendar_imports_with_the_right_instants(hours: Compiled) -> None:
    calendar = icalendar.Calendar.from_ical(calendar_ics(hours.catalog, urls_of(hours)))
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert events["alarm"].decoded("dtstart") == datetime.datetime(
        2021, 3, 23, 3, 52, 30, tzinfo=UTC
    )
    # No offset written: read in the story's zone, Cairo (UTC+2 in March 2021).
    assert events["veers"].decoded("dtstart") == datetime.datetime(2021, 3, 23, 3, 40, tzinfo=UTC)
    assert events["leaves-port"].decoded("dtstart") == datetime.datetime(
        2021, 3, 22, 21, 10, tzinfo=UTC
    )
    assert "dtend" not in events["veers"]  # an instant
    tugs = events["tugs"]
    assert (tugs.decoded("dtstart"), tugs.decoded("dtend")) == (
        datetime.datetime(2021, 3, 23, 5, 15, tzinfo=UTC),
        datetime.datetime(2021, 3, 23, 9, 30, tzinfo=UTC),
    )


def test_a_time_without_offset_or_zone_is_a_floating_time_in_the_calendar(story_file) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_story(
        story_file(HOURS.read_text().replace("  timezone: Africa/Cairo\n", ""))
    )
    calendar = icalendar.Calendar.from_ical(calendar_ics(compiled.catalog, urls_of(compiled)))
    veers = next(e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("veers@"))
    assert veers.decoded("dtstart") == datetime.datetime(2021, 3, 23, 5, 40)  # no tzinfo
    assert DateStyle("en").date(parse_date("2021-03-23T05:40")) == "05:40, 23 March 2021"


def test_timelinejs_json_and_csv_carry_the_time(hours: Compiled) -> None:
    urls = urls_of(hours)
    slides = {s["unique_id"]: s for s in json.loads(timelinejs_json(hours.catalog, urls))["events"]}
    assert slides["alarm"]["start_date"] == {
        "year": "2021", "month": "3", "day": "23", "hour": "5", "minute": "52", "second": "30"
    }  # fmt: skip
    assert slides["tugs"]["end_date"] == {
        "year": "2021", "month": "3", "day": "23", "hour": "11", "minute": "30"
    }  # fmt: skip
    events = {e["id"]: e for e in json.loads(story_json(hours.catalog, urls))["events"]}
    assert events["veers"]["date"]["start"] == "2021-03-23T05:40+02:00"
    assert events["alarm"]["date"]["start"] == "2021-03-23T03:52:30Z"
    rows = {r["id"]: r for r in read_csv(events_csv(hours.catalog, urls))}
    assert (rows["tugs"]["start"], rows["tugs"]["end"]) == (
        "2021-03-23T07:15+02:00",
        "2021-03-23T11:30+02:00",
    )
