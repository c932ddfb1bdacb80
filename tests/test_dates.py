"""Dates: EDTF in, a reader's date out, at no more precision than is known."""

from __future__ import annotations

import pytest

from explainer.dates import DateError, parse_date, show_year


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2025-03-05", "5 March 2025"),
        ("2025-02", "February 2025"),
        ("1997", "1997"),
        ("2025-02~", "c. February 2025"),
        ("2025-02?", "February 2025 (uncertain)"),
        ("../2025-03-02", "until 2 March 2025"),
        ("2025-01/..", "from January 2025"),
        ("2025-01-19/2025-03-02", "19 January – 2 March 2025"),
        ("2025-03-01/2025-03-05", "1–5 March 2025"),
        ("2025-01/2025-03", "January – March 2025"),
        ("2019/2021", "2019–2021"),
        ("-0043-03-15", "15 March 44 BCE"),
        ("-0043/-0041", "44–42 BCE"),
        ("-0001/0001", "2 BCE – 1 CE"),
        ("0000", "1 BCE"),
        ("2000-02-29", "29 February 2000"),
    ],
)
def test_dates_show_at_their_precision(text: str, shown: str) -> None:
    assert parse_date(text).show() == shown


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("2025-13-01", "no month 13"),
        ("2025-03-05/2025-03-01", "ends (1 March 2025) before it starts (5 March 2025)"),
        ("next Tuesday", "not a date"),
        ("", "empty"),
    ],
)
def test_bad_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_date(text)


def test_sorting_follows_the_bounds_across_eras_and_precisions() -> None:
    texts = ["2025-03-05", "1997", "-0043-03-15", "2025-03", "../2025-03-02", "2025-02~"]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    assert ordered == ["-0043-03-15", "1997", "2025-02~", "2025-03", "../2025-03-02", "2025-03-05"]


def test_machine_readable_date_only_where_html_can_express_it() -> None:
    assert parse_date("2025-03").iso() == "2025-03"
    assert parse_date("-0043-03-15").iso() == ""


@pytest.mark.parametrize(
    ("year", "shown"), [(2025, "2025"), (1, "1"), (0, "1 BCE"), (-43, "44 BCE")]
)
def test_years_before_the_common_era(year: int, shown: str) -> None:
    assert show_year(year) == shown
