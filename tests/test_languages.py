"""Stories in other languages and scripts: the story's language, dates and words in it,
names in their own script, and the Arabic example built as a right-to-left site."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from devtools.synthetic import synthetic_story

from explainer.i18n.dates import show_date
from explainer.i18n.words import ZERO_DIGIT, Words, words_for
from explainer.markdown.prose import display_name
from explainer.pipeline.compile import compile_story
from explainer.render.charts import svg
from explainer.render.pages import STATUS_HELP
from explainer.story.dates import parse_date
from explainer.story.model import ACTOR_KINDS, KIND_HEADINGS, KIND_LABELS, ROLES, STATUSES
from tests.conftest import MINIMAL, ROOT
from tests.test_site import build, make_project, page

ARABIC_EXAMPLE = ROOT / "examples" / "arabic"


def with_story_keys(extra: str) -> str:
    return MINIMAL.replace(
        "  summary: Something happened.\n", f"  summary: Something happened.\n{extra}"
    )


# ---- The story's language and direction --------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "language", "direction"),
    [
        ("", "en", "ltr"),
        ("  language: ar\n", "ar", "rtl"),
        ("  language: he\n", "he", "rtl"),
        ("  language: fr\n", "fr", "ltr"),
        ("  language: AR-eg\n", "ar-EG", "rtl"),  # written in BCP 47's usual case
        ("  language: ar\n  direction: ltr\n", "ar", "ltr"),  # the author's word wins
    ],
)
def test_the_direction_follows_the_language_unless_the_story_says(
    story_file, keys: str, language: str, direction: str
) -> None:
    story = compile_story(story_file(with_story_keys(keys))).catalog.story
    assert (story.language, story.direction) == (language, direction)


# ---- Dates in the story's language ------------------------------------------------------

DATES = [
    # EDTF, Arabic (CLDR's default digits for 'ar' are Latin), Egyptian Arabic (Arabic-Indic)
    ("2025-03-05", "5 مارس 2025", "٥ مارس ٢٠٢٥"),
    ("2025-03", "مارس 2025", "مارس ٢٠٢٥"),
    ("1997", "1997", "١٩٩٧"),
    ("2025-02~", "نحو فبراير 2025", "نحو فبراير ٢٠٢٥"),
    ("2025-02?", "فبراير 2025 (غير مؤكد)", "فبراير ٢٠٢٥ (غير مؤكد)"),
    ("2025-03-05/2025-03-09", "5–9 مارس 2025", "٥–٩ مارس ٢٠٢٥"),
    ("2025-01-19/2025-03-02", "19 يناير – 2 مارس 2025", "١٩ يناير – ٢ مارس ٢٠٢٥"),
    ("../2025-03-02", "حتى 2 مارس 2025", "حتى ٢ مارس ٢٠٢٥"),
    ("2025-01/..", "منذ يناير 2025، ولا يزال مستمرًا", "منذ يناير ٢٠٢٥، ولا يزال مستمرًا"),
    ("-0043-03-15", "15 مارس 44 ق.م", "١٥ مارس ٤٤ ق.م"),
]


@pytest.mark.parametrize(("text", "arabic", "egyptian"), DATES)
def test_dates_in_arabic(text: str, arabic: str, egyptian: str) -> None:
    date = parse_date(text)
    assert show_date(date, "ar") == arabic
    assert show_date(date, "ar-EG") == egyptian


@pytest.mark.parametrize(
    ("text", "arabic"),
    [
        ("0121~", "نحو 121 م"),
        ("0121-03-05", "5 مارس 121 م"),
        ("0120/0125", "120 م – 125 م"),
        ("-0043", "44 ق.م"),
        ("2025-03-05", "5 مارس 2025"),
    ],
)
def test_small_ce_years_are_marked_in_arabic_in_a_story_with_bce_dates(
    text: str, arabic: str
) -> None:
    assert show_date(parse_date(text), "ar", mark_ce=True) == arabic


def test_english_dates_are_the_house_style_whatever_the_path() -> None:
    date = parse_date("2025-03-05")
    assert show_date(date, "en") == "5 March 2025"
    # Every English tag gets the house style (issue 10: the pages of an en-US story used
    # CLDR's "March 5, 2025" while its chart used the house style).
    assert show_date(date, "en-US") == show_date(date, "en-GB") == "5 March 2025"


def test_an_en_us_storys_pages_and_chart_show_dates_alike(story_file) -> None:
    pages = compile_story(story_file(with_story_keys("  language: en-US\n"))).pages
    timeline = pages["timeline.md"]
    assert "<svg" in timeline  # the chart is on the page, with the list below it
    assert "Alice meets, 5 March 2025" in timeline  # the chart's mark
    assert ">5 March 2025</time>" in timeline  # the list
    assert ">5 Mar 2025<" in timeline  # the axis, to the day for a story of one day
    assert "March 5" not in timeline


# ---- Words, plurals and digits ------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "arabic"),
    [
        (0, "لا أحداث"),
        (1, "حدث واحد"),
        (2, "حدثان"),
        (3, "3 أحداث"),
        (11, "11 حدثًا"),
        (100, "100 حدث"),
    ],
)
def test_counts_take_the_arabic_plural_form(count: int, arabic: str) -> None:
    assert Words("ar").count(count, "{count} events") == arabic


def test_english_counts_and_missing_translations_fall_back_to_english() -> None:
    english, welsh = Words("en"), Words("cy")  # no Welsh table: English words, Welsh rules
    assert english.count(1, "{count} events") == "1 event"
    assert english.count(2, "{count} events") == "2 events"
    assert welsh("Timeline") == "Timeline"
    assert welsh.missing == {"Timeline"}


@pytest.mark.parametrize("system", sorted(ZERO_DIGIT))
def test_each_digit_table_is_ten_unicode_digits(system: str) -> None:
    zero = ord(ZERO_DIGIT[system])
    assert [unicodedata.digit(chr(zero + i)) for i in range(10)] == list(range(10))


def test_numbers_use_the_locale_default_digits() -> None:
    assert Words("ar").number(2025) == "2025"
    assert Words("ar-EG").number(2025) == "٢٠٢٥"
    assert Words("fa").number(2025) == "۲۰۲۵"


def test_the_arabic_table_translates_every_text_the_pages_use(story_file) -> None:
    words = words_for("ar")
    compile_story(ARABIC_EXAMPLE / "events.yaml")
    # A big story's pages too: timeline periods, actors listed a kind at a time, events
    # told in full on their timeline page; and every kind of actor, role and status.
    big = synthetic_story(events=1_200, actors=200).replace(
        "story:\n", "story:\n  language: ar\n", 1
    )
    compile_story(story_file(big))
    for kind in ACTOR_KINDS:
        words(KIND_LABELS[kind]), words(KIND_HEADINGS[kind])
    for role in ROLES:
        words(role.capitalize()), words(role)
    for status in STATUSES:
        words(status.capitalize()), words(STATUS_HELP[status])
    assert words.missing == set()


def test_translations_have_the_placeholders_of_their_english_text() -> None:
    table = Words("ar").tables[0]
    for english, arabic in table.items():
        forms = arabic.values() if isinstance(arabic, dict) else [arabic]
        for form in forms:
            assert set(re.findall(r"\{\w+\}", form)) <= set(re.findall(r"\{\w+\}", english)), (
                english
            )


# ---- Names in their own script ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "page", "markdown"),
    [
        ("حماس", "en", '<bdi lang="ar" dir="rtl">حماس</bdi>'),
        ("שלום", "en", '<bdi lang="he" dir="rtl">שלום</bdi>'),
        ("Путин", "en", '<bdi lang="ru" dir="ltr">Путин</bdi>'),
        ("Marta Rossi", "ar", '<bdi lang="en" dir="ltr">Marta Rossi</bdi>'),
        ("Hamas", "en", "Hamas"),
        ("東京", "ja", "東京"),
        ("حماس", "ar", "<bdi>حماس</bdi>"),  # isolated, in the page's own language
    ],
)
def test_a_name_in_another_script_carries_its_language_and_direction(
    name: str, page: str, markdown: str
) -> None:
    assert display_name(name, page) == markdown


def test_an_alias_in_its_own_script_is_marked_on_the_actor_page(story_file) -> None:
    story = MINIMAL.replace("    kind: person\n", '    kind: person\n    aliases: ["حماس"]\n')
    actor_page = compile_story(story_file(story)).pages["actors/alice.md"]
    assert '<span class="xp-alias" lang="ar" dir="rtl">حماس</span>' in actor_page


def test_a_right_to_left_label_keeps_its_side_of_the_mark() -> None:
    # Anchored at its start (right of a node): in right-to-left text the start is the
    # right-hand end, so the anchor flips to keep the label where the layout put it.
    assert svg.anchored("سلمى الحداد", "start") == ' text-anchor="end" direction="rtl"'
    assert svg.anchored("سلمى الحداد", "middle") == ' text-anchor="middle" direction="rtl"'
    assert svg.anchored("Marta Rossi", "end") == ' text-anchor="end"'
    assert svg.anchored("Marta Rossi") == ""


# ---- The Arabic example, built with MkDocs ------------------------------------------------


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("arabic") / "arabic"
    shutil.copytree(ARABIC_EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.e2e
def test_the_arabic_example_is_a_right_to_left_arabic_site(arabic_site: Path) -> None:
    home = page(arabic_site, ".")
    assert '<html lang="ar" dir="rtl"' in home
    assert '<body dir="rtl"' in home
    assert "آخر الأحداث" in home  # "Latest events"
    assert "3 فبراير 2025" in home  # an Arabic month name, CLDR's Latin digits for 'ar'
    about = page(arabic_site, "about")
    assert "6 جهات، 5 أحداث، مصدران" in about  # counts in their Arabic plural forms
    event = page(arabic_site, "events/council-debate")
    assert '<bdi lang="en" dir="ltr">Marta Rossi</bdi>' in event
    assert 'aria-label="أحداث أخرى"' in event  # "Other events"
    timeline = page(arabic_site, "timeline")
    assert re.search(
        r'<text class="xp-band-label"[^>]* text-anchor="end" direction="rtl">', timeline
    )


@pytest.mark.e2e
def test_mkdocs_yml_language_wins_and_a_contradiction_fails_a_strict_build(
    tmp_path: Path,
) -> None:
    story = (ARABIC_EXAMPLE / "events.yaml").read_text(encoding="utf-8")
    project = make_project(tmp_path / "site", story)  # the seed's mkdocs.yml says language: en
    result = build(project)
    assert result.returncode != 0
    assert "theme.language: en, but the story's language is 'ar'" in result.stderr
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  language: en\n", ""), encoding="utf-8"
    )
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert '<html lang="ar" dir="rtl"' in page(project / "site", ".")


@pytest.mark.e2e
def test_an_english_story_stays_a_left_to_right_english_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", MINIMAL)
    assert build(project).returncode == 0
    home = page(project / "site", ".")
    assert '<html lang="en" dir="ltr"' in home
