"""EDTF level 1 unspecified digits: '201X', '02XX', '-00XX', '2025-XX', '1985-04-XX'.

The Library of Congress EDTF specification (level 1, "unspecified digit(s) from the
right") allows X in place of the last one or two digits of a year written alone, of the
month, of the day, or of both month and day. Only those forms are read here; an X anywhere
else ('2X25', 'XXXX-12', '1XXX') is level 2, and explainer refuses it with a reason and a
way to write the same thing (date_hints.py), rather than show a date it cannot explain.

These are read here, not by the edtf library: it also accepts level 2 forms under the
same names, and it would cost its ~5 ms a date (dates.py says why that matters).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_YEAR = re.compile(r"(-?)(\d{3}X|\d{2}XX)")
_MONTH = re.compile(r"(-?\d{4})-XX(-XX)?")
_DAY = re.compile(r"(-?\d{4})-(\d{2})-XX")


class Unspecified(NamedTuple):
    """What a level 1 form says: the first year it may be and how many years, the month if
    known, and what the author left unknown ('month', 'day', 'month and day' or '')."""

    year: int
    years: int = 1
    month: int | None = None
    unknown: str = ""


def read_unspecified(text: str) -> Unspecified | None:
    """The level 1 form `text`, or None if it is not one (it may still be another date)."""
    if match := _YEAR.fullmatch(text):
        sign, digits = match.groups()
        years = 10 ** digits.count("X")
        base = int(digits.replace("X", "0"))
        # '-00XX' counts back from -0: the years -99 … 0 (100 BCE … 1 BCE).
        first = -(base + years - 1) if sign else base
        return Unspecified(first, years)
    if match := _MONTH.fullmatch(text):
        year, day = match.groups()
        return Unspecified(int(year), unknown="month and day" if day else "month")
    if match := _DAY.fullmatch(text):
        year, month = match.groups()
        return Unspecified(int(year), month=int(month), unknown="day")
    return None
