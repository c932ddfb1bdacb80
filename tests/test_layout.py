"""The site's layout for big stories: which list pages a story of very many sources gets,
and that they stay light."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from explainer.pipeline.compile import compile_story
from explainer.render.html_page import html_body
from explainer.site.layout import (
    SOURCES_LIST_SOURCES,
    SOURCES_PAGE_CITATIONS,
    SOURCES_PAGE_SOURCES,
    source_lists,
)
from tests.test_fuzz import dangling_links

LONG = "Negotiators say the humanitarian corridor agreement depends on the release"
OPENINGS = [
    "Talks",
    "Envoy",
    "Gaza",
    "Aid",
    "Border",
    "Summit",
    "Ministry",
    "Delegation",
    "Hostages",
    "Officials",
]


def many_sources(count: int, title_chars: int = 100, cited: int = 1, per_event: int = 4) -> str:
    """A story of `count` sources, every one cited `cited` times, with long titles, a long-named outlet
    and a long-named author on each: the heaviest lines a sources list shows."""
    outlet = "The International Broadcasting Corporation of Very Long Names " * 2
    author = "Correspondent Maximiliana Alexandrovna Featherstonehaugh-Wolfeschlegel"
    sources = [
        {
            "id": f"s{i}",
            # Titles in no particular order, some opening with a quotation mark.
            "title": ("“" if i % 7 == 0 else "")
            + " ".join(
                [OPENINGS[i % 10], OPENINGS[i // 10 % 10], OPENINGS[i // 100 % 10]]
                + LONG.split() * 4
            )[:title_chars]
            + f" {i}",
            "outlet": "outlet",
            "author": "author",
            "url": f"https://news.example.org/{i}/" + "-".join(LONG.split()),
        }
        for i in range(count)
    ]
    citations = [s["id"] for s in sources] * cited
    events = [
        {
            "id": f"e{i}",
            "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "title": f"Event {i} " + LONG,
            "sources": sorted(set(citations[i * per_event : (i + 1) * per_event])),
        }
        for i in range(-(-len(citations) // per_event))
    ]
    story = {
        "story": {"title": "Many sources", "summary": "A story of very many sources."},
        "actors": [
            {"id": "outlet", "name": outlet.strip(), "kind": "media"},
            {"id": "author", "name": author, "kind": "person"},
        ],
        "events": events,
        "sources": sources,
    }
    return yaml.safe_dump(story, allow_unicode=True, sort_keys=False)


@pytest.fixture
def compiled_with(tmp_path: Path):
    def compiled(text: str):
        path = tmp_path / "events.yaml"
        path.write_text(text, encoding="utf-8")
        return compile_story(path)

    return compiled


@pytest.mark.parametrize(
    ("count", "sizes"),
    [
        (SOURCES_LIST_SOURCES, []),  # all on the sources page
        (SOURCES_LIST_SOURCES + 1, [51, 50]),
        (2 * SOURCES_LIST_SOURCES, [100, 100]),
        (2 * SOURCES_LIST_SOURCES + 1, [67, 67, 67]),
        (2_000, [100] * 20),
    ],
)
def test_sources_are_listed_in_pages_of_at_most_so_many(
    compiled_with, count: int, sizes: list[int]
) -> None:
    catalog = compiled_with(many_sources(count)).catalog
    lists = source_lists(catalog.sources.values())
    assert [len(listed.sources) for listed in lists] == sizes
    if not lists:
        return
    listed = [s.id for page in lists for s in page.sources]
    assert sorted(listed) == sorted(catalog.sources)  # every source exactly once
    titles = [s.title.lstrip("“").casefold() for page in lists for s in page.sources]
    assert titles == sorted(titles)  # in title order, quotation marks aside
    assert len({page.path for page in lists}) == len(lists)
    assert len({page.label for page in lists}) == len(lists)


def test_a_list_is_labelled_with_guide_words_that_tell_it_from_its_neighbours() -> None:
    from explainer.site.layout import _guide

    assert _guide("Talks resume in Doha", "") == "Talks"
    assert _guide("Talks resume in Doha", "Talks stall in Cairo") == "Talks resume"
    assert _guide("talks resume", "TALKS RESUME in Cairo") == "talks resume"
    assert _guide("“Talks” resume", "Talks") == "Talks”"
    assert _guide("https://example.org/a/very/long/address/indeed/and/more", "") == (
        "https://example.org/a/very/long/address…"
    )


def test_the_sources_page_links_each_list_and_each_list_each_source(compiled_with) -> None:
    compiled = compiled_with(many_sources(3 * SOURCES_LIST_SOURCES - 10))
    pages, layout = compiled.pages, compiled.layout
    lists = [p for p in pages if p.startswith("sources/by-title/")]
    assert lists == [listed.path for listed in layout.source_lists] and len(lists) == 3
    for path in lists:
        assert f'href="{path.removeprefix("sources/").removesuffix(".md")}/"' in pages["sources.md"]
    linked = [
        target
        for path in lists
        for target in re.findall(r'<a href="\.\./\.\./(s\d+)/">', pages[path])
    ]
    assert sorted(linked) == sorted(compiled.catalog.sources)  # each source, once
    assert all(f"sources/{s}.md" in pages for s in linked)  # to its own page
    # Each list links the ones before and after it, and back to the sources page.
    assert '<a class="xp-pager__next" href="../2/">' in pages[lists[0]]
    assert '<a class="xp-pager__prev" href="../1/">' in pages[lists[1]]
    assert '<a class="xp-pager__timeline" href="../../">' in pages[lists[2]]
    assert dangling_links(pages) == []


def test_a_story_of_few_sources_keeps_them_on_one_page(compiled_with) -> None:
    compiled = compiled_with(many_sources(SOURCES_PAGE_SOURCES))
    assert not compiled.layout.source_pages
    assert '<h2 id="s0">' in compiled.pages["sources.md"]  # each under its anchor
    compiled = compiled_with(many_sources(SOURCES_PAGE_SOURCES + 1))
    assert compiled.layout.source_pages
    assert "sources/s0.md" in compiled.pages


def html_of(page: str) -> bytes:
    body = page.split("\n---\n", 1)[1]  # without its front matter
    written = html_body(body)  # every generated page is HTML: it reaches the theme as it is
    assert written is not None
    return written[0].encode()


#: The theme's own HTML around a page's content (header, navigation, footer, scripts):
#: 18 KB on the seed site's About page, with room to spare.
THEME_BYTES = 30 * 1024


def test_a_full_list_of_the_heaviest_sources_stays_under_150_kb(compiled_with) -> None:
    # At the real threshold, with titles of 100 characters, an outlet's name of 125 and an
    # author's of 70 on every line.
    compiled = compiled_with(many_sources(2 * SOURCES_LIST_SOURCES, title_chars=100))
    first = compiled.layout.source_lists[0]
    assert len(first.sources) == SOURCES_LIST_SOURCES
    assert min(len(s.title) for s in first.sources) >= 100
    assert len(html_of(compiled.pages[first.path])) + THEME_BYTES <= 150 * 1024


def test_the_one_sources_page_of_the_heaviest_sources_stays_under_150_kb(
    compiled_with,
) -> None:
    # As many sources and citations as one page takes, with titles of 100 characters.
    compiled = compiled_with(many_sources(SOURCES_PAGE_SOURCES, title_chars=100, cited=5))
    assert not compiled.layout.source_pages
    assert sum(len(c) for c in compiled.catalog.citations.values()) == SOURCES_PAGE_CITATIONS
    page = compiled.pages["sources.md"]
    # Its table of contents repeats each source's title.
    toc = sum(len(s.title) + 100 for s in compiled.catalog.sources.values())
    assert len(html_of(page)) + toc + THEME_BYTES <= 150 * 1024


# ---- Timeline pages cut by weight as well as count ------------------------------------


def heavy_story(count: int, month: str = "2024-03", light: int = 0) -> str:
    """`count` of the heaviest events a timeline page lists, all in `month`: titles of 200
    characters, an opening paragraph of 1,500 with links, six participants of long names,
    four sources of titles of 200 characters, a quote and tags; then `light` events of a
    short title and one source, in the month after."""
    words = (LONG + " ") * 20
    events: list[dict[str, object]] = [
        {
            "id": f"heavy-{i}",
            "date": f"{month}-{1 + i % 28:02d}",
            "title": f"{i} " + words[:200].strip(),
            "body": f"[The envoy](actor:a{i % 6}) said: " + words[:1_500] + "\n\nMore.\n",
            "participants": [{"actor": f"a{(i + k) % 6}", "role": "mediator"} for k in range(6)],
            "sources": [f"s{(i + k) % 8}" for k in range(4)],
            "quotes": [{"speaker": f"a{i % 6}", "text": words[:300].strip(), "source": "s0"}],
            "tags": ["talks", "aid"],
        }
        for i in range(count)
    ]
    year, number = (int(part) for part in month.split("-"))
    after = f"{year + number // 12}-{number % 12 + 1:02d}"
    events += [
        {"id": f"e{i}", "date": f"{after}-{1 + i % 28:02d}", "title": f"Light {i}"}
        | {"sources": ["short"]}
        for i in range(light)
    ]
    story = {
        "story": {"title": "Heavy events", "summary": "Events as heavy as a page shows."},
        "actors": [
            {"id": f"a{i}", "name": f"Ambassador Extraordinary and Plenipotentiary {i}"}
            | {"kind": "person"}
            for i in range(6)
        ],
        "events": events,
        "sources": [
            {"id": f"s{i}", "title": f"{i} " + ((LONG + " ") * 4)[:200].strip()} for i in range(8)
        ]
        + [{"id": "short", "title": "A short title"}],
    }
    return yaml.safe_dump(story, allow_unicode=True, sort_keys=False)


def test_a_month_of_heavy_events_comes_in_parts_and_a_light_one_does_not(compiled_with) -> None:
    from explainer.site.layout import TIMELINE_PAGE_BYTES, TIMELINE_PAGE_EVENTS
    from explainer.site.weight import event_weight

    # 40 heavy events in March and 40 light ones in April: 80 events, few enough for one
    # page by count, but March alone weighs far more than a page takes.
    compiled = compiled_with(heavy_story(40, "2024-03", light=40))
    catalog, periods = compiled.catalog, compiled.layout.periods
    assert len(catalog.timeline) <= TIMELINE_PAGE_EVENTS
    march = [p for p in periods if p.path.startswith("timeline/2024-03")]
    assert len(march) >= 3
    assert march[0].path == "timeline/2024-03.md"  # part 1 keeps the month's address
    assert [p.path for p in march[1:]] == [
        f"timeline/2024-03-part-{n}.md" for n in range(2, len(march) + 1)
    ]
    assert march[1].label == f"March 2024 (part 2 of {len(march)})"
    assert [p.path for p in periods if "2024-04" in p.path] == ["timeline/2024-04.md"]
    # Every event once, in date order, and no page over the budget.
    assert [e.id for p in periods for e in p.events] == [e.id for e in catalog.timeline]
    for period in periods:
        weight = sum(event_weight(e, catalog, full=False) for e in period.events)
        assert weight <= TIMELINE_PAGE_BYTES, period.path
    # Parts of about equal weight: none under half the heaviest.
    sizes = [len(p.events) for p in march]
    assert min(sizes) * 2 >= max(sizes), sizes


def test_light_events_keep_the_pages_a_count_gives(
    compiled_with, monkeypatch: pytest.MonkeyPatch
) -> None:
    import explainer.site.layout
    from explainer.site.weight import ENTRY_BYTES

    # Since each event has two chart marks with labels (1.5 KB an event at the least),
    # 80 events outweigh a page's budget whatever they hold: the count is tried at 60,
    # which light events reach before their weight does.
    per_page = 60
    assert per_page * (ENTRY_BYTES + 200) <= explainer.site.layout.TIMELINE_PAGE_BYTES
    monkeypatch.setattr(explainer.site.layout, "TIMELINE_PAGE_EVENTS", per_page)
    # As many light events as one page holds: one page; one more, all in one month: the
    # month in two parts of equal counts, as a count alone cut it.
    compiled = compiled_with(heavy_story(0, light=per_page))
    assert [p.path for p in compiled.layout.periods] == ["timeline.md"]
    compiled = compiled_with(heavy_story(0, light=per_page + 1))
    periods = compiled.layout.periods
    assert [p.path for p in periods] == ["timeline/2024-04.md", "timeline/2024-04-part-2.md"]
    assert [len(p.events) for p in periods] == [31, 30]


def test_one_event_heavier_than_a_page_is_a_page_of_its_own(compiled_with) -> None:
    from explainer.site.layout import timeline_periods

    timeline = compiled_with(heavy_story(0, "2023-12", light=5)).catalog.timeline
    weights = {"e2": 10**9}
    periods = timeline_periods(
        timeline, per_page=2, weigh=lambda e: weights.get(e.id, 1), budget=100
    )
    assert [[e.id for e in p.events] for p in periods] == [["e0", "e1"], ["e2"], ["e3", "e4"]]
    assert [p.path for p in periods] == [
        "timeline/2024-01.md",
        "timeline/2024-01-part-2.md",
        "timeline/2024-01-part-3.md",
    ]


# ---- The actors page and the filter pages, weighed -------------------------------------


def heavy_actors(actors: int, description_chars: int, events: int = 240) -> str:
    """`actors` of long names, each with a description of `description_chars` (an explicit
    link in it) and a long-named role in another, in `events` of titles of 200 characters,
    five actors each (two parties, two mediators between them, a witness), all tagged
    alike: many connections of every kind in the network, heavy lines in the lists of
    actors and on the tag, status and kind pages."""
    from explainer.story.model import ACTOR_KINDS

    words = (LONG + " ") * 20
    roles = ["party", "party", "mediator", "mediator", "witness"]
    story = {
        "story": {"title": "Heavy actors", "summary": "Actors as heavy as a page shows."},
        "actors": [
            {
                "id": f"actor-{i}",
                "name": f"Special Representative for Humanitarian Negotiations {i}",
                "kind": ACTOR_KINDS[i % len(ACTOR_KINDS)],
                "description": (
                    f"Works with [the next one](actor:actor-{(i + 1) % actors}). " + words
                )[:description_chars].strip(),
                # A chain, not a loop: an actor cannot belong to itself.
                "affiliations": [
                    {
                        "actor": f"actor-{i + 1}",
                        "role": "Deputy Special Envoy for Regional Security Affairs",
                    }
                ][: int(i + 1 < actors)],
            }
            for i in range(actors)
        ],
        "events": [
            {
                "id": f"event-{i}",
                "date": f"{2000 + i // 12}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "title": f"{i} " + words[:200].strip(),
                "participants": [
                    {"actor": f"actor-{(i * 7 + k * 31) % actors}", "role": role}
                    for k, role in enumerate(roles)
                ],
                "sources": [f"s{i % 20}"],
                "tags": ["heavy"],
            }
            for i in range(events)
        ],
        "sources": [{"id": f"s{i}", "title": f"Report {i}"} for i in range(20)],
    }
    return yaml.safe_dump(story, allow_unicode=True, sort_keys=False)


def test_the_actors_lines_stay_on_the_actors_page_while_they_fit_beside_the_network(
    compiled_with,
) -> None:
    from explainer.site.weight import ACTORS_PAGE_BYTES, NETWORK_BYTES, actor_line_weight

    room = ACTORS_PAGE_BYTES - NETWORK_BYTES
    for description, listed in ((100, False), (600, True)):
        compiled = compiled_with(heavy_actors(60, description))
        weight = sum(actor_line_weight(a) for a in compiled.catalog.actors.values())
        assert (weight > room) == listed, weight  # few actors, but heavy lines
        assert bool(compiled.layout.actor_lists) == listed
