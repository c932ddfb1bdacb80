"""The site's layout for big stories: which list pages a story of very many sources gets,
and that they stay light."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml

from explainer.pipeline.compile import compile_story
from explainer.render.pages import REQUIRED_EXTENSIONS
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
        assert f"]({path})" in pages["sources.md"]
    linked = [
        target for path in lists for target in re.findall(r"\]\(\.\./(s\d+)\.md\)", pages[path])
    ]
    assert sorted(linked) == sorted(compiled.catalog.sources)  # each source, once
    assert all(f"sources/{s}.md" in pages for s in linked)  # to its own page
    # Each list links the ones before and after it, and back to the sources page.
    assert "](2.md){ .xp-pager__next }" in pages[lists[0]]
    assert "](1.md){ .xp-pager__prev }" in pages[lists[1]]
    assert "](../../sources.md){ .xp-pager__timeline }" in pages[lists[2]]
    assert dangling_links(pages) == []


def test_a_story_of_few_sources_keeps_them_on_one_page(compiled_with) -> None:
    compiled = compiled_with(many_sources(SOURCES_PAGE_SOURCES))
    assert not compiled.layout.source_pages
    assert "{ #s0 }" in compiled.pages["sources.md"]  # each under its anchor
    compiled = compiled_with(many_sources(SOURCES_PAGE_SOURCES + 1))
    assert compiled.layout.source_pages
    assert "sources/s0.md" in compiled.pages


def html_of(page: str) -> bytes:
    body = page.split("\n---\n", 1)[1]  # without its front matter
    return markdown.markdown(body, extensions=list(REQUIRED_EXTENSIONS)).encode()


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
