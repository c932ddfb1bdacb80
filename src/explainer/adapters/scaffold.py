"""`explainer new DIR`: a ready story project, copied from the files in scaffold/.

The copy gets two generated files besides: the editor schema of this explainer, and a
requirements.txt naming where this explainer was installed from, so that the project's
scripts install the same explainer on a fresh machine. ("explainer" on PyPI is an unrelated
project, so the name alone would not do.)
"""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path

from explainer.story.schema import SCHEMA_PATH, schema_text

SCAFFOLD = Path(__file__).parent / "scaffold"
#: Scaffold files and folders stored under another name, so that they do not act on this
#: repository (its own .github/workflows/ has the same story-diff workflow).
RENAMED = {"gitignore": ".gitignore", "github": ".github"}
SCRIPTS = ("scripts/build", "scripts/serve")


class ScaffoldError(Exception):
    """Why a project cannot be created where asked; the message is for the author."""


def new_project(directory: Path) -> list[Path]:
    """Create a story project in `directory` (new or empty); the files written."""
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(f"{directory} is a file; name a new or empty folder")
    if directory.is_dir() and any(directory.iterdir()):
        raise ScaffoldError(
            f"{directory} is not empty; name a new or empty folder, so that nothing in it "
            "is overwritten"
        )
    written: list[Path] = []
    for source in sorted(SCAFFOLD.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(SCAFFOLD)
        target = directory.joinpath(*(RENAMED.get(part, part) for part in relative.parts))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    for script in SCRIPTS:
        (directory / script).chmod(0o755)  # package data may lose its mode bits
    generated = {SCHEMA_PATH: schema_text(), "requirements.txt": requirements()}
    for name, text in generated.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def requirements() -> str:
    """requirements.txt naming this explainer: its source as pip recorded it (a folder, a
    Git commit or an archive), else its version."""
    dist = metadata.distribution("explainer")
    origin = dist.read_text("direct_url.json")
    header = "# The explainer that created this project (`explainer new`).\n"
    if origin is None:
        return (
            header + "# It was installed from a package index: keep that index configured "
            "(the PyPI project of this name is another one).\n"
            f"explainer=={dist.version}\n"
        )
    url = json.loads(origin)
    if "vcs_info" in url:
        vcs = url["vcs_info"]
        return header + f"explainer @ {vcs['vcs']}+{url['url']}@{vcs['commit_id']}\n"
    if "dir_info" in url:
        return (
            header + f"# It was installed from a folder ({dist.version} then): this project "
            "follows that folder, on this machine only.\n"
            f"explainer @ {url['url']}\n"
        )
    return header + f"explainer @ {url['url']}\n"
