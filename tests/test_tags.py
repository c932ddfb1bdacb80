"""Tags: declared (name, description, colour) or plain labels; a page per tag listing
exactly its events; every tag label a link; colours that keep 3:1 in both palettes; and
the pages the timeline's filters link to, which list exactly the events that match."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from explainer.catalog.tags import tag_id
from explainer.markdown.sanitize import clean_html
from explainer.pipeline.compile import compile_story
from explainer.site.filters import filtered_pages
from explainer.story.colours import BACKGROUNDS, MINIMUM_CONTRAST, contrast, nearest_passing
from tests.conftest import MINIMAL, SEED


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("talks", "talks"),
        ("Hostage deal", "hostage-deal"),
        ("  hostage   deal ", "hostage-deal"),
        ("Négociations", "negociations"),
        ("عريضة", "عريضة"),
        ("Index", "index-tag"),  # never the tags index's own address
        ("!!!", "tag"),
    ],
)
def test_a_tag_gets_its_page_id_from_its_text(text: str, page: str) -> None:
    assert tag_id(text) == page


STORY = MINIMAL.replace(
    "    sources: [report]\n",
    "    sources: [report]\n    tags: [talks, Hostage deal]\n"
    "  - id: later\n    date: '2025-04'\n    title: Later\n    sources: [report]\n"
    "    tags: [hostage deal, عريضة]\n"
    "  - id: untagged\n    date: '2025-05'\n    title: Untagged\n    sources: [report]\n",
) + (
    "tags:\n"
    "  - id: talks\n    name: Talks\n    description: The talks, with [Alice](actor:alice).\n"
    '    colour: "#1f77b4"\n'
    "  - id: unused\n    name: Not used yet\n"
)


@pytest.fixture
def compiled(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "events.yaml"
    path.write_text(STORY, encoding="utf-8")
    return compile_story(path)


def listed_events(page: str) -> list[str]:
    """The event ids a tag, status or kind page lists, in order (below its chart, which
    links them too): the pages are HTML, with the final URLs."""
    listing = page.split('<div class="xp-index"', 1)[-1]
    return re.findall(r'<a href="(?:\.\./)+events/([\w-]+)/">', listing)


def test_declared_tags_and_labels_resolve_to_one_tag_each(compiled) -> None:  # type: ignore[no-untyped-def]
    c = compiled.catalog
    assert [t.id for t in c.tags] == ["talks", "unused", "hostage-deal", "عريضة"]
    tags = {t.id: t for t in c.tags}
    assert tags["talks"].name == "Talks" and tags["talks"].colour == "#1f77b4"
    assert tags["hostage-deal"].name == "Hostage deal"  # the first spelling names it
    assert not tags["hostage-deal"].declared
    assert [e.id for e in c.tagged["hostage-deal"]] == ["meeting", "later"]
    assert c.tagged["unused"] == ()
    assert [t.id for t in c.event_tags["later"]] == ["hostage-deal", "عريضة"]


def test_each_tag_page_lists_exactly_its_events_in_time_order(compiled) -> None:  # type: ignore[no-untyped-def]
    pages = compiled.pages
    expected = {"talks": ["meeting"], "hostage-deal": ["meeting", "later"], "عريضة": ["later"]}
    for tag, events in expected.items():
        assert listed_events(pages[f"tags/{tag}.md"]) == events
    assert "No event has this tag yet." in pages["tags/unused.md"]
    index = pages["tags/index.md"]
    tag_links = re.findall(r'<a href="([^"./]+)/">', index)  # not the descriptions' links
    assert [unquote(u) for u in tag_links][:4] == [
        "talks",
        "unused",
        "hostage-deal",
        "عريضة",
    ]
    # The description is Markdown with its links resolved.
    assert 'href="../../actors/alice/"' in pages["tags/talks.md"]


def test_seed_tag_pages_list_exactly_the_events_with_that_tag() -> None:
    compiled = compile_story(SEED)
    events = yaml.safe_load(SEED.read_text(encoding="utf-8"))["events"]
    declared = yaml.safe_load(SEED.read_text(encoding="utf-8"))["tags"]
    ids = [t.id for t in compiled.catalog.tags]
    assert [t["id"] for t in declared] == ids  # every tag declared, in the file's order
    timeline = [e.id for e in compiled.catalog.timeline]
    for tag in ids:
        want = [e for e in timeline if tag in next(x for x in events if x["id"] == e)["tags"]]
        assert want, f"the seed declares '{tag}' but no event has it"
        assert listed_events(compiled.pages[f"tags/{tag}.md"]) == want


def test_every_tag_label_is_a_link_to_its_page(compiled) -> None:  # type: ignore[no-untyped-def]
    for path, page in compiled.pages.items():
        assert 'class="xp-tag"' not in page, path  # the old unlinked labels
    event = compiled.pages["events/later.md"]
    labels = event.split("Tags:", 1)[1].split("</p>", 1)[0]
    assert re.findall(r'<a href="\.\./\.\./tags/([^"]+)/">(.+?)</a>', labels) == [
        ("hostage-deal", "Hostage deal"),
        ("%D8%B9%D8%B1%D9%8A%D8%B6%D8%A9", '<bdi lang="ar" dir="rtl">عريضة</bdi>'),
    ]
    timeline = compiled.pages["timeline.md"]
    assert '<a href="../tags/talks/">Talks</a>' in timeline


def test_status_and_kind_pages_list_exactly_the_matching_events() -> None:
    compiled = compile_story(SEED)
    catalog = compiled.catalog
    pages = {f.path: f for f in filtered_pages(catalog)}
    assert {p.split("/")[-1] for p in pages if "/status/" in p} == {
        "confirmed.md",
        "reported.md",
    }  # the seed has no disputed event: no page for it
    for path, filtered in pages.items():
        if filtered.key == "status":
            want = [e.id for e in catalog.timeline if e.status == filtered.value]
        else:
            want = [
                e.id
                for e in catalog.timeline
                if any(catalog.actors[p.actor.id].kind == filtered.value for p in e.participants)
            ]
        assert want
        assert listed_events(compiled.pages[path]) == want, path


def test_the_timeline_marks_take_their_first_coloured_tag(compiled) -> None:  # type: ignore[no-untyped-def]
    chart = compiled.pages["timeline.md"].split("</svg>", 1)[0]
    # Each mark: its link, maybe a title, then its shape (closed by `/>`, or by its end tag
    # as the page's HTML is serialised once cleaned).
    marks = dict(
        re.findall(
            r'data-event="([\w-]+)"[^>]*>(?:<title[^>]*>[^<]*</title>)?<\w+ ([^>]*?)/?>', chart
        )
    )
    assert 'color="#1f77b4"' in marks["meeting"] and "xp-mark--tagged" in marks["meeting"]
    assert "color=" not in marks["later"]  # its tags have no colour
    assert "color=" not in marks["untagged"]


def test_the_sanitiser_keeps_only_a_colour_on_a_mark() -> None:
    kept = clean_html('<svg><circle class="xp-mark" color="#1f77b4" r="5"/></svg>')
    assert 'color="#1f77b4"' in kept
    for hostile in ("red;background:url(x)", "expression(alert(1))", "#1f77b4;x"):
        assert "color" not in clean_html(f'<svg><circle color="{html.escape(hostile)}"/></svg>')


@pytest.mark.parametrize(
    "colour", ["#ffff00", "#000000", "#ffffff", "#b5179e", "#1a56a8", "#7ddc94", "#00ff00"]
)
def test_the_suggested_colour_passes_in_both_palettes_and_stays_close(colour: str) -> None:
    from coloraide import Color

    suggestion = nearest_passing(colour)
    for background in BACKGROUNDS.values():
        assert contrast(suggestion, background) >= MINIMUM_CONTRAST
    # Close: nearer the author's colour than a mid grey that passes everywhere, unless
    # it is a grey itself.
    grey = Color(colour).delta_e("#808080", method="ok")
    assert Color(colour).delta_e(suggestion, method="ok") <= grey + 1e-9


def test_a_page_listing_the_tags_follows_their_order_while_serving(tmp_path: Path) -> None:
    """Reordering the declarations changes no tag, only their order: a page reused while
    serving must still list them in the new order (a mapping's value ignored it)."""
    from explainer.pipeline.compile import LastBuild

    path = tmp_path / "events.yaml"
    declared = "tags:\n  - id: talks\n    name: Talks\n  - id: aid\n    name: Aid\n"
    swapped = "tags:\n  - id: aid\n    name: Aid\n  - id: talks\n    name: Talks\n"
    last = LastBuild()  # what `mkdocs serve` keeps between saves
    path.write_text(STORY.split("tags:\n  - id: talks")[0] + declared, encoding="utf-8")
    compile_story(path, last=last)
    path.write_text(STORY.split("tags:\n  - id: talks")[0] + swapped, encoding="utf-8")
    served = compile_story(path, last=last).pages
    clean = compile_story(path).pages
    assert served["tags/index.md"] == clean["tags/index.md"]
    assert served["tags/index.md"].index(">Aid</a>") < served["tags/index.md"].index(">Talks</a>")


def test_the_events_of_a_big_tag_status_or_kind_come_in_pages_of_80(tmp_path: Path) -> None:
    from devtools.synthetic import synthetic_story

    from explainer.site.filters import FILTER_PAGE_EVENTS

    story = yaml.safe_load(synthetic_story(events=200, actors=10))
    for event in story["events"]:
        event["tags"] = ["talks"]
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(story, allow_unicode=True), encoding="utf-8")
    compiled = compile_story(path)
    timeline = [e.id for e in compiled.catalog.timeline]
    names = ["tags/talks.md", "tags/talks/2.md", "tags/talks/3.md"]
    assert [p for p in compiled.pages if p.startswith("tags/talks")] == names
    listed = [listed_events(compiled.pages[name]) for name in names]
    assert [len(part) for part in listed] == [FILTER_PAGE_EVENTS, FILTER_PAGE_EVENTS, 40]
    assert [e for part in listed for e in part] == timeline  # each once, in time order
    middle = compiled.pages["tags/talks/2.md"]
    assert '<a class="xp-pager__prev" href="../">' in middle  # previous and next
    assert '<a class="xp-pager__next" href="../3/">' in middle
    assert "200 events" in middle
    confirmed = [p for p in compiled.pages if p.startswith("timeline/status/confirmed")]
    assert len(confirmed) == -(
        -sum(e.status == "confirmed" for e in compiled.catalog.timeline) // 80
    )
