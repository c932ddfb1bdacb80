"""While serving, a save renders again only the pages that show what it changed (the render
memo, render/reuse.py), however the site is laid out: here the actor and source lists are
split into several pages, which an edit may reshape. Each save is compared with a
clean compile of the same file, and the pages rendered again with those that show the
change."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from devtools.synthetic import synthetic_story

import explainer.site.layout
from explainer.pipeline.compile import LastBuild, compile_story


@pytest.fixture
def split_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    # A few actors and sources a list page, so that a small story has several of each.
    monkeypatch.setattr(explainer.site.layout, "ACTORS_PAGE_ACTORS", 3)
    monkeypatch.setattr(explainer.site.layout, "SOURCES_LIST_SOURCES", 3)
    monkeypatch.setattr(explainer.site.layout, "SOURCES_PAGE_SOURCES", 3)


@pytest.fixture
def small_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(explainer.site.layout, "TIMELINE_PAGE_EVENTS", 6)


def saved(path: Path, story: dict[str, object], last: LastBuild) -> dict[str, str]:
    path.write_text(yaml.safe_dump(story, allow_unicode=True, sort_keys=False), "utf-8")
    pages = compile_story(path, last=last).pages
    assert pages == compile_story(path).pages  # what a clean build renders
    return pages


@pytest.mark.parametrize(
    ("record", "field", "edit"),
    [
        ("actors", "name", "{} (edited)"),
        # A new first letter moves the actor to another list page (the lists are in name
        # order): the lists change shape, which only the actor lists and their pages show.
        ("actors", "name", "Zz {}"),
        ("actors", "description", "{} (edited)"),
        ("sources", "title", "{} (edited)"),
        ("sources", "title", "Zz {}"),
    ],
)
def test_a_record_edit_renders_again_only_the_pages_that_show_it(
    split_lists: None, small_periods: None, tmp_path: Path, record: str, field: str, edit: str
) -> None:
    story = yaml.safe_load(synthetic_story(events=40, actors=12))
    # A key actor: its events' labels come first on every timeline chart.
    story["story"]["key_actors"] = [story["actors"][1]["id"]]
    last = LastBuild()
    path = tmp_path / "events.yaml"
    before = saved(path, story, last)
    assert any(p.startswith("actors/by-kind/") for p in before)
    assert any(p.startswith("sources/by-title/") for p in before)
    edited = story[record][1]
    written = edited[field]
    edited[field] = edit.format(written)
    after = saved(path, story, last)
    rendered_again = set(after) - last.memo.reused
    # Every page whose text changed was rendered again, and few others were.
    assert {p for p in after if after[p] != before.get(p)} <= rendered_again
    # Markdown pages link to each other's Markdown files (MkDocs turns them into addresses);
    # pages written as HTML link to the addresses themselves.
    links = (f"{edited['id']}.md)", f'/{edited["id"]}/"')
    showing = {p for p in after if written in before[p] or any(k in before[p] for k in links)}
    # In particular, of the pages a long story has thousands of (events, timeline periods,
    # tags, filters), only those that show it.
    many = ("events/", "timeline/", "tags/")
    assert {p for p in rendered_again if p.startswith(many)} <= showing
    assert len(rendered_again) < len(after) / 2


def test_an_event_edit_renders_again_only_its_own_timeline_page(
    small_periods: None, tmp_path: Path
) -> None:
    # Neighbouring timeline pages link to it by its label, which the edit leaves as it is.
    before, after, rendered_again = an_event_retitled(tmp_path)
    periods = [p for p in before if p.startswith("timeline/") and p.count("/") == 1]
    assert len(periods) > 3
    showing = {p for p in periods if "A title changed by the writer" in after[p]}
    assert len(showing) == 1
    assert rendered_again & set(periods) == showing


def test_lists_that_show_how_many_events_are_not_rendered_again_for_an_event_edit(
    split_lists: None, tmp_path: Path
) -> None:
    # The actor and source lists show each one's number of events, which a title edit
    # leaves as it is.
    _, after, rendered_again = an_event_retitled(tmp_path)
    lists = {p for p in after if "/by-kind/" in p or "/by-title/" in p}
    assert lists, "the story has list pages"
    assert lists & rendered_again == set()


def test_the_about_page_is_not_rendered_again_for_an_event_edit(tmp_path: Path) -> None:
    # It tells how many events the story has and when they happened, which a title edit
    # leaves as they are.
    before, after, rendered_again = an_event_retitled(tmp_path)
    assert after["about.md"] == before["about.md"]
    assert "about.md" not in rendered_again


def an_event_retitled(
    tmp_path: Path,
) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """The pages before and after an event's title is edited, and those rendered again."""
    story = yaml.safe_load(synthetic_story(events=40, actors=12))
    last = LastBuild()
    path = tmp_path / "events.yaml"
    before = saved(path, story, last)
    story["events"][20]["title"] = "A title changed by the writer"
    after = saved(path, story, last)
    return before, after, set(after) - last.memo.reused
