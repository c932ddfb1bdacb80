"""What a date says: a date known no more precisely than it was written (a year, a season,
a month, a day, a time of day), a range whose ends may be open or unknown, or a set of
dates (one of them, or all of them), each with its bounds and a sort key from them.
Years follow EDTF's astronomical numbering: "0000" is 1 BCE and "-0043" is 44 BCE.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explainer.story import groupings
from explainer.story.day_count import SECONDS_A_DAY, Day, day_number, month_length

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


class DateError(ValueError):
    """Text that is not a usable EDTF date; the message says what is wrong, and `at` where
    (the index in the text where EDTF's grammar stopped, when that is the problem)."""

    def __init__(self, message: str, at: int | None = None):
        super().__init__(message)
        self.at = at


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    """A time as written: '05:40', '23:20:30', with 'Z' or an offset, or neither (the
    local time of the place, which the story's `timezone` may name)."""

    hour: int
    minute: int
    second: int | None = None
    #: Minutes east of UTC ('Z' is 0); None when the text gives no offset.
    offset: int | None = None
    utc: bool = False

    @property
    def seconds(self) -> int:
        return self.hour * 3600 + self.minute * 60 + (self.second or 0)

    def iso(self) -> str:
        text = f"{self.hour:02d}:{self.minute:02d}" + (
            f":{self.second:02d}" if self.second is not None else ""
        )
        if self.utc:
            return text + "Z"
        if self.offset is not None:
            sign = "-" if self.offset < 0 else "+"
            return text + f"{sign}{abs(self.offset) // 60:02d}:{abs(self.offset) % 60:02d}"
        return text


@dataclass(frozen=True, slots=True)
class Point:
    """A single date known to the year, season, month, day or time of day, perhaps
    approximate or uncertain (as a whole, or a part of it); or written with EDTF's
    unspecified digits: '201X', '02XX', '2025-XX', '1985-04-XX'."""

    #: The year; for unspecified year digits, the first year it may be ('02XX' → 200).
    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False
    #: How many years it may be in: 10 for '201X', 100 for '02XX'.
    years: int = 1
    #: What the author wrote as unknown: "month" ('2025-XX'), "day" ('1985-04-XX'),
    #: "month and day" ('1985-XX-XX'). The precision stays what is known.
    unknown: str = ""
    time: TimeOfDay | None = None
    #: EDTF's sub-year grouping (21–41: seasons, quarters…), with no month.
    grouping: int | None = None
    #: Qualifications of some parts only (level 2, '2004-?06-11'): ("month", "uncertain").
    parts: tuple[tuple[str, str], ...] = ()

    @property
    def precision(self) -> str:
        """What is known: 'day', 'month', 'season' or 'year' (of a span of years, if
        `years` > 1). A time of day is a 'day' with a `time`."""
        if self.day:
            return "day"
        return "month" if self.month else "season" if self.grouping else "year"

    @property
    def earliest(self) -> Day:
        if self.grouping:
            (year, month), _ = groupings.bounds(self.year, self.grouping)
            return (year, month, 1)
        return (self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> Day:
        if self.grouping:
            _, (year, month) = groupings.bounds(self.year, self.grouping)
            return (year, month, month_length(year, month))
        year = self.year + self.years - 1
        month = self.month or 12
        return (year, month, self.day or month_length(year, month))

    def instants(self, zone: ZoneInfo | None = None) -> tuple[int, int]:
        """The first and last second it may be, counted from 1970 in UTC. A time without
        an offset is in `zone` (UTC when there is none); a date without a time is the
        days it covers, in UTC."""
        first = day_number(self.earliest) * SECONDS_A_DAY
        if self.time is None:
            return first, (day_number(self.latest) + 1) * SECONDS_A_DAY - 1
        instant = first + self.time.seconds - 60 * self.offset_minutes(zone)
        return instant, instant + (59 if self.time.second is None else 0)

    def offset_minutes(self, zone: ZoneInfo | None) -> int:
        """The offset from UTC of a time of day: its own, else `zone`'s on that day."""
        time = self.time
        if time is None or time.offset is not None:
            return time.offset if time and time.offset is not None else 0
        if zone is None or not 1 <= self.year <= 9999:
            return 0
        import datetime

        local = datetime.datetime(self.year, self.month or 1, self.day or 1, time.hour, time.minute)
        offset = zone.utcoffset(local)
        return int(offset.total_seconds() // 60) if offset is not None else 0

    def iso(self, zone: ZoneInfo | None = None) -> str:
        """ISO 8601 at the precision known: '2025-03', '1985-04' for '1985-04-XX',
        '2021-03-23T05:40+02:00' (a time without an offset gets `zone`'s, when given);
        '' for unspecified year digits ('02XX'), which ISO 8601-1 and HTML cannot say; a
        season is its year."""
        if self.years > 1:
            return ""
        text = _iso_year(self.year)
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        if self.time:
            time = self.time
            if time.offset is None and zone is not None:
                time = TimeOfDay(time.hour, time.minute, time.second, self.offset_minutes(zone))
            text += f"T{time.iso()}"
        return text


#: A member of a set: a date, or a range of them ('1670..1672').
Member = tuple[Point, Point | None]


@dataclass(frozen=True, slots=True)
class StoryDate:
    """A point in time, a range (either end may be open or unknown) or a set of dates (one
    of them or all of them), as the author wrote it."""

    text: str
    start: Point | None
    end: Point | None = None
    is_range: bool = False
    #: A range's missing end: True when it is not known ('1985/'), False when it is open
    #: ('1985/..', still going on; '../1985', no start).
    unknown_start: bool = False
    unknown_end: bool = False
    #: A set's members ('[1667,1668,1670..1672]'); `start` and `end` are its first and
    #: last points.
    members: tuple[Member, ...] = ()
    all_of: bool = False
    #: A set that goes on before its first member ('[..1760-12-03]') or after its last.
    open_before: bool = False
    open_after: bool = False
    #: Sorting: by the earliest second, then the latest; open ends use the other bound.
    sort_key: tuple[int, int] = field(init=False, compare=False, repr=False)
    earliest: Day = field(init=False, compare=False, repr=False)
    latest: Day = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        first, last = self.first, self.last
        object.__setattr__(self, "earliest", first.earliest)
        object.__setattr__(self, "latest", last.latest)
        object.__setattr__(self, "sort_key", self.sort_key_in(None))

    def sort_key_in(self, zone: ZoneInfo | None) -> tuple[int, int]:
        """The sort key with times that have no offset read in `zone`."""
        return self.first.instants(zone)[0], self.last.instants(zone)[1]

    @property
    def kind(self) -> str:
        """'point', 'range', 'one of' or 'all of'."""
        if self.members:
            return "all of" if self.all_of else "one of"
        return "range" if self.is_range else "point"

    @property
    def year(self) -> int:
        return self.earliest[0]

    @property
    def has_time(self) -> bool:
        return any(p is not None and p.time is not None for p in (self.start, self.end))

    @property
    def first(self) -> Point:
        """The earliest point written (the end, when the start is open)."""
        point = self.start or self.end
        assert point is not None
        return point

    @property
    def last(self) -> Point:
        """The latest point written (the start, when the end is open)."""
        point = self.end or self.start
        assert point is not None
        return point

    def iso(self) -> str:
        """The start as an HTML <time datetime=...> value; '' before year 1, which HTML
        cannot express."""
        point = self.first
        return point.iso() if point.year >= 1 else ""


def _iso_year(year: int) -> str:
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"
