"""Days and seconds counted across the eras, in the proleptic Gregorian calendar: the one
arithmetic that sorts dates by their instant and places them on the timeline's axis."""

from __future__ import annotations

import functools

#: (year, month, day); years may be zero or negative (before the common era).
Day = tuple[int, int, int]

SECONDS_A_DAY = 86_400


@functools.lru_cache(maxsize=1 << 16)  # (each date asks for its bounds a few times)
def day_number(day: Day) -> int:
    """Days since 1970-01-01 for any year, BCE too (Howard Hinnant's days_from_civil)."""
    year, month, dom = day
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + dom - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def civil(day: int) -> Day:
    """Inverse of day_number (Howard Hinnant's civil_from_days)."""
    z = day + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    dom = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return (yoe + era * 400 + (month <= 2), month, dom)


def month_length(year: int, month: int) -> int:
    """Days in `month` of `year` (any year, BCE too)."""
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return day_number((*following, 1)) - day_number((year, month, 1))
