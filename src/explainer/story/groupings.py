"""EDTF's sub-year groupings: seasons (21–24), hemispheric seasons (25–32), quarters
(33–36), quadrimesters (37–39) and semesters (40–41), as the months each covers and the
words a reader sees ("spring 2001", "Q2 2001").

Seasons are meteorological (northern spring is March to May), as the Library of Congress's
examples and the edtf library read them; a winter starts in December of its year and ends
in February of the next. The seasons 21–24 are "independent of location": explainer reads
them as the northern ones, the hemisphere most of its readers live in, and says no more
than "spring 2001".
"""

from __future__ import annotations

from typing import NamedTuple


class Grouping(NamedTuple):
    #: The words a reader sees, as a key of the words tables: "spring {year}".
    words: str
    first_month: int
    months: int


_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_SOUTH = {"spring": 9, "summer": 12, "autumn": 3, "winter": 6}

GROUPINGS: dict[int, Grouping] = {
    **{
        21 + i: Grouping(f"{name} {{year}}", month, 3)
        for i, (name, month) in enumerate(_SEASONS.items())
    },
    **{
        25 + i: Grouping(f"{name} {{year}} (Northern Hemisphere)", month, 3)
        for i, (name, month) in enumerate(_SEASONS.items())
    },
    **{
        29 + i: Grouping(f"{name} {{year}} (Southern Hemisphere)", month, 3)
        for i, (name, month) in enumerate(_SOUTH.items())
    },
    **{33 + i: Grouping(f"Q{i + 1} {{year}}", 1 + 3 * i, 3) for i in range(4)},
    37: Grouping("January–April {year}", 1, 4),
    38: Grouping("May–August {year}", 5, 4),
    39: Grouping("September–December {year}", 9, 4),
    40: Grouping("first half of {year}", 1, 6),
    41: Grouping("second half of {year}", 7, 6),
}


def bounds(year: int, code: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The first and last (year, month) of grouping `code` in `year`."""
    grouping = GROUPINGS[code]
    last = grouping.first_month + grouping.months - 1
    return (year, grouping.first_month), (year + (last - 1) // 12, (last - 1) % 12 + 1)
