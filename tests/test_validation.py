"""Load, model and cross-reference stages on bad input: every problem, located and explained.

Each row is one mistake an author makes; the test asserts the line and column reported and
the key words of the message, as the author would read them in `explainer check`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.pipeline.compile import check_story
from explainer.story.problems import StoryError
from tests.conftest import MINIMAL


def problems_of(path: Path) -> list[tuple[int, int, str]]:
    with pytest.raises(StoryError) as caught:
        check_story(path)
    return [
        (p.mark.line if p.mark else 0, p.mark.column if p.mark else 0, f"{p.message} — {p.hint}")
        for p in caught.value.problems
    ]


def test_every_problem_is_reported_at_once(story_file) -> None:
    story = (
        MINIMAL.replace("actor: alice", "actor: bob")
        .replace("kind: person", "kind: robot")
        .replace('"2025-03-05"', '"2025-02-30"')
        .replace("sources: [report]", "sources: [nope]")
    )
    found = problems_of(story_file(story))
    assert len(found) == 4
    assert [line for line, _, _ in found] == sorted(line for line, _, _ in found)


def test_a_misspelt_key_is_one_message_and_its_contents_are_still_checked(story_file) -> None:
    story = MINIMAL.replace("actors:", "actros:").replace("kind: person", "kind: persn")
    found = problems_of(story_file(story))
    assert [message.split(" — ")[0] for _, _, message in found] == [
        "unknown key 'actros' in the file",
        "the actor 'kind' cannot be 'persn'",
    ]


def test_a_record_dropped_for_one_mistake_is_not_also_unknown(story_file) -> None:
    # alice has a bad kind; the participant naming alice must not add "unknown actor".
    found = problems_of(story_file(MINIMAL.replace("kind: person", "kind: robot")))
    assert len(found) == 1


def test_empty_file(story_file) -> None:
    assert "the file is empty" in problems_of(story_file(""))[0][2]


def test_wrong_top_level_type(story_file) -> None:
    assert "should be a mapping" in problems_of(story_file("- a\n- b\n"))[0][2]


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(MINIMAL.encode().replace(b"Alice meets", b"Alice m\xe9ets"))
    [(line, column, message)] = problems_of(path)
    assert (line, column) == (11, 19)
    assert "not valid UTF-8" in message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert check_story(path).catalog.events["meeting"].title == "Alice meets"


def test_explicit_link_to_unknown_event_points_inside_the_block(story_file) -> None:
    story = MINIMAL.replace(
        "    title: Alice meets\n",
        "    title: Alice meets\n    body: |\n      First line.\n      See [the talks](event:talks).\n",
    )
    [(line, column, message)] = problems_of(story_file(story))
    assert (line, column) == (14, 29)
    assert "link to unknown event 'talks'" in message


def test_self_affiliation_and_loops(story_file) -> None:
    story = MINIMAL.replace(
        "    kind: person\n",
        "    kind: person\n    affiliations:\n      - actor: alice\n        role: Self\n",
    )
    assert "affiliated with itself" in problems_of(story_file(story))[0][2]

    loop = MINIMAL.replace(
        "    kind: person\n",
        "    kind: person\n    affiliations:\n      - {actor: club, role: Member}\n"
        "  - id: club\n    name: Club\n    kind: organisation\n"
        "    affiliations:\n      - {actor: alice, role: Owned by}\n",
    )
    [(_, _, message)] = problems_of(story_file(loop))
    assert "loop: alice → club → alice" in message


def test_duplicate_ids(story_file) -> None:
    story = MINIMAL.replace(
        "sources:\n  - id: report\n    title: A report\n",
        "sources:\n  - id: report\n    title: A report\n  - id: report\n    title: Again\n",
    )
    [(line, _, message)] = problems_of(story_file(story))
    assert line == 19
    assert "duplicate source id 'report' (first at line 17)" in message


def test_a_file_over_the_size_limit_is_refused_before_parsing(
    story_file, monkeypatch: pytest.MonkeyPatch
) -> None:
    import explainer.story.load

    monkeypatch.setattr(explainer.story.load, "MAX_FILE_BYTES", 100)
    [(_, _, message)] = problems_of(story_file(MINIMAL))
    assert "over the limit of 100" in message
