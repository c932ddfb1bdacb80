"""The benchmark's own plumbing (the benchmark itself runs in scripts/bench, not here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from devtools.bench import arguments


@pytest.mark.parametrize(
    ("argv", "sizes"),
    [([], ["S", "M", "L"]), (["L"], ["L"]), (["S", "M"], ["S", "M"])],
)
def test_the_sizes_to_run(argv: list[str], sizes: list[str]) -> None:
    # `./scripts/bench` with no argument once failed in argparse before measuring anything.
    assert arguments(argv).sizes == sizes


def test_an_unknown_size_is_refused_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        arguments(["XL"])
    assert exit.value.code == 2
    assert "unknown size 'XL': choose from S, M, L" in capsys.readouterr().err


def test_timeline_pages_are_measured_in_the_order_of_time(tmp_path) -> None:
    from devtools.paint import timeline_pages_to_paint

    for name in ["2024-03-part-10", "bce-0044", "2024-03-part-2", "2024-03", "1999"]:
        (tmp_path / "timeline" / name).mkdir(parents=True)
        (tmp_path / "timeline" / name / "index.html").write_text("x" * len(name))
    (tmp_path / "timeline" / "index.html").write_text("index")
    chosen = timeline_pages_to_paint(tmp_path)
    # The index, then the first, middle and last pages in time (then the heaviest).
    assert chosen[:4] == [
        "timeline/index.html",
        "timeline/bce-0044/index.html",
        "timeline/2024-03/index.html",
        "timeline/2024-03-part-10/index.html",
    ]


def test_both_generators_run_unless_one_is_chosen() -> None:
    assert arguments([]).stories == ["synthetic", "longform"]
    assert arguments(["M", "--story", "longform"]).stories == ["longform"]
    assert arguments(["--story", "longform", "--story", "longform"]).stories == ["longform"]


def test_an_unknown_generator_is_refused_with_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        arguments(["--story", "poetry"])
    assert "unknown story 'poetry': choose from synthetic, longform" in capsys.readouterr().err


def test_a_run_of_fewer_sizes_or_stories_says_it_is_partial() -> None:
    from devtools.bench import heading

    assert "partial run" in heading(arguments(["S", "M"]))
    assert "partial run" in heading(arguments(["--story", "synthetic"]))
    assert "partial run" not in heading(arguments([]))


# -- the second generator ---------------------------------------------------------------


def _longform(tmp_path: Path, events: int = 60, actors: int = 20) -> tuple[Path, dict[str, Any]]:
    from devtools.longform import longform_story

    text = longform_story(events, actors)
    story = tmp_path / "events.yaml"
    story.write_text(text, encoding="utf-8")
    return story, yaml.safe_load(text)


def test_the_long_form_generator_writes_a_valid_story_the_same_each_time(tmp_path) -> None:
    from devtools.longform import longform_story

    from explainer.pipeline.compile import check_story

    story, _ = _longform(tmp_path)
    checked = check_story(story)  # raises StoryError, listing every problem, if invalid
    assert len(checked.catalog.timeline) == 60
    assert longform_story(60, 20) == story.read_text(encoding="utf-8")


def test_the_long_form_generator_is_shaped_as_issue_11_asks(tmp_path) -> None:
    _, data = _longform(tmp_path, events=200, actors=40)
    events = data["events"]
    words = [len(e["body"].split()) for e in events]
    assert all(w >= 30 for w in words) and max(words) >= 400  # some long bodies
    paragraphs = [e["body"].strip().count("\n\n") + 1 for e in events]
    assert min(paragraphs) == 1 and max(paragraphs) >= 3
    bodies = "".join(e["body"] for e in events)
    for shape in ("](actor:", "](event:", "\n- ", "**", "*"):
        assert shape in bodies
    assert all(2 <= len(e["participants"]) <= 6 for e in events)
    assert all(1 <= len(e["sources"]) <= 3 for e in events)
    assert sum(1 for e in events if e.get("quotes")) == len(events) // 5
    assert len(data["sources"]) == len(events) // 5
    # Deep affiliation chains: person → party → coalition → state → bloc.
    up = {a["id"]: a.get("affiliations", [{}])[0].get("actor") for a in data["actors"]}

    def depth(actor: str | None) -> int:
        return 0 if actor is None else 1 + depth(up[actor])

    assert max(depth(a) for a in up) >= 4


# -- save → served ---------------------------------------------------------------------


def test_the_edits_touch_different_records_and_the_move_crosses_years(tmp_path) -> None:
    from devtools.preview import plan_edits

    _, data = _longform(tmp_path)
    edits = plan_edits(data)
    assert [e.kind for e in edits] == ["title", "move", "title", "rename", "title"]
    assert len({e.record for e in edits}) == len(edits)
    move = edits[1]
    before = next(e["date"] for e in data["events"] if e["id"] == move.record)
    assert move.changes["date"][:4] != str(before)[:4]


def test_the_edits_keep_the_story_valid_and_the_rest_of_the_file_as_it_was(tmp_path) -> None:
    from devtools.preview import plan_edits, set_field

    from explainer.pipeline.compile import check_story

    story, data = _longform(tmp_path)
    original = story.read_text(encoding="utf-8")
    text = original
    for edit in plan_edits(data):
        for key, value in edit.changes.items():
            text = set_field(text, edit.record, key, value)
    story.write_text(text, encoding="utf-8")
    catalog = check_story(story).catalog
    for edit in plan_edits(data):
        record = catalog.actors.get(edit.record) or catalog.events[edit.record]
        assert edit.marker in (record.name if edit.kind == "rename" else record.title)
    changed = [a for a, b in zip(original.splitlines(), text.splitlines(), strict=True) if a != b]
    assert len(changed) == 6  # three titles, a title and a date, a name


def test_a_folded_value_is_replaced_whole_and_the_next_record_is_left_alone() -> None:
    from devtools.preview import set_field

    text = (
        "events:\n  - id: a\n    title: a long title\n      folded here\n    date: '2024'\n"
        "  - id: b\n    title: B\n"
    )
    assert set_field(text, "a", "title", "New") == (
        "events:\n  - id: a\n    title: \"New\"\n    date: '2024'\n  - id: b\n    title: B\n"
    )
    with pytest.raises(ValueError, match="has no 'place'"):
        set_field(text, "a", "place", "Doha")


def test_the_seed_story_can_be_edited_as_the_generated_ones(tmp_path) -> None:
    from devtools.preview import plan_edits, set_field

    from explainer.pipeline.compile import check_story
    from tests.conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    for edit in plan_edits(yaml.safe_load(text)):
        for key, value in edit.changes.items():
            text = set_field(text, edit.record, key, value)
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    check_story(tmp_path / "events.yaml")


# -- the report ------------------------------------------------------------------------


def _result(size: str, story: str, build: float, hugo: float, median: float) -> Any:
    from devtools.preview import Preview
    from devtools.report import Result, Run

    result = Result(size, story, 10, 2, 2)
    result.runs = {"compile": Run(4.0, 90), "build": Run(build, 350), "hugo": Run(hugo, 50)}
    result.largest_page_kb, result.largest_page = 160, "sources/index.html"
    result.search_index_mb, result.first_paint_ms, result.first_paint_page = 2.0, 300, "t/"
    result.preview = Preview(1.0, [("title of a", median), ("name of b", median * 2)], 80)
    return result


def test_the_report_states_each_target_beside_its_figure() -> None:
    from devtools.preview import Preview
    from devtools.report import report

    results = [
        _result("M", "synthetic", build=10, hugo=2, median=0.5),
        _result("L", "synthetic", build=100, hugo=20, median=4),
        _result("M", "longform", build=30, hugo=2, median=2),
    ]
    seed = Preview(1.0, [("title of x", 0.4), ("title of y", 0.6), ("name of z", 0.3)], 70)
    text = report(results, seed)
    rows = {
        tuple(cell.strip() for cell in line.strip("|").split("|")[:2]): line
        for line in text.splitlines()
        if line.startswith("| ")
    }

    def row(target: str, story: str) -> str:
        return next(line for (t, s), line in rows.items() if t.startswith(target) and s == story)

    assert "0.40 s (worst 0.60 s) | ✓" in row("save → served, seed story", "seed")
    assert "0.75 s (worst 1.00 s) | ✓" in row("save → served, 1,000", "synthetic")
    assert "3.00 s (worst 4.00 s) | ✗" in row("save → served, 1,000", "longform")
    assert "6.00 s (worst 8.00 s) | ✗" in row("save → served, 10,000", "synthetic")
    assert "not in this run (L)" in row("save → served, 10,000", "longform")
    assert "5.0× | ✓" in row("clean build / Hugo, 1,000", "synthetic")
    assert "15.0× | ✗" in row("clean build / Hugo, 1,000", "longform")
    assert "5.0× | ✓, stretch ✗" in row("clean build / Hugo, 10,000", "synthetic")
    assert "160 KB (sources/index.html) | ✗" in row("largest page", "synthetic")
    assert "350 MB | ✓" in row("peak memory", "synthetic")
    assert "0 | ✓" in row("internal links", "synthetic")
    assert "10.0 | ✓" in row("time(L) / time(M)", "synthetic")
    assert "needs M and L" in row("time(L) / time(M)", "longform")


def test_an_edit_never_served_leaves_no_median_and_says_why() -> None:
    from devtools.preview import Preview
    from devtools.report import report

    seed = Preview(1.0, [("title of x", 0.4), ("title of y", None)], 70, "title of y: late")
    assert seed.median is None and seed.worst is None
    assert "not measured: title of y: late | ✗" in report([], seed)


def test_hugo_gets_the_story_links_as_a_hugo_user_writes_them() -> None:
    from devtools.bench import hugo_links

    assert hugo_links("[A](actor:a), [B](event:b) and [C](source:c)") == (
        "[A](/actors/a/), [B](/events/b/) and C"
    )


def test_the_report_gives_the_time_per_picture_or_says_it_was_not_measured() -> None:
    from devtools.picture_bench import PictureTiming
    from devtools.report import report

    timing = PictureTiming(8, 12.0, 0.734, 0.612, 0.0041, 19.8, 6.2)
    text = report([], None, timing)
    assert "| processed (empty cache) | 0.73 | 0.61 |" in text
    assert "| rebuilt (in the cache: read and hashed) | 0.004 | – |" in text
    assert "8 photos of 12 megapixels" in text
    assert "### Pictures\n\nNot measured in this run." in report([], None)


def test_the_picture_bench_processes_each_photo_once(tmp_path: Path, monkeypatch) -> None:
    import devtools.picture_bench as bench

    monkeypatch.setattr(bench, "PICTURES", 2)
    monkeypatch.setattr(bench, "SIZE", (800, 600))
    timing = bench.picture_timing(tmp_path)
    assert timing.pictures == 2 and timing.cold_per_picture > timing.warm_per_picture > 0
    assert not (tmp_path / "pictures" / ".cache").exists()
