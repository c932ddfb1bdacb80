"""The site's name follows the story's title: a new user who replaces the example story of
`explainer new` must not keep the example's name in the header and every page's <title>.
A name written in mkdocs.yml on purpose is kept."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from tests.test_site import build

# A title with the characters a theme would take for markup if the name went in raw.
NEW_TITLE = "Why did Smith & Sons shut the <old> mill?"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explainer.adapters.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def new_project(where: Path, title: str = NEW_TITLE) -> Path:
    """`explainer new`, then the story's title changed as a user would, by editing it."""
    result = run("new", str(where))
    assert result.returncode == 0, result.stderr
    retitle(where, title)
    return where


def retitle(project: Path, title: str) -> None:
    story = project / "events.yaml"
    text = story.read_text(encoding="utf-8")
    changed, count = re.subn(
        r"(?m)^  title: .*$", lambda _: f"  title: {json.dumps(title)}", text, count=1
    )
    assert count == 1, "the example story's title line was not found"
    story.write_text(changed, encoding="utf-8")


def set_site_name(project: Path, value: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    changed, count = re.subn(r"(?m)^site_name:.*$", lambda _: f"site_name: {value}", text)
    assert count == 1, "mkdocs.yml has no site_name line"
    config.write_text(changed, encoding="utf-8")


class Names(HTMLParser):
    """A page's <title> and the text of Material's first header topic (the site's name),
    as a browser shows them: entities decoded."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.title: str | None = None
        self.header: str | None = None
        self.logo_tooltip: str | None = None
        self.description: str | None = None
        self._in: str | None = None
        self._topics = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if "md-logo" in classes and self.logo_tooltip is None:
            self.logo_tooltip = found.get("title")
        if tag == "meta" and found.get("name") == "description":
            self.description = found.get("content")
        if tag == "title" and self.title is None:  # the head's, not an SVG chart's
            self._in, self.title = "title", ""
        elif "md-header__topic" in classes:
            self._topics += 1
            if self._topics == 1:
                self._in, self.header = "header", ""

    def handle_endtag(self, tag: str) -> None:
        if (self._in == "title" and tag == "title") or (self._in == "header" and tag == "div"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title = (self.title or "") + data
        elif self._in == "header":
            self.header = (self.header or "") + data


def names_of_pages(site: Path) -> dict[str, Names]:
    pages = {
        p.relative_to(site).as_posix(): Names(p.read_text("utf-8")) for p in site.rglob("*.html")
    }
    assert len(pages) > 5, "the site has fewer pages than the example story gives"
    return pages


@pytest.mark.e2e
def test_a_changed_story_title_names_the_site(tmp_path: Path) -> None:
    project = new_project(tmp_path / "mine")
    result = build(project)
    assert result.returncode == 0, result.stderr
    for path, names in names_of_pages(project / "site").items():
        assert names.header is not None and names.header.strip() == NEW_TITLE, path
        # Material's <title> is "<page> - <site>", or the site's name alone.
        assert names.title is not None and names.title.endswith(NEW_TITLE), path
        assert "Why did the town close the old bridge?" not in (names.title + names.header), path
        # Material escapes the tooltip itself (`| e`): the name must not be escaped twice.
        assert names.logo_tooltip == NEW_TITLE, path
    # A page with no description of its own has the site's: the story's summary.
    summary = yaml.safe_load((project / "events.yaml").read_text("utf-8"))["story"]["summary"]
    assert names_of_pages(project / "site")["404.html"].description == summary


@pytest.mark.e2e
def test_a_site_name_written_on_purpose_is_kept(tmp_path: Path) -> None:
    project = new_project(tmp_path / "mine")
    set_site_name(project, "Millbrook Gazette")
    result = build(project)
    assert result.returncode == 0, result.stderr
    for path, names in names_of_pages(project / "site").items():
        assert names.header is not None and names.header.strip() == "Millbrook Gazette", path
        assert names.title is not None and NEW_TITLE not in names.title, path


def test_serving_follows_a_title_saved_while_serving(tmp_path: Path) -> None:
    # `mkdocs serve` loads mkdocs.yml again for every rebuild and keeps the plugin
    # instance (it defines on_startup); this runs the plugin's on_config the same way.
    project = new_project(tmp_path / "mine", "First title")
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    assert config.plugins.on_config(config).site_name == "First title"
    retitle(project, "Second & last title")
    again = load_config(str(project / "mkdocs.yml"))
    assert again.plugins["explainer"] is config.plugins["explainer"]
    assert html.unescape(again.plugins.on_config(again).site_name) == "Second & last title"


def test_export_names_the_site_after_the_story(tmp_path: Path) -> None:
    project = new_project(tmp_path / "mine")
    out = tmp_path / "out"
    result = run("export", str(out), "--file", str(project / "events.yaml"))
    assert result.returncode == 0, result.stderr
    settings = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    # Escaped: themes put site_name into the HTML as it is.
    assert settings["site_name"] == html.escape(NEW_TITLE)
    summary = yaml.safe_load((project / "events.yaml").read_text("utf-8"))["story"]["summary"]
    assert settings["site_description"] == html.escape(summary)

    set_site_name(project, "Millbrook Gazette")
    result = run("export", str(tmp_path / "again"), "--file", str(project / "events.yaml"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "again" / "mkdocs.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text.replace("!ENV", ""))["site_name"] == "Millbrook Gazette"
