"""The `explainer` command: check and export, as a user runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from explainer.story.model import ACTOR_KINDS
from tests.conftest import MINIMAL, SMALL


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explainer.adapters.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_check_a_good_story() -> None:
    result = run("check", str(SMALL))
    assert result.returncode == 0
    assert "OK — 5 actors, 3 events, 2 sources" in result.stdout


def test_check_lists_every_problem_with_file_line_column_and_caret(story_file) -> None:
    path = story_file(
        MINIMAL.replace("actor: alice", "actor: alcie").replace(
            "sources: [report]", "sources: [reprot]"
        )
    )
    result = run("check", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:13:16: unknown actor id 'alcie' — did you mean 'alice'?"
    assert lines[1] == "          - actor: alcie"
    assert lines[2] == "    " + " " * 15 + "^"
    assert lines[3].startswith(f"{path}:15:15: unknown source id 'reprot'")
    assert lines[-1] == f"2 problems in {path}"


def test_check_a_missing_file(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert "cannot read the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_writes_every_page_and_the_settings(tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "out"), "--file", str(SMALL))
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "out" / "docs"
    written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    assert "events/assassination.md" in written
    assert "actors/julius-caesar.md" in written
    # The story's pages, its updates page, and its tags index, its tag's page and a page
    # for each of its three statuses and one kind of actor.
    assert "updates.md" in written
    assert len(written) == 20
    assert "tags/assassination.md" in written and "timeline/status/disputed.md" in written
    assert (docs / "feed.xml").is_file()  # at the site's root, where the pages link it
    assert (docs / "assets" / "explainer" / "explainer.css").is_file()
    assert (docs / "assets" / "explainer" / "filters.js").is_file()
    settings = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["site_name"] == "The Ides of March"  # no project beside the story
    assert settings["extra_css"] == ["assets/explainer/explainer.css"]
    assert settings["extra_javascript"] == ["assets/explainer/filters.js"]
    # The About page links the data files; they are written beside the pages.
    data = docs / "data"
    assert sorted(p.name for p in data.iterdir()) == [
        "actors.csv",
        "events.csv",
        "events.ics",
        "story.json",
        "timelinejs.json",
    ]
    # (Links from the Markdown files, which Zensical resolves in raw HTML too.)
    assert 'href="data/events.ics"' in (docs / "about.md").read_text(encoding="utf-8")
    # Pages written as HTML reach the other generator without the plugin's own comment.
    for page in written:
        assert "explainer:html" not in (docs / page).read_text(encoding="utf-8"), page
    assert (data / "events.csv").read_bytes().count(b"\r\n") == 4  # header and 3 events


def test_export_with_a_site_url_gives_absolute_addresses(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("export", str(out), "--file", str(SMALL), "--site-url", "https://x.example/")
    assert result.returncode == 0, result.stderr
    story = (out / "docs" / "data" / "story.json").read_text(encoding="utf-8")
    assert '"url": "https://x.example/events/assassination/"' in story


def test_export_takes_the_projects_settings_and_pages(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "events.yaml").write_text(MINIMAL, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Mine\nsite_url: !ENV SITE_URL\nplugins:\n  - search\n  - explainer\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    (project / "docs").mkdir()
    (project / "docs" / "notes.md").write_text("See [Alice](actor:alice).\n", encoding="utf-8")
    result = run("export", str(tmp_path / "out"), "--file", str(project / "events.yaml"))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    text = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV 'SITE_URL'" in text  # left for the site generator to read
    settings = yaml.safe_load(text.replace("!ENV", ""))
    assert settings["site_name"] == "Mine"
    assert settings["plugins"] == ["search"]
    assert settings["markdown_extensions"] == [
        {"toc": {"permalink": True}},
        "attr_list",
        "md_in_html",
        "tables",
    ]
    assert (out / "docs" / "notes.md").read_text() == "See [Alice](actors/alice.md).\n"


def test_export_refuses_hand_written_links_to_unknown_ids(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "events.yaml").write_text(MINIMAL, encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee [Bob](actor:bob).\n")
    result = run("export", str(tmp_path / "out"), "--file", str(project / "events.yaml"))
    assert result.returncode == 1
    assert f"{project / 'docs' / 'notes.md'}:3:17: link to unknown actor 'bob'" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_reports_a_broken_config_with_its_location(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    result = run("export", str(tmp_path / "out"), "--file", str(tmp_path / "events.yaml"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'mkdocs.yml'}:2:1: not valid YAML")
    assert "Traceback" not in result.stderr


def test_the_readme_example_is_a_complete_story(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "events.yaml"
    path.write_text(example, encoding="utf-8")
    result = run("check", "--strict", str(path))
    assert result.returncode == 0, result.stderr
    assert "OK — 4 actors, 1 event, 2 sources" in result.stdout


def test_schema_prints_the_editor_schema_or_writes_it(tmp_path: Path) -> None:
    printed = run("schema")
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["properties"]["actors"]["items"]["properties"]["kind"][
        "enum"
    ] == list(ACTOR_KINDS)
    target = tmp_path / "schema" / "events.schema.json"
    written = run("schema", "-o", str(target))
    assert written.returncode == 0, written.stderr
    assert target.read_text(encoding="utf-8") == printed.stdout


def test_export_of_a_very_long_story_keeps_each_events_address(tmp_path: Path) -> None:
    # Found in review: builds of the export (Zensical, ProperDocs) answered events/<id>/
    # with 404 once the story's events were told on its timeline pages.
    from devtools.synthetic import synthetic_story

    from explainer.site.layout import EVENT_PAGES_UP_TO

    story = tmp_path / "events.yaml"
    story.write_text(synthetic_story(events=EVENT_PAGES_UP_TO + 1, actors=30), encoding="utf-8")
    result = run("export", str(tmp_path / "out"), "--file", str(story))
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "out" / "docs"
    assert not list(docs.glob("events/*.md"))
    stubs = list(docs.glob("events/*/index.html"))
    assert len(stubs) == EVENT_PAGES_UP_TO + 1
    stub = (docs / "events" / "event-3" / "index.html").read_text(encoding="utf-8")
    target = re.search(r'url=([^"]+)"', stub).group(1)
    page, _, anchor = target.partition("#")
    assert anchor == "event-3"
    period = (docs / "events" / "event-3" / page).resolve()
    told = (period.parent / (period.name + ".md")).read_text(encoding="utf-8")
    assert '<h3 id="event-3">' in told  # the period's page is written as HTML
