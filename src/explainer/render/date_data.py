"""A date as the data files give it: story.json's record of what was written, what a
reader sees, its kind, ends and span, and TimelineJS's date with its time of day."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from explainer.i18n.dates import DateStyle
from explainer.render.spreadsheets import date_ends
from explainer.story.dates import Day, Point, StoryDate, in_zone


def date_record(date: StoryDate | None, style: DateStyle) -> dict[str, object] | None:
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


def timeline_date(point: Point, zone: ZoneInfo | None) -> dict[str, str]:
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
