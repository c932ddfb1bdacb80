"""What a page tells machines about itself, in its <head>: schema.org JSON-LD, and the
OpenGraph and Twitter card tags that link previews read.

Plain functions of the story, tested without MkDocs; the plugin inserts `head_html` into
every page. Every text from the story is escaped for where it goes: inside
<script type="application/ld+json"> no `<`, `>` or `&` is left as such (a name such as
"</script><script>…" cannot end the element), and in attributes everything is HTML-escaped.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from explainer.i18n.words import words_for
from explainer.markdown.prose import plain_excerpt
from explainer.media.library import Media
from explainer.render.head_key import head_key
from explainer.render.reuse import Fragments, story_fields
from explainer.site.downloads import FEED
from explainer.site.layout import MAP_PATH, SOURCES_PATH, TIMELINE_PATH
from explainer.site.urls import SiteUrls
from explainer.story.dates import Point, StoryDate
from explainer.story.model import Actor, Event, Image, Source

SCHEMA_CONTEXT = "https://schema.org"

#: The schema.org type of each kind of actor. States act, so they are governments (a
#: schema.org Country is a place, which cannot attend or organise anything).
ACTOR_TYPES = {
    "person": "Person",
    "organisation": "Organization",
    "state": "GovernmentOrganization",
    "armed-group": "Organization",
    "political-party": "PoliticalParty",
    "media": "NewsMediaOrganization",
    "platform": "Organization",
    "other": "Thing",
}
#: Which property of an Event names a participant in each role. Attendee, organizer and
#: contributor take only people and organisations; an actor of kind `other` is `about`.
ROLE_PROPERTIES = {
    "host": "organizer",
    "party": "attendee",
    "mediator": "attendee",
    "spokesperson": "attendee",
    "witness": "attendee",
    "target": "about",
    "subject": "about",
    "reporter": "contributor",
    "commentator": "contributor",
    "other": "contributor",
}
#: The longest description of an event listed on a timeline page: a line, as a search
#: result shows it. Its own page (or its entry on the timeline page) tells the rest.
SHORT_DESCRIPTION = 160


@dataclass(frozen=True)
class PageFacts:
    """What the head of one page says: its title and summary as plain text."""

    path: str
    title: str
    description: str


class PageMetadata:
    """JSON-LD and link-preview tags for the pages of one built site."""

    def __init__(
        self,
        urls: SiteUrls,
        site_name: str,
        media: Media | None = None,
        pieces: Fragments | None = None,
    ):
        """`pieces` keeps each page's head from one build to the next (while serving),
        for pages whose inputs did not change (head_key.py): a new PageMetadata is a new
        build, and the heads it does not ask for are forgotten at the next."""
        self.urls, self.catalog, self.site_name = urls, urls.catalog, site_name
        self.media = media or Media()
        self.pieces = pieces or Fragments()
        self._keep = pieces is not None
        self.pieces.start()
        # What every page's head may show besides its own records.
        story = hash(story_fields(self.catalog.story))
        self.site_key = (urls.signature(), site_name, self.media.signature(), story)
        self.words = words_for(self.catalog.story.language)
        root = urls.links_from("index.md")
        # Which page shows which record, as the layout places them (an event listed only
        # under an anchor of another page has no page of its own).
        self.actor_pages = _own_pages(root.actor_url, self.catalog.actors.values())
        self.event_pages = _own_pages(root.event_url, self.catalog.timeline)
        self.source_pages = _own_pages(root.source_url, self.catalog.sources.values())
        self.period_events = {p.path: p.events for p in urls.layout.periods}

    def head_html(self, facts: PageFacts) -> str:
        """The tags to insert before </head>."""
        if not self._keep:
            return self._head_html(facts)
        return str(
            self.pieces.get(head_key(self, facts.path, facts), partial(self._head_html, facts))
        )

    def _head_html(self, facts: PageFacts) -> str:
        graph = self.json_ld(facts)
        tags = [
            f'<script type="application/ld+json">{script_json(graph)}</script>',
            _meta("property", "og:type", "article" if facts.path == "index.md" else "website"),
            _meta("property", "og:site_name", self.site_name),
            _meta("property", "og:title", facts.title),
            _meta("property", "og:description", facts.description),
        ]
        if self.urls.base:  # OpenGraph wants an absolute URL, which needs site_url
            tags.append(_meta("property", "og:url", self.urls.page(facts.path)))
        tags.append(self.feed_link(facts.path))
        pictured = self._image_tags(facts.path)
        tags += pictured
        tags += [
            _meta("name", "twitter:card", "summary_large_image" if pictured else "summary"),
            _meta("name", "twitter:title", facts.title),
            _meta("name", "twitter:description", facts.description),
        ]
        return "\n".join(tags) + "\n"

    def _image_tags(self, path: str) -> list[str]:
        """The picture of a link preview: the page's own event's or actor's image, else
        the story's lead image. Previews need its absolute address, so only with a
        site_url; the widest fallback (JPEG or PNG), which every preview reader takes."""
        record = self.event_pages.get(path) or self.actor_pages.get(path)
        image: Image | None = (record.image if record else None) or self.catalog.story.image
        picture = self.media.pictures.get(image.file.path) if image else None
        if image is None or picture is None or self.urls.base is None:
            return []
        widest = picture.processed.fallback[-1]
        url = self.urls.base + picture.path(widest)
        return [
            _meta("property", "og:image", url),
            _meta("property", "og:image:type", widest.mime),
            _meta("property", "og:image:width", str(widest.width)),
            _meta("property", "og:image:height", str(widest.height)),
            _meta("property", "og:image:alt", image.alt),
            _meta("name", "twitter:image", url),
            _meta("name", "twitter:image:alt", image.alt),
        ]

    def feed_link(self, path: str | None) -> str:
        """The <link> by which feed readers and browsers find the feed of updates from
        the page at `path` (None: a page served at any address, such as the 404 page,
        which MkDocs links from the host's root when the site has no site_url)."""
        if path is None and not self.urls.base:
            href = "/" + FEED
        else:
            href = self.urls.page(FEED, from_page=path)
        title = f"{self.site_name}: {self.words('Updates and corrections')}"
        return (
            f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}"'
            f' href="{html.escape(href, quote=True)}">'
        )

    def json_ld(self, facts: PageFacts) -> dict[str, object]:
        path = facts.path
        if path == "index.md":
            node = self._story()
        elif path in self.event_pages:
            node = self._event(self.event_pages[path], path)
        elif path in self.actor_pages:
            node = self._actor(self.actor_pages[path], path)
        elif path in self.source_pages:
            node = self._web_page("WebPage", facts)
            node["about"] = self._source(self.source_pages[path], path)
        elif path == "about.md":
            node = self._web_page("AboutPage", facts)
        elif path in self.period_events:
            node = self._web_page("CollectionPage", facts)
            node["mainEntity"] = self._event_list(self.period_events[path], path)
        elif path in (TIMELINE_PATH, "actors/index.md", SOURCES_PATH, MAP_PATH):
            node = self._web_page("CollectionPage", facts)
        else:  # a hand-written page
            node = self._web_page("WebPage", facts)
        return {"@context": SCHEMA_CONTEXT, **node}

    def _web_page(self, kind: str, facts: PageFacts) -> dict[str, object]:
        return {
            "@type": kind,
            "name": facts.title,
            "description": facts.description,
            "url": self.urls.page(facts.path, from_page=facts.path),
            "isPartOf": {
                "@type": "WebSite",
                "name": self.site_name,
                "url": self.urls.page("index.md", from_page=facts.path),
            },
        }

    def _story(self) -> dict[str, object]:
        story = self.catalog.story
        node: dict[str, object] = {
            "@type": "NewsArticle",
            "headline": story.title,
            "description": story.summary,
            "url": self.urls.page("index.md", from_page="index.md"),
        }
        _put(node, "datePublished", _iso(story.published))
        _put(node, "dateModified", _iso(story.updated.date if story.updated else None))
        self._put_image(node, story.image, "index.md")
        node["about"] = [self._actor_ref(a, "index.md") for a in self.catalog.key_actors]
        node["citation"] = [self._source(self.catalog.source(r), "index.md") for r in story.sources]
        return node

    def _event(self, event: Event, here: str) -> dict[str, object]:
        node: dict[str, object] = {
            "@type": "Event",
            "name": event.title,
            "url": self.urls.event(event.id, from_page=here),
        }
        if event.body:
            node["description"] = plain_excerpt(event.body.text, limit=500)
        start, end = _event_bounds(event.date)
        _put(node, "startDate", start)
        _put(node, "endDate", end)
        if event.place or event.location:
            place: dict[str, object] = {"@type": "Place"}
            _put(place, "name", event.place)
            if event.location:
                place["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": event.location.lat,
                    "longitude": event.location.lon,
                }
            node["location"] = place
        self._put_image(node, event.image, here)
        for participant in event.participants:
            actor = self.catalog.actor(participant.actor)
            prop = ROLE_PROPERTIES[participant.role]
            if ACTOR_TYPES[actor.kind] == "Thing":
                prop = "about"
            values = node.setdefault(prop, [])
            assert isinstance(values, list)
            values.append(self._actor_ref(actor, here))
        node["subjectOf"] = [self._source(self.catalog.source(r), here) for r in event.sources]
        return node

    def _actor(self, actor: Actor, here: str) -> dict[str, object]:
        node = self._actor_ref(actor, here)
        if actor.aliases:
            node["alternateName"] = list(actor.aliases)
        if actor.description:
            node["description"] = plain_excerpt(actor.description.text, limit=500)
        groups = [
            self._actor_ref(self.catalog.actor(a.actor), here)
            for a in actor.affiliations
            if ACTOR_TYPES[self.catalog.actor(a.actor).kind] not in ("Person", "Thing")
        ]
        if groups and node["@type"] != "Thing":
            node["memberOf"] = groups
        self._put_image(node, actor.image, here)
        if actor.links:
            node["subjectOf"] = [
                {"@type": "CreativeWork", "name": link.title, "url": link.url}
                for link in actor.links
            ]
        return node

    def _put_image(self, node: dict[str, object], image: Image | None, here: str) -> None:
        """The record's picture as an ImageObject: its widest JPEG or PNG, what it shows,
        and its credit (Google Images shows creditText and acquireLicensePage)."""
        picture = self.media.pictures.get(image.file.path) if image else None
        if image is None or picture is None:
            return
        path = picture.path(picture.processed.fallback[-1])
        url = (
            self.urls.base + path if self.urls.base else self.urls.links_from(here).file_href(path)
        )
        found: dict[str, object] = {
            "@type": "ImageObject",
            "contentUrl": url,
            "description": image.alt,
            "creditText": image.credit,
        }
        _put(found, "caption", image.caption)
        _put(found, "acquireLicensePage", image.source)
        node["image"] = found

    def _actor_ref(self, actor: Actor, here: str) -> dict[str, object]:
        return {
            "@type": ACTOR_TYPES[actor.kind],
            "name": actor.name,
            "url": self.urls.actor(actor.id, from_page=here),
        }

    def _source(self, source: Source, here: str) -> dict[str, object]:
        node: dict[str, object] = {"@type": "CreativeWork", "name": source.title}
        # The source's own address when it has one; else its entry on this site.
        node["url"] = source.url or self.urls.source(source.id, from_page=here)
        _put(node, "datePublished", _iso(source.date))
        if source.outlet:
            node["publisher"] = self._actor_ref(self.catalog.actor(source.outlet), here)
        writer = self.catalog.author(source)
        if writer:
            node["author"] = self._actor_ref(writer, here)
        elif source.author:
            # A name that is not an actor's may be a person's or an organisation's, and
            # schema.org's author must be typed as one: creditText takes the name as is.
            node["creditText"] = source.author.text
        return node

    def _event_list(self, events: tuple[Event, ...], here: str) -> dict[str, object]:
        return {
            "@type": "ItemList",
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "numberOfItems": len(events),
            "itemListElement": [
                self._list_item(i, event, here) for i, event in enumerate(events, 1)
            ],
        }

    def _list_item(self, position: int, event: Event, here: str) -> dict[str, object]:
        # What a crawler needs to find the event and show it in a result: its name, dates,
        # lasting address and a line of summary. Its body, people and sources are on the
        # page at that address (or, in a story without event pages, in this page's text):
        # repeated here for each event they made a third of a timeline page's weight.
        node: dict[str, object] = {
            "@type": "Event",
            "name": event.title,
            "url": self.urls.event(event.id, from_page=here),
        }
        start, end = _event_bounds(event.date)
        _put(node, "startDate", start)
        _put(node, "endDate", end)
        if event.body:
            _put(node, "description", plain_excerpt(event.body.text, limit=SHORT_DESCRIPTION))
        return {"@type": "ListItem", "position": position, "item": node}


R = TypeVar("R", Actor, Event, Source)


def _own_pages(url_of: Callable[[str], str], records: Iterable[R]) -> dict[str, R]:
    """{page path: record} for the records that have a page of their own."""
    pages = {}
    for record in records:
        target = url_of(record.id)
        if "#" not in target:
            pages[target] = record
    return pages


def script_json(data: object) -> str:
    """JSON safe inside a <script> element: `<`, `>` and `&` as \\u escapes (still the
    same JSON), so that no text can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _meta(attribute: str, key: str, content: str) -> str:
    return f'<meta {attribute}="{key}" content="{html.escape(content, quote=True)}">'


def _put(node: dict[str, object], key: str, value: str | None) -> None:
    if value:
        node[key] = value


def _iso(date: StoryDate | None) -> str | None:
    """An ISO 8601 date at the precision known (2025, 2025-03, 2025-03-05); None for a
    range or a year before 1 CE, which schema.org's Date cannot say."""
    if date is None or date.is_range or date.members or date.start is None:
        return None  # (a set, "12 or 13 July", has no one date to give)
    return _iso_point(date.start)


def _iso_point(point: Point | None) -> str | None:
    return point.iso() if point and point.year >= 1 else None


def _event_bounds(date: StoryDate) -> tuple[str | None, str | None]:
    if date.members:
        return None, None  # one of (or all of) several dates: no single start to claim
    if not date.is_range:
        return _iso_point(date.start), None
    return _iso_point(date.start), _iso_point(date.end)


def in_head(page: str, tags: str) -> str:
    """`page` (HTML) with `tags` at the end of its <head>; a page without one is left be."""
    head_end = page.find("</head>")
    return page if head_end < 0 else page[:head_end] + tags + page[head_end:]
