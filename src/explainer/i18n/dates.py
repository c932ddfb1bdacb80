"""Dates shown in languages other than English, with CLDR's patterns (through Babel).

English keeps the house style written out in dates.py ("5 March 2025", "19 January –
2 March 2025"). Every other language gets its own month names, word order, range patterns
("5–9 مارس 2025") and digits from CLDR, and the few words CLDR has no pattern for
(approximate, uncertain, open-ended, before the common era) from its words table.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from babel.dates import format_date, format_interval, format_skeleton

from explainer.i18n.words import words_for

if TYPE_CHECKING:
    from explainer.story.dates import Point, StoryDate

#: A leap year (so that 29 February exists) to format the day and month of a year before
#: the common era, which Python's dates cannot hold.
_PROXY_YEAR = 2000


def show_year(year: int, language: str) -> str:
    """An EDTF year for a reader: 2025 → '2025', -43 → '44 BCE' (in `language`)."""
    words = words_for(language)
    if year <= 0:
        return words.number(words("{year} BCE", year=1 - year))
    return words.number(year)


def show_point(point: Point, language: str, *, with_year: bool = True) -> str:
    words = words_for(language)
    text = ""
    if point.month:
        year = point.year if point.year >= 1 else _PROXY_YEAR
        day = datetime.date(year, point.month, point.day or 1)
        full = with_year and point.year >= 1
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
    if with_year and (point.year <= 0 or not point.month):
        text = f"{text} {show_year(point.year, language)}".strip()
    text = words.number(text)
    if point.approximate:
        text = words("c. {date}", date=text)
    if point.uncertain:
        text = words("{date} (uncertain)", date=text)
    return text


def show_date(date: StoryDate, language: str) -> str:
    words = words_for(language)
    start, end = date.start, date.end
    if not date.is_range or start == end:
        return show_point(date.first, language)
    if start is None:
        return words("until {date}", date=show_point(date.first, language))
    if end is None:
        return words("from {date}", date=show_point(date.first, language))
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    if plain and start.precision == end.precision and start.year >= 1:
        # CLDR's interval patterns say what the two ends share only once: "5–9 March".
        skeleton = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}[start.precision]
        first, last = (datetime.date(*point.earliest) for point in (start, end))
        return words.number(format_interval(first, last, skeleton, locale=words.locale))
    return words(
        "{start} – {end}", start=show_point(start, language), end=show_point(end, language)
    )
