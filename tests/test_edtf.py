"""Conformance: every example of EDTF levels 0 and 1 and the level 2 forms explainer reads
(tests/edtf_cases.py) is accepted, shown in English and Arabic, and sorted by its bounds;
every malformed variant is refused with a message that says what EDTF expects, located in
events.yaml."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.i18n.dates import show_date
from explainer.pipeline.compile import check_story
from explainer.story.dates import DATE_SHAPE, DateError, parse_date
from explainer.story.edtf_grammar import EDTF, parse
from explainer.story.grammar import Failure, GrammarError, Node
from explainer.story.problems import StoryError
from tests.edtf_cases import FORMS, MALFORMED, UNSUPPORTED


@pytest.mark.parametrize(
    ("level", "text", "english", "arabic", "earliest", "latest"),
    FORMS,
    ids=[form[1] for form in FORMS],
)
def test_every_form_is_read_shown_and_bounded(
    level: int, text: str, english: str, arabic: str, earliest: tuple, latest: tuple
) -> None:
    date = parse_date(text)
    assert show_date(date, "en") == english
    assert show_date(date, "ar") == arabic
    assert (date.earliest, date.latest) == (earliest, latest)


def test_the_table_holds_every_specification_example_of_levels_0_and_1() -> None:
    # The specification's examples: 13 at level 0 and 35 at level 1 (its extended
    # intervals count one example each).
    assert [level for level, *_ in FORMS].count(0) == 13
    assert [level for level, *_ in FORMS].count(1) == 35


def test_forms_sort_by_their_earliest_day_then_their_latest() -> None:
    texts = [text for _, text, *_ in FORMS]
    by_bounds = sorted(FORMS, key=lambda form: (form[4], form[5]))
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    # Equal bounds may come in any order; the bounds themselves must be in order.
    assert [parse_date(t).earliest for t in ordered] == [form[4] for form in by_bounds]
    # And across the eras: Caesar's birth before the Great Fire, a season in its year.
    keys = {t: parse_date(t).sort_key for t in texts}
    assert keys["[-0099-07-12,-0099-07-13]"] < keys["[1667,1668,1670..1672]"]
    assert keys["2001-33"] < keys["2001-21"] < keys["2001-34"] < keys["2001-24"]


def test_the_caesar_example_reads_as_a_historian_writes_it() -> None:
    assert show_date(parse_date("[-0099-07-12,-0099-07-13]"), "en") == "12 or 13 July 100 BCE"


@pytest.mark.parametrize(
    ("text", "message", "schema_refuses"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_dates_say_what_edtf_expects(
    text: str, message: str, schema_refuses: bool
) -> None:
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert message in str(error.value)


@pytest.mark.parametrize(("text", "message"), UNSUPPORTED, ids=[u[0] for u in UNSUPPORTED])
def test_level_2_forms_not_read_say_why(text: str, message: str) -> None:
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert message in str(error.value)


def test_bad_dates_are_located_in_the_story_file_all_at_once(story_file) -> None:  # type: ignore[no-untyped-def]
    from tests.test_dates import OLD_STORY

    text = OLD_STORY.replace('"2025-XX"', '"2001-21-05"').replace('"02XX"', '"1985-04-12T24:00"')
    with pytest.raises(StoryError) as error:
        check_story(story_file(text))
    report = str(error.value)
    assert "events.yaml:10:11: the event 'date': '2001-21-05' has a day after a season" in report
    # Where EDTF's grammar stopped: the caret under the "4" of "24:00", in the quoted value.
    assert (
        "events.yaml:15:24: the event 'date': '1985-04-12T24:00' is not an EDTF date: at "
        "character 13 EDTF expects an hour from 00 to 23" in report
    )
    assert '        date: "1985-04-12T24:00"\n' + " " * 27 + "^" in report


# ---- The grammar's three readings and its pattern agree ----------------------------------

_PIECES = [form[1] for form in FORMS] + [text for text, _, _ in MALFORMED]
_CHARS = "0123456789-/.X~?%T:Z+[]{},Y "


def _full_tree(text: str) -> Node | None:
    """The first reading of the complete matcher (every way tried, as a regex does)."""
    for end, nodes in EDTF.matches(text, 0, Failure()):
        if end == len(text):
            return nodes[0]
    return None


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    text=st.one_of(
        st.text(alphabet=_CHARS, max_size=24),
        st.builds(
            lambda piece, i, c: piece[:i] + c + piece[i + 1 :],
            st.sampled_from(_PIECES),
            st.integers(0, 24),
            st.sampled_from([*_CHARS, ""]),
        ),
        st.builds(lambda a, b: f"{a}/{b}", st.sampled_from(_PIECES), st.sampled_from(_PIECES)),
    )
)
def test_the_reader_and_the_schema_pattern_accept_the_same_texts(text: str) -> None:
    """The quick readings (a PEG, and the compiled pattern with groups) give the tree the
    complete matcher gives, and accept exactly what the schema's pattern accepts."""
    text = text.strip()
    expected = _full_tree(text)
    assert (re.fullmatch(DATE_SHAPE, text) is not None) == (expected is not None), text
    if expected is None:
        with pytest.raises(GrammarError):
            parse(text)
    else:
        assert parse(text) == expected
