"""`explainer new DIR`: a story project that builds as it is, and refuses to overwrite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import jsonschema
import pytest
import yaml
from packaging.requirements import Requirement

from explainer.pipeline.compile import compile_story
from explainer.site.urls import PageLinks, name_linker, page_url
from explainer.story.schema import MODELINE, SCHEMA_PATH, schema_text, story_schema
from tests.conftest import ROOT


def new(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explainer.adapters.cli", "new", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("new") / "my-story"
    result = new(where)
    assert result.returncode == 0, result.stderr
    assert "./scripts/serve" in result.stdout
    return where


def test_the_project_has_everything_it_needs(project: Path) -> None:
    for name in (
        "events.yaml",
        "mkdocs.yml",
        "requirements.txt",
        ".gitignore",
        SCHEMA_PATH,
        ".github/workflows/story-diff.yml",
    ):
        assert (project / name).is_file(), name
    for script in ("scripts/build", "scripts/serve"):
        assert os.access(project / script, os.X_OK), f"{script} is not executable"


@pytest.mark.e2e
def test_the_project_builds_strictly_with_a_page_per_event(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    compiled = compile_story(project / "events.yaml")
    catalog = compiled.catalog
    assert len(catalog.events) == 3
    home = PageLinks(catalog, name_linker(catalog), "index.md", True, compiled.layout)
    for event in catalog.events.values():
        built = project / "site" / page_url(home.event_url(event.id), True) / "index.html"
        assert event.title in built.read_text(encoding="utf-8")


def test_the_example_story_validates_against_its_schema(project: Path) -> None:
    text = (project / "events.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert (project / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text()
    jsonschema.validate(yaml.safe_load(text), story_schema(), jsonschema.Draft7Validator)


def test_requirements_name_this_explainer(project: Path) -> None:
    lines = (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
    wanted = [Requirement(line) for line in lines if line and not line.startswith("#")]
    assert [r.name for r in wanted] == ["explainer"]
    origin = metadata.distribution("explainer").read_text("direct_url.json")
    if origin is not None:  # installed from a folder, a repository or an archive
        assert wanted[0].url is not None
        assert wanted[0].url.endswith(json.loads(origin)["url"])
    else:
        assert str(wanted[0].specifier) == f"=={metadata.version('explainer')}"


class MkDocsYaml(yaml.SafeLoader):
    """mkdocs.yml as text: `!ENV NAME` is kept as ("!ENV", NAME), to compare."""


MkDocsYaml.add_constructor("!ENV", lambda loader, node: ("!ENV", node.value))


def test_the_project_is_set_up_like_this_repository(project: Path) -> None:
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), MkDocsYaml)
    theirs = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), MkDocsYaml)
    for key in ("site_url", "theme", "plugins", "nav", "not_in_nav", "markdown_extensions"):
        assert theirs[key] == ours[key], f"mkdocs.yml's {key} differs from this repository's"
    for script in ("scripts/build", "scripts/serve"):
        assert (project / script).read_text() == (ROOT / script).read_text(), script


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = new(tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"explainer: {tmp_path} is not empty; name a new or empty folder, so that nothing in "
        "it is overwritten\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "story").write_text("mine", encoding="utf-8")
    result = new(tmp_path / "story")
    assert result.returncode == 1
    assert "is a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    result = new(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "events.yaml").is_file()
