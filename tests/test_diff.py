"""`explainer diff OLD NEW`: a table of story pairs, each with golden outputs for the
terminal, Markdown and JSON (tests/golden/diff/; regenerate with UPDATE_GOLDEN=1 and
review the diff), and the exit codes a script relies on."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from explainer.adapters.cli import main
from explainer.catalog.diff import word_diff

GOLDEN = Path(__file__).parent / "golden" / "diff"

BASE: dict[str, Any] = {
    "story": {"title": "Talks in Doha", "summary": "Two sides met."},
    "actors": [
        {"id": "adam-boehler", "name": "Adam Boehler", "kind": "person"},
        {"id": "hamas", "name": "Hamas", "kind": "armed-group"},
        {"id": "axios", "name": "Axios", "kind": "media"},
    ],
    "events": [
        {
            "id": "doha-talks",
            "date": "2025-03-05",
            "title": "US and Hamas hold talks in Doha",
            "status": "reported",
            "participants": [{"actor": "adam-boehler", "role": "party"}],
            "sources": ["axios-report"],
            "quotes": [
                {"speaker": "adam-boehler", "text": "We are not an agent of Israel."},
                {"speaker": "hamas", "text": "The deal must be respected."},
            ],
        },
        {
            "id": "white-house-confirms",
            "date": "2025-03-05",
            "title": "White House confirms the talks",
            "sources": ["article"],
        },
    ],
    "sources": [
        {"id": "article", "title": "Why did the US hold direct talks with Hamas?"},
        {"id": "axios-report", "title": "Axios report", "outlet": "axios"},
    ],
}


def edited(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    story = copy.deepcopy(BASE)
    change(story)
    return story


def event(story: dict[str, Any], event_id: str) -> dict[str, Any]:
    return next(e for e in story["events"] if e["id"] == event_id)


def add_event(s: dict[str, Any]) -> None:
    s["events"].append(
        {
            "id": "last-warning",
            "date": "2025-03-05",
            "title": 'Trump issues a "last warning" to *Hamas*',
            "sources": ["article"],
        }
    )


def move_date(s: dict[str, Any]) -> None:
    event(s, "doha-talks")["date"] = "2025-03-04~"


def confirm(s: dict[str, Any]) -> None:
    event(s, "doha-talks")["status"] = "confirmed"


def reword_quote(s: dict[str, Any]) -> None:
    event(s, "doha-talks")["quotes"][0]["text"] = "We are not agents of Israel, he said."


def add_and_drop_quotes(s: dict[str, Any]) -> None:
    talks = event(s, "doha-talks")
    talks["quotes"] = [
        talks["quotes"][0],
        {"speaker": "adam-boehler", "text": "It was a helpful meeting."},
    ]


def swap_sources(s: dict[str, Any]) -> None:
    s["sources"].append({"id": "wsj", "title": "Wall Street Journal report"})
    s["sources"] = [x for x in s["sources"] if x["id"] != "axios-report"]
    event(s, "doha-talks")["sources"] = ["wsj", "article"]


def rename_actor(s: dict[str, Any]) -> None:
    s["actors"][0]["name"] = "Adam S. Boehler"


def retitle(s: dict[str, Any]) -> None:
    event(s, "white-house-confirms")["title"] = "The White House confirms the talks"


def change_id(s: dict[str, Any]) -> None:
    event(s, "white-house-confirms")["id"] = "white-house-confirmation"


def add_and_remove_actors(s: dict[str, Any]) -> None:
    s["actors"].append({"id": "qatar", "name": "Qatar", "kind": "state"})
    s["actors"] = [a for a in s["actors"] if a["id"] != "axios"]
    s["sources"][1].pop("outlet")


def everything(s: dict[str, Any]) -> None:
    for change in (add_event, move_date, confirm, reword_quote, swap_sources, rename_actor):
        change(s)
    s["events"] = [e for e in s["events"] if e["id"] != "white-house-confirms"]


CASES: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("unchanged", lambda s: None),
    ("event-added", add_event),
    ("event-removed", lambda s: s["events"].pop()),
    ("date-moved", move_date),
    ("status-changed", confirm),
    ("quote-reworded", reword_quote),
    ("quotes-added-and-dropped", add_and_drop_quotes),
    ("sources-added-and-dropped", swap_sources),
    ("actor-renamed", rename_actor),
    ("event-retitled", retitle),
    ("event-id-changed", change_id),
    ("actors-added-and-removed", add_and_remove_actors),
    ("everything", everything),
]
FORMATS = {"text": ([], "txt"), "markdown": (["--markdown"], "md"), "json": (["--json"], "json")}


def run_diff(
    tmp_path: Path, old: str, new: str, *options: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)  # the outputs name the files as given
    try:
        code = main(["diff", "old.yaml", "new.yaml", *options])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return code, out, err


def dump(story: dict[str, Any]) -> str:
    return yaml.safe_dump(story, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize(("name", "change"), CASES, ids=[name for name, _ in CASES])
def test_diff_matches_its_golden_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    change: Callable[[dict[str, Any]], None],
    output: str,
) -> None:
    options, extension = FORMATS[output]
    code, out, err = run_diff(tmp_path, dump(BASE), dump(edited(change)), *options, capsys=capsys)
    assert (code, err) == (0, "")  # changes or not, the comparison worked
    golden = GOLDEN / f"{name}.{extension}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "change"), CASES, ids=[name for name, _ in CASES])
def test_the_json_counts_what_it_lists_and_nothing_is_missed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, change: Any
) -> None:
    _, out, _ = run_diff(tmp_path, dump(BASE), dump(edited(change)), "--json", capsys=capsys)
    data = json.loads(out)
    assert data["format"] == "explainer-diff"
    listed = sum(len(v) for v in data.values() if isinstance(v, list))
    assert data["changes"] == listed
    assert (listed == 0) == (edited(change) == BASE)


def test_every_kind_of_change_has_a_case() -> None:
    data = json.loads((GOLDEN / "unchanged.json").read_text(encoding="utf-8"))
    kinds = {key for key, value in data.items() if isinstance(value, list)}
    covered = set()
    for name, _ in CASES:
        found = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        covered |= {key for key in kinds if found[key]}
    assert covered == kinds


def test_a_story_with_problems_exits_2_with_every_problem_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken_old = dump(
        edited(lambda s: event(s, "doha-talks")["participants"][0].update(actor="adam-bohler"))
    )
    broken_new = dump(edited(lambda s: event(s, "doha-talks").update(date="2025-02-30")))
    code, out, err = run_diff(tmp_path, broken_old, broken_new, capsys=capsys)
    assert (code, out) == (2, "")
    assert "old.yaml:" in err and "did you mean 'adam-boehler'?" in err
    assert "new.yaml:" in err and "2025-02-30" in err
    assert "Traceback" not in err
    # One good file does not make a comparison.
    code, out, err = run_diff(tmp_path, dump(BASE), broken_new, "--json", capsys=capsys)
    assert (code, out) == (2, "")
    assert "new.yaml:" in err and "old.yaml:" not in err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "old.yaml").write_text(dump(BASE), encoding="utf-8")
    code = main(["diff", str(tmp_path / "old.yaml"), str(tmp_path / "nope.yaml")])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "nope.yaml" in err and "cannot read the file" in err


@pytest.mark.parametrize(
    ("old", "new", "runs"),
    [
        ("a b c", "a b c", [("=", "a b c")]),
        ("a b c", "a x c", [("=", "a"), ("-", "b"), ("+", "x"), ("=", "c")]),
        ("", "new words", [("+", "new words")]),
        ("old words", "", [("-", "old words")]),
        ("one  two\nthree", "one two three four", [("=", "one two three"), ("+", "four")]),
    ],
)
def test_quotes_are_compared_word_by_word(old: str, new: str, runs: list[tuple[str, str]]) -> None:
    assert list(word_diff(old, new)) == runs
