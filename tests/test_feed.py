"""The Atom feed of updates and corrections, read as feed readers read it: feedparser (the
parser most readers are built on) must take it without its "bozo" flag, and it must keep
the rules of RFC 4287 that can be checked offline (those the W3C feed validator checks
first). Entry ids must not change when the site is rebuilt or the story grows."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.parse
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest

from explainer.pipeline.compile import compile_story
from explainer.pipeline.site_files import site_files
from explainer.site.downloads import FEED
from tests.conftest import SEED, SMALL, child_env
from tests.test_site import make_project

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
BASE = "https://example.org/news/ides/"


def feed_of(path: Path, site_url: str | None = BASE, directory_urls: bool = True) -> str:
    files = site_files(compile_story(path), site_url=site_url, directory_urls=directory_urls)
    text = files.data[FEED]
    assert isinstance(text, str)
    return text


def rfc4287_problems(text: str) -> list[str]:
    """What breaks the Atom rules a validator checks without fetching anything."""
    problems = []
    feed = ET.fromstring(text.encode("utf-8"))
    if feed.tag != f"{ATOM}feed":
        return [f"the root is {feed.tag}, not an Atom feed"]

    def one(parent: ET.Element, name: str, where: str) -> ET.Element | None:
        found = parent.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where} has {len(found)} <{name}>, not exactly one")
            return None
        if not (found[0].text or "").strip():
            problems.append(f"{where}'s <{name}> is empty")
        return found[0]

    def check_time(element: ET.Element | None, where: str) -> None:
        if element is not None and not RFC3339.match(element.text or ""):
            problems.append(f"{where}: '{element.text}' is not an RFC 3339 date-time")

    for name in ("id", "title"):
        one(feed, name, "the feed")
    check_time(one(feed, "updated", "the feed"), "the feed's <updated>")
    entries = feed.findall(f"{ATOM}entry")
    if not feed.findall(f"{ATOM}author") and any(not e.findall(f"{ATOM}author") for e in entries):
        problems.append("neither the feed nor every entry has an <author>")
    for link in feed.iter(f"{ATOM}link"):
        if not link.get("href"):
            problems.append("a <link> without href")
    for self_link in (x for x in feed.findall(f"{ATOM}link") if x.get("rel") == "self"):
        if not urllib.parse.urlsplit(self_link.get("href", "")).scheme:
            problems.append("the self link is not absolute")
    ids = []
    for i, entry in enumerate(entries):
        where = f"entry {i + 1}"
        element = one(entry, "id", where)
        if element is not None:
            ids.append(element.text)
            if not urllib.parse.urlsplit(element.text or "").scheme:
                problems.append(f"{where}'s id '{element.text}' is not an absolute IRI")
        one(entry, "title", where)
        check_time(one(entry, "updated", where), f"{where}'s <updated>")
        alternates = [x for x in entry.findall(f"{ATOM}link") if x.get("rel") == "alternate"]
        if len(alternates) != 1 and not entry.findall(f"{ATOM}content"):
            problems.append(f"{where} has no alternate link and no content")
    if len(set(ids)) != len(ids):
        problems.append("two entries share an id")
    return problems


@pytest.mark.parametrize("site_url", [BASE, None], ids=["with site_url", "without"])
def test_the_feed_parses_without_bozo_and_keeps_the_atom_rules(site_url: str | None) -> None:
    text = feed_of(SMALL, site_url)
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert rfc4287_problems(text) == []
    titles = [e.title for e in parsed.entries]
    assert titles == [
        "Corrected: Caesar is assassinated",
        "Updated: The Ides of March",
        "Updated: Caesar is assassinated",
        "Published: The Ides of March",
        "Added: Caesar is assassinated",
        "Added: Marcus Brutus",
    ]
    correction = parsed.entries[0]
    assert correction.updated == "2025-03-17T00:00:00Z"
    assert "placed the killing in the Forum" in correction.summary
    link = correction.link
    if site_url:
        assert link == f"{BASE}events/assassination/#assassination-corrected-2025-03-17-1"
        assert parsed.feed.links[1].rel == "self"
        assert parsed.feed.links[1].href == f"{BASE}feed.xml"
    else:  # relative to the feed, which is at the site's root
        assert link == "events/assassination/#assassination-corrected-2025-03-17-1"
        assert all(x.rel != "self" for x in parsed.feed.links)


def test_the_checker_of_atom_rules_can_fail() -> None:
    text = feed_of(SMALL)
    broken = re.sub(r"<updated>[^<]*</updated>", "<updated>17 March 2025</updated>", text, count=1)
    broken = broken.replace("<author>", "<contributor>").replace("</author>", "</contributor>")
    assert rfc4287_problems(broken) == [
        "the feed's <updated>: '17 March 2025' is not an RFC 3339 date-time",
        "neither the feed nor every entry has an <author>",
    ]
    assert feedparser.parse("<feed><entry><title>x</feed>").bozo


def entry_ids(text: str) -> dict[str, str]:
    return {e.title: e.id for e in feedparser.parse(text).entries}


def test_entry_ids_stay_the_same_across_rebuilds_and_as_the_story_grows(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    story = SMALL.read_text(encoding="utf-8")
    path.write_text(story, encoding="utf-8")
    first = entry_ids(feed_of(path))
    assert entry_ids(feed_of(path)) == first  # rebuilt
    assert entry_ids(feed_of(path, directory_urls=False)) == first  # another URL style
    # A new correction, on the same day as the first, and a new update elsewhere.
    grown = story.replace(
        "        text: An earlier version placed the killing in the Forum;",
        "        text: Brutus struck the last blow, not the first.\n"
        '      - date: "2025-03-17"\n'
        "        text: An earlier version placed the killing in the Forum;",
    ).replace(
        "    status: reported\n",
        '    status: reported\n    updated: {date: "2025-03-18", note: Dated.}\n',
    )
    assert grown != story
    path.write_text(grown, encoding="utf-8")
    after = entry_ids(feed_of(path))
    assert len(after) == len(first) + 1  # the new update; the new correction shares a title
    # Every entry that was there keeps its id; the new ones have their own.
    kept = {title: after[title] for title in first if not title.startswith("Corrected")}
    assert kept == {t: i for t, i in first.items() if not t.startswith("Corrected")}
    corrections = [e.id for e in feedparser.parse(feed_of(path)).entries if "Corrected" in e.title]
    assert first["Corrected: Caesar is assassinated"] in corrections
    assert len(set(corrections)) == 2
    # Another site is another feed: its ids are its own.
    assert set(entry_ids(feed_of(path, "https://other.example/"))).isdisjoint(first.values())
    assert not set(entry_ids(feed_of(path, "https://other.example/")).values()) & set(
        after.values()
    )


@pytest.mark.e2e
def test_every_built_page_links_the_feed_from_its_head(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", SMALL.read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        env=child_env(SITE_URL=BASE),
    )
    assert result.returncode == 0, result.stderr
    site = project / "site"
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert not feedparser.parse(feed).bozo
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        if 'http-equiv="refresh"' in head:
            continue  # a redirect page
        found = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', head)
        assert len(found) == 1, page
        assert f'href="{BASE}feed.xml"' in found[0], found[0]
    # Built without an address, the link is relative and leads to the feed from any depth.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        env=child_env(),
    )
    assert result.returncode == 0, result.stderr
    page = site / "events" / "assassination" / "index.html"
    href = re.search(r'type="application/atom\+xml"[^>]*href="([^"]+)"', page.read_text())
    assert href is not None
    assert (page.parent / href[1]).resolve() == (site / "feed.xml").resolve()


def test_the_seed_story_has_a_feed_that_parses() -> None:
    text = feed_of(SEED)
    parsed = feedparser.parse(text)
    assert not parsed.bozo
    assert rfc4287_problems(text) == []
    assert parsed.entries, "the seed story records its publication and an update"
