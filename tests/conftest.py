"""Shared helpers: paths to the sample stories and a way to write a story into tmp_path."""

from __future__ import annotations

import gc
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM_ARGS, require_chromium

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


@pytest.fixture(autouse=True)
def garbage_collector_as_it_was() -> Iterator[None]:
    """Tests that rebuild as `mkdocs serve` does never stop a server, which is what gives
    Python's garbage collector back (adapters/idle_gc.py): give it back after each test."""
    was = gc.isenabled()
    yield
    if was and not gc.isenabled():
        gc.enable()


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    shots = ROOT / "screenshots"
    if shots.is_dir() and any(shots.glob("*.png")):
        terminalreporter.write_line(f"Screenshots of the seed site, to look at: {shots}/")


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a build the tests run in a child process: bare (no PATH, so no
    tool of the machine's stands in for ours), but with PYTHONPATH when it is set, so that
    a checkout run that way tests its own code and not the installed one."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "", **extra}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, one for the whole run (each test opens its own pages);
    skips, or fails with CI=true, where there is none."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, chromium_sandbox=False
        )
        yield chromium
        chromium.close()
