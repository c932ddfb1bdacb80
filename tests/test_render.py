"""Render stage: golden files pair the small story with the exact Markdown it must produce.

After an intended change of the output, regenerate with:
    UPDATE_GOLDEN=1 ./scripts/test tests/test_render.py
and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explainer.pipeline.compile import compile_story
from tests.conftest import SMALL

GOLDEN = Path(__file__).parent / "golden" / "small"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return compile_story(SMALL).pages


def test_the_page_set_is_the_golden_set(pages: dict[str, str]) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    golden = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(pages) == golden


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
)
def test_page_matches_golden_file(pages: dict[str, str], path: str) -> None:
    assert pages[path] == (GOLDEN / path).read_text(encoding="utf-8")


def test_reader_facing_facts_in_the_small_story(pages: dict[str, str]) -> None:
    # Independent of the golden text: what a reader must find on each page.
    caesar = pages["actors/julius-caesar.md"]
    assert '<a href="../../events/assassination/">Caesar is assassinated</a>' in caesar
    assert "“Et tu, Brute?”" in caesar  # his quote, on his page
    senate = pages["actors/roman-senate.md"]
    # affiliations both ways: the senate lists its member, the member his affiliation
    assert '<li><a href="../marcus-brutus/">Marcus Brutus</a>, Senator</li>' in senate
    brutus = pages["actors/marcus-brutus.md"]
    assert '<li>Senator, <a href="../roman-senate/">Roman Senate</a>' in brutus
    event = pages["events/assassination.md"]
    # Event pages are HTML, with the final URLs (the site's style: directory URLs).
    assert (
        '<td><a href="../../actors/julius-caesar/">Julius Caesar</a></td>\n<td>Target</td>' in event
    )
    assert '<a href="../../sources/#shakespeare">Julius Caesar (play)</a>' in event  # its source
    assert "15 March 44 BCE" in event
    timeline = pages["timeline.md"]
    order = [timeline.index(f'<h3 id="{e}">') for e in ("rubicon", "civil-war", "assassination")]
    assert order == sorted(order)


def test_hostile_text_is_escaped_not_published_as_html(story_file) -> None:
    from tests.conftest import MINIMAL

    path = story_file(MINIMAL.replace("name: Alice", "name: <img src=x onerror=alert(1)>"))
    actor_page = compile_story(path).pages["actors/alice.md"]
    assert "<img" not in actor_page
    assert "&lt;img src=x onerror=alert(1)&gt;" in actor_page


def test_text_inside_html_is_html_escaped_without_markdown_backslashes(story_file) -> None:
    from tests.conftest import MINIMAL

    path = story_file(
        MINIMAL.replace(
            "    title: Alice meets\n", "    title: Alice meets\n    place: <b>Doha</b> & *Qatar*\n"
        )
    )
    page = compile_story(path).pages["events/meeting.md"]
    assert "· &lt;b&gt;Doha&lt;/b&gt; &amp; *Qatar* ·" in page


def test_right_to_left_names_are_isolated_and_other_scripts_kept_exactly(story_file) -> None:
    from tests.conftest import MINIMAL

    decomposed = "Zoe\u0308 🕊️ Naïve"  # a combining diaeresis, an emoji with a variation selector
    story = MINIMAL.replace("name: Alice", "name: حماس").replace(
        "title: Alice meets", f'title: "{decomposed}"'
    )
    pages = compile_story(story_file(story)).pages
    assert '<h1 id="_1"><bdi lang="ar" dir="rtl">حماس</bdi><a' in pages["actors/alice.md"]
    event = pages["events/meeting.md"]
    assert '<a href="../../actors/alice/"><bdi lang="ar" dir="rtl">حماس</bdi></a>' in event
    assert f'<h1 id="zoe-naive">{decomposed}<a class="headerlink"' in event


def test_text_is_kept_as_written_and_cannot_break_the_page(story_file) -> None:
    from tests.conftest import MINIMAL

    story = (
        MINIMAL.replace("name: Alice", "name: +972")  # YAML would read a number
        .replace("title: Alice meets", "title: |\n      Alice meets\n      Bob")  # two lines
        .replace(
            "title: A report",
            "title: 1.50\n    note: 1. Cited by the article.\n"
            "    url: https://en.wikipedia.org/wiki/Doha_(disambiguation)",
        )
    )
    pages = compile_story(story_file(story)).pages
    assert '<h1 id="972">+972<a' in pages["actors/alice.md"]
    assert '<td><a href="../../events/meeting/">Alice meets Bob</a>' in pages["actors/alice.md"]
    assert '<h2 id="report">1.50<a' in pages["sources.md"]
    assert "<p>1. Cited by the article.</p>" in pages["sources.md"]  # not a list
    # In HTML an address is an attribute: its parentheses stay as written.
    assert 'href="https://en.wikipedia.org/wiki/Doha_(disambiguation)"' in pages["sources.md"]


def _url_from_timeline(period_page: str) -> str:
    """The final URL of a timeline page from the timeline's own (directory URLs)."""
    return period_page.removeprefix("timeline/").removesuffix(".md") + "/"


def test_a_big_timeline_is_paginated_by_period(tmp_path) -> None:
    import re

    from devtools.synthetic import synthetic_story

    from tests.test_fuzz import dangling_links

    path = tmp_path / "events.yaml"
    path.write_text(synthetic_story(events=450, actors=30), encoding="utf-8")
    pages = compile_story(path).pages
    period_pages = sorted(p for p in pages if p.startswith("timeline/") and p.count("/") == 1)
    assert len(period_pages) >= 4
    index = pages["timeline.md"]  # the timeline's pages are HTML, with the final URLs
    for period in period_pages:
        assert f'href="{_url_from_timeline(period)}"' in index  # the index links every period
    listed = [e for p in period_pages for e in re.findall(r'<h3 id="(event-\d+)">', pages[p])]
    assert sorted(listed) == sorted(f"event-{i}" for i in range(450))  # each event once
    assert max(pages[p].count('<h3 id="event-') for p in period_pages) <= 80
    first, second = period_pages[0], period_pages[1]
    following = f"../{_url_from_timeline(second)}"
    assert f'<a class="xp-pager__next" href="{following}">' in pages[first]
    event = pages["events/event-0.md"]
    assert re.search(r'href="\.\./\.\./timeline/[\w-]+/#event-0">On the timeline<', event)
    # So many citations that each source gets its page, listed on the sources page.
    source_pages = [p for p in pages if p.startswith("sources/")]
    assert len(source_pages) == 45
    listed = pages["sources.md"]
    assert all(
        f'href="{p.removeprefix("sources/").removesuffix(".md")}/"' in listed for p in source_pages
    )
    assert re.search(r'href="\.\./\.\./sources/source-\d+/"', pages[first])  # timeline cites
    assert dangling_links(pages) == []


@pytest.mark.parametrize(
    ("directory_urls", "file", "target"),
    [
        (True, "events/doha/index.html", "../../timeline/2025-03/#doha"),
        (False, "events/doha.html", "../timeline/2025-03.html#doha"),
    ],
)
def test_an_event_without_a_page_keeps_its_old_address(
    directory_urls: bool, file: str, target: str
) -> None:
    from explainer.render.redirects import event_redirects
    from explainer.site.layout import SiteLayout

    catalog = compile_story(SMALL).catalog
    event = catalog.timeline[0]
    file, target = (s.replace("doha", event.id) for s in (file, target))
    grouped = SiteLayout(
        [], {e.id: "timeline/2025-03.md" for e in catalog.timeline}, False, event_pages=False
    )
    pages = event_redirects(catalog, grouped, directory_urls=directory_urls)
    assert len(pages) == len(catalog.timeline)
    assert f'content="0; url={target}"' in pages[file]
    assert f'href="{target}"' in pages[file]
    with_pages = SiteLayout([], {}, False, event_pages=True)
    assert event_redirects(catalog, with_pages) == {}


def test_a_timeline_of_very_many_pages_is_indexed_a_year_to_a_line(tmp_path) -> None:
    import re

    from devtools.synthetic import synthetic_story

    from explainer.site.layout import TIMELINE_INDEX_PERIODS

    path = tmp_path / "events.yaml"
    path.write_text(synthetic_story(events=1_500, actors=40), encoding="utf-8")
    pages = compile_story(path).pages
    period_pages = sorted(p for p in pages if p.startswith("timeline/") and p.count("/") == 1)
    assert len(period_pages) > TIMELINE_INDEX_PERIODS
    index = pages["timeline.md"]
    latest, index = re.split(r"(?<=</p>)\n", index.split('<p class="xp-latest"', 1)[1], maxsplit=1)
    # "Latest" leads to the newest period and to the newest event's entry there.
    newest = compile_story(path).catalog.timeline[-1]
    newest_page = _url_from_timeline(period_pages[-1])
    assert f'<a href="{newest_page}">' in latest
    assert f'<a href="{newest_page}#{newest.id}">' in latest
    listing = index.split("</figure>", 1)[1]  # the list below the chart
    linked = re.findall(r'<a href="([\w-]+/)">', listing)
    assert sorted(linked) == [_url_from_timeline(p) for p in period_pages]  # each linked once
    year_lines = [line for line in index.splitlines() if line.startswith("<li><strong>")]
    assert len(year_lines) == len({re.match(r"timeline/(\d+)", p).group(1) for p in period_pages})
    assert re.search(r'<a href="\d+-03/">March</a>', listing)  # months named within their year
    bars = re.findall(r"<a href=[^>]*><title>", index)
    assert len(bars) == len(year_lines)  # the chart has a bar a year


@pytest.mark.parametrize("event_id", ["timeline-chart-title", "timeline-chart-desc"])
def test_an_event_id_never_collides_with_a_charts_own_ids(story_file, event_id: str) -> None:
    import re

    from tests.conftest import MINIMAL

    pages = compile_story(story_file(MINIMAL.replace("id: meeting", f"id: {event_id}"))).pages
    timeline = pages["timeline.md"]
    ids = re.findall(r'\sid="([^"]+)"', timeline) + re.findall(r"\{ #([\w-]+) \}", timeline)
    assert ids.count(event_id) == 1
