"""Beyond MkDocs 1.x: the project builds unchanged with ProperDocs (the maintained fork of
MkDocs 1.x, which loads the same plugins), and `explainer export` output builds with
Zensical (Material's successor, which runs no MkDocs plugins) and with plain MkDocs.

Both come with the `test` extra and co-install with MkDocs. Where one is missing (a
`pip install -e .` without the extra) its tests skip and say why; with CI=true they fail.
"""

from __future__ import annotations

import html
import importlib.util
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from devtools.linkcheck import internal_links_that_lead_nowhere

from tests.conftest import SEED, child_env
from tests.test_site import build, make_project

pytestmark = pytest.mark.e2e

ENV = child_env()


def require(package: str) -> None:
    if importlib.util.find_spec(package) is None:
        reason = (
            f"{package} is not installed (it comes with the test extra: pip install -e '.[test]')"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; with CI=true this test must run")
        pytest.skip(reason)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, check=False, cwd=cwd, env=ENV
    )


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed project built by MkDocs 1.x with the plugin: what the others must match."""
    project = make_project(tmp_path_factory.mktemp("mkdocs"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def export(story: Path, out: Path, *config: str) -> Path:
    result = run("explainer.adapters.cli", "export", str(out), "--file", str(story), *config)
    assert result.returncode == 0, result.stderr
    return out


# ---- What "the same site" means ------------------------------------------------------


def pages(site: Path) -> dict[str, dict[str, Any]]:
    """Each page's address, with its <title>, its heading and where its content links to
    (as site addresses, anchors included). The theme's own chrome is left out: Zensical
    draws the header, navigation and footer differently."""
    found = {}
    for file in sorted(site.rglob("index.html")):
        address = "/" + file.parent.relative_to(site).as_posix().removeprefix(".") + "/"
        address = address.replace("//", "/")
        text = file.read_text(encoding="utf-8")
        content = text[text.index("<article") : text.index("</article>")]
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S)
        targets = set()
        for href in re.findall(r'\shref="([^"]+)"', content):
            href = html.unescape(href)
            if re.match(r"[a-z]+:|//", href):
                targets.add(href)  # another site: kept as written
            elif href.startswith("#"):
                targets.add(address + href)
            else:
                path, _, fragment = href.partition("#")
                resolved = posixpath.normpath(posixpath.join(address, path))
                resolved += "/" if path.endswith("/") and resolved != "/" else ""
                targets.add(resolved + (f"#{fragment}" if fragment else ""))
        found[address] = {
            "title": html.unescape(title[1]) if title else None,
            "heading": html.unescape(re.sub(r"<[^>]+>", "", heading[1])).rstrip("¶")
            if heading
            else None,
            "links": sorted(targets),
        }
    return found


def test_the_comparison_can_fail(mkdocs_site: Path, tmp_path: Path) -> None:
    # Two sites that differ by one link must not compare equal.
    other = make_project(tmp_path / "p", SEED.read_text().replace("[the talks]", "[talks]"))
    (other / "docs" / "notes.md").write_text("# Notes\n\nSee [Hamas](actor:hamas).\n")
    assert build(other).returncode == 0
    assert pages(other / "site") != pages(mkdocs_site)
    assert "/notes/" in pages(other / "site")


# ---- ProperDocs -----------------------------------------------------------------------


def test_properdocs_builds_the_project_unchanged(mkdocs_site: Path, tmp_path: Path) -> None:
    require("properdocs")
    project = make_project(tmp_path / "p")
    result = run("properdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"))
    assert result.returncode == 0, result.stderr
    site = project / "site"
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*") if p.is_file()
    )
    # Every page is the same, byte for byte, but for the generator's name.
    generator = re.compile(r'<meta name="generator" content="[^"]*">')
    for name in files:
        if name.endswith(".html"):
            ours = generator.sub("", (site / name).read_text(encoding="utf-8"))
            theirs = generator.sub("", (mkdocs_site / name).read_text(encoding="utf-8"))
            assert ours == theirs, name
    assert "ProperDocs" in (site / "index.html").read_text(encoding="utf-8")


def test_properdocs_reports_a_bad_story_like_mkdocs(tmp_path: Path) -> None:
    require("properdocs")
    from tests.conftest import MINIMAL

    project = make_project(tmp_path / "p", MINIMAL.replace("actor: alice", "actor: alcie"))
    result = run("properdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"))
    assert result.returncode == 1
    assert f"{project / 'events.yaml'}:13:16: unknown actor id 'alcie'" in result.stderr
    assert "Traceback" not in result.stderr


# ---- Zensical and plain MkDocs, from `explainer export` --------------------------------


def test_zensical_builds_the_export_into_the_same_site(mkdocs_site: Path, tmp_path: Path) -> None:
    require("zensical")
    out = export(SEED, tmp_path / "out")  # with the repository's mkdocs.yml and docs/
    result = run("zensical", "build", "--strict", "-f", str(out / "mkdocs.yml"), cwd=out)
    assert result.returncode == 0, result.stdout + result.stderr
    site = out / "site"
    ours, theirs = pages(site), pages(mkdocs_site)
    # One difference of the themes: Material titles the home page with the site's name
    # alone, Zensical puts the page's nav title before it.
    site_name = theirs["/"]["title"]
    assert ours["/"]["title"] == f"Home - {site_name}"
    ours["/"]["title"] = site_name
    assert ours == theirs
    assert internal_links_that_lead_nowhere(site) == []
    assert (site / "assets" / "favicon.svg").is_file()  # the project's own docs/ files
    assert "Made with" in (site / "index.html").read_text(encoding="utf-8")  # Zensical's footer


def test_plain_mkdocs_builds_the_export_for_it_without_the_plugin(
    mkdocs_site: Path, tmp_path: Path
) -> None:
    out = export(SEED, tmp_path / "out", "--for", "mkdocs")
    result = run("mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml"))
    assert result.returncode == 0, result.stderr
    assert pages(out / "site") == pages(mkdocs_site)
    assert internal_links_that_lead_nowhere(out / "site") == []


def test_no_payload_runs_in_a_zensical_build(tmp_path: Path, browser: Any) -> None:
    # Without the plugin, nothing cleans the HTML after Markdown: the exported Markdown
    # itself must be safe. Checked in a real browser, like the MkDocs build.
    require("zensical")
    from tests.test_browser import hostile_story, visit_every_page

    (tmp_path / "events.yaml").write_text(hostile_story(), encoding="utf-8")
    out = export(tmp_path / "events.yaml", tmp_path / "out")
    result = run("zensical", "build", "--strict", "-f", str(out / "mkdocs.yml"), cwd=out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "site" / "events" / "meeting" / "index.html").is_file()
    assert visit_every_page(browser, out / "site") == []
