"""Dates at their honest precision, read from EDTF (ISO 8601-2 / Library of Congress) strings.

Parsing is the `edtf` library's; this module only adds a model of what was written (a date
known no more precisely than it is), a sort key from the date's bounds, and the English
house style ("5 March 2025") that error messages use. Pages and data files show dates
through i18n/dates.py, which decides the style for each language and calls the house style
here for English. Years follow EDTF's astronomical numbering: "0000" is 1 BCE and "-0043"
is 44 BCE.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import edtf

from explainer.story.date_hints import common_mistake, explain_unspecified
from explainer.story.date_hints import edtf_year as edtf_year  # (model.py's)
from explainer.story.unspecified import read_unspecified

#: (year, month, day) bounds; years may be zero or negative (before the common era).
Day = tuple[int, int, int]

_MONTHS = list(calendar.month_name)


class DateError(ValueError):
    """Text that is not a usable EDTF date; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Point:
    """A single date known to the year, month or day, perhaps approximate or uncertain;
    or written with EDTF's unspecified digits: '201X', '02XX', '2025-XX', '1985-04-XX'."""

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

    @property
    def precision(self) -> str:
        """What is known: 'day', 'month' or 'year' (of a span of years, if `years` > 1)."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> Day:
        return (self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> Day:
        year = self.year + self.years - 1
        month = self.month or 12
        day = self.day or calendar.monthrange(_leap_proxy(year), month)[1]
        return (year, month, day)

    def show(self, *, with_year: bool = True, mark_ce: bool = False) -> str:
        """'5 March 2025', 'c. February 2025', '44 BCE' (the English house style);
        `mark_ce`: see show_year."""
        if self.years > 1:
            return show_years(self.year, self.years, mark_ce=mark_ce)
        parts = []
        if self.day:
            parts.append(str(self.day))
        if self.month:
            parts.append(_MONTHS[self.month])
        if with_year:
            parts.append(show_year(self.year, mark_ce=mark_ce))
        text = " ".join(parts)
        if self.unknown and with_year:
            text = f"{text}, {self.unknown} unknown"
        if self.approximate:
            text = f"c. {text}"
        if self.uncertain:
            text = f"{text} (uncertain)"
        return text

    def iso(self) -> str:
        """ISO 8601 at the precision known: '2025-03', '1985-04' for '1985-04-XX'; '' for
        unspecified year digits ('02XX'), which ISO 8601-1 and HTML cannot say."""
        if self.years > 1:
            return ""
        text = _iso_year(self.year)
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, slots=True)
class StoryDate:
    """A point in time or a range (either end may be open), as the author wrote it."""

    text: str
    start: Point | None
    end: Point | None = None
    is_range: bool = False
    #: Sorting: by the earliest bound, then the latest; open ends use the other bound.
    sort_key: tuple[Day, Day] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        first = self.start.earliest if self.start else self.end.earliest if self.end else None
        last = self.end.latest if self.end else self.start.latest if self.start else None
        assert first is not None and last is not None
        object.__setattr__(self, "sort_key", (first, last))

    @property
    def earliest(self) -> Day:
        return self.sort_key[0]

    @property
    def latest(self) -> Day:
        return self.sort_key[1]

    @property
    def year(self) -> int:
        return self.earliest[0]

    def __str__(self) -> str:
        return self.show()

    def show(self, *, mark_ce: bool = False) -> str:
        """The date in the English house style: '5 March 2025', 'February 2025',
        'until 2 March 2025'; `mark_ce`: see show_year. For a reader, in any language:
        i18n.dates.show_date."""
        if not self.is_range:
            assert self.start is not None
            return self.start.show(mark_ce=mark_ce)
        if self.start is None:
            assert self.end is not None
            return f"until {self.end.show(mark_ce=mark_ce)}"
        if self.end is None:
            return f"from {self.start.show(mark_ce=mark_ce)}"
        start, end = self.start, self.end
        if start == end:
            return start.show(mark_ce=mark_ce)
        plain = not (start.approximate or start.uncertain)
        if (
            plain
            and start.precision == end.precision == "year"
            and (start.year > 0) == (end.year > 0)
        ):
            # The era once, after both years: "44–42 BCE", "120–125 CE".
            era = show_year(end.year, mark_ce=mark_ce).removeprefix(str(end.year))
            era = " BCE" if end.year <= 0 else era
            bare = show_year(start.year).removesuffix(" BCE")
            return f"{bare}–{show_year(end.year).removesuffix(' BCE')}{era}"
        end_text = end.show(mark_ce=mark_ce)
        if plain and start.year == end.year and start.precision == end.precision != "year":
            if start.precision == "day" and start.month == end.month:
                return f"{start.day}–{end_text}"
            return f"{start.show(with_year=False)} – {end_text}"
        # A range over the start of the era says where the era changes: "2 BCE – 1 CE".
        era = " CE" if start.year <= 0 < end.year and not end_text.endswith(" CE") else ""
        return f"{start.show(mark_ce=mark_ce)} – {end_text}{era}"

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
        point = self.start or self.end
        assert point is not None
        return point.iso() if point.year >= 1 else ""


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


def _iso_year(year: int) -> str:
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def _leap_proxy(year: int) -> int:
    # calendar.monthrange wants a positive year; the proleptic Gregorian leap rule repeats
    # every 400 years, so move BCE years by a multiple of 400 into range.
    return year if year >= 1 else year + 400 * (1 + (-year) // 400)


# The everyday forms (a year, month or day, perhaps ~ ? or %, alone or as a range with
# open ends) read directly: the edtf library's general parser takes ~5 ms a date, which a
# story of 10,000 events cannot afford. Everything else goes to the library, the authority
# on EDTF; a test checks that both readings agree on the everyday forms.
_SIMPLE_POINT = r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)"
_SIMPLE = re.compile(rf"{_SIMPLE_POINT}(?:/(?:{_SIMPLE_POINT}|(\.\.)))?|(\.\.)?/{_SIMPLE_POINT}")


# The shape of every date `parse_date` can read, for the editor's schema (schema.py): a
# point (a year of four digits or a long year such as Y12345, perhaps with a month and a
# day, perhaps ~ ? or %) or a range of points with open ends; or a point alone with
# unspecified digits (201X, 02XX, 2025-XX, 1985-04-XX). It is looser than the reader: only
# the reader knows the calendar (2025-02-30), the order of a range's ends, and which X
# forms EDTF level 1 allows (not 201X-05). Written in the common subset of Python's and
# JavaScript's regular expressions.
_SHAPE_MONTH_DAY = r"(?:-(?:0[1-9]|1[0-2]{x})(?:-(?:0[1-9]|[12][0-9]|3[01]{x}))?)?"
_SHAPE_POINT = rf"(?:-?[0-9]{{4}}{_SHAPE_MONTH_DAY.format(x='')}|Y-?[0-9]{{5,}})[~?%]?"
_SHAPE_UNSPECIFIED = (
    rf"-?[0-9]{{2}}(?:[0-9]{{2}}|[0-9]X|XX){_SHAPE_MONTH_DAY.format(x='|XX')}[~?%]?"
)
DATE_SHAPE = (
    rf"^\s*(?:{_SHAPE_UNSPECIFIED}|{_SHAPE_POINT}(?:/(?:{_SHAPE_POINT}|\.\.)?)?"
    rf"|(?:\.\.)?/{_SHAPE_POINT})\s*$"
)


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> StoryDate:
    """Read an EDTF string; raises DateError with a reader-friendly reason."""
    text = text.strip()
    if not text:
        raise DateError("the date is empty")
    simple = _read_simple(text)
    if simple is not None:
        return simple
    if "X" in text:
        return _read_unspecified(text)
    if "x" in text and read_unspecified(text.upper()):
        raise DateError(
            f"'{text}' is not EDTF: unspecified digits are a capital X, so write \"{text.upper()}\""
        )
    return _parse_with_library(text)


def _read_unspecified(text: str) -> StoryDate:
    found = read_unspecified(text)
    if found is None:
        raise DateError(explain_unspecified(text))
    if found.month is not None and not 1 <= found.month <= 12:
        raise DateError(f"'{text}' has no month {found.month}")
    point = Point(found.year, found.month, years=found.years, unknown=found.unknown)
    return StoryDate(text, point)


def _read_simple(text: str) -> StoryDate | None:
    match = _SIMPLE.fullmatch(text)
    if match is None or text.startswith("-0000"):
        return None
    g = match.groups()
    if g[0] is not None:  # a point, or a range that starts with one
        start = _simple_point(*g[0:4])
        if "/" not in text:
            return StoryDate(text, start)
        end = _simple_point(*g[4:8]) if g[4] is not None else None
    else:  # ../end or /end
        start, end = None, _simple_point(*g[10:14])
    if start is None and end is None:
        return None
    if start and end and start.earliest > end.latest:
        raise DateError(f"the range ends ({end.show()}) before it starts ({start.show()})")
    return StoryDate(text, start, end, is_range=True)


def _simple_point(year: str, month: str | None, day: str | None, mark: str) -> Point:
    y, m, d = int(year), int(month) if month else None, int(day) if day else None
    if m is not None and not 1 <= m <= 12:
        raise DateError(f"'{year}-{month}' has no month {m}")
    if m is not None and d is not None and not 1 <= d <= calendar.monthrange(_leap_proxy(y), m)[1]:
        raise DateError(_explain_unparseable(f"{year}-{month}-{day}"))
    return Point(
        y, m, d, approximate=mark in "~%" and mark != "", uncertain=mark in "?%" and mark != ""
    )


def _parse_with_library(text: str) -> StoryDate:
    try:
        parsed = edtf.parse_edtf(text)
    except Exception as exc:  # the library raises its own EDTFParseException and others
        raise DateError(_explain_unparseable(text)) from exc
    if isinstance(parsed, edtf.Interval):
        start = _point(parsed.lower, text)
        end = _point(parsed.upper, text)
        if start is None and end is None:
            raise DateError("a range needs at least one known end")
        if start and end and start.earliest > end.latest:
            raise DateError(f"the range ends ({end.show()}) before it starts ({start.show()})")
        return StoryDate(text, start, end, is_range=True)
    point = _point(parsed, text)
    if point is None:
        raise DateError(_explain_unparseable(text))
    return StoryDate(text, point)


def _point(obj: Any, text: str) -> Point | None:
    """An edtf Date (possibly wrapped as approximate/uncertain) as a Point; None if open."""
    try:
        return _point_of(obj, text)
    except DateError:
        raise
    except Exception as exc:  # an EDTF form the library reads but we cannot show
        raise DateError(f"'{text}' uses an EDTF feature explainer does not show yet") from exc


def _point_of(obj: Any, text: str) -> Point | None:
    if obj is None or isinstance(obj, edtf.parser.parser_classes.UnspecifiedIntervalSection):
        return None
    approximate = uncertain = False
    if isinstance(obj, edtf.UncertainOrApproximate):
        approximate = bool(obj._is_approximate or obj._uncertain_and_approximate)
        uncertain = bool(obj._is_uncertain or obj._uncertain_and_approximate)
        obj = obj.date
    if isinstance(obj, edtf.LongYear):
        return Point(int(obj.year), approximate=approximate, uncertain=uncertain)
    if type(obj) is not edtf.Date or obj.significant_digits:
        raise DateError(f"'{text}' uses an EDTF feature explainer does not show yet")
    year_text: str = str(obj._year)
    month_text: str | None = obj._month
    day_text: str | None = obj._day
    year = int(year_text)
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    if month and day and day > calendar.monthrange(_leap_proxy(year), month)[1]:
        raise DateError(_explain_unparseable(f"{year_text}-{month_text}-{day_text}"))
    return Point(
        year,
        month,
        day,
        approximate=approximate,
        uncertain=uncertain,
    )


def _explain_unparseable(text: str) -> str:
    mistake = common_mistake(text)
    if mistake:
        return mistake
    sign = -1 if text.startswith("-") else 1
    parts = text.lstrip("-").split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        year, month, day = (int(p) for p in parts)
        year *= sign
        if not 1 <= month <= 12:
            return f"'{text}' has no month {month}"
        last = calendar.monthrange(_leap_proxy(year), month)[1]
        if not 1 <= day <= last:
            return f"'{text}' is not a real day: {_MONTHS[month]} {show_year(year)} has {last} days"
    return f"'{text}' is not a date explainer can read"
