"""Dates: EDTF in, a reader's date out, at no more precision than is known."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from explainer.i18n.dates import DateStyle, show_date
from explainer.pipeline.compile import compile_story
from explainer.render.data_files import SiteUrls, data_files
from explainer.site.downloads import EVENTS_CSV, STORY_JSON, TIMELINE_JSON
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
        ("2025-01/..", "since January 2025, ongoing"),
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
    assert show_date(parse_date(text), "en") == shown


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("2025-13-01", "no month 13"),
        ("2025-03-05/2025-03-01", "ends (1 March 2025) before it starts (5 March 2025)"),
        ("next Tuesday", "not an EDTF date: at character 1 EDTF expects a digit"),
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


@pytest.mark.parametrize(
    ("text", "shown", "arabic", "earliest", "latest"),
    [
        # EDTF level 1 unspecified digits: the last one or two digits of a year...
        ("02XX", "the 200s", "بين عامي 200 و299", (200, 1, 1), (299, 12, 31)),
        ("201X", "the 2010s", "بين عامي 2010 و2019", (2010, 1, 1), (2019, 12, 31)),
        ("-00XX", "100–1 BCE", "100 ق.م – 1 ق.م", (-99, 1, 1), (0, 12, 31)),
        ("-001X", "20–11 BCE", "20 ق.م – 11 ق.م", (-19, 1, 1), (-10, 12, 31)),
        ("00XX", "1 BCE – 99 CE", "1 ق.م – 99 م", (0, 1, 1), (99, 12, 31)),
        # ... the month, the day, or both.
        ("2025-XX", "2025, month unknown", "2025، والشهر غير معروف", (2025, 1, 1), (2025, 12, 31)),
        (
            "1985-04-XX",
            "April 1985, day unknown",
            "أبريل 1985، واليوم غير معروف",
            (1985, 4, 1),
            (1985, 4, 30),
        ),
        (
            "1985-XX-XX",
            "1985, month and day unknown",
            "1985، والشهر واليوم غير معروفين",
            (1985, 1, 1),
            (1985, 12, 31),
        ),
        (
            "2024-02-XX",
            "February 2024, day unknown",
            "فبراير 2024، واليوم غير معروف",
            (2024, 2, 1),
            (2024, 2, 29),
        ),
    ],
)
def test_unspecified_digits_are_shown_honestly_and_sorted_by_their_bounds(
    text: str, shown: str, arabic: str, earliest: tuple, latest: tuple
) -> None:
    date = parse_date(text)
    assert show_date(date, "en") == shown
    assert show_date(date, "ar") == arabic
    assert (date.earliest, date.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "shown"),
    [("02XX", "the 200s CE"), ("201X", "the 2010s"), ("00XX", "1 BCE – 99 CE")],
)
def test_unspecified_small_ce_years_are_marked_in_a_story_with_bce_dates(
    text: str, shown: str
) -> None:
    assert show_date(parse_date(text), "en", mark_ce=True) == shown


def test_unspecified_digits_sort_by_their_earliest_day() -> None:
    texts = ["2025-03-05", "2025-XX", "201X", "02XX", "-00XX", "0250", "1985-04-XX", "1985-04-02"]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    assert ordered == [
        "-00XX",
        "02XX",
        "0250",
        "1985-04-XX",
        "1985-04-02",
        "201X",
        "2025-XX",
        "2025-03-05",
    ]


def test_unspecified_digits_have_no_html_datetime_finer_than_known() -> None:
    assert parse_date("2025-XX").iso() == "2025"
    assert parse_date("1985-04-XX").iso() == "1985-04"
    assert parse_date("02XX").iso() == ""  # ISO 8601-1 and HTML cannot say "the 200s"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2X25", "'2X25' has an unspecified digit (X) where EDTF level 1 does not allow one"),
        ("XXXX-12", "where EDTF level 1 does not allow one"),
        ("201X-05", "where EDTF level 1 does not allow one"),
        (
            "1XXX",
            'more than the last two digits of the year unspecified; write the span as a range: "1000/1999"',
        ),
        ("-1XXX", '"-1999/-1000"'),
        ("02XX~", 'write "02XX"'),
        ("201x", 'capital X, so write "201X"'),
        ("2025-13-XX", "no month 13"),
    ],
)
def test_unspecified_digits_edtf_level_1_does_not_allow_say_why(text: str, reason: str) -> None:
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert reason in str(error.value)


def test_small_ce_years_are_bare_in_a_story_without_bce_dates() -> None:
    assert show_date(parse_date("0121~"), "en") == "c. 121"
    assert show_date(parse_date("-0001/0001"), "en") == "2 BCE – 1 CE"


import edtf  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

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
)


def library_bounds(text: str) -> tuple[object, object] | str:
    """The edtf library's strict bounds (None at an open end), or the name of its error."""
    try:
        parsed = edtf.parse_edtf(text)
        ends = []
        for bound in (parsed.lower_strict, parsed.upper_strict):
            try:
                ends.append(tuple(bound()[:3]))
            except TypeError:  # an open end: the library's bound is infinite
                ends.append(None)
    except Exception as error:
        return type(error).__name__
    return ends[0], ends[1]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=simple_dates)
def test_the_grammar_reads_everyday_dates_as_the_edtf_library_does(text: str) -> None:
    """The edtf library is the reference: explainer's grammar accepts the everyday forms it
    accepts, over the same days. One difference is deliberate: the library reads a range
    that ends before it starts; explainer says so."""
    expected = library_bounds(text)
    try:
        date = parse_date(text)
    except DateError as error:
        assert isinstance(expected, str) or "before it starts" in str(error), (
            f"{text} refused, the library reads {expected}"
        )
        return
    assert not isinstance(expected, str), f"{text} read, the library refuses it ({expected})"
    lower, upper = expected
    assert lower in (None, date.earliest) and upper in (None, date.latest)
    assert (lower, upper) != (None, None)


# ---- A build with unspecified digits and BCE dates ----------------------------------------

OLD_STORY = """\
story:
  title: Old things
  summary: Some things happened long ago.
actors:
  - id: scribe
    name: A scribe
    kind: person
events:
  - id: letters
    date: "2025-XX"
    title: Letters are found
    participants: [{actor: scribe, role: party}]
    sources: [chronicle]
  - id: temple
    date: "02XX"
    title: A temple is built
    participants: [{actor: scribe, role: party}]
    sources: [chronicle]
  - id: coins
    date: "-00XX"
    title: Coins are struck
    participants: [{actor: scribe, role: party}]
    sources: [chronicle]
  - id: visit
    date: "0121~"
    title: An emperor visits
    participants: [{actor: scribe, role: party}]
    sources: [chronicle]
sources:
  - id: chronicle
    title: A chronicle
    date: "1985-04-XX"
"""


def test_a_story_with_unspecified_digits_builds_in_order_with_honest_dates(story_file) -> None:

    compiled = compile_story(story_file(OLD_STORY))
    timeline = compiled.pages["timeline.md"]
    list_part = timeline[timeline.index("</figure>") :]
    # Oldest first by the earliest day each may be; each heading is the event's own span.
    headings = re.findall(r'<h2 id="[^"]+" class="xp-year">(.*?)<a class="headerlink"', list_part)
    assert headings == ["100–1 BCE", "121 CE", "the 200s CE", "2025"]
    for shown in ("100–1 BCE", "c. 121 CE", "the 200s CE", "2025, month unknown"):
        assert f">{shown}</time>" in list_part
    # The chart draws each over its span and names it as the list does.
    chart = timeline[: timeline.index("</figure>")]
    assert '">A temple is built, the 200s CE</title>' in chart  # the mark's name
    assert '">Coins are struck, 100–1 BCE</title>' in chart
    assert "April 1985, day unknown" in compiled.pages["sources.md"]

    files = data_files(SiteUrls(compiled.catalog, compiled.layout))
    events = {e["id"]: e for e in json.loads(files[STORY_JSON])["events"]}
    assert events["temple"]["date"] == {
        "edtf": "02XX",
        "text": "the 200s CE",
        "kind": "point",
        "start": "0200",
        "end": "0299",
        "earliest": "0200-01-01",
        "latest": "0299-12-31",
    }
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files[EVENTS_CSV].lstrip("\ufeff")))}
    # (A cell starting with '-' is kept as text with an apostrophe: data_files._FORMULA_START.)
    assert (rows["coins"]["date"], rows["coins"]["start"], rows["coins"]["end"]) == (
        "'-00XX",
        "'-0099",
        "0000",
    )
    assert (rows["letters"]["date_text"], rows["letters"]["start"]) == (
        "2025, month unknown",
        "2025",
    )
    slides = {s["unique_id"]: s for s in json.loads(files[TIMELINE_JSON])["events"]}
    assert (slides["temple"]["start_date"], slides["temple"]["end_date"]) == (
        {"year": "200"},
        {"year": "299"},
    )
