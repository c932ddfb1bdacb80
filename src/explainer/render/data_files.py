"""The story as data files beside the pages: JSON, CSV, iCalendar and TimelineJS.

Plain functions of the cross-referenced story, tested without MkDocs; the plugin and
`explainer export` only write what `data_files` returns. Where a record has a page, its URL
comes from the site's layout (never a guessed path): absolute when the site has a
`site_url`, else relative to the site's root.
"""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from explainer import __version__
from explainer.catalog.crossref import Catalog
from explainer.catalog.tags import TagInfo
from explainer.i18n.dates import DateStyle
from explainer.media.library import Media
from explainer.render.calendar import calendar_ics
from explainer.render.feed import atom_feed
from explainer.render.media_data import PictureData
from explainer.render.reuse import Fragments
from explainer.render.spreadsheets import actors_csv, date_ends, events_csv
from explainer.render.timelinejs import paragraph, slide_of
from explainer.site.downloads import (
    ACTORS_CSV,
    CALENDAR,
    EVENTS_CSV,
    FEED,
    STORY_JSON,
    TIMELINE_JSON,
)
from explainer.site.filters import tag_path
from explainer.site.urls import SiteUrls
from explainer.story.dates import Day, Point, StoryDate
from explainer.story.model import KIND_LABELS, Actor, Event, Location, Prose, Ref, Source, Story

#: The shape of story.json; raised when a field is removed or changes meaning (adding one
#: does not change it). 2: the story's "updated" became {date, note}, as on every record.
STORY_FORMAT = "explainer-story"
STORY_FORMAT_VERSION = 2


def data_files(
    urls: SiteUrls, pieces: Fragments | None = None, media: Media | None = None
) -> dict[str, str | bytes]:
    """Every export, as {path in the site: content}. `pieces` keeps each record's part of
    the files from one build to the next (while serving), for records that did not change;
    `media` holds the story's processed pictures."""
    catalog = urls.catalog
    pieces = pieces or Fragments()
    pieces.start()
    pictures = PictureData(media or Media(), urls)
    return {
        STORY_JSON: story_json(catalog, urls, pieces, pictures),
        EVENTS_CSV: events_csv(catalog, urls, pictures, pieces),
        ACTORS_CSV: actors_csv(catalog, urls, pictures, pieces),
        CALENDAR: calendar_ics(catalog, urls, pieces),
        TIMELINE_JSON: timelinejs_json(catalog, urls, pieces, pictures),
        FEED: atom_feed(urls),
    }


def indented_json(document: Mapping[str, object], lists: dict[str, list[str]]) -> str:
    """`document` as json.dumps(…, indent=2) writes it, with each list of `lists` made of
    records already written that way, at their place's indentation (one string each, by
    `_record_json`): json's indenting encoder is pure Python, and writing each record
    once, kept while it does not change, saves most of it."""
    marks = {name: f"\x00{name}\x00" for name in lists}
    text = json.dumps({**document, **marks}, ensure_ascii=False, indent=2)
    # Put together once: replacing each mark in turn copied the whole file each time
    # (tens of megabytes at 10,000 events).
    quoted = {name: json.dumps(mark) for name, mark in marks.items()}
    parts: list[str] = []
    done = 0
    for start, name in sorted((text.index(quoted[name]), name) for name in lists):
        parts.append(text[done:start])
        items = lists[name]
        parts += ["[\n", ",\n".join(items), "\n  ]"] if items else ["[]"]
        done = start + len(quoted[name])
    parts += [text[done:], "\n"]
    return "".join(parts)


def _record_json(record: dict[str, object]) -> str:
    """A record as an item of a list of `indented_json`'s document."""
    return textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "    ")


def _json_of(
    make: Callable[[Catalog, SiteUrls, Any], dict[str, object]],
    catalog: Catalog,
    urls: SiteUrls,
    record: Any,
    pictures: PictureData | None = None,
) -> str:
    made = make(catalog, urls, record)
    if pictures is not None and isinstance(record, Actor | Event):
        made["image"] = pictures.image(record.image)
        if isinstance(record, Event):
            made["embed"] = pictures.embed(record.embed)
    return _record_json(made)


def _slide_json(urls: SiteUrls, event: Event, pictures: PictureData | None) -> str:
    slide = slide_of(urls, event)
    media = pictures.timeline_media(event) if pictures else None
    if media:
        slide["media"] = media
    return _record_json(slide)


# ---- JSON ------------------------------------------------------------------------------


def story_json(
    catalog: Catalog,
    urls: SiteUrls,
    pieces: Fragments | None = None,
    pictures: PictureData | None = None,
) -> str:
    """The whole story with ids resolved (each reference carries the name it points to),
    and with `pictures`, each record's image (and event's embed)."""
    story = catalog.story
    pictures = pictures or PictureData(Media(), urls)
    document = {
        "format": STORY_FORMAT,
        "version": STORY_FORMAT_VERSION,
        "generator": f"explainer {__version__}",
        "story": {
            "title": story.title,
            "summary": story.summary,
            "published": _date(story.published, urls.dates),
            **_changes(story, urls.dates),
            "sections": [{"question": s.question, "body": s.body.text} for s in story.sections],
            "method": _markdown(story.method),
            "sources": [_ref(catalog.source(r)) for r in story.sources],
            "key_actors": [_ref(a) for a in catalog.key_actors],
            "image": pictures.image(story.image),
            "url": urls.page("index.md"),
        },
    }
    pieces = pieces or Fragments()
    # A picture's file changed beside the story: new addresses in every record with one.
    site = (urls.signature(), pictures.media.signature())
    h = pieces.hash

    def actor(ref: Ref) -> int:
        return h(catalog.actor(ref))

    def source(ref: Ref) -> int:
        return h(catalog.source(ref))

    def author(record: Source) -> int | None:
        writer = catalog.author(record)
        return None if writer is None else h(writer)

    # Each key holds everything its record's JSON is made from.
    actors = [
        pieces.get(
            (
                "actor",
                h(a),
                tuple(actor(f.actor) for f in a.affiliations),
                tuple((h(i.event), i.role) for i in catalog.involvements.get(a.id, ())),
                site,
            ),
            partial(_json_of, _actor_record, catalog, urls, a, pictures),
        )
        for a in catalog.actors.values()
    ]
    events = [
        pieces.get(
            (
                "event",
                h(e),
                tuple(actor(p.actor) for p in e.participants),
                tuple((actor(q.speaker), q.source and source(q.source)) for q in e.quotes),
                tuple(source(r) for r in e.sources),
                site,
            ),
            partial(_json_of, _event_record, catalog, urls, e, pictures),
        )
        for e in catalog.timeline
    ]
    # Declared tags and labels alike; each event's `tag_ids` name them. A tag lists its
    # events: made a piece like the records, or json's indenting encoder would write all
    # of them again on every save.
    tags = [
        pieces.get(
            ("tag", tag, tuple(h(e) for e in catalog.tagged.get(tag.id, ())), site),
            partial(_tag_json, catalog, urls, tag),
        )
        for tag in catalog.tags
    ]
    sources = [
        pieces.get(
            (
                "source",
                h(s),
                s.outlet and actor(s.outlet),
                author(s),
                tuple(h(e) for e in catalog.citations.get(s.id, ())),
                site,
            ),
            partial(_json_of, _source_record, catalog, urls, s, pictures),
        )
        for s in catalog.sources.values()
    ]
    return indented_json(
        document, {"tags": tags, "actors": actors, "events": events, "sources": sources}
    )


def _tag_json(catalog: Catalog, urls: SiteUrls, tag: TagInfo) -> str:
    return _record_json(
        {
            "id": tag.id,
            "name": tag.name,
            "declared": tag.declared,
            "description": _markdown(tag.description),
            "colour": tag.colour,
            "events": [_ref(e) for e in catalog.tagged.get(tag.id, ())],
            "url": urls.page(tag_path(tag.id)),
        }
    )


def _actor_record(catalog: Catalog, urls: SiteUrls, actor: Actor) -> dict[str, object]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "kind_label": KIND_LABELS[actor.kind],
        "description": _markdown(actor.description),
        "aliases": list(actor.aliases),
        "affiliations": [
            {**_ref(catalog.actor(a.actor)), "role": a.role, "date": _date(a.date, urls.dates)}
            for a in actor.affiliations
        ],
        "links": [{"title": link.title, "url": link.url} for link in actor.links],
        "location": _location(actor.location),
        "events": [
            {**_ref(i.event), "role": i.role} for i in catalog.involvements.get(actor.id, ())
        ],
        "added": _date(actor.added, urls.dates),
        **_changes(actor, urls.dates),
        "url": urls.actor(actor.id),
    }


def _event_record(catalog: Catalog, urls: SiteUrls, event: Event) -> dict[str, object]:
    return {
        "id": event.id,
        "title": event.title,
        "date": _date(event.date, urls.dates),
        "status": event.status,
        "place": event.place,
        "location": _location(event.location),
        "body": _markdown(event.body),
        "participants": [
            {**_ref(catalog.actor(p.actor)), "role": p.role} for p in event.participants
        ],
        "quotes": [
            {
                "speaker": _ref(catalog.actor(q.speaker)),
                "text": q.text,
                "source": _ref(catalog.source(q.source)) if q.source else None,
            }
            for q in event.quotes
        ],
        "sources": [_ref(catalog.source(r)) for r in event.sources],
        "tags": list(event.tags),
        "tag_ids": [tag.id for tag in catalog.event_tags.get(event.id, ())],
        "added": _date(event.added, urls.dates),
        **_changes(event, urls.dates),
        "url": urls.event(event.id),
    }


def _source_record(catalog: Catalog, urls: SiteUrls, source: Source) -> dict[str, object]:
    return {
        "id": source.id,
        "title": source.title,
        "outlet": _ref(catalog.actor(source.outlet)) if source.outlet else None,
        "author": _author(catalog, source),
        "url": source.url,
        "date": _date(source.date, urls.dates),
        "note": source.note,
        "cited_by": [_ref(e) for e in catalog.citations.get(source.id, ())],
        "page": urls.source(source.id),
    }


def _ref(record: Actor | Event | Source) -> dict[str, str]:
    label = record.name if isinstance(record, Actor) else record.title
    return {"id": record.id, "name" if isinstance(record, Actor) else "title": label}


def _author(catalog: Catalog, source: Source) -> Mapping[str, str | None] | None:
    """The author as a reference (an actor's id and name) or, for a name that is not an
    actor's, the same shape with no id, so readers of the file handle one form."""
    if source.author is None:
        return None
    actor = catalog.author(source)
    return _ref(actor) if actor else {"id": None, "name": source.author.text}


def _location(location: Location | None) -> dict[str, float] | None:
    return {"lat": location.lat, "lon": location.lon} if location else None


def _changes(record: Story | Actor | Event, style: DateStyle) -> dict[str, object]:
    """A record's latest update (date and note) and its corrections (date and text)."""
    update = record.updated
    return {
        "updated": update and {"date": _date(update.date, style), "note": update.note},
        "corrections": [{"date": _date(c.date, style), "text": c.text} for c in record.corrections],
    }


def _markdown(prose: Prose | None) -> str | None:
    return prose.text if prose else None


def _date(date: StoryDate | None, style: DateStyle) -> dict[str, object] | None:
    """A date as written (EDTF), as read, and as the span of days it may cover; what kind
    it is, which end of a range is missing and how ("open": it goes on; "unknown": it is
    not known), and a set's members."""
    if date is None:
        return None
    start, end = date_ends(date, style.zone)
    out: dict[str, object] = {
        "edtf": date.text,
        "text": style.date(date),
        "kind": date.kind,
        "start": start,
        "end": end,
        "earliest": _iso_day(date.earliest),
        "latest": _iso_day(date.latest),
    }
    if date.is_range:
        out["missing_start"] = _missing(date.start, date.unknown_start)
        out["missing_end"] = _missing(date.end, date.unknown_end)
    if date.members:
        out["members"] = [
            {"start": first.iso(style.zone), "end": to.iso(style.zone) if to else None}
            for first, to in date.members
        ]
        out["open_before"], out["open_after"] = date.open_before, date.open_after
    return out


def _missing(point: Point | None, unknown: bool) -> str | None:
    return None if point is not None else "unknown" if unknown else "open"


def _iso_day(day: Day) -> str:
    return Point(*day).iso()


# ---- TimelineJS ------------------------------------------------------------------------


def timelinejs_json(
    catalog: Catalog,
    urls: SiteUrls,
    pieces: Fragments | None = None,
    pictures: PictureData | None = None,
) -> str:
    """The events in TimelineJS3's JSON format (events, title; dates as strings of digits,
    as its TLDate reads them). TimelineJS shows `headline` and `text` as HTML, so they
    are escaped text; the event's date as written goes into `display_date`."""
    story = catalog.story
    pieces = pieces or Fragments()
    site = (urls.signature(), pictures.media.signature() if pictures else ())
    events = [
        pieces.get(("slide", pieces.hash(event), site), partial(_slide_json, urls, event, pictures))
        for event in catalog.timeline
    ]
    document = {
        "title": {"text": {"headline": html.escape(story.title), "text": paragraph(story.summary)}},
    }
    return indented_json(document, {"events": events})
