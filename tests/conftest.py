"""Shared helpers: paths to the sample stories and a way to write a story into tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "events.yaml"
SMALL = Path(__file__).parent / "data" / "small" / "events.yaml"
ARTICLE = ROOT.parent / "shared" / "seed" / "article.txt"

MINIMAL = """\
story:
  title: A test story
  summary: Something happened.
actors:
  - id: alice
    name: Alice
    kind: person
events:
  - id: meeting
    date: "2025-03-05"
    title: Alice meets
    participants:
      - actor: alice
        role: party
    sources: [report]
sources:
  - id: report
    title: A report
"""


@pytest.fixture
def story_file(tmp_path: Path):
    """Write YAML (dedented) to tmp_path/events.yaml and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "events.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    shots = ROOT / "screenshots"
    if shots.is_dir() and any(shots.glob("*.png")):
        terminalreporter.write_line(f"Screenshots of the seed site, to look at: {shots}/")
