"""Dates for readers, in the story's language: the one place that decides their style.

Every English tag (en, en-US, en-GB…) gets the house style written out in story/dates.py
("5 March 2025", "19 January – 2 March 2025"), so that the pages, the charts and the data
files of an `en-US` story agree. Every other language gets its own month names, word order,
range patterns ("5–9 مارس 2025") and digits from CLDR (through Babel), and the few words
CLDR has no pattern for (approximate, uncertain, open-ended, before the common era) from its
words table.
"""

from __future__ import annotations

import calendar
import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel.dates import format_date, format_interval, format_skeleton, get_timezone_location

from explainer.i18n.words import words_for
from explainer.story import date_show as house
from explainer.story.date_show import Phrasing
from explainer.story.dates import CE_MARKED_BELOW, Point, StoryDate

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from explainer.catalog.crossref import Catalog

#: A leap year (so that 29 February exists) to format the day and month of a year before
#: the common era, which Python's dates cannot hold.
_PROXY_YEAR = 2000


def house_style(language: str) -> bool:
    """Whether `language` (a BCP 47 tag) is shown in the English house style."""
    return words_for(language).is_english


@dataclass(frozen=True)
class DateStyle:
    """How one story's dates are shown: made once per build (story_style), passed to
    whatever shows dates (pages, charts, data files)."""

    language: str = "en"
    #: The story holds dates before the common era, so small CE years say "CE".
    mark_ce: bool = False
    #: The story's time zone: times of day are shown as its clocks read them.
    zone: ZoneInfo | None = None

    def year(self, year: int) -> str:
        return show_year(year, self.language, mark_ce=self.mark_ce)

    def point(self, point: Point, *, with_year: bool = True) -> str:
        return show_point(
            point, self.language, with_year=with_year, mark_ce=self.mark_ce, zone=self.zone
        )

    def date(self, date: StoryDate) -> str:
        return _shown_date(date, self.language, self.mark_ce, self.zone)

    def short_months(self) -> list[str]:
        """'', then the short name of each month, for a chart's axis."""
        if house_style(self.language):
            return list(calendar.month_abbr)
        # CLDR's: Arabic has no abbreviations, so its short names are the full ones.
        names = words_for(self.language).locale.months["format"]["abbreviated"]
        return ["", *(names[m] for m in range(1, 13))]


@functools.lru_cache(maxsize=16_384)
def _shown_date(date: StoryDate, language: str, mark_ce: bool, zone: ZoneInfo | None) -> str:
    # An event's date is shown on its pages, its timeline entry, every chart that draws it
    # and its data files: in a language other than English each costs a Babel format (up
    # to 0.3 ms for a range), so a story of 10,000 events would format each a dozen times.
    return show_date(date, language, mark_ce=mark_ce, zone=zone)


def story_style(catalog: Catalog, language: str | None = None) -> DateStyle:
    """The style of a story's dates, in `language` (by default, the story's)."""
    story = catalog.story
    dates: Iterable[StoryDate | None] = (
        *(change.date for change in catalog.changes),
        *(event.date for event in catalog.events.values()),
        *(source.date for source in catalog.sources.values()),
        *(a.date for actor in catalog.actors.values() for a in actor.affiliations),
    )
    return DateStyle(
        language or story.language,
        mark_ce=any(date is not None and date.earliest[0] <= 0 for date in dates),
        zone=story.timezone,
    )


def _marks_ce(year: int, mark_ce: bool) -> bool:
    return mark_ce and 1 <= year < CE_MARKED_BELOW


def show_year(year: int, language: str, *, mark_ce: bool = False) -> str:
    """An EDTF year for a reader: 2025 → '2025', -43 → '44 BCE' (in `language`);
    `mark_ce` (the story holds BCE dates): 121 → '121 CE' (see house.CE_MARKED_BELOW)."""
    if house_style(language):
        return house.show_year(year, mark_ce=mark_ce)
    words = words_for(language)
    if year <= 0:
        return words.number(words("{year} BCE", year=1 - year))
    if _marks_ce(year, mark_ce):
        return words.number(words("{year} CE", year=year))
    return words.number(year)


def phrasing(language: str) -> Phrasing:
    """The words and calendar of `language` for the sentences story/date_show.py makes."""
    if house_style(language):
        return house.ENGLISH
    return _phrasing(language)


@functools.lru_cache(maxsize=32)
def _phrasing(language: str) -> Phrasing:
    words = words_for(language)
    return Phrasing(
        say=words,
        calendar=lambda point, with_year, mark_ce: _calendar(point, language, with_year, mark_ce),
        year=lambda year, mark_ce: show_year(year, language, mark_ce=mark_ce),
        digits=words.number,
        place=lambda zone: get_timezone_location(zone.key, words.locale, return_city=True),
    )


def show_point(
    point: Point,
    language: str,
    *,
    with_year: bool = True,
    mark_ce: bool = False,
    zone: ZoneInfo | None = None,
) -> str:
    """A point for a reader: '5 March 2025', 'c. February 2025' (in `language`)."""
    return house.show_point(
        point, with_year=with_year, mark_ce=mark_ce, zone=zone, phrasing=phrasing(language)
    )


def _calendar(point: Point, language: str, with_year: bool, mark_ce: bool) -> str:
    """A point's day, month and year in CLDR's words and order for `language`."""
    words = words_for(language)
    if point.years > 1:
        return _show_years(point, language, mark_ce)
    text = ""
    # CLDR's patterns have no era: a year that needs one is written after the day and month.
    own_year = point.year <= 0 or _marks_ce(point.year, mark_ce) or point.year > 9999
    if point.month:
        year = _PROXY_YEAR if own_year else point.year
        day = datetime.date(year, point.month, point.day or 1)
        full = with_year and not own_year
        if point.day:
            text = (
                format_date(day, "long", locale=words.locale)
                if full
                else format_skeleton("MMMMd", day, locale=words.locale)
            )
        elif full:
            text = format_skeleton("yMMMM", day, locale=words.locale)
        else:  # (a skeleton of the month alone would give its short name in some languages)
            text = words.locale.months["stand-alone"]["wide"][point.month]
    if with_year and (own_year or not point.month):
        text = f"{text} {show_year(point.year, language, mark_ce=mark_ce)}".strip()
    return words.number(text)


def _show_years(point: Point, language: str, mark_ce: bool) -> str:
    """Unspecified year digits ('02XX'): the English house style names the decade or
    century ('the 200s'); other languages give the first and last years it may be, in
    their words table's phrase (Arabic: 'between the years 200 and 299'), since a name
    for a decade or century takes grammar a table of phrases cannot hold."""
    words = words_for(language)
    first, last = point.year, point.year + point.years - 1
    years = {
        "first": show_year(first, language, mark_ce=mark_ce),
        # A span over the start of the era says so, as ranges do: "1 BCE – 99 CE".
        "last": show_year(last, language, mark_ce=mark_ce or first <= 0),
    }
    if first >= 1:
        return words("the years {first} to {last}", **years)
    return words("{start} – {end}", start=years["first"], end=years["last"])


def show_date(
    date: StoryDate, language: str, *, mark_ce: bool = False, zone: ZoneInfo | None = None
) -> str:
    """A date, range or set for a reader: '19 January – 2 March 2025' (in `language`)."""
    if house_style(language):
        return house.show_date(date, mark_ce=mark_ce, zone=zone)
    words = words_for(language)
    start, end = date.start, date.end
    if (
        date.is_range
        and start is not None
        and end is not None
        and start != end
        and all(_plain(p) for p in (start, end))
        and start.precision == end.precision != "season"
        and start.year >= 1
        and end.year <= 9999
        and not _marks_ce(start.year, mark_ce)
    ):
        # CLDR's interval patterns say what the two ends share only once: "5–9 March".
        skeleton = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}[start.precision]
        first, last = (datetime.date(*point.earliest) for point in (start, end))
        return words.number(format_interval(first, last, skeleton, locale=words.locale))
    return house.show_date(date, mark_ce=mark_ce, zone=zone, phrasing=phrasing(language))


def _plain(point: Point) -> bool:
    return not (
        point.approximate
        or point.uncertain
        or point.parts
        or point.time
        or point.unknown
        or point.years > 1
    )
