"""How a date reads: the English house style ("5 March 2025", "12 or 13 July 100 BCE",
"05:40 local time (UTC+2), 23 March 2021"), and the same sentences in any language given
its phrasing (i18n/dates.py passes one with its words table and CLDR's calendar).

What is said is decided here once, for every language: what a time of day is shown with
(its own offset, or the story's time zone), what a set, an open or unknown end, a season,
or a partly qualified date reads as. A language only supplies the words.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from explainer.story.date_model import Member, Point, StoryDate, TimeOfDay
from explainer.story.groupings import GROUPINGS

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

_MONTHS = list(calendar.month_name)

#: In a story that also holds dates before the common era, a year below this says "CE"
#: ("c. 121 CE"): beside "44 BCE", a bare "121" reads as either era. A year of four digits
#: is read as CE by everyone, and "2025 CE" would only be noise.
CE_MARKED_BELOW = 1000


def show_year(year: int, *, mark_ce: bool = False) -> str:
    """EDTF year to a reader's year: 2025 → '2025', 0 → '1 BCE', -43 → '44 BCE';
    `mark_ce` (the story holds BCE dates): 121 → '121 CE'."""
    if year <= 0:
        return f"{1 - year} BCE"
    if mark_ce and year < CE_MARKED_BELOW:
        return f"{year} CE"
    return str(year)


def show_years(first: int, count: int, *, mark_ce: bool = False) -> str:
    """Unspecified year digits: 'the 2010s', 'the 200s' ('the 200s CE': see show_year).
    A span that reaches back to 1 BCE or before has no such name (EDTF's '-00XX' is 100
    BCE to 1 BCE, '00XX' 1 BCE to 99 CE), so it is written as its first and last years."""
    last = first + count - 1
    if first >= 1:
        return f"the {first}s{' CE' if mark_ce and first < CE_MARKED_BELOW else ''}"
    if last <= 0:
        return f"{1 - first}–{show_year(last)}"
    return f"{show_year(first)} – {last} CE"


def _english(template: str, /, **values: object) -> str:
    return template.format(**values)


def _english_calendar(point: Point, with_year: bool, mark_ce: bool) -> str:
    """The day, month and year of a point: '5 March 2025', 'the 2010s'."""
    if point.years > 1:
        return show_years(point.year, point.years, mark_ce=mark_ce)
    parts = [str(point.day)] if point.day else []
    if point.month:
        parts.append(_MONTHS[point.month])
    if with_year:
        parts.append(show_year(point.year, mark_ce=mark_ce))
    return " ".join(parts)


@dataclass(frozen=True)
class Phrasing:
    """A language's words for dates: `say` fills a template of the words tables (the
    English text is the key), `calendar` writes a point's day, month and year, `year` a
    year alone, `digits` a time of day's digits, `place` a time zone's city."""

    say: Callable[..., str] = _english
    calendar: Callable[[Point, bool, bool], str] = _english_calendar
    year: Callable[[int, bool], str] = lambda year, mark_ce: show_year(year, mark_ce=mark_ce)
    digits: Callable[[str], str] = str
    place: Callable[[ZoneInfo], str] = lambda zone: (
        str(zone.key).rsplit("/", 1)[-1].replace("_", " ")
    )


ENGLISH = Phrasing()


def in_zone(point: Point, zone: ZoneInfo) -> Point:
    """A point with a time of day, as a clock in `zone` reads it (the day may change); as
    written when Python's calendar cannot hold its year."""
    time = point.time
    if time is None or not 1 <= point.year <= 9999 or point.month is None or point.day is None:
        return point
    offset = datetime.timedelta(minutes=point.offset_minutes(zone))
    written = datetime.datetime(
        point.year,
        point.month,
        point.day,
        time.hour,
        time.minute,
        time.second or 0,
        tzinfo=datetime.timezone(offset),
    )
    local = written.astimezone(zone)
    shift = local.utcoffset() or datetime.timedelta()
    return replace(
        point,
        year=local.year,
        month=local.month,
        day=local.day,
        time=TimeOfDay(local.hour, local.minute, time.second, int(shift.total_seconds() // 60)),
    )


def _offset(minutes: int) -> str:
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours}" + (f":{rest:02d}" if rest else "")


def show_point(
    point: Point,
    *,
    with_year: bool = True,
    mark_ce: bool = False,
    zone: ZoneInfo | None = None,
    phrasing: Phrasing = ENGLISH,
) -> str:
    """A point for a reader: '5 March 2025', 'c. February 2025', 'spring 2001', '11 June
    2004, month uncertain', '05:40 local time (UTC+2), 23 March 2021'."""
    say = phrasing.say
    shown_zone = zone if point.time is not None and zone is not None else None
    if shown_zone is not None:
        point = in_zone(point, shown_zone)
    if point.grouping:
        text = say(GROUPINGS[point.grouping].words, year=phrasing.year(point.year, mark_ce))
    else:
        text = phrasing.calendar(point, with_year, mark_ce)
    if point.unknown and with_year:
        text = say(f"{{date}}, {point.unknown} unknown", date=text)
    for part, quality in point.parts:
        text = say("{date}, {part} {quality}", date=text, part=say(part), quality=say(quality))
    if point.approximate:
        text = say("c. {date}", date=text)
    if point.uncertain:
        text = say("{date} (uncertain)", date=text)
    if point.time is not None:
        text = _with_time(point, point.time, text, shown_zone, phrasing)
    return text


def _clock(time: TimeOfDay) -> str:
    return f"{time.hour:02d}:{time.minute:02d}" + (
        f":{time.second:02d}" if time.second is not None else ""
    )


def _with_time(
    point: Point,
    time: TimeOfDay,
    text: str,
    zone: ZoneInfo | None,
    phrasing: Phrasing,
    clock: str = "",
) -> str:
    """`text` (the day) after its time of day (`clock`, by default `time`'s), and what
    the time is read in: the story's zone, UTC, its own offset, or nothing said."""
    clock = phrasing.digits(clock or _clock(time))
    if zone is not None:
        offset = phrasing.digits(_offset(point.offset_minutes(zone)))
        return phrasing.say(
            "{time} {place} time ({offset}), {date}",
            time=clock,
            place=phrasing.place(zone),
            offset=offset,
            date=text,
        )
    if time.utc:
        return phrasing.say("{time} UTC, {date}", time=clock, date=text)
    if time.offset is not None:
        return phrasing.say(
            "{time} local time ({offset}), {date}",
            time=clock,
            offset=phrasing.digits(_offset(time.offset)),
            date=text,
        )
    return phrasing.say("{time}, {date}", time=clock, date=text)


def _plain(point: Point) -> bool:
    return not (point.approximate or point.uncertain or point.parts or point.time)


def show_date(
    date: StoryDate,
    *,
    mark_ce: bool = False,
    zone: ZoneInfo | None = None,
    phrasing: Phrasing = ENGLISH,
) -> str:
    """A date, range or set for a reader: '19 January – 2 March 2025', 'since 12 April
    1985, ongoing', '12 or 13 July 100 BCE'."""
    say = phrasing.say

    def point(p: Point) -> str:
        return show_point(p, mark_ce=mark_ce, zone=zone, phrasing=phrasing)

    if date.members:
        return _show_set(date, mark_ce, zone, phrasing)
    start, end = date.start, date.end
    if not date.is_range or start == end:
        return point(date.first)
    if start is None:
        template = "until {date}, start unknown" if date.unknown_start else "until {date}"
        return say(template, date=point(date.first))
    if end is None:
        if date.unknown_end:
            return say("from {date}, end unknown", date=point(start))
        return say("since {date}, ongoing", date=point(start))
    same_day = _same_day_times(start, end, zone)
    if same_day is not None:
        first, last = same_day
        assert first.time is not None and last.time is not None
        day = phrasing.calendar(replace(first, time=None), True, mark_ce)
        clocks = f"{_clock(first.time)}–{_clock(last.time)}"
        return _with_time(first, first.time, day, zone, phrasing, clocks)
    if phrasing is ENGLISH:
        compact = _compact_range(start, end, mark_ce)
        if compact:
            return compact
    # A range over the start of the era says where the era changes: "2 BCE – 1 CE".
    across = start.year <= 0 < end.year
    end_text = show_point(end, mark_ce=mark_ce or across, zone=zone, phrasing=phrasing)
    return say("{start} – {end}", start=point(start), end=end_text)


def _same_day_times(start: Point, end: Point, zone: ZoneInfo | None) -> tuple[Point, Point] | None:
    """Two plain times of one day, read alike ('07:15–11:30 Cairo time (UTC+2), 23 March
    2021'), as the clocks of `zone` read them; None for any other range."""
    if start.time is None or end.time is None:
        return None
    if zone is not None:
        start, end = in_zone(start, zone), in_zone(end, zone)
    assert start.time is not None and end.time is not None
    plain = not any(p.approximate or p.uncertain or p.parts for p in (start, end))
    alike = (start.time.offset, start.time.utc) == (end.time.offset, end.time.utc)
    if plain and alike and (start.year, start.month, start.day) == (end.year, end.month, end.day):
        return start, end
    return None


def _compact_range(start: Point, end: Point, mark_ce: bool) -> str | None:
    """The English house style says what the ends share once: '1–5 March 2025',
    'January – March 2025', '44–42 BCE'."""
    if not (_plain(start) and _plain(end)) or start.grouping or end.grouping:
        return None
    if start.precision == end.precision == "year" and start.years == end.years == 1:
        if (start.year > 0) != (end.year > 0):
            return None
        # The era once, after both years: "44–42 BCE", "120–125 CE".
        era = show_year(end.year, mark_ce=mark_ce).removeprefix(str(end.year))
        era = " BCE" if end.year <= 0 else era
        bare = show_year(start.year).removesuffix(" BCE")
        return f"{bare}–{show_year(end.year).removesuffix(' BCE')}{era}"
    if (
        start.year == end.year
        and start.precision == end.precision != "year"
        and not (start.unknown or end.unknown)
    ):
        end_text = show_point(end, mark_ce=mark_ce)
        if start.precision == "day" and start.month == end.month:
            return f"{start.day}–{end_text}"
        return f"{show_point(start, with_year=False)} – {end_text}"
    return None


def _show_set(date: StoryDate, mark_ce: bool, zone: ZoneInfo | None, phrasing: Phrasing) -> str:
    say = phrasing.say
    members = date.members
    days = [p for p, to in members if to is None and p.day and _plain(p)]
    if (
        not date.all_of
        and not (date.open_before or date.open_after)
        and len(days) == len(members) > 1
        and len({(p.year, p.month) for p in days}) == 1
    ):
        # "12 or 13 July 100 BCE": the days, then the month and year they share.
        last = show_point(days[-1], mark_ce=mark_ce, phrasing=phrasing)
        return _listed([phrasing.digits(str(p.day)) for p in days[:-1]] + [last], "or", say)
    items = [_member(m, mark_ce, zone, phrasing) for m in members]
    if date.open_before:
        items[0] = say(
            "every date up to {date}" if date.all_of else "{date} or earlier", date=items[0]
        )
    if date.open_after:
        items[-1] = say(
            "every date from {date} on" if date.all_of else "{date} or later", date=items[-1]
        )
    word = "and" if date.all_of else "or"
    if len(items) == 1:
        return items[0]
    listed = _listed(items, word, say)
    if len(items) == 2 and all(to is None for _, to in members):
        return listed
    return say("all of {dates}" if date.all_of else "one of {dates}", dates=listed)


def _member(member: Member, mark_ce: bool, zone: ZoneInfo | None, phrasing: Phrasing) -> str:
    first, to = member
    if to is None:
        return show_point(first, mark_ce=mark_ce, zone=zone, phrasing=phrasing)
    span = StoryDate("", first, to, is_range=True)
    return show_date(span, mark_ce=mark_ce, zone=zone, phrasing=phrasing)


def _listed(items: list[str], word: str, say: Callable[..., str]) -> str:
    """'A, B or C', 'A and B' (the separator and the word in the phrasing's language)."""
    if len(items) == 1:
        return items[0]
    separator = say("{a}, {b}", a="", b="")
    return say(f"{{items}} {word} {{last}}", items=separator.join(items[:-1]), last=items[-1])
