"""The package's shape as the README's module map describes it: folders in pipeline order,
each importing only the folders above it, no import cycle, no module over 400 lines, and an
installed package without the developers' tools."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "explainer"
MODULES = {
    ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p
    for p in sorted(PACKAGE.rglob("*.py"))
}
MAP_ROW = re.compile(r"^\| `(\w+)/` \| .* \| (.*) \|$")


def module_map() -> list[tuple[str, str]]:
    """(folder, what it may import) for each row of the README's module map, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(m[1], m[2]) for line in readme.splitlines() if (m := MAP_ROW.match(line))]


def allowed_imports() -> dict[str, set[str]]:
    rows = module_map()
    folders = [folder for folder, _ in rows]
    allowed: dict[str, set[str]] = {}
    for i, (folder, may) in enumerate(rows):
        if may == "—":
            allowed[folder] = set()
        elif may in ("the folders above", "every folder"):
            allowed[folder] = set(folders[:i]) if may == "the folders above" else set(folders)
        else:
            allowed[folder] = set(re.findall(r"`(\w+)`", may))
    return allowed


def explainer_imports(path: Path) -> set[str]:
    """Every explainer module `path` imports, TYPE_CHECKING imports included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import of {node.module}"
            if node.module.split(".")[0] == "explainer":
                found.add(node.module)
                # `from explainer.i18n import dates` imports the module explainer.i18n.dates
                found.update(
                    f"{node.module}.{a.name}"
                    for a in node.names
                    if f"{node.module}.{a.name}" in MODULES
                )
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "explainer")
    return found


def test_the_module_map_lists_every_folder_of_the_package() -> None:
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert sorted(folder for folder, _ in module_map()) == folders


def test_each_folder_imports_only_what_the_module_map_allows() -> None:
    allowed = allowed_imports()
    wrong = []
    for name, path in MODULES.items():
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in allowed:
            continue
        folder = parts[1]
        for imported in explainer_imports(path):
            target = imported.split(".")
            if len(target) > 1 and target[1] != folder and target[1] not in allowed[folder]:
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = {
        name: {m for m in explainer_imports(path) if m in MODULES} for name, path in MODULES.items()
    }
    done: set[str] = set()
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycles.append(" → ".join([*trail[trail.index(name) :], name]))
            return
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert cycles == []


def test_a_module_of_the_package_has_400_lines_at_most() -> None:
    long = {name: n for name, p in MODULES.items() if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}


@pytest.mark.e2e
def test_the_wheel_holds_what_a_user_runs_and_no_developer_tools(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("explainer-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for tool in ("bench", "synthetic", "localserver", "linkcheck"):
        assert not [n for n in names if Path(n).stem == tool], f"{tool} is in the wheel"
    assert not [n for n in names if n.startswith(("devtools/", "tests/"))]
    for needed in (
        "explainer/py.typed",
        "explainer/render/templates/event.html.j2",
        "explainer/render/assets/explainer.css",
        "explainer/i18n/words/ar.yaml",
        "explainer/adapters/scaffold/mkdocs.yml",
        "explainer/adapters/plugin.py",
    ):
        assert needed in names
