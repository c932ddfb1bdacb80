"""Dates at their honest precision, read from EDTF (ISO 8601-2 / Library of Congress) strings.

The one place the rest of the package takes dates from. The forms read are a grammar
(edtf_grammar.py) read into the model of date_model.py by date_read.py; the English house
style ("5 March 2025") that error messages use is date_show.py's. Pages and data files show
dates through i18n/dates.py, which decides the style for each language and calls the house
style for English.
"""

from __future__ import annotations

import functools

from explainer.story import edtf_grammar
from explainer.story.date_hints import edtf_year
from explainer.story.date_model import DateError, Member, Point, StoryDate, TimeOfDay
from explainer.story.date_read import read_date
from explainer.story.date_show import CE_MARKED_BELOW, in_zone, show_year, show_years
from explainer.story.day_count import Day

__all__ = [
    "CE_MARKED_BELOW",
    "DATE_SHAPE",
    "DateError",
    "Day",
    "Member",
    "Point",
    "StoryDate",
    "TimeOfDay",
    "edtf_year",
    "in_zone",
    "parse_date",
    "show_year",
    "show_years",
]

#: The shape of every date `parse_date` reads, for the editor's schema (schema.py): the
#: reader's own grammar written as one regular expression. Only the reader knows the
#: calendar (2025-02-30) and the order of a range's ends.
DATE_SHAPE = edtf_grammar.pattern()


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> StoryDate:
    """Read an EDTF string; raises DateError with a reader-friendly reason (what is wrong,
    and what EDTF expects there)."""
    return read_date(text)
