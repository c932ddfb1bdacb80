"""The story as data files beside the pages: JSON, CSV, iCalendar and TimelineJS.

Plain functions of the cross-referenced story, tested without MkDocs; the plugin and
`explainer export` only write what `data_files` returns. Where a record has a page, its URL
comes from the site's layout (never a guessed path): absolute when the site has a
`site_url`, else relative to the site's root.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable, Mapping

from explainer import __version__
from explainer.catalog.crossref import Catalog
from explainer.i18n.dates import DateStyle
from explainer.markdown.prose import plain_excerpt
from explainer.render.calendar import calendar_ics
from explainer.site.downloads import ACTORS_CSV, CALENDAR, EVENTS_CSV, STORY_JSON, TIMELINE_JSON
from explainer.site.urls import SiteUrls
from explainer.story.dates import Day, Point, StoryDate
from explainer.story.model import KIND_LABELS, Actor, Event, Prose, Source

#: The shape of story.json; raised when a field is removed or changes meaning (adding one
#: does not change it).
STORY_FORMAT = "explainer-story"
STORY_FORMAT_VERSION = 1


def data_files(urls: SiteUrls) -> dict[str, str | bytes]:
    """Every export, as {path in the site: content}."""
    catalog = urls.catalog
    return {
        STORY_JSON: story_json(catalog, urls),
        EVENTS_CSV: events_csv(catalog, urls),
        ACTORS_CSV: actors_csv(catalog, urls),
        CALENDAR: calendar_ics(catalog, urls),
        TIMELINE_JSON: timelinejs_json(catalog, urls),
    }


# ---- JSON ------------------------------------------------------------------------------


def story_json(catalog: Catalog, urls: SiteUrls) -> str:
    """The whole story with ids resolved (each reference carries the name it points to)."""
    story = catalog.story
    document = {
        "format": STORY_FORMAT,
        "version": STORY_FORMAT_VERSION,
        "generator": f"explainer {__version__}",
        "story": {
            "title": story.title,
            "summary": story.summary,
            "published": _date(story.published, urls.dates),
            "updated": _date(story.updated, urls.dates),
            "sections": [{"question": s.question, "body": s.body.text} for s in story.sections],
            "method": _markdown(story.method),
            "sources": [_ref(catalog.source(r)) for r in story.sources],
            "key_actors": [_ref(a) for a in catalog.key_actors],
            "url": urls.page("index.md"),
        },
        "actors": [_actor_record(catalog, urls, a) for a in catalog.actors.values()],
        "events": [_event_record(catalog, urls, e) for e in catalog.timeline],
        "sources": [_source_record(catalog, urls, s) for s in catalog.sources.values()],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


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
        "events": [
            {**_ref(i.event), "role": i.role} for i in catalog.involvements.get(actor.id, ())
        ],
        "url": urls.actor(actor.id),
    }


def _event_record(catalog: Catalog, urls: SiteUrls, event: Event) -> dict[str, object]:
    return {
        "id": event.id,
        "title": event.title,
        "date": _date(event.date, urls.dates),
        "status": event.status,
        "place": event.place,
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


def _markdown(prose: Prose | None) -> str | None:
    return prose.text if prose else None


def _date(date: StoryDate | None, style: DateStyle) -> dict[str, object] | None:
    """A date as written (EDTF), as read, and as the span of days it may cover."""
    if date is None:
        return None
    return {
        "edtf": date.text,
        "text": style.date(date),
        "start": _ends(date)[0],
        "end": _ends(date)[1],
        "earliest": _iso_day(date.earliest),
        "latest": _iso_day(date.latest),
    }


def _ends(date: StoryDate) -> tuple[str | None, str | None]:
    """The start and end as ISO 8601 at the precision known. Unspecified year digits
    ('02XX') give the first and last years they may be, as the range '0200/0299' would."""
    point = date.start
    if not date.is_range and point and point.years > 1:
        return Point(date.earliest[0]).iso(), Point(date.latest[0]).iso()
    end = date.end.iso() if date.is_range and date.end else None
    return (point.iso() if point else None), end


def _iso_day(day: Day) -> str:
    return Point(*day).iso()


# ---- CSV -------------------------------------------------------------------------------

#: Excel reads a CSV file in the computer's legacy code page unless it starts with a byte
#: order mark; with one, names such as حماس and dashes survive a double-click. LibreOffice,
#: Google Sheets, pandas and Python's "utf-8-sig" all read the mark and drop it.
BOM = "\ufeff"
#: A cell that starts with one of these is a formula to a spreadsheet (CSV injection);
#: such text gets a leading apostrophe, which spreadsheets show as text and hide.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def events_csv(catalog: Catalog, urls: SiteUrls) -> str:
    """One row per event, in timeline order; lists joined with '; '."""
    header = [
        "id",
        "date",
        "date_text",
        "start",
        "end",
        "title",
        "status",
        "place",
        "participants",
        "participant_ids",
        "sources",
        "source_ids",
        "tags",
        "summary",
        "url",
    ]
    rows = []
    for event in catalog.timeline:
        date = event.date
        actors = [(catalog.actor(p.actor), p.role) for p in event.participants]
        sources = [catalog.source(r) for r in event.sources]
        rows.append(
            [
                event.id,
                event.date.text,
                urls.dates.date(event.date),
                _ends(date)[0] or "",
                _ends(date)[1] or "",
                event.title,
                event.status,
                event.place or "",
                _joined(f"{a.name} ({role})" for a, role in actors),
                _joined(a.id for a, _ in actors),
                _joined(s.title for s in sources),
                _joined(s.id for s in sources),
                _joined(event.tags),
                plain_excerpt(event.body.text) if event.body else "",
                urls.event(event.id),
            ]
        )
    return _csv(header, rows)


def actors_csv(catalog: Catalog, urls: SiteUrls) -> str:
    """One row per actor, in the file's order."""
    header = ["id", "name", "kind", "aliases", "description", "affiliations", "events", "url"]
    rows = []
    for actor in catalog.actors.values():
        rows.append(
            [
                actor.id,
                actor.name,
                KIND_LABELS[actor.kind],
                _joined(actor.aliases),
                plain_excerpt(actor.description.text) if actor.description else "",
                _joined(f"{a.role}, {catalog.actor(a.actor).name}" for a in actor.affiliations),
                str(len(catalog.involvements.get(actor.id, ()))),
                urls.actor(actor.id),
            ]
        )
    return _csv(header, rows)


def _joined(items: Iterable[str]) -> str:
    return "; ".join(items)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    # RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_as_text(cell) for cell in row] for row in rows])
    return BOM + out.getvalue()


def _as_text(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


# ---- TimelineJS ------------------------------------------------------------------------


def timelinejs_json(catalog: Catalog, urls: SiteUrls) -> str:
    """The events in TimelineJS3's JSON format (events, title; dates as strings of digits,
    as its TLDate reads them). TimelineJS shows `headline` and `text` as HTML, so they
    are escaped text; the event's date as written goes into `display_date`."""
    story = catalog.story
    events = []
    for event in catalog.timeline:
        # TimelineJS needs a start: an open start ("until …") uses the known end.
        start = event.date.first
        slide: dict[str, object] = {
            "unique_id": event.id,
            "start_date": _timeline_date(start),
            "display_date": urls.dates.date(event.date),
            "text": {
                "headline": html.escape(event.title),
                "text": _timeline_text(urls, event),
            },
        }
        if event.date.is_range and event.date.start and event.date.end:
            slide["end_date"] = _timeline_date(event.date.end)
        elif start.years > 1:  # '02XX': drawn over the years it may be, as a range is
            slide["end_date"] = {"year": str(event.date.latest[0])}
        if event.status != "confirmed":
            slide["group"] = event.status.capitalize()
        events.append(slide)
    document = {
        "title": {"text": {"headline": html.escape(story.title), "text": _p(story.summary)}},
        "events": events,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _timeline_date(point: Point) -> dict[str, str]:
    date = {"year": str(point.year)}
    if point.month:
        date["month"] = str(point.month)
    if point.day:
        date["day"] = str(point.day)
    return date


def _timeline_text(urls: SiteUrls, event: Event) -> str:
    text = _p(plain_excerpt(event.body.text, limit=600)) if event.body else ""
    url = urls.event(event.id)
    # A relative link would resolve against the page that embeds the timeline.
    if urls.base:
        text += f'<p><a href="{html.escape(url)}">Read more</a></p>'
    return text


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"
