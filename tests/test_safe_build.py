"""`mkdocs build` and `explainer export` replace their output whole, or not at all (issue 16).

Real builds in subprocesses: killed at moments Hypothesis picks, two at once, one that
cannot write, one that fails strict mode after every file is written. After each, the
site is the previous one byte for byte, or the new one complete.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from devtools.synthetic import synthetic_story
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SMALL

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def new_project(folder: Path, story: str) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "explainer.adapters.cli", "new", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (folder / "events.yaml").write_text(story, encoding="utf-8")
    return folder


def build(project: Path, *args: str, **options: object) -> subprocess.CompletedProcess[str]:
    # Not -q: it hides warnings from MkDocs' strict-mode count too.
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
        **options,  # type: ignore[call-overload]
    )


def start_build(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", *args],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def contents(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, by path: two sites are the same if these are equal."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(project: Path) -> list[str]:
    """Staging or parked folders beside site/ (the lock file may stay)."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site.") and p.is_dir())


# ---- Killed builds ---------------------------------------------------------------------

STORIES = {"a": synthetic_story(events=250, actors=50, seed=1), "b": synthetic_story(250, 50, 2)}


class Killing:
    """One project, and the complete sites of its two stories to compare with."""

    def __init__(self, root: Path) -> None:
        self.project = new_project(root / "project", STORIES["a"])
        self.complete: dict[str, dict[str, bytes]] = {}
        started = time.monotonic()
        for name in ("b", "a"):  # ends with story a's site in place
            (self.project / "events.yaml").write_text(STORIES[name], encoding="utf-8")
            result = build(self.project)
            assert result.returncode == 0, result.stderr
            self.complete[name] = contents(self.project / "site")
        self.build_seconds = (time.monotonic() - started) / 2
        self.kills = 0

    def current(self) -> str:
        site = contents(self.project / "site")
        found = [name for name, files in self.complete.items() if files == site]
        assert found, "site/ is neither the previous site nor a complete new one"
        return found[0]


@pytest.fixture(scope="module")
def killing(tmp_path_factory: pytest.TempPathFactory) -> Killing:
    return Killing(tmp_path_factory.mktemp("killing"))


@settings(
    max_examples=5,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(moment=st.floats(min_value=0.0, max_value=1.2))
def test_a_killed_build_leaves_the_previous_site_or_the_new_one_whole(
    killing: Killing, moment: float
) -> None:
    """`moment` is the kill's time as a share of a build's duration: from its first
    instant to past its last write."""
    before = killing.current()
    after = "b" if before == "a" else "a"
    (killing.project / "events.yaml").write_text(STORIES[after], encoding="utf-8")
    running = start_build(killing.project)
    time.sleep(moment * killing.build_seconds)
    running.send_signal(signal.SIGKILL)
    running.communicate()
    killing.kills += 1
    assert killing.current() in (before, after)  # byte for byte, every file


def test_the_build_after_the_kills_succeeds_and_leaves_nothing_behind(killing: Killing) -> None:
    assert killing.kills >= 5, "run with the test above"
    (killing.project / "events.yaml").write_text(STORIES["b"], encoding="utf-8")
    result = build(killing.project)
    assert result.returncode == 0, result.stderr
    assert contents(killing.project / "site") == killing.complete["b"]
    assert leftovers(killing.project) == []


# ---- Two builds, write failures, strict failures ---------------------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A built project of the small story, and its site's files."""
    project = new_project(tmp_path_factory.mktemp("small"), SMALL.read_text(encoding="utf-8"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    # Written by the search plugin's on_post_build: the swap comes after it.
    assert (project / "site" / "search" / "search_index.json").is_file()
    return project, contents(project / "site")


def test_a_second_build_into_the_same_folder_stops_naming_the_first(
    small: tuple[Path, dict[str, bytes]],
) -> None:
    project, site = small
    first = start_build(project)
    lock = project / ".site.lock"
    deadline = time.monotonic() + 60
    while f"pid {first.pid}," not in (lock.read_text() if lock.exists() else ""):
        assert first.poll() is None and time.monotonic() < deadline, "the first build never locked"
        time.sleep(0.01)
    # Paused while it holds the lock, so that it is still running whatever the machine's
    # speed when the second one (seconds of imports) gets there.
    first.send_signal(signal.SIGSTOP)
    try:
        second = build(project)
    finally:
        first.send_signal(signal.SIGCONT)
    assert first.wait(timeout=120) == 0, first.communicate()[1]
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert f"another build into site/ is running (pid {first.pid}, started " in second.stderr
    assert contents(project / "site") == site  # the first one's, whole
    assert leftovers(project) == []


def test_a_write_failure_says_which_file_and_keeps_the_old_site(
    small: tuple[Path, dict[str, bytes]],
) -> None:
    project, site = small

    def small_files_only() -> None:
        # Python ignores SIGXFSZ, so a write over the limit fails with EFBIG instead.
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = build(project, preexec_fn=small_files_only)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "explainer: cannot write site/assets/" in result.stderr  # where it will be
    assert "File too large" in result.stderr
    assert "Nothing was replaced: site/ is as it was." in result.stderr
    assert contents(project / "site") == site
    assert leftovers(project) == []


def test_a_strict_build_that_fails_after_writing_everything_keeps_the_old_site(
    small: tuple[Path, dict[str, bytes]],
) -> None:
    """MkDocs counts strict-mode warnings and aborts after on_post_build, when every file
    is written: the swap must not have happened."""
    project, site = small
    page = project / "docs" / "notes.md"
    page.write_text("# Notes\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    try:
        result = build(project, "--strict")
    finally:
        page.unlink()
    assert result.returncode == 1
    assert "missing.md" in result.stderr
    assert contents(project / "site") == site
    assert leftovers(project) == []


def test_a_build_into_another_folder_with_d(small: tuple[Path, dict[str, bytes]]) -> None:
    project, site = small
    (project / "elsewhere").mkdir()
    (project / "elsewhere" / "stale.html").write_text("from before")
    result = build(project, "-d", "elsewhere")
    assert result.returncode == 0, result.stderr
    assert contents(project / "elsewhere") == site
    assert not [p for p in project.iterdir() if p.name.startswith(".elsewhere.") and p.is_dir()]


# ---- explainer export ------------------------------------------------------------------


def export(out: Path, story: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explainer.adapters.cli", "export", str(out), "--file", str(story)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_re_export_leaves_no_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert export(out, SMALL).returncode == 0
    fresh = contents(out)
    (out / "docs" / "events" / "dropped-event.md").write_text("# An event since removed\n")
    (out / "docs" / "stale.md").write_text("stale\n")
    (out / "site").mkdir()  # a build of the earlier export
    (out / "site" / "index.html").write_text("stale")
    result = export(out, SMALL)
    assert result.returncode == 0, result.stderr
    assert contents(out) == fresh
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.") and p.is_dir()]


def test_an_export_never_replaces_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "project"
    out.mkdir()
    (out / "mkdocs.yml").write_text("site_name: Mine\n")
    (out / "notes.txt").write_text("my own\n")
    before = contents(out)
    result = export(out, SMALL)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is not empty and was not written by `explainer export`" in result.stderr
    assert contents(out) == before


# ---- Which builds are staged -----------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "dirty", "staged"),
    [
        ("build", False, True),
        ("gh-deploy", False, True),
        ("build", True, False),
        ("serve", False, False),
        ("serve", True, False),
    ],
)
def test_serve_and_dirty_builds_are_not_staged(command: str, dirty: bool, staged: bool) -> None:
    # `mkdocs serve` builds into its own temporary folder; --dirty adds to the site in place.
    from explainer.adapters.plugin import ExplainerPlugin

    plugin = ExplainerPlugin()
    plugin.on_startup(command=command, dirty=dirty)  # type: ignore[arg-type]
    assert plugin.safe_build.enabled is staged


def test_gh_deploy_finds_the_site_where_the_config_says(
    small: tuple[Path, dict[str, bytes]],
) -> None:
    """gh-deploy publishes config.site_dir after the build: the real folder, not staging."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    project, site = small
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="gh-deploy", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    assert config.site_dir == str(project / "site")
    assert contents(project / "site") == site
    assert leftovers(project) == []
