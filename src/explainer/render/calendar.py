"""The story's events as a calendar file (RFC 5545, written by the icalendar library), for
readers who follow the story in their own calendar."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

import icalendar

from explainer import __version__
from explainer.catalog.crossref import Catalog
from explainer.markdown.prose import plain_excerpt
from explainer.render.reuse import Fragments
from explainer.site.urls import SiteUrls
from explainer.story.dates import Point, StoryDate
from explainer.story.model import Event


@dataclass(frozen=True)
class CalendarDays:
    """An event's place in a calendar: all-day, from `start` to `end`, the day after the
    last (iCalendar's DTEND); or at a time of day, from the instant `start` (to `end`, for
    a range with times at both ends)."""

    start: datetime.date
    end: datetime.date | None


def calendar_days(date: StoryDate, zone: ZoneInfo | None = None) -> CalendarDays | None:
    """The days a calendar shows for `date`, or None when it has no honest place there.

    Only dates known to the day go into the calendar: an event known only to the month
    would show as a month-long event, which says something the story does not. Open
    ranges, sets ("12 or 13 July") and years before 1 CE (which iCalendar cannot write)
    stay out too. A time of day is an instant in UTC when its offset is known (its own,
    or `zone`'s: the story's time zone), else a floating local time."""
    start, end = date.start, date.end if date.is_range else date.start
    if date.members or start is None or end is None:
        return None
    if start.precision != "day" or end.precision != "day":
        return None
    if start.year < 1 or end.year > 9999:
        return None
    if start.time is not None and (end.time is not None or not date.is_range):
        return CalendarDays(_instant(start, zone), _instant(end, zone) if date.is_range else None)
    first = datetime.date(*start.earliest)
    last = datetime.date(*end.latest)
    return CalendarDays(first, last + datetime.timedelta(days=1))


def _instant(point: Point, zone: ZoneInfo | None) -> datetime.datetime:
    time = point.time
    assert time is not None and point.month is not None and point.day is not None
    local = datetime.datetime(
        point.year, point.month, point.day, time.hour, time.minute, time.second or 0
    )
    if time.offset is None and zone is None:
        return local  # floating: the same clock time wherever the calendar is
    offset = datetime.timedelta(minutes=point.offset_minutes(zone))
    return local.replace(tzinfo=datetime.timezone(offset)).astimezone(datetime.UTC)


def calendar_ics(catalog: Catalog, urls: SiteUrls, pieces: Fragments | None = None) -> bytes:
    """The events known to the day, as all-day events of an RFC 5545 calendar."""
    story = catalog.story
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//explainer//explainer {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", story.title)  # RFC 7986
    calendar.add("x-wr-calname", story.title)  # the same, for Apple and Google calendars
    calendar.add("x-wr-caldesc", story.summary)
    stamp = _stamp(catalog)
    pieces = pieces or Fragments()
    site = (urls.signature(), urls.host(), stamp)
    entries = [
        # Each event's entry is written once and kept while all it is made from is the same.
        pieces.get(
            (
                "vevent",
                pieces.hash(event),
                tuple(pieces.hash(catalog.actor(p.actor)) for p in event.participants),
                tuple(pieces.hash(catalog.source(r)) for r in event.sources),
                site,
            ),
            partial(_entry, catalog, urls, event, stamp),
        )
        for event in catalog.timeline
    ]
    whole: bytes = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert whole.endswith(end)
    # A calendar's text is its own lines, then each entry's, then its end line.
    return whole[: -len(end)] + b"".join(entries) + end


def _entry(catalog: Catalog, urls: SiteUrls, event: Event, stamp: datetime.datetime) -> bytes:
    """The event's calendar entry (b'' for an event not known to the day)."""
    days = calendar_days(event.date, catalog.story.timezone)
    if days is None:
        return b""
    entry = icalendar.Event()
    entry.add("uid", _uid(event, urls))
    entry.add("dtstamp", stamp)
    entry.add("dtstart", days.start)
    if days.end is not None:  # (an instant without an end: RFC 5545 §3.6.1)
        entry.add("dtend", days.end)
    entry.add("summary", event.title)
    entry.add("description", _calendar_description(catalog, urls, event))
    if event.place:
        entry.add("location", event.place)
    if event.tags:
        entry.add("categories", list(event.tags))
    entry.add("status", "CONFIRMED" if event.status == "confirmed" else "TENTATIVE")
    if urls.base:  # URL must be absolute (RFC 5545 §3.3.13): only with a site_url
        entry.add("url", urls.event(event.id))
    data: bytes = entry.to_ical()
    return data


def _uid(event: Event, urls: SiteUrls) -> str:
    # Stable across builds, so that a subscribed calendar updates an event rather than
    # adding a copy; the site's host keeps two stories' ids apart.
    return f"{event.id}@{urls.host() or 'explainer.invalid'}"


def _stamp(catalog: Catalog) -> datetime.datetime:
    """DTSTAMP: when the story's information was last updated, not the build's time, so
    that the same story gives the same file."""
    story = catalog.story
    date = (story.updated and story.updated.date) or story.published
    day = date.latest if date and date.year >= 1 else None
    if day is None and catalog.timeline:
        day = max((e.date.latest for e in catalog.timeline if e.date.year >= 1), default=None)
    year, month, dom = day if day and day[0] <= 9999 else (1970, 1, 1)
    return datetime.datetime(year, month, dom, tzinfo=datetime.UTC)


def _calendar_description(catalog: Catalog, urls: SiteUrls, event: Event) -> str:
    lines = [plain_excerpt(event.body.text, limit=1000)] if event.body else []
    if event.participants:
        names = ", ".join(catalog.actor(p.actor).name for p in event.participants)
        lines.append(f"Who: {names}")
    lines.append(f"Status: {event.status}")
    lines.append("Sources: " + "; ".join(catalog.source(r).title for r in event.sources))
    if urls.base:  # many calendar apps show DESCRIPTION but not URL
        lines.append(urls.event(event.id))
    return "\n".join(lines)
