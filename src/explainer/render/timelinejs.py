"""One event as a TimelineJS3 slide (render/data_files.py writes the whole file): its
dates as TimelineJS's TLDate reads them, its headline and text as escaped HTML."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from explainer.markdown.prose import plain_excerpt
from explainer.site.urls import SiteUrls
from explainer.story.dates import Point, in_zone
from explainer.story.model import Event


def slide_of(urls: SiteUrls, event: Event) -> dict[str, object]:
    # TimelineJS needs a start: an open start ("until …") uses the known end.
    start = event.date.first
    slide: dict[str, object] = {
        "unique_id": event.id,
        "start_date": _timeline_date(start, urls.dates.zone),
        "display_date": urls.dates.date(event.date),
        "text": {
            "headline": html.escape(event.title),
            "text": _timeline_text(urls, event),
        },
    }
    if (event.date.is_range or event.date.members) and event.date.start and event.date.end:
        slide["end_date"] = _timeline_date(event.date.end, urls.dates.zone)
    elif start.years > 1:  # '02XX': drawn over the years it may be, as a range is
        slide["end_date"] = {"year": str(event.date.latest[0])}
    if event.status != "confirmed":
        slide["group"] = event.status.capitalize()
    if event.location is not None:
        # TimelineJS has no map and ignores it; StoryMapJS, its sibling, reads a slide's
        # location in this shape, so the same file can start a map story.
        slide["location"] = {
            "lat": event.location.lat,
            "lon": event.location.lon,
            **({"name": event.place} if event.place else {}),
        }
    return slide


def _timeline_date(point: Point, zone: ZoneInfo | None) -> dict[str, str]:
    """TimelineJS's date: a time of day as the story's clocks read it (its `zone`), else as
    written."""
    if zone is not None:
        point = in_zone(point, zone)
    date = {"year": str(point.year)}
    if point.month:
        date["month"] = str(point.month)
    if point.day:
        date["day"] = str(point.day)
    if point.time:
        date["hour"], date["minute"] = str(point.time.hour), str(point.time.minute)
        if point.time.second is not None:
            date["second"] = str(point.time.second)
    return date


def _timeline_text(urls: SiteUrls, event: Event) -> str:
    text = paragraph(plain_excerpt(event.body.text, limit=600)) if event.body else ""
    url = urls.event(event.id)
    # A relative link would resolve against the page that embeds the timeline.
    if urls.base:
        text += f'<p><a href="{html.escape(url)}">Read more</a></p>'
    return text


def paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"
