"""The editor schema (schema/events.schema.json), checked with an independent validator
(`jsonschema`) against the reader it is generated from: both must refuse the same mistakes,
except the ones only the reader can see, which are listed here with the reason."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from explainer.pipeline.compile import check_story
from explainer.story.coordinates import Number
from explainer.story.dates import DateError, parse_date
from explainer.story.fields import (
    Colour,
    Date,
    Field,
    Id,
    Language,
    ListOf,
    ProjectFile,
    Record,
    Text,
    TimeZone,
    Url,
)
from explainer.story.problems import StoryError
from explainer.story.records import STORY_FILE
from explainer.story.schema import MODELINE, SCHEMA_PATH, schema_text, story_schema
from tests.conftest import ROOT, SEED, SMALL
from tests.edtf_cases import FORMS, MALFORMED, UNSUPPORTED
from tests.pictures import small_jpeg, transparent_png
from tests.test_bad_input import CASES, Case

VALIDATOR = jsonschema.Draft7Validator(story_schema())


class EditorYaml(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2's core schema): `yes` and
    an unquoted 2025-03-05 are text, only true and false are booleans."""


EditorYaml.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if not tag.endswith(("bool", "timestamp"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EditorYaml.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def schema_errors(data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)
    ]


def reader_errors(tmp_path: Path, text: str) -> list[str]:
    # The pictures FULL names, so that only the value under test can be refused.
    small_jpeg(tmp_path / "media" / "photo.jpg", 1)
    transparent_png(tmp_path / "media" / "poster.png")
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        check_story(path)
    except StoryError as error:
        return [p.message for p in error.problems if p.severity == "error"]
    return []


# --- The committed file --------------------------------------------------------------


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_text(), (
        f"{SCHEMA_PATH} is out of date with the model: regenerate it with "
        f"`.venv/bin/explainer schema -o {SCHEMA_PATH}` and commit it"
    )


def test_the_schema_is_valid_draft_07() -> None:
    jsonschema.Draft7Validator.check_schema(story_schema())


def test_the_seed_story_points_editors_at_the_schema() -> None:
    assert SEED.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert (SEED.parent / SCHEMA_PATH).is_file()


# --- Good stories pass -----------------------------------------------------------------


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("```yaml\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(lambda: SEED.read_text(encoding="utf-8"), id="events.yaml"),
        pytest.param(readme_example, id="README example"),
        pytest.param(lambda: SMALL.read_text(encoding="utf-8"), id="tests/data/small"),
    ],
)
def test_good_stories_validate(text: Any) -> None:
    assert schema_errors(yaml.load(text(), Loader=EditorYaml)) == []


# Every form of date the reader accepts (the conformance table), and a few spellings.
GOOD_DATES = [form[1] for form in FORMS] + ["2025-02~", "2025~/2026", " 2025 ", "[1667, 1668]"]


@pytest.mark.parametrize("text", GOOD_DATES)
def test_the_schema_takes_every_date_the_reader_takes(text: str) -> None:
    parse_date(text)  # the reader's verdict: raises if it were not a date
    assert schema_errors({**FULL, "events": [{**FULL["events"][0], "date": text}]}) == []


@pytest.mark.parametrize(
    ("text", "refused"),
    [(text, refused) for text, _, refused in MALFORMED] + [(text, True) for text, _ in UNSUPPORTED],
)
def test_the_schema_refuses_the_malformed_dates_the_reader_refuses_by_their_shape(
    text: str, refused: bool
) -> None:
    with pytest.raises(DateError):
        parse_date(text)
    errors = schema_errors({**FULL, "events": [{**FULL["events"][0], "date": text}]})
    # What only the reader can know (the calendar, a range's order) the schema lets through.
    assert bool(errors) == refused, errors


# --- Mistakes from the bad-input corpus ------------------------------------------------
#
# Every case of tests/test_bad_input.py is either refused by the schema too, or listed
# below with the reason only the reader can refuse it. For those that are still YAML, the
# test shows the schema does let them through, so the list stays true.

SCHEMA_REFUSES = "the schema refuses it too"
# Not parsed by the test (an editor's YAML parser, not its schema, reports these):
NOT_YAML = "not YAML: the editor's YAML parser reports it, before any schema"
BYTES = "bytes, not values: encoding and control characters are checked on the file"
HOSTILE = "hostile YAML (tags, alias bombs, deep nesting) is refused by the reader's parser"
# Parsed, and let through by the schema:
IDS = "references between records (unknown, duplicate or looping ids) need the whole story"
PROSE_LINKS = "links inside Markdown (event:ID) are text to a schema"
CALENDAR = "the calendar (2025-02-30) and the order of a range's ends need date arithmetic"
MOJIBAKE = "garbled text is a warning, judged by ftfy"
DUPLICATE_KEYS = "a YAML parser keeps one of two duplicate keys; only the reader sees both"
YAML_11 = "the reader reads YAML 1.1, where yes is a boolean; editors read YAML 1.2 (text)"
CLDR = "whether a well-formed language tag names a language takes CLDR's list (Babel)"
CONTRAST = "a colour's contrast with the palettes' backgrounds takes colour arithmetic"
TZ_DATABASE = "which time zones exist is the tz database's list, which changes with its releases"

WHY = {
    **dict.fromkeys([
        "unclosed double quote", "unclosed single quote", "unclosed bracket", "unclosed brace",
        "key indented too far", "list item out of line", "tab in indentation",
        "stray document marker", "key without colon", "colon-space in a plain value",
    ], NOT_YAML),
    **dict.fromkeys([
        "byte that is not UTF-8", "Windows-1252 curly quote", "control character pasted in",
        "UTF-16 file",
    ], BYTES),
    **dict.fromkeys([
        "mangled space from a scraped page", "garbled word from a scraped page",
        "UTF-8 read as Windows-1252", "accent read as Windows-1252",
    ], MOJIBAKE),
    **dict.fromkeys([
        "empty file", "only comments", "a list at the top", "text at the top",
        "no story section", "actors as a mapping", "name as a list", "empty name", "blank name",
        "missing event title", "missing event sources", "event citing no source",
        "event with an empty sources key", "misspelt top-level key", "misspelt event key",
        "misspelt actor key", "unknown key, nothing close", "unknown actor kind",
        "unknown participant role", "unknown status", "javascript: url", "data: url",
        "url without a scheme",
        "id in capitals (would collide with 'alice' as a URL)", "id with a path",
        "id that is a slash", "id with a backslash", "id of dots only", "id with a NUL",
        "id with a zero-width space", "id with a Cyrillic look-alike", "reserved id",
        "Windows device name as id",
        "words instead of a date", "BC written out", "negative number for a BCE year",
        "short month and day", "date as a list", "language with an underscore",
        "misspelt direction", "unspecified digit in the middle of a year",
        "more than two unspecified year digits", "unspecified digit in a full date",
        "season with a day", "hour past 23",
        "lower-case unspecified digit", "tag colour unquoted", "tag colour as a name",
        "update without its date", "update that is not a date",
        "correction without its text", "correction dated in words",
        "misspelt key in a correction", "corrections as text",
    ], SCHEMA_REFUSES),
    **dict.fromkeys(
        ["tag colour failing contrast", "tag colour failing in the dark palette"], CONTRAST
    ),
    **dict.fromkeys(["language written as a name", "unknown language tag"], CLDR),
    "misspelt time zone": TZ_DATABASE,
    "title that YAML reads as a boolean": YAML_11,
    **dict.fromkeys(["duplicate key", "duplicate top-level section"], DUPLICATE_KEYS),
    **dict.fromkeys([
        "unknown participant", "unknown source", "unknown quote speaker",
        "unknown source outlet", "unknown key actor", "unknown affiliation",
        "two actors with one alias", "duplicate actor id", "duplicate event id",
        "affiliated with itself", "a loop at the end of a long chain", "affiliations in a loop",
        "duplicate tag id", "undeclared tag one typo from a declared one",
    ], IDS),
    **dict.fromkeys([
        "link to an unknown event", "link to an unknown actor in a folded block",
        "link to an unknown event in a quoted value",
    ], PROSE_LINKS),
    **dict.fromkeys(["impossible day", "not a leap year", "reversed range"], CALENDAR),
    **dict.fromkeys([
        "python object tag", "python name tag on a scalar", "binary tag", "local tag",
        "billion laughs", "alias inside itself", "deep nesting", "nesting past the parser's limit",
    ], HOSTILE),
}  # fmt: skip


def test_every_bad_input_case_is_classified() -> None:
    unclassified = [case.name for case in CASES if case.name not in WHY]
    assert not unclassified, f"say whether the schema refuses these too: {unclassified}"
    assert set(WHY) <= {case.name for case in CASES}, "WHY names a case that no longer exists"


PARSED = [case for case in CASES if WHY.get(case.name) not in (NOT_YAML, BYTES, HOSTILE)]


@pytest.mark.parametrize("case", PARSED, ids=[case.name for case in PARSED])
def test_the_schema_refuses_what_the_reader_refuses(case: Case) -> None:
    assert isinstance(case.story, str)
    errors = schema_errors(yaml.load(case.story, Loader=EditorYaml))
    if WHY[case.name] == SCHEMA_REFUSES:
        assert errors, "the reader refuses this story; the schema should too"
    else:
        assert errors == [], f"listed as beyond the schema ({WHY[case.name]}), yet: {errors}"


# --- Every field of the model, from the model's own tables -----------------------------

# A story with every field of every record filled in, which both accept.
FULL: dict[str, Any] = {
    "story": {
        "title": "A test story", "summary": "Something happened.", "published": "2025-03",
        "updated": {"date": "2025-03", "note": "A source added."},
        "corrections": [{"date": "2025-03-09", "text": "Alice, not Bob, spoke."}], "sections": [{"question": "Why?", "body": "Because."}],
        "method": "Read the report.", "sources": ["report"], "key_actors": ["alice"],
        "language": "pt-BR", "direction": "ltr", "timezone": "Africa/Cairo",
        "image": {
            "file": "media/photo.jpg", "alt": "A photo", "credit": "A photographer",
            "caption": "What it shows", "license": "CC BY 4.0",
            "source": "https://example.org/photo",
        },
    },
    "actors": [
        {
            "id": "alice", "name": "Alice", "kind": "person", "description": "A person.",
            "aliases": ["Al"], "affiliations": [{"actor": "club", "role": "Member", "date": "2024"}],
            "links": [{"title": "Profile", "url": "https://example.org/alice"}],
            "location": {"lat": 38.8977, "lon": -77.0365},
            "image": {
                "file": "media/photo.jpg", "alt": "Alice", "credit": "Her office",
                "caption": "In 2024", "license": "CC0", "source": "https://example.org/a",
            },
            "added": "2025-03-06", "updated": {"date": "2025-03-07", "note": "New role."},
            "corrections": [{"date": "2025-03-08", "text": "Her name is Alice."}],
        },
        {"id": "club", "name": "Club", "kind": "organisation"},
    ],
    "events": [
        {
            "id": "meeting", "date": "2025-03-05", "title": "Alice meets", "body": "They met.",
            "participants": [{"actor": "alice", "role": "party"}], "place": "Doha",
            "location": {"lat": 25.2854, "lon": 51.531}, "status": "reported", "sources": ["report"],
            "quotes": [{"speaker": "alice", "text": "Hello.", "source": "report"}],
            "tags": ["talks"], "added": "2025-03-06",
            "updated": {"date": "2025-03-07", "note": "Confirmed."},
            "corrections": [{"date": "2025-03-08", "text": "Held in Doha, not Cairo."}],
            "image": {
                "file": "media/photo.jpg", "alt": "The room", "credit": "A photographer",
                "caption": "The talks", "license": "CC BY 4.0", "source": "https://example.org/b",
            },
            "embed": {
                "url": "https://example.org/video", "poster": "media/poster.png",
                "alt": "The speaker", "credit": "A channel", "caption": "The speech",
            },
        }
    ],
    "sources": [
        {
            "id": "report", "title": "A report", "outlet": "club", "author": "alice",
            "url": "https://example.org/report", "date": "2025-03-05", "note": "Read in full.",
        }
    ],
    "tags": [
        {"id": "talks", "name": "Talks", "description": "The talks.", "colour": "#1f77b4"}
    ],
}  # fmt: skip


def fields_in(
    data: dict[str, Any], record: Record, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Field]]:
    """Every field of `record` (and of the records inside it) with its place in `data`."""
    for key, spec in record.fields.items():
        if key not in data:
            continue  # reported by test_the_full_story_has_every_field
        yield (*path, key), spec
        value = spec.value
        if isinstance(value, Record):
            yield from fields_in(data[key], value, (*path, key))
        elif isinstance(value, ListOf) and isinstance(value.item, Record):
            yield from fields_in(data[key][0], value.item, (*path, key, "0"))


def missing_fields(data: dict[str, Any], record: Record, path: str = "") -> Iterator[str]:
    for key, spec in record.fields.items():
        value = spec.value
        if key not in data:
            yield f"{path}{key}"
        elif isinstance(value, Record):
            yield from missing_fields(data[key], value, f"{path}{key}.")
        elif isinstance(value, ListOf) and isinstance(value.item, Record):
            yield from missing_fields(data[key][0], value.item, f"{path}{key}[0].")


def changed(path: tuple[str, ...], value: Any = ..., delete: bool = False) -> dict[str, Any]:
    data = copy.deepcopy(FULL)
    parent: Any = data
    for step in path[:-1]:
        parent = parent[int(step)] if step.isdigit() else parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


def wrong_values(spec: Field) -> list[Any]:
    """Values of the wrong shape for a field, each of which both must refuse."""
    value = spec.value
    wrong: list[Any] = [{"nested": "mapping"}]
    if isinstance(value, Text):
        wrong += [["a", "list"], True, None, "   "]
    elif isinstance(value, Date):
        wrong += ["next Tuesday", "2025-13", -44, 2025.5, ["2025"], None]
    elif isinstance(value, Id):
        wrong += ["Not An Id", "a/b", "index", -1, None]
    elif isinstance(value, Language):
        wrong += ["not a tag", "ar_EG", 7, None]
    elif isinstance(value, TimeZone):
        wrong += ["Africa Cairo", "Cairo/", 7, None]
    elif isinstance(value, Url):
        wrong += ["www.example.org", "javascript:alert(1)", "https://a b", 7]
    elif isinstance(value, Number):
        wrong += ["25.28", True, None, [25], value.low - 0.5, value.high + 0.5]
    elif isinstance(value, Colour):
        wrong += ["red", "#12345", "1a56a8", 7, None]
    elif isinstance(value, ProjectFile):
        wrong += ["https://example.org/a.jpg", "//example.org/a.jpg", "data:image/png,x"]
        wrong += ["../a.jpg", "media/../../a.jpg", "/etc/a.jpg", "~/a.jpg", "C:\\a.jpg"]
        wrong += ["media\\a.jpg", True, None, "   ", ["media/a.jpg"]]
    elif isinstance(value, ListOf):
        wrong += ["text", [{"nested": "mapping"}]] + ([[], None] if value.non_empty else [])
    elif isinstance(value, Record):
        wrong += ["text", None, []]
    else:  # a choice
        wrong += ["nonsense", None, ["party"]]
    return wrong


def right_values(spec: Field) -> list[Any]:
    """Values of an unusual but right shape, which both must take."""
    value = spec.value
    if isinstance(value, Text):
        return [1997, 3.5]  # a number is text as written
    if isinstance(value, Date):
        return [1997, "2025-02~", "../2025-03"]
    if isinstance(value, Language):
        return ["ar", "zh-Hant-TW"]
    if isinstance(value, Number):
        return [value.low, value.high, 0, -1.5]
    if isinstance(value, TimeZone):
        return ["UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+2"]
    if isinstance(value, ListOf) and not value.non_empty:
        return [None]  # a key left blank is an empty list
    if isinstance(value, Record) and value.shorthand:
        return ["2025-03-07", 2025]  # the shorthand key's value alone
    return []


FIELDS = list(fields_in(FULL, STORY_FILE))
CHANGES = [
    pytest.param(path, bad, id=f"{'.'.join(path)}={bad!r}")
    for path, spec in FIELDS
    for bad in wrong_values(spec)
]
GOOD_CHANGES = [
    pytest.param(path, good, id=f"{'.'.join(path)}={good!r}")
    for path, spec in FIELDS
    for good in right_values(spec)
    if len(path) > 1  # blanking a whole top-level list would leave its ids unknown
]
REQUIRED = [pytest.param(path, id=".".join(path)) for path, spec in FIELDS if spec.required]
RECORDS = [
    pytest.param(path, id=".".join(path))
    for path, spec in FIELDS
    if isinstance(spec.value, Record)
    or (isinstance(spec.value, ListOf) and isinstance(spec.value.item, Record))
]


def test_the_full_story_has_every_field() -> None:
    assert list(missing_fields(FULL, STORY_FILE)) == [], "add a value for these fields to FULL"


def test_both_take_the_full_story(tmp_path: Path) -> None:
    assert schema_errors(FULL) == []
    assert reader_errors(tmp_path, yaml.safe_dump(FULL, allow_unicode=True)) == []


@pytest.mark.parametrize(("path", "value"), CHANGES)
def test_both_refuse_a_wrong_value(tmp_path: Path, path: tuple[str, ...], value: Any) -> None:
    data = changed(path, value)
    assert reader_errors(tmp_path, yaml.safe_dump(data, allow_unicode=True)), "reader took it"
    assert schema_errors(data), "schema took it"


@pytest.mark.parametrize(("path", "value"), GOOD_CHANGES)
def test_both_take_a_right_value(tmp_path: Path, path: tuple[str, ...], value: Any) -> None:
    data = changed(path, value)
    assert reader_errors(tmp_path, yaml.safe_dump(data, allow_unicode=True)) == []
    assert schema_errors(data) == []


@pytest.mark.parametrize("path", REQUIRED)
def test_both_refuse_a_missing_required_key(tmp_path: Path, path: tuple[str, ...]) -> None:
    data = changed(path, delete=True)
    assert reader_errors(tmp_path, yaml.safe_dump(data, allow_unicode=True)), "reader took it"
    assert schema_errors(data), "schema took it"


@pytest.mark.parametrize("path", [pytest.param((), id="the file"), *RECORDS])
def test_both_refuse_an_unknown_key(tmp_path: Path, path: tuple[str, ...]) -> None:
    data = copy.deepcopy(FULL)
    record: Any = data
    for step in path:
        record = record[int(step)] if step.isdigit() else record[step]
    if isinstance(record, list):
        record = record[0]
    record["colour"] = "red"
    assert reader_errors(tmp_path, yaml.safe_dump(data, allow_unicode=True)), "reader took it"
    assert schema_errors(data), "schema took it"
