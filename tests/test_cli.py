"""The `explainer` command: check and export, as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import MINIMAL, SMALL


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explainer.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_check_a_good_story() -> None:
    result = run("check", str(SMALL))
    assert result.returncode == 0
    assert "OK — 5 actors, 3 events, 2 sources" in result.stdout


def test_check_lists_every_problem_with_file_line_column_and_caret(story_file) -> None:
    path = story_file(
        MINIMAL.replace("actor: alice", "actor: alcie").replace(
            "sources: [report]", "sources: [reprot]"
        )
    )
    result = run("check", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:13:16: unknown actor id 'alcie' — did you mean 'alice'?"
    assert lines[1] == "          - actor: alcie"
    assert lines[2] == "    " + " " * 15 + "^"
    assert lines[3].startswith(f"{path}:15:15: unknown source id 'reprot'")
    assert lines[-1] == f"2 problems in {path}"


def test_check_a_missing_file(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert "cannot read the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_writes_every_page(tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "out"), "--file", str(SMALL))
    assert result.returncode == 0, result.stderr
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md")
    )
    assert "events/assassination.md" in written
    assert "actors/julius-caesar.md" in written
    assert len(written) == 13
    # The About page links the data files; they are written beside the pages.
    data = tmp_path / "out" / "data"
    assert sorted(p.name for p in data.iterdir()) == [
        "actors.csv",
        "events.csv",
        "events.ics",
        "story.json",
        "timelinejs.json",
    ]
    assert "(data/events.ics)" in (tmp_path / "out" / "about.md").read_text(encoding="utf-8")
    assert (data / "events.csv").read_bytes().count(b"\r\n") == 4  # header and 3 events


def test_export_with_a_site_url_gives_absolute_addresses(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("export", str(out), "--file", str(SMALL), "--site-url", "https://x.example/")
    assert result.returncode == 0, result.stderr
    story = (out / "data" / "story.json").read_text(encoding="utf-8")
    assert '"url": "https://x.example/events/assassination/"' in story


def test_the_readme_example_is_a_complete_story(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "events.yaml"
    path.write_text(example, encoding="utf-8")
    result = run("check", "--strict", str(path))
    assert result.returncode == 0, result.stderr
    assert "OK — 4 actors, 1 event, 2 sources" in result.stdout
