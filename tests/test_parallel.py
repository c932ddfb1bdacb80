"""A clean build on two cores (adapters/parallel.py) makes the site one process makes, byte
for byte, logs what one process logs, and stops with a plain message, never a hang, when the
second process fails or dies.

Real `mkdocs build --strict` runs in subprocesses, on a story small enough to be quick: the
size from which a build forks is lowered to 0 in them (RUNNER), and a test may make a chosen
page fail, warn or kill the process that converts or builds it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from devtools.synthetic import synthetic_story

from explainer.adapters import forked, parallel
from explainer.pipeline.compile import compile_story
from explainer.render.html_page import MARK

#: `mkdocs build`, forking whatever the story's size; TROUBLE names what goes wrong where.
RUNNER = """
import os, signal, sys
from mkdocs.commands import build
from mkdocs.structure.pages import Page
from explainer.adapters import parallel

parallel.PARALLEL_FROM_PAGES = 0
TROUBLE, PAGE = os.environ.get("TROUBLE", ""), os.environ.get("TROUBLE_PAGE", "")
PARENT = os.getpid()
render, build_page = Page.render, build._build_page

def troubled(step):
    def run(page, *args, **kwargs):
        # (here, a page the child built goes through MkDocs' steps with nothing to do)
        elsewhere = page.meta.get("template") == parallel.BUILT_ELSEWHERE
        if page.file.src_uri == PAGE and TROUBLE.startswith(step) and not elsewhere:
            if TROUBLE.endswith("warns"):
                build.log.warning(f"a warning about {PAGE}")
            elif os.getpid() != PARENT or not TROUBLE.endswith("in child"):
                if TROUBLE.endswith("dies in child"):
                    os.kill(os.getpid(), signal.SIGKILL)
                raise ValueError(f"{PAGE} cannot be {step}ed")
        return (render if step == "convert" else build_page)(page, *args, **kwargs)
    return run

Page.render = troubled("convert")
build._build_page = troubled("build")
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
    # The second process did build pages (else this test proves nothing); it converts none:
    # every generated page is written as HTML, which Python-Markdown never reads ...
    assert "pages converted by the child" not in two.stderr
    assert "pages built in a second process" in two.stderr
    assert "second process" not in one.stderr
    # ... and every file, the search index among them, is the same.
    first, second = files_of(project / "one"), files_of(project / "two")
    assert "search/search_index.json" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


@pytest.fixture(scope="module")
def child_pages(project: Path) -> tuple[str, str]:
    """A page the child converts and one it builds, read from a build's debug log: MkDocs
    reaches the child's pages last, so the last page it reads is one it builds. Pages written
    as HTML have nothing to convert: the page to convert is the last one written in
    Markdown, if the child took it (the log says how many pages it took); "" if none is."""
    done = build(project, "probe", cores=2)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    read = [line.split("Reading: ")[1].strip() for line in lines if "Reading: " in line]
    built = [line.split("Building page ")[1].strip() for line in lines if "Building page " in line]
    pages = compile_story(project / "events.yaml").pages
    markdown = [path for path in read if MARK not in pages[path]]
    taken = re.search(r"(\d+) of (\d+) pages converted by the child", done.stderr)
    if not markdown or not taken:
        return "", built[-1]  # no page to convert (see NOTHING_TO_CONVERT)
    assert read.index(markdown[-1]) >= int(taken[2]) - int(taken[1]), "not the child's"
    return markdown[-1], built[-1]


#: Every generated page is written as HTML now: the child's conversion loop has no page to
#: convert, so these tests have none to trouble. Strict: should a generated page be written
#: in Markdown again, they pass and this mark must go (or parallel.py's conversion stage,
#: left to the lead, goes with them).
NOTHING_TO_CONVERT = pytest.mark.xfail(
    strict=True, reason="every generated page is HTML: the child converts none"
)


@pytest.mark.parametrize("step", [pytest.param("convert", marks=NOTHING_TO_CONVERT), "build"])
def test_a_warning_in_the_child_fails_a_strict_build_and_is_shown_once(
    project: Path, child_pages: tuple[str, str], step: str
) -> None:
    converted, built = child_pages
    page = converted if step == "convert" else built
    assert page, f"no page to {step}"
    done = build(project, f"warned-{step}", trouble=f"{step} warns", trouble_page=page)
    assert done.returncode != 0
    assert done.stderr.count(f"a warning about {page}") == 1
    assert "Aborted with 1 warnings in strict mode" in done.stdout + done.stderr


@NOTHING_TO_CONVERT
def test_a_page_that_cannot_be_converted_is_reported_as_in_one_process(
    project: Path, child_pages: tuple[str, str]
) -> None:
    page, _ = child_pages
    assert page, "no page to convert"
    one = build(project, "failed-one", cores=1, trouble="convert fails", trouble_page=page)
    two = build(project, "failed-two", trouble="convert fails", trouble_page=page)
    assert one.returncode == two.returncode != 0
    message = f"Error reading page '{page}': {page} cannot be converted"
    assert message in one.stderr
    assert two.stderr.count(message) == 1
    assert not (project / "failed-two").exists()  # nothing half-built is left


@NOTHING_TO_CONVERT
def test_a_conversion_that_fails_only_in_the_child_is_done_here(
    project: Path, child_pages: tuple[str, str]
) -> None:
    page, _ = child_pages
    assert page, "no page to convert"
    done = build(project, "redone", trouble="convert fails in child", trouble_page=page)
    assert done.returncode == 0, done.stderr
    assert files_of(project / "redone") == files_of(project / "probe")


def test_a_page_the_child_fails_to_build_stops_the_build_naming_it(
    project: Path, child_pages: tuple[str, str]
) -> None:
    _, page = child_pages
    done = build(project, "failed-build", trouble="build fails in child", trouble_page=page)
    assert done.returncode != 0
    assert f"Error building page '{page}'" in done.stderr
    assert f"ValueError: {page} cannot be builded" in done.stderr
    assert not (project / "failed-build").exists()


@pytest.mark.parametrize("step", [pytest.param("convert", marks=NOTHING_TO_CONVERT), "build"])
def test_a_child_that_dies_stops_the_build_with_a_plain_message(
    project: Path, child_pages: tuple[str, str], step: str
) -> None:
    converted, built = child_pages
    page = converted if step == "convert" else built
    assert page, f"no page to {step}"
    done = build(project, f"killed-{step}", trouble=f"{step} dies in child", trouble_page=page)
    assert done.returncode != 0
    assert "stopped before it finished (killed by signal 9 (SIGKILL))" in done.stderr
    assert "EXPLAINER_CORES=1" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / f"killed-{step}").exists()


def test_one_core_or_a_cores_setting_of_1_builds_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(forked.CORES_VARIABLE, "1")
    assert forked.usable_cores() == 1
    monkeypatch.delenv(forked.CORES_VARIABLE)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0})
    assert forked.usable_cores() == 1


def test_pages_are_taken_from_both_ends_until_they_meet() -> None:
    ends = parallel._BothEnds(5)
    assert ends.take_from_back() == 4
    assert ends.take_from_front(0) and ends.take_from_front(1)
    assert ends.take_from_back() == 3
    assert ends.take_from_front(2)
    assert ends.take_from_back() is None  # 2 is taken
    assert not ends.take_from_front(3)  # the child's
