"""While serving, a save re-renders only what changed; the served site must still be exactly
a clean build's. Hypothesis drives sequences of edits a writer makes (retitle, redate into
another timeline period or to a time of day, change the story's time zone, add, remove and
reorder events, move one to another place or remove every location, rename an actor,
break the story and fix it, edit a hand-written page, give a record a picture, replace a
picture's file) through one plugin instance, as `mkdocs serve` keeps it, and
after each save compares every file with a build by a fresh instance."""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from devtools.synthetic import synthetic_story
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

import explainer.site.layout
from explainer.adapters.plugin import ExplainerPlugin
from explainer.pipeline.compile import check_story
from explainer.story.problems import StoryError
from tests.conftest import ROOT
from tests.pictures import small_jpeg

SERVE_URL = "http://127.0.0.1:8000/"
#: MkDocs keeps a plugin that has on_startup across builds in this cache, as serve does.
PLUGINS = dict(MkDocsConfig._schema)["plugins"]
NOTES = "# Notes\n\nWritten by hand about [the first actor](actor:{actor}).\n\n{extra}\n"

pytestmark = pytest.mark.e2e


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


class Project:
    """A story project and its two sites: one served (built again and again by the same
    plugin instance) and one built clean for comparison."""

    def __init__(self, folder: Path):
        self.folder = folder
        # The repository's settings, with a template override and a hand-written page in
        # the navigation: both are shown on every page.
        settings = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        settings = settings.replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        )
        settings = settings.replace(
            "  - About: about.md\n", "  - About: about.md\n  - Notes: notes.md\n"
        )
        # Without tabs, Material's sidebar shows every nav page, with its subtitle.
        settings = settings.replace("    - navigation.tabs\n", "")
        (folder / "mkdocs.yml").write_text(settings, encoding="utf-8")
        (folder / "overrides").mkdir()
        self.override(0)
        (folder / "docs").mkdir()
        shutil.copytree(ROOT / "docs" / "assets", folder / "docs" / "assets")
        for number in range(3):
            small_jpeg(folder / "media" / f"p{number}.jpg", number, (640, 480))
        self.served_site = folder / "served"
        self.clean_site = folder / "clean"
        self.instance: ExplainerPlugin | None = None

    def override(self, number: int) -> None:
        (self.folder / "overrides" / "main.html").write_text(
            '{% extends "base.html" %}\n'
            f"{{% block footer %}}{{{{ super() }}}}<p>override {number}</p>{{% endblock %}}\n",
            encoding="utf-8",
        )

    def write(self, story: dict[str, Any], notes: str) -> None:
        text = yaml.safe_dump(story, allow_unicode=True, sort_keys=False)
        (self.folder / "events.yaml").write_text(text, encoding="utf-8")
        (self.folder / "docs" / "notes.md").write_text(notes, encoding="utf-8")

    def _config(self, site: Path) -> MkDocsConfig:
        config = load_config(str(self.folder / "mkdocs.yml"), site_dir=str(site))
        config.site_url = SERVE_URL
        return config

    def serve_build(self) -> ExplainerPlugin:
        """A rebuild as `mkdocs serve` makes it on a save: the same plugin instance."""
        saved = dict(PLUGINS.plugin_cache)
        PLUGINS.plugin_cache.clear()
        if self.instance is not None:
            PLUGINS.plugin_cache["explainer"] = self.instance
        try:
            config = self._config(self.served_site)
            if self.instance is None:
                config.plugins.on_startup(command="serve", dirty=False)
            build(config, serve_url=SERVE_URL)
            plugin = config.plugins["explainer"]
            assert isinstance(plugin, ExplainerPlugin)
            self.instance = plugin
            return plugin
        finally:
            PLUGINS.plugin_cache.clear()
            PLUGINS.plugin_cache.update(saved)

    def clean_build(self) -> None:
        """The same files built by a fresh plugin instance, nothing reused."""
        shutil.rmtree(self.clean_site, ignore_errors=True)
        saved = dict(PLUGINS.plugin_cache)
        PLUGINS.plugin_cache.clear()
        try:
            config = self._config(self.clean_site)
            config.plugins.on_startup(command="serve", dirty=False)
            build(config, serve_url=SERVE_URL)
        finally:
            PLUGINS.plugin_cache.clear()
            PLUGINS.plugin_cache.update(saved)


def first_served(
    tmp_path: Path, *, events: int, actors: int
) -> tuple[Project, dict[str, Any], str]:
    """A synthetic story with its hand-written page, served once: the project, the story (to
    edit and write again) and the page's text."""
    project = Project(tmp_path)
    story: dict[str, Any] = yaml.safe_load(synthetic_story(events=events, actors=actors))
    notes = NOTES.format(actor="actor-0", extra="")
    project.write(story, notes)
    project.serve_build()
    return project, story, notes


@pytest.fixture
def small_periods(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A timeline of a few events a page, so that a few dozen events span several periods.
    monkeypatch.setattr(explainer.site.layout, "TIMELINE_PAGE_EVENTS", 6)
    yield


TITLES = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1, max_size=30
).filter(lambda t: t.strip() == t and t.strip())


#: Tags as written in events: declared ids, labels, and one written two ways.
TAG_TEXTS = ["talks", "aid", "ceasefire", "Hostage deal", "hostage deal"]


class Edits(RuleBasedStateMachine):
    """Each rule is one save; the invariant compares the served site with a clean one."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="explainer-incremental-"))
        self.project = Project(self.tmp)
        self.story: dict[str, Any] = yaml.safe_load(synthetic_story(events=24, actors=8))
        # Pictures from the start, so that replacing a picture's file always shows somewhere.
        for number, record in enumerate([*self.story["events"][:3], self.story["actors"][0]]):
            record["image"] = picture(number % 3)
        self.notes = NOTES.format(actor="actor-0", extra="")
        self.broken = False
        self.next_id = 0

    @initialize()
    def first_build(self) -> None:
        self.save()

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def save(self) -> None:
        self.project.write(self.story, self.notes)
        self.project.serve_build()

    def keep_if_valid(self, edited: dict[str, Any]) -> bool:
        """Take an edit only if it leaves a valid story (breaking it is a rule of its own)."""
        path = self.tmp / "probe.yaml"
        path.write_text(yaml.safe_dump(edited, allow_unicode=True, sort_keys=False))
        try:
            check_story(path)
        except StoryError:
            return False
        self.story = edited
        return True

    @rule(data=st.data(), title=TITLES)
    def retitle_an_event(self, data: st.DataObject, title: str) -> None:
        edited = copy.deepcopy(self.story)
        event = data.draw(st.sampled_from(edited["events"]))
        event["title"] = title
        if self.keep_if_valid(edited):
            self.save()

    @rule(data=st.data(), year=st.integers(2019, 2026), month=st.integers(1, 12))
    def move_an_event_to_another_period(self, data: st.DataObject, year: int, month: int) -> None:
        edited = copy.deepcopy(self.story)
        event = data.draw(st.sampled_from(edited["events"]))
        event["date"] = f"{year}-{month:02d}"
        if self.keep_if_valid(edited):
            self.save()

    @rule(
        data=st.data(),
        hour=st.integers(0, 23),
        offset=st.sampled_from(["", "Z", "+02:00", "-05:30"]),
    )
    def give_an_event_a_time_of_day(self, data: st.DataObject, hour: int, offset: str) -> None:
        edited = copy.deepcopy(self.story)
        event = data.draw(st.sampled_from(edited["events"]))
        event["date"] = f"2024-05-0{1 + hour % 3}T{hour:02d}:40{offset}"
        if self.keep_if_valid(edited):
            self.save()

    @rule(zone=st.sampled_from(["", "Africa/Cairo", "UTC", "America/New_York"]))
    def change_the_time_zone(self, zone: str) -> None:
        """Every time of day is shown in the story's zone, and sorted by it."""
        edited = copy.deepcopy(self.story)
        edited["story"].pop("timezone", None)
        if zone:
            edited["story"]["timezone"] = zone
        if self.keep_if_valid(edited):
            self.save()

    @rule(data=st.data())
    def add_an_event(self, data: st.DataObject) -> None:
        edited = copy.deepcopy(self.story)
        event = copy.deepcopy(data.draw(st.sampled_from(edited["events"])))
        self.next_id += 1
        event["id"] = f"added-{self.next_id}"
        event["title"] = f"An added event {self.next_id}"
        edited["events"].append(event)
        if self.keep_if_valid(edited):
            self.save()

    @rule(data=st.data())
    def move_an_event_in_the_file(self, data: st.DataObject) -> None:
        """The same records in another order: a save read in pieces (story/pieces.py)
        finds each by its text wherever it now stands."""
        edited = copy.deepcopy(self.story)
        events = edited["events"]
        event = events.pop(data.draw(st.integers(0, len(events) - 1)))
        events.insert(data.draw(st.integers(0, len(events))), event)
        if self.keep_if_valid(edited):
            self.save()

    @precondition(lambda self: len(self.story["events"]) > 3)
    @rule(data=st.data())
    def remove_an_event(self, data: st.DataObject) -> None:
        edited = copy.deepcopy(self.story)
        edited["events"].remove(data.draw(st.sampled_from(edited["events"])))
        if self.keep_if_valid(edited):
            self.save()

    @rule(
        data=st.data(),
        spot=st.sampled_from([None, (25.2854, 51.531), (31.5017, 34.4668), (-33.9, 18.4)]),
    )
    def move_an_event_or_actor_to_another_place(
        self, data: st.DataObject, spot: tuple[float, float] | None
    ) -> None:
        """A location set, changed or removed: the map page, the record's own map and its
        place's row must follow (a spot another event has joins its place on the map)."""
        edited = copy.deepcopy(self.story)
        record = data.draw(st.sampled_from(edited["events"] + edited["actors"]))
        if spot is None:
            record.pop("location", None)
        else:
            record["location"] = {"lat": spot[0], "lon": spot[1]}
        if self.keep_if_valid(edited):
            self.save()

    @rule()
    def remove_every_location(self) -> None:
        """The story's last location gone: the map page goes, and the links to it."""
        edited = copy.deepcopy(self.story)
        for record in edited["events"] + edited["actors"]:
            record.pop("location", None)
        if self.keep_if_valid(edited):
            self.save()

    @rule(data=st.data(), name=TITLES)
    def rename_an_actor(self, data: st.DataObject, name: str) -> None:
        edited = copy.deepcopy(self.story)
        actor = data.draw(st.sampled_from(edited["actors"]))
        actor["name"] = name
        if self.keep_if_valid(edited):
            self.save()

    @rule(
        data=st.data(),
        day=st.integers(1, 28),
        how=st.sampled_from(["added", "updated", "corrections", "story"]),
        note=TITLES,
    )
    def record_a_change(self, data: st.DataObject, day: int, how: str, note: str) -> None:
        """An addition, update or correction: its record's page, the updates page, the
        home page's latest and the About page (the explainer's own) must follow."""
        edited = copy.deepcopy(self.story)
        date = f"2026-01-{day:02d}"
        if how == "story":
            edited["story"]["corrections"] = [{"date": date, "text": note}]
        else:
            record = data.draw(st.sampled_from([*edited["events"], *edited["actors"]]))
            record[how] = (
                date
                if how == "added"
                else {"date": date, "note": note}
                if how == "updated"
                else [*record.get("corrections", []), {"date": date, "text": note}]
            )
        if self.keep_if_valid(edited):
            self.save()

    @rule(data=st.data(), text=TITLES)
    def edit_any_text(self, data: st.DataObject, text: str) -> None:
        """Any text field of any record: whatever a page shows of it must follow."""
        edited = copy.deepcopy(self.story)
        places = list(_text_fields(edited))
        record, key = data.draw(st.sampled_from(places))
        record[key] = text
        if self.keep_if_valid(edited):
            self.save()

    @rule(data=st.data(), tags=st.lists(st.sampled_from(TAG_TEXTS), max_size=3))
    def retag_an_event(self, data: st.DataObject, tags: list[str]) -> None:
        """Its tag pages, the tags index, the filters and the chart's colours follow."""
        edited = copy.deepcopy(self.story)
        event = data.draw(st.sampled_from(edited["events"]))
        event["tags"] = tags
        if self.keep_if_valid(edited):
            self.save()

    @rule(
        tag=st.sampled_from(["talks", "aid", "hostage-deal"]),
        colour=st.sampled_from([None, "#1f77b4", "#2ca02c"]),
        name=TITLES,
        declared=st.booleans(),
    )
    def declare_a_tag(self, tag: str, colour: str | None, name: str, declared: bool) -> None:
        """Declared, renamed, recoloured or no longer declared (then its text is its name)."""
        edited = copy.deepcopy(self.story)
        others = [t for t in edited.get("tags", []) if t["id"] != tag]
        edited["tags"] = others + (
            [{"id": tag, "name": name, **({"colour": colour} if colour else {})}]
            if declared
            else []
        )
        if self.keep_if_valid(edited):
            self.save()

    @rule(
        data=st.data(),
        status=st.sampled_from(["confirmed", "reported", "disputed"]),
        kind=st.sampled_from(["person", "state", "media"]),
    )
    def change_a_status_and_a_kind(self, data: st.DataObject, status: str, kind: str) -> None:
        """The pages of each status and kind of actor, and the filters' data, follow."""
        edited = copy.deepcopy(self.story)
        data.draw(st.sampled_from(edited["events"]))["status"] = status
        data.draw(st.sampled_from(edited["actors"]))["kind"] = kind
        if self.keep_if_valid(edited):
            self.save()

    @rule(data=st.data(), declared=st.booleans())
    def change_who_takes_part_and_the_key_actors(self, data: st.DataObject, declared: bool) -> None:
        """An actor joins an event, and the key actors are declared or left to be the most
        involved: whose events keep their chart labels first follows, as do the network and
        the home page's cards."""
        edited = copy.deepcopy(self.story)
        actor = data.draw(st.sampled_from(edited["actors"]))["id"]
        event = data.draw(st.sampled_from(edited["events"]))
        if all(p["actor"] != actor for p in event.get("participants", [])):
            event.setdefault("participants", []).append({"actor": actor, "role": "party"})
        edited["story"].pop("key_actors", None)
        if declared:
            edited["story"]["key_actors"] = [actor]
        if self.keep_if_valid(edited):
            self.save()

    @rule(data=st.data(), number=st.integers(0, 2), kind=st.sampled_from(["events", "actors"]))
    def give_a_record_a_picture(self, data: st.DataObject, number: int, kind: str) -> None:
        edited = copy.deepcopy(self.story)
        record = data.draw(st.sampled_from(edited[kind]))
        record["image"] = picture(number)
        if self.keep_if_valid(edited):
            self.save()

    @rule(data=st.data())
    def take_a_picture_away(self, data: st.DataObject) -> None:
        edited = copy.deepcopy(self.story)
        pictured = [r for r in edited["events"] + edited["actors"] if "image" in r]
        if pictured:
            del data.draw(st.sampled_from(pictured))["image"]
            if self.keep_if_valid(edited):
                self.save()

    @rule(number=st.integers(0, 2), shade=st.integers(3, 4000))
    def replace_a_picture_file(self, number: int, shade: int) -> None:
        """The picture saved again beside the story: its new pixels, at new addresses."""
        small_jpeg(self.tmp / "media" / f"p{number}.jpg", shade, (640, 480))
        self.save()

    @rule()
    def change_the_site_settings(self) -> None:
        """mkdocs.yml edited while serving: the headings' permalinks on or off change how
        every page converts."""
        config = self.tmp / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        on, off = "permalink: true", "permalink: false"
        text = text.replace(on, off) if on in text else text.replace(off, on)
        config.write_text(text, encoding="utf-8")
        self.save()

    @rule(number=st.integers(1, 1000))
    def edit_the_theme_override(self, number: int) -> None:
        self.project.override(number)
        self.save()

    @rule(subtitle=st.sampled_from(["", "A subtitle", "Another subtitle"]))
    def give_the_nav_page_a_subtitle(self, subtitle: str) -> None:
        # Material shows a nav page's subtitle in every page's navigation.
        body = self.notes.split("---\n")[-1]
        self.notes = (f"---\nsubtitle: {subtitle}\n---\n" if subtitle else "") + body
        self.save()

    @rule(extra=TITLES)
    def edit_the_hand_written_page(self, extra: str) -> None:
        front = self.notes[: self.notes.index("# Notes")]
        self.notes = front + NOTES.format(actor="actor-0", extra=extra)
        self.save()

    @precondition(lambda self: not self.broken)
    @rule()
    def break_the_story(self) -> None:
        broken = copy.deepcopy(self.story)
        broken["events"][0]["participants"][0]["actor"] = "nobody-at-all"
        self.project.write(broken, self.notes)
        plugin = self.project.serve_build()
        assert plugin.failure is not None  # served: the last good pages, with the problems
        self.broken = True

    @precondition(lambda self: self.broken)
    @rule()
    def fix_the_story(self) -> None:
        self.broken = False
        self.save()

    @invariant()
    def served_site_is_a_clean_build(self) -> None:
        if self.broken or self.project.instance is None:
            return
        self.project.clean_build()
        served = site_files(self.project.served_site)
        clean = site_files(self.project.clean_site)
        assert sorted(served) == sorted(clean)
        different = [path for path in clean if served[path] != clean[path]]
        assert different == []


def picture(number: int) -> dict[str, str]:
    return {
        "file": f"media/p{number}.jpg",
        "alt": f"Picture {number}",
        "credit": "A photographer",
        "caption": f"Caption {number}",
    }


def _text_fields(node: Any) -> Iterator[tuple[dict[str, Any], str]]:
    """(record, key) for every free-text field in the story (not ids, dates or kinds)."""
    free = {"title", "summary", "body", "description", "place", "text", "role", "name", "note"}
    free |= {"alt", "caption", "credit"}
    if isinstance(node, dict):
        for key, value in node.items():
            if key in free and isinstance(value, str):
                yield node, key
            else:
                yield from _text_fields(value)
    elif isinstance(node, list):
        for item in node:
            yield from _text_fields(item)


def test_a_served_site_after_any_edits_is_a_clean_build(small_periods: None) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    machine = Edits.TestCase
    machine.settings = settings(
        max_examples=int(os.environ.get("INCREMENTAL_EXAMPLES", "6")),
        stateful_step_count=6,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    machine().runTest()


def test_each_page_head_follows_the_records_it_describes(
    tmp_path: Path, small_periods: None
) -> None:
    """A page's <head> is kept between saves by what its JSON-LD describes (head_key.py):
    each save changes one record that a head shows but whose page may stay the same, and
    the served site must still be a clean build's."""
    project = Project(tmp_path)
    story: dict[str, Any] = yaml.safe_load(synthetic_story(events=24, actors=8))
    cited = next(e for e in story["events"] if e["sources"])
    source = next(s for s in story["sources"] if s["id"] == cited["sources"][0])
    source.update(outlet="actor-6", author="actor-7")
    story["story"]["key_actors"] = ["actor-1"]
    story["story"]["sources"] = [source["id"]]
    notes = NOTES.format(actor="actor-0", extra="")
    project.write(story, notes)
    project.serve_build()
    by_id = {a["id"]: a for a in story["actors"]}
    participant = cited["participants"][0]["actor"]
    affiliation = by_id["actor-0"]["affiliations"][0]["actor"]
    edits = [
        lambda: by_id[participant].update(name="A participant renamed"),
        lambda: by_id["actor-6"].update(name="An outlet renamed"),
        lambda: by_id["actor-7"].update(name="An author renamed"),
        lambda: by_id["actor-1"].update(name="A key actor renamed"),
        lambda: by_id[affiliation].update(name="A body renamed", kind="organisation"),
        lambda: story["events"][3].update(title="An event retitled"),
        lambda: source.update(title="A source retitled"),
    ]
    for edit in edits:
        edit()
        project.write(story, notes)
        project.serve_build()
        project.clean_build()
        served = site_files(project.served_site)
        clean = site_files(project.clean_site)
        assert [path for path in clean if served.get(path) != clean[path]] == []


def test_the_served_search_index_is_the_one_material_writes(tmp_path: Path) -> None:
    """While serving, the search index's file is made of each page's entries as written
    the last time (page_cache.py): it must be Material's own, byte for byte."""
    project, story, notes = first_served(tmp_path, events=24, actors=8)
    story["events"][5]["title"] = "A title changed by the writer, with “quotes” & <marks>"
    project.write(story, notes)
    plugin = project.serve_build()
    assert len(plugin.page_cache.reused_pages) > 20
    saved = dict(PLUGINS.plugin_cache)
    PLUGINS.plugin_cache.clear()
    try:  # `mkdocs build`: no page cache, Material's search plugin as it is
        config = project._config(project.clean_site)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    finally:
        PLUGINS.plugin_cache.clear()
        PLUGINS.plugin_cache.update(saved)
    index = Path("search") / "search_index.json"
    served = (project.served_site / index).read_bytes()
    assert b"A title changed by the writer" in served
    assert served == (project.clean_site / index).read_bytes()


def test_a_save_reuses_the_pages_it_did_not_touch(tmp_path: Path) -> None:
    project, story, notes = first_served(tmp_path, events=24, actors=8)
    pages = len(site_files(project.served_site))
    story["events"][5]["title"] = "A title changed by the writer"
    project.write(story, notes)
    plugin = project.serve_build()
    reused = plugin.page_cache.reused_pages
    edited = "events/" + story["events"][5]["id"] + ".md"
    assert edited not in reused
    assert "timeline.md" not in reused  # the event is listed there
    assert len(reused) > 20  # e.g. the pages of events it is not next to
    assert pages > len(reused)


def test_each_kind_of_change_reaches_every_page_that_shows_it(tmp_path: Path) -> None:
    # The random walk above may not draw every kind of change: here is one save of each.
    project, story, notes = first_served(tmp_path, events=24, actors=8)
    saves = [
        lambda: story["story"].update(corrections=[{"date": "2026-01-02", "text": "Fixed."}]),
        lambda: story["story"].update(updated={"date": "2026-01-03", "note": "Sources."}),
        lambda: story["events"][3].update(added="2026-01-04"),
        lambda: story["events"][3].update(updated={"date": "2026-01-05", "note": "Confirmed."}),
        lambda: story["actors"][2].update(corrections=[{"date": "2026-01-06", "text": "Name."}]),
        lambda: story["actors"][2]["corrections"][0].update(text="The name, spelt right."),
    ]
    for save in saves:
        save()
        project.write(story, notes)
        project.serve_build()
        project.clean_build()
        served, clean = site_files(project.served_site), site_files(project.clean_site)
        assert [path for path in clean if served.get(path) != clean[path]] == []


def test_a_removed_pages_folder_goes_with_it(tmp_path: Path) -> None:
    # Pages live in folders of their own (events/<id>/index.html): a save that removes an
    # event leaves no empty folder behind, as a clean build has none.
    project, story, notes = first_served(tmp_path, events=24, actors=8)
    removed = story["events"].pop(3)["id"]
    assert (project.served_site / "events" / removed).is_dir()
    project.write(story, notes)
    project.serve_build()
    project.clean_build()

    def folders(site: Path) -> list[str]:
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())

    assert not (project.served_site / "events" / removed).exists()
    assert folders(project.served_site) == folders(project.clean_site)


def test_a_save_with_mistakes_shows_them_over_the_last_pages_without_rendering_again(
    tmp_path: Path,
) -> None:
    # A writer saves half-finished YAML all the time: the problems go over every page served,
    # but the pages are the last good build's, so nothing needs rendering again; the next good
    # save takes the banner off and leaves the site a clean build's.
    project, story, notes = first_served(tmp_path, events=24, actors=8)
    good = site_files(project.served_site)
    broken = copy.deepcopy(story)
    broken["events"][0]["participants"][0]["actor"] = "nobody-at-all"
    project.write(broken, notes)
    plugin = project.serve_build()
    assert plugin.failure is not None
    served = site_files(project.served_site)
    pages = [path for path in served if path.endswith(".html") and path != "404.html"]
    assert len(pages) > 30
    for path in pages:
        assert b"The story file has problems" in served[path], path
        assert b"nobody-at-all" in served[path], path
    # Every page is the last build's: the hand-written one is converted again (its links are
    # checked against this build's files) and, being the same, not themed again.
    assert len(plugin.page_cache.reused_pages) == len(pages)
    assert served["search/search_index.json"] == good["search/search_index.json"]
    project.write(story, notes)
    project.serve_build()
    project.clean_build()
    served, clean = site_files(project.served_site), site_files(project.clean_site)
    assert [path for path in clean if served.get(path) != clean[path]] == []


def test_a_file_added_to_the_theme_override_is_served_on_the_next_save(tmp_path: Path) -> None:
    # The installed theme's thousands of files are listed once while serving; the site's own
    # override folder is read again on every save, as MkDocs reads it.
    project, _, _ = first_served(tmp_path, events=6, actors=3)
    assert (project.served_site / "assets" / "javascripts").is_dir()  # the theme's own
    (project.folder / "overrides" / "assets").mkdir()
    (project.folder / "overrides" / "assets" / "logo-extra.svg").write_text("<svg/>")
    project.serve_build()
    assert (project.served_site / "assets" / "logo-extra.svg").read_text() == "<svg/>"
    # Every file of the theme MkDocs itself would copy is served, and nothing it would not.
    config = project._config(project.served_site)
    theme_files = Files([])
    theme_files.add_files_from_theme(config.theme.get_env(), config)
    served = {p.relative_to(project.served_site).as_posix() for p in project.served_site.rglob("*")}
    assert {f.dest_uri for f in theme_files} <= served
    assert not [path for path in served if path.startswith(".") or "/." in path]
