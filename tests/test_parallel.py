"""A clean build on two cores (adapters/parallel.py) makes the site one process makes, byte
for byte, logs what one process logs, and stops with a plain message, never a hang, when the
second process fails or dies.

Real `mkdocs build --strict` runs in subprocesses, on a story small enough to be quick: the
size from which a build forks is lowered to 0 in them (RUNNER), and a test may make a chosen
page fail, warn or kill the process that builds it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from devtools.synthetic import synthetic_story

from explainer.adapters import forked

#: `mkdocs build`, forking whatever the story's size; TROUBLE names what goes wrong where.
RUNNER = """
import os, signal, sys
from mkdocs.commands import build
from explainer.adapters import parallel

parallel.PARALLEL_FROM_PAGES = 0
TROUBLE, PAGE = os.environ.get("TROUBLE", ""), os.environ.get("TROUBLE_PAGE", "")
PARENT = os.getpid()
build_page = build._build_page

def troubled(page, *args, **kwargs):
    # (here, a page the child built goes through MkDocs' steps with nothing to do)
    elsewhere = page.meta.get("template") == parallel.BUILT_ELSEWHERE
    if page.file.src_uri == PAGE and TROUBLE and not elsewhere:
        if TROUBLE.endswith("warns"):
            build.log.warning(f"a warning about {PAGE}")
        elif os.getpid() != PARENT or not TROUBLE.endswith("in child"):
            if TROUBLE.endswith("dies in child"):
                os.kill(os.getpid(), signal.SIGKILL)
            raise ValueError(f"{PAGE} cannot be built")
    return build_page(page, *args, **kwargs)

build._build_page = troubled
from mkdocs.__main__ import cli
sys.exit(cli())
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parallel")
    done = subprocess.run(
        [sys.executable, "-m", "explainer.adapters.cli", "new", str(folder / "site-project")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    project = folder / "site-project"
    (project / "events.yaml").write_text(synthetic_story(60, 12), encoding="utf-8")
    return project


def build(
    project: Path, site: str, *, cores: int = 2, **trouble: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        forked.CORES_VARIABLE: str(cores),
        **{name.upper(): value for name, value in trouble.items()},
    }
    return subprocess.run(
        [sys.executable, "-c", RUNNER, "build", "--strict", "-v", "-d", site],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,  # a hang fails the test instead of stopping the run
    )


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_site_built_on_two_cores_is_the_site_built_on_one(project: Path) -> None:
    one = build(project, "one", cores=1)
    two = build(project, "two", cores=2)
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    # The second process did build pages (else this test proves nothing) ...
    assert "pages built in a second process" in two.stderr
    assert "second process" not in one.stderr
    # ... and every file, the search index among them, is the same.
    first, second = files_of(project / "one"), files_of(project / "two")
    assert "search/search_index.json" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


@pytest.fixture(scope="module")
def child_page(project: Path) -> str:
    """A page the child builds, read from a build's debug log: MkDocs reaches the child's
    pages last, so the last page it builds is one."""
    done = build(project, "probe", cores=2)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    built = [line.split("Building page ")[1].strip() for line in lines if "Building page " in line]
    return built[-1]


def test_a_warning_in_the_child_fails_a_strict_build_and_is_shown_once(
    project: Path, child_page: str
) -> None:
    done = build(project, "warned", trouble="build warns", trouble_page=child_page)
    assert done.returncode != 0
    assert done.stderr.count(f"a warning about {child_page}") == 1
    assert "Aborted with 1 warnings in strict mode" in done.stdout + done.stderr


def test_a_page_the_child_fails_to_build_stops_the_build_naming_it(
    project: Path, child_page: str
) -> None:
    page = child_page
    done = build(project, "failed-build", trouble="build fails in child", trouble_page=page)
    assert done.returncode != 0
    assert f"Error building page '{page}'" in done.stderr
    assert f"ValueError: {page} cannot be built" in done.stderr
    assert not (project / "failed-build").exists()


def test_a_child_that_dies_stops_the_build_with_a_plain_message(
    project: Path, child_page: str
) -> None:
    done = build(project, "killed", trouble="build dies in child", trouble_page=child_page)
    assert done.returncode != 0
    assert "stopped before it finished (killed by signal 9 (SIGKILL))" in done.stderr
    assert "EXPLAINER_CORES=1" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "killed").exists()


def test_one_core_or_a_cores_setting_of_1_builds_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(forked.CORES_VARIABLE, "1")
    assert forked.usable_cores() == 1
    monkeypatch.delenv(forked.CORES_VARIABLE)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0})
    assert forked.usable_cores() == 1
