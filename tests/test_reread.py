"""A saved story read again in pieces (story/pieces.py, while serving) must compile exactly
as the same file read whole: the same pages, the same warnings, the same errors at the same
lines. Each case saves one text, then another, through one LastBuild, and compares the
second compile with a fresh one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.pipeline.compile import LastBuild, compile_story
from explainer.story.pieces import StoryPieces
from explainer.story.problems import StoryError
from tests.conftest import MINIMAL, SMALL

Outcome = tuple[str, object, object]


def outcome(path: Path, last: LastBuild | None = None) -> Outcome:
    try:
        compiled = compile_story(path, last=last)
    except StoryError as error:
        return ("error", str(error), None)
    return ("ok", compiled.pages, [compiled.format_warning(w) for w in compiled.warnings])


def saved_twice(path: Path, before: str, after: str) -> tuple[Outcome, Outcome, LastBuild]:
    """The outcome of `after` read again after `before`, and read whole."""
    last = LastBuild()
    path.write_text(before, encoding="utf-8")
    outcome(path, last)
    path.write_text(after, encoding="utf-8")
    again = outcome(path, last)
    return again, outcome(path), last


TWO_EVENTS = MINIMAL.replace(
    "sources:\n  - id: report",
    """\
  - id: talks
    date: "2025-03-06"
    title: Alice talks
    sources: [report]
sources:
  - id: report""",
)
UNINDENTED = TWO_EVENTS.replace("\n  - ", "\n- ").replace("\n    ", "\n  ")
UNINDENTED = UNINDENTED.replace("\n        ", "\n      ").replace(
    "\n      - actor", "\n    - actor"
)
LONGER_SUMMARY = "  summary: |\n    Something happened.\n\n    Over\n    several lines.\n"

CASES = {
    # (before, after): each pair is a save a writer makes.
    "a title edited": (TWO_EVENTS, TWO_EVENTS.replace("Alice talks", "Alice talks again")),
    "items at column 0": (UNINDENTED, UNINDENTED.replace("Alice talks", "Alice speaks")),
    "lines added above, then a broken reference below": (
        TWO_EVENTS,
        TWO_EVENTS.replace("  summary: Something happened.\n", LONGER_SUMMARY).replace(
            "    sources: [report]\nsources", "    sources: [nowhere]\nsources"
        ),
    ),
    "lines added above a record with garbled text": (
        TWO_EVENTS.replace("Alice talks", "Alice talksâ€™"),
        TWO_EVENTS.replace("Alice talks", "Alice talksâ€™").replace(
            "  summary: Something happened.\n", LONGER_SUMMARY
        ),
    ),
    "lines removed above records with garbled text": (
        TWO_EVENTS.replace("Alice", "Aliceâ€™").replace(
            "  summary: Something happened.\n", LONGER_SUMMARY
        ),
        TWO_EVENTS.replace("Alice", "Aliceâ€™"),
    ),
    "a record moved in the file": (
        TWO_EVENTS,
        TWO_EVENTS.replace(
            '  - id: talks\n    date: "2025-03-06"\n    title: Alice talks\n'
            "    sources: [report]\n",
            "",
        ).replace(
            "events:\n",
            'events:\n  - id: talks\n    date: "2025-03-06"\n    title: Alice talks\n'
            "    sources: [report]\n",
        ),
    ),
    "comments between records": (
        TWO_EVENTS,
        TWO_EVENTS.replace("  - id: talks", "# The second event\n  # indented too\n  - id: talks"),
    ),
    "a record given twice": (
        TWO_EVENTS,
        TWO_EVENTS.replace(
            "sources:\n  - id: report",
            '  - id: talks\n    date: "2025-03-06"\n'
            "    title: Alice talks\n    sources: [report]\nsources:\n  - id: report",
        ),
    ),
    "a top-level key given twice": (TWO_EVENTS, TWO_EVENTS + "story:\n  title: Again\n"),
    "a quoted text whose next line starts like an item": (
        TWO_EVENTS,
        TWO_EVENTS.replace("title: Alice talks", 'title: "Alice\n  - talks"'),
    ),
    "a quote left open": (TWO_EVENTS, TWO_EVENTS.replace("title: Alice talks", 'title: "Alice')),
    "flow style": (
        TWO_EVENTS,
        TWO_EVENTS.replace(
            "sources:\n  - id: report\n    title: A report\n",
            "sources: [{id: report, title: A report}]\n",
        ),
    ),
    "a document marker": (TWO_EVENTS, "---\n" + TWO_EVENTS),
    "an anchor in one record and its alias in another": (
        TWO_EVENTS,
        TWO_EVENTS.replace("title: Alice meets", "title: &t Alice meets").replace(
            "title: Alice talks", "title: *t"
        ),
    ),
    "windows line ends": (TWO_EVENTS, TWO_EVENTS.replace("\n", "\r\n")),
    "no line end at the end, after a kept block": (
        TWO_EVENTS,
        TWO_EVENTS.replace("    title: A report\n", "    note: |+\n      kept\n"),
    ),
    "an item out of line": (TWO_EVENTS, TWO_EVENTS.replace("  - id: talks", "   - id: talks")),
    "a key at column 0 inside a list": (
        TWO_EVENTS,
        TWO_EVENTS.replace("  - id: talks", "oops: 1\n  - id: talks"),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_save_read_in_pieces_compiles_as_the_whole_file(case: str, tmp_path: Path) -> None:
    before, after = CASES[case]
    again, whole, _ = saved_twice(tmp_path / "events.yaml", before, after)
    assert again == whole


def test_the_cases_cover_success_warnings_and_errors(tmp_path: Path) -> None:
    kinds = set()
    for before, after in CASES.values():
        _, whole, _ = saved_twice(tmp_path / "events.yaml", before, after)
        kinds.add("warning" if whole[0] == "ok" and whole[2] else whole[0])
    assert kinds == {"ok", "warning", "error"}


def test_a_title_edit_parses_only_its_record_again(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    edited = text.replace("title: Caesar is assassinated", "title: Caesar is killed")
    assert edited != text
    again, whole, last = saved_twice(tmp_path / "events.yaml", text, edited)
    assert again == whole and again[0] == "ok"
    assert last.pieces.parsed == 1


def test_a_file_that_does_not_cut_cleanly_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    for text in ("---\n" + MINIMAL, MINIMAL.replace("story:", '"story":'), "[1, 2]\n"):
        assert StoryPieces().read(path, text) is None
    assert StoryPieces().read(path, MINIMAL) is not None


# Edits at the level of lines, as a text editor makes them: any line removed, doubled,
# indented or outdented, or a line of another shape put in.
_LINES = TWO_EVENTS.splitlines(keepends=True)
_EDIT = st.tuples(
    st.sampled_from(["remove", "double", "indent", "outdent", "insert"]),
    st.integers(0, len(_LINES) - 1),
    st.sampled_from(["- id: x\n", "  - id: x\n", "# note\n", "\n", "x: 1\n", '  title: "a\n']),
)


def _edited(edits: list[tuple[str, int, str]]) -> str:
    lines = list(_LINES)
    for kind, at, new in edits:
        at = min(at, len(lines) - 1)
        if kind == "remove" and len(lines) > 1:
            del lines[at]
        elif kind == "double":
            lines.insert(at, lines[at])
        elif kind == "indent":
            lines[at] = "  " + lines[at]
        elif kind == "outdent" and lines[at].startswith("  "):
            lines[at] = lines[at][2:]
        elif kind == "insert":
            lines.insert(at, new)
    return "".join(lines)


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(first=st.lists(_EDIT, max_size=2), second=st.lists(_EDIT, max_size=3))
def test_any_line_edits_read_in_pieces_compile_as_the_whole_file(
    tmp_path_factory: pytest.TempPathFactory,
    first: list[tuple[str, int, str]],
    second: list[tuple[str, int, str]],
) -> None:
    path = tmp_path_factory.mktemp("reread") / "events.yaml"
    again, whole, _ = saved_twice(path, _edited(first), _edited(first + second))
    assert again == whole
