"""What to write instead: hints for text that is not a date explainer reads.

Each hint names the mistake and gives the EDTF text that says what the author most likely
meant, so that the error a reader of the build sees is also its fix.
"""

from __future__ import annotations

import re

_ERA = re.compile(
    r"(?i)^\s*(?:c(?:irca|a)?\.?\s*)?(\d{1,5})\s*(b\.?\s*c\.?(?:\s*e\.?)?|a\.?\s*d\.?|c\.?\s*e\.?)\s*$"
)
_SHORT_YEAR = re.compile(r"^(-?)(\d{1,3})((?:-\d\d){0,2})$")


def edtf_year(year_in_era: int, bce: bool) -> str:
    """The EDTF year for a year as people write it: (44, bce=True) → '-0043'."""
    astronomical = 1 - year_in_era if bce else year_in_era
    return f"-{-astronomical:04d}" if astronomical < 0 else f"{astronomical:04d}"


def common_mistake(text: str) -> str | None:
    """What to write for a year written as people do ('44 BC'), a month or day of one
    digit, or a year of fewer than four digits; None if `text` is none of these."""
    era = _ERA.match(text)
    if era:
        year, bce = int(era.group(1)), era.group(2).lower().startswith("b")
        label = f"{year} {'BCE' if bce else 'CE'}"
        return (
            f"'{text}' is not EDTF: write {label} as \"{edtf_year(year, bce)}\" "
            "(EDTF counts 1 BCE as 0000, 2 BCE as -0001)"
        )
    loose = re.fullmatch(r"(-?\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if loose and (len(loose.group(2)) == 1 or len(loose.group(3) or "00") == 1):
        fixed = loose.group(1) + "".join(f"-{int(p):02d}" for p in loose.groups()[1:] if p)
        return f"'{text}' is not EDTF: months and days have two digits, so write \"{fixed}\""
    level2 = re.fullmatch(r"(Y?-?\d+)(E\d+)?(S\d+)?", text)
    if level2 and (level2.group(2) or level2.group(3)):
        feature = "exponential years (E)" if level2.group(2) else "significant digits (S)"
        return (
            f"'{text}' uses {feature}, a part of EDTF level 2 that explainer does not read: "
            "no reader would see it as a date; write the span the digits stand for as a "
            'range, such as "1900/1999", or a long year such as "Y-170000000"'
        )
    month = re.fullmatch(r"-?\d{4}-(\d{2})(?:-(?:\d{2}|XX))?[~?%]?", text)
    if month and 21 <= int(month.group(1)) <= 41 and text.count("-") - text.startswith("-") > 1:
        return (
            f"'{text}' has a day after a season: {month.group(1)} stands for a season, a "
            f'quarter or a half of a year, which has no day; write "{text[: text.rindex("-")]}", '
            "or a month from 01 to 12 with the day"
        )
    if month and not 1 <= int(month.group(1)) <= 12:
        return (
            f"'{text}' has no month {int(month.group(1))}: months are 01 to 12 "
            "(and 21 to 41 stand for seasons, quarters and halves of a year, as in "
            '"2001-21" for spring 2001)'
        )
    short = _SHORT_YEAR.match(text)
    if short:
        sign, digits, rest = short.groups()
        return (
            f"'{text}' is not EDTF: years have four digits, so write "
            f'"{sign}{int(digits):04d}{rest}" if that is the year you mean '
            "(a year before the common era is negative: "
            f'44 BCE is "-0043")'
        )
    return None


def explain_unspecified(text: str) -> str:
    """Why `text`, which has an X, is not a date explainer reads, and what to write."""
    if re.search(r"[~?%]", text):
        return (
            f"'{text}' marks unspecified digits (X) as approximate or uncertain; write "
            f'"{re.sub(r"[~?%]", "", text)}", which already says what is not known'
        )
    year = re.fullmatch(r"(-?)(\d?)(X{3,4})", text)
    if year:
        sign, digit, xs = year.groups()
        if digit:
            low, high = digit + "0" * len(xs), digit + "9" * len(xs)
            hint = f'write the span as a range: "{sign}{low}/{sign}{high}"'
            if sign:
                hint = f'write the span as a range: "-{high}/-{low}"'
        else:
            hint = "leave the date out, or give the span you know as a range"
        return f"'{text}' leaves more than the last two digits of the year unspecified; {hint}"
    return (
        f"'{text}' has an unspecified digit (X) where EDTF level 1 does not allow one: an "
        'X may stand for the last one or two digits of a year ("201X", "20XX"), for the '
        'month ("2025-XX") or for the day ("1985-04-XX", "1985-XX-XX")'
    )
