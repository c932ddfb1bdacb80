"""Dates: EDTF in, a reader's date out, at no more precision than is known."""

from __future__ import annotations

import pytest

from explainer.i18n.dates import DateStyle, show_date
from explainer.story.dates import DateError, parse_date, show_year


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


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # In a story that also holds BCE dates, years below 1000 say which era they are in.
        ("0121~", "c. 121 CE"),
        ("0121-03-05", "5 March 121 CE"),
        ("0120/0125", "120–125 CE"),
        ("0121-03-01/0121-03-05", "1–5 March 121 CE"),
        ("-0043/0014", "44 BCE – 14 CE"),
        ("-0001/0001", "2 BCE – 1 CE"),
        ("../0121", "until 121 CE"),
        ("-0043", "44 BCE"),
        ("0999", "999 CE"),
        ("1000", "1000"),
        ("2025-03-05", "5 March 2025"),
    ],
)
def test_small_ce_years_are_marked_in_a_story_with_bce_dates(text: str, shown: str) -> None:
    assert show_date(parse_date(text), "en", mark_ce=True) == shown
    assert DateStyle("en-GB", mark_ce=True).date(parse_date(text)) == shown


def test_small_ce_years_are_bare_in_a_story_without_bce_dates() -> None:
    assert show_date(parse_date("0121~"), "en") == "c. 121"
    assert show_date(parse_date("-0001/0001"), "en") == "2 BCE – 1 CE"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from explainer.story.dates import _parse_with_library, _read_simple  # noqa: E402

point = st.builds(
    lambda y, m, d, precision, mark: (
        (f"-{-y:04d}" if y < 0 else f"{y:04d}")
        + (f"-{m:02d}" if precision > 0 else "")
        + (f"-{d:02d}" if precision > 1 else "")
        + mark
    ),
    st.integers(-9999, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 2),
    st.sampled_from(["", "~", "?", "%"]),
)
simple_dates = st.one_of(
    point,
    st.builds(lambda a, b: f"{a}/{b}", point, point),
    st.builds(lambda a: f"{a}/..", point),
    st.builds(lambda a: f"../{a}", point),
    st.builds(lambda a: f"/{a}", point),
)


def reading(parse, text):  # type: ignore[no-untyped-def]
    try:
        return parse(text)
    except Exception as error:  # both must refuse the same texts
        return type(error).__name__


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=simple_dates)
def test_the_fast_path_reads_everyday_dates_as_the_edtf_library_does(text: str) -> None:
    fast = reading(_read_simple, text)
    if fast is None:
        return  # not an everyday form: only the library reads it
    assert fast == reading(_parse_with_library, text)
