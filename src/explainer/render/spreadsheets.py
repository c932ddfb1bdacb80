"""The story as spreadsheets: one CSV file of events and one of actors (RFC 4180, with a
byte order mark so that Excel reads them as UTF-8)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from functools import partial
from zoneinfo import ZoneInfo

from explainer.catalog.crossref import Catalog
from explainer.markdown.prose import plain_excerpt
from explainer.render.media_data import IMAGE_COLUMNS, PictureData
from explainer.render.reuse import Fragments
from explainer.site.urls import SiteUrls
from explainer.story.dates import Point, StoryDate
from explainer.story.model import KIND_LABELS, Actor, Event

#: Excel reads a CSV file in the computer's legacy code page unless it starts with a byte
#: order mark; with one, names such as حماس and dashes survive a double-click. LibreOffice,
#: Google Sheets, pandas and Python's "utf-8-sig" all read the mark and drop it.
BOM = "\ufeff"
#: A cell that starts with one of these is a formula to a spreadsheet (CSV injection);
#: such text gets a leading apostrophe, which spreadsheets show as text and hide.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: How a record changed, as written (EDTF dates): corrections as "date: text; …".
CHANGE_COLUMNS = ("added", "updated", "update_note", "corrections")
_EVENT_COLUMNS = [
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
    "tag_ids",
    "summary",
    *CHANGE_COLUMNS,
    "url",
]
_ACTOR_COLUMNS = [
    "id",
    "name",
    "kind",
    "aliases",
    "description",
    "affiliations",
    "events",
    *CHANGE_COLUMNS,
    "url",
]


def events_csv(
    catalog: Catalog,
    urls: SiteUrls,
    pictures: PictureData | None = None,
    pieces: Fragments | None = None,
) -> str:
    """One row per event, in timeline order; lists joined with '; '; with `pictures`,
    the event's image (its address, alt text, caption, credit and licence). `pieces`
    keeps each row, written, while all it is made from is the same."""
    pieces = pieces or Fragments()
    h, site = pieces.hash, _signature(urls, pictures)
    rows = [
        pieces.get(
            (
                "event row",
                h(event),
                tuple(h(catalog.actor(p.actor)) for p in event.participants),
                tuple(h(catalog.source(r)) for r in event.sources),
                site,
            ),
            partial(_event_row, catalog, urls, event, pictures),
        )
        for event in catalog.timeline
    ]
    return BOM + _line([*_EVENT_COLUMNS, *(IMAGE_COLUMNS if pictures else [])]) + "".join(rows)


def _signature(urls: SiteUrls, pictures: PictureData | None) -> tuple[object, ...]:
    """What a row depends on besides its records: URLs, dates and the pictures."""
    return (urls.signature(), pictures.media.signature() if pictures else None)


def _event_row(catalog: Catalog, urls: SiteUrls, event: Event, pictures: PictureData | None) -> str:
    date = event.date
    actors = [(catalog.actor(p.actor), p.role) for p in event.participants]
    sources = [catalog.source(r) for r in event.sources]
    return _line(
        [
            event.id,
            event.date.text,
            urls.dates.date(event.date),
            date_ends(date, urls.dates.zone)[0] or "",
            date_ends(date, urls.dates.zone)[1] or "",
            event.title,
            event.status,
            event.place or "",
            _joined(f"{a.name} ({role})" for a, role in actors),
            _joined(a.id for a, _ in actors),
            _joined(s.title for s in sources),
            _joined(s.id for s in sources),
            _joined(event.tags),
            _joined(tag.id for tag in catalog.event_tags.get(event.id, ())),
            plain_excerpt(event.body.text) if event.body else "",
            *_changes(event),
            urls.event(event.id),
            *(pictures.cells(event.image) if pictures else []),
        ]
    )


def actors_csv(
    catalog: Catalog,
    urls: SiteUrls,
    pictures: PictureData | None = None,
    pieces: Fragments | None = None,
) -> str:
    """One row per actor, in the file's order (with `pictures`, each actor's image)."""
    pieces = pieces or Fragments()
    h, site = pieces.hash, _signature(urls, pictures)
    rows = [
        pieces.get(
            (
                "actor row",
                h(actor),
                tuple(h(catalog.actor(a.actor)) for a in actor.affiliations),
                len(catalog.involvements.get(actor.id, ())),
                site,
            ),
            partial(_actor_row, catalog, urls, actor, pictures),
        )
        for actor in catalog.actors.values()
    ]
    return BOM + _line([*_ACTOR_COLUMNS, *(IMAGE_COLUMNS if pictures else [])]) + "".join(rows)


def _actor_row(catalog: Catalog, urls: SiteUrls, actor: Actor, pictures: PictureData | None) -> str:
    return _line(
        [
            actor.id,
            actor.name,
            KIND_LABELS[actor.kind],
            _joined(actor.aliases),
            plain_excerpt(actor.description.text) if actor.description else "",
            _joined(f"{a.role}, {catalog.actor(a.actor).name}" for a in actor.affiliations),
            str(len(catalog.involvements.get(actor.id, ()))),
            *_changes(actor),
            urls.actor(actor.id),
            *(pictures.cells(actor.image) if pictures else []),
        ]
    )


def _changes(record: Actor | Event) -> list[str]:
    update = record.updated
    return [
        record.added.text if record.added else "",
        update.date.text if update else "",
        (update.note or "") if update else "",
        _joined(f"{c.date.text}: {c.text}" for c in record.corrections),
    ]


def _joined(items: Iterable[str]) -> str:
    return "; ".join(items)


def _line(cells: list[str]) -> str:
    """One CSV line: RFC 4180, CRLF line ends, fields quoted when they hold a comma, quote
    or line break."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerow([_as_text(cell) for cell in cells])
    return out.getvalue()


def _as_text(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def date_ends(date: StoryDate, zone: ZoneInfo | None = None) -> tuple[str | None, str | None]:
    """The start and end as ISO 8601 at the precision known (a time of day with its
    offset, or `zone`'s). Unspecified year digits ('02XX') give the first and last years
    they may be, as the range '0200/0299' would; a set its first and last dates."""
    point = date.start
    if not date.is_range and point and point.years > 1:
        return Point(date.earliest[0]).iso(), Point(date.latest[0]).iso()
    last = date.end if date.is_range or date.members else None
    return (point.iso(zone) if point else None), (last.iso(zone) if last else None)
