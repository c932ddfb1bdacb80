"""The Atom feed (RFC 4287) of the story's changes: every addition, update and correction,
newest first, as the updates page lists them.

Feed readers remember an entry by its id, so ids are made from what names the change for
as long as it exists (the record's id, the kind of change and its date: Change.key) and
from the site's address, never from the build: rebuilding gives the same ids, and only a
new change is a new entry. A site without `site_url` has no address of its own, so its
ids fall back on the story's title (set `site_url` before the feed is published); its
links are relative to the feed, which sits at the site's root.
"""

from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

from explainer import __version__
from explainer.catalog.changes import Change
from explainer.i18n.dates import story_style
from explainer.i18n.words import words_for
from explainer.markdown.prose import plain_excerpt
from explainer.site.downloads import FEED
from explainer.site.layout import UPDATES_PATH
from explainer.site.urls import SiteUrls
from explainer.story.dates import StoryDate
from explainer.story.model import Actor

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Feed readers show the latest entries; the updates page and story.json have them all.
FEED_ENTRIES = 50
#: A feed must say when it last changed: with no dated change at all, the epoch (which
#: sorts it last), never the build's time, so that rebuilding gives the same file.
NEVER = "1970-01-01T00:00:00Z"


def atom_feed(urls: SiteUrls) -> str:
    catalog = urls.catalog
    story = catalog.story
    words = words_for(story.language)
    dates = story_style(catalog)
    identity = urls.base or f"explainer:{story.title}"
    changes = [c for c in catalog.changes if _timestamp(c.date)][:FEED_ENTRIES]

    ET.register_namespace("", ATOM)
    feed = ET.Element(_atom("feed"), {XML_LANG: story.language})
    _text(feed, "id", _id(identity, "feed"))
    _text(feed, "title", story.title)
    _text(feed, "subtitle", words("Updates and corrections"))
    _text(feed, "updated", _timestamp(changes[0].date) if changes else NEVER)
    author = ET.SubElement(feed, _atom("author"))
    _text(author, "name", story.title)
    _link(feed, urls.page(UPDATES_PATH), "alternate", "text/html")
    if urls.base:  # a feed's own address must be absolute: only with a site_url
        _link(feed, urls.page(FEED), "self", "application/atom+xml")
    generator = ET.SubElement(feed, _atom("generator"), {"version": __version__})
    generator.text = "explainer"
    root = urls.links_from("index.md")
    for change in changes:
        entry = ET.SubElement(feed, _atom("entry"))
        _text(entry, "id", _id(identity, change.key))
        title = _what(change, story.title)
        _text(entry, "title", f"{words(change.label)}{words(': ')}{title}")
        _text(entry, "updated", _timestamp(change.date) or NEVER)
        _link(entry, urls.page(root.change_target(change)), "alternate", "text/html")
        ET.SubElement(entry, _atom("category"), {"term": change.kind})
        summary = _summary(change, dates.date(change.date))
        if summary:
            _text(entry, "summary", summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _atom(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, _atom(name)).text = text


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, _atom("link"), {"rel": rel, "type": media_type, "href": href})


def _id(identity: str, key: str) -> str:
    """A URN that names `key` in this site for good (a UUID 5 is a hash: no clock, no
    randomness)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{identity}#{key}").urn


def _timestamp(date: StoryDate) -> str:
    """The first day a change's date may be, as RFC 3339 wants it; "" for a day before
    year 1 or after 9999, which RFC 3339 cannot write (and no change is dated so)."""
    year, month, day = date.earliest
    if not 1 <= year <= 9999:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def _what(change: Change, story_title: str) -> str:
    record = change.record
    if record is None:
        return story_title
    return record.name if isinstance(record, Actor) else record.title


def _summary(change: Change, when: str) -> str:
    """The note or correction; for an addition, the opening of what was added."""
    if change.text:
        return f"{when}: {change.text}"
    record = change.record
    if record is None:
        return when
    prose = record.description if isinstance(record, Actor) else record.body
    return f"{when}: {plain_excerpt(prose.text)}" if prose else when
