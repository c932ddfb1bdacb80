"""The story-diff workflow (in this repository and in `explainer new` projects): valid for
GitHub Actions, offline; only `gh` posts the comment; and its script, run here in a Git
repository with a base branch, writes the comment `explainer diff --markdown` gives, or the
located problems when a version of the story has them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from explainer.adapters.scaffold import SCAFFOLD
from tests.conftest import ROOT, SMALL

WORKFLOW = ROOT / ".github" / "workflows" / "story-diff.yml"
SCAFFOLD_WORKFLOW = SCAFFOLD / "github" / "workflows" / "story-diff.yml"


def check_workflow(path: Path) -> subprocess.CompletedProcess[str]:
    # check-jsonschema bundles the GitHub Actions workflow schema: no network needed.
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_workflow_is_valid_and_new_projects_get_the_same() -> None:
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert SCAFFOLD_WORKFLOW.read_text(encoding="utf-8") == WORKFLOW.read_text(encoding="utf-8")


def test_the_workflow_check_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "story-diff.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("steps:", "step:"), "utf-8")
    assert check_workflow(broken).returncode == 1


def workflow() -> dict[str, object]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_it_runs_on_pull_requests_touching_the_story_and_comments_with_gh_only() -> None:
    data = workflow()
    assert data[True] == {"pull_request": {"paths": ["events.yaml"]}}  # YAML 1.1: on = True
    assert data["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = data["jobs"]["diff"]["steps"]  # type: ignore[index]
    actions = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert actions == ["actions/checkout", "actions/setup-python"]  # nothing posts but gh
    comment = next(s for s in steps if "gh pr comment" in s.get("run", ""))
    assert "--edit-last --create-if-none" in comment["run"]
    assert comment["env"]["GH_TOKEN"] == "${{ github.token }}"


def diff_script() -> str:
    steps = workflow()["jobs"]["diff"]["steps"]  # type: ignore[index]
    script = next(s for s in steps if s.get("id") == "diff")["run"]
    assert isinstance(script, str)
    return script


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def run_step(tmp_path: Path, base: str, head: str) -> tuple[str, str]:
    """The diff step in a repository whose base branch has `base` and whose checkout has
    `head`; what it would comment, and the status it passes on."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "explainer"  # the explainer under test, as _setup.sh would install it
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m explainer.adapters.cli "$@"\n')
    shim.chmod(0o755)
    (repo / "scripts" / "_setup.sh").write_text(f'export PATH="{bin_dir}:$PATH"\n')
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "T")
    (repo / "events.yaml").write_text(base, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    (repo / "events.yaml").write_text(head, encoding="utf-8")
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    output, summary = tmp_path / "output", tmp_path / "summary"
    env = {
        **os.environ,
        "BASE_REF": "main",
        "RUNNER_TEMP": str(temp),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    subprocess.run(["bash", "-e", "-c", diff_script()], cwd=repo, env=env, check=True)
    comment = (temp / "story-diff.md").read_text(encoding="utf-8")
    assert summary.read_text(encoding="utf-8") == comment
    return comment, output.read_text(encoding="utf-8").strip()


@pytest.mark.e2e
def test_the_step_writes_the_markdown_diff_against_the_base_branch(tmp_path: Path) -> None:
    base = SMALL.read_text(encoding="utf-8")
    head = base.replace("status: reported", "status: confirmed")
    assert head != base
    comment, status = run_step(tmp_path, base, head)
    assert status == "status=0"
    assert comment.startswith("**Story changes:** 1 change between `events.base.yaml`")
    assert "Caesar crosses the Rubicon (`rubicon`): reported → confirmed" in comment


@pytest.mark.e2e
def test_a_story_with_problems_is_commented_with_them_and_fails(tmp_path: Path) -> None:
    base = SMALL.read_text(encoding="utf-8")
    head = base.replace("actor: cassius", "actor: casius")
    comment, status = run_step(tmp_path, base, head)
    assert status == "status=2"
    assert "cannot compare" in comment
    assert "events.yaml:" in comment and "did you mean 'cassius'?" in comment
