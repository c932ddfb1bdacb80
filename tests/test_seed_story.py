"""The seed story (events.yaml) models the Doha article completely and faithfully."""

from __future__ import annotations

import re

import pytest

from explainer.catalog.crossref import Catalog
from explainer.i18n.dates import show_date
from explainer.pipeline.compile import check_story
from tests.conftest import ARTICLE, SEED

# Every person and body the article names, as it names them.
NAMED_IN_ARTICLE = [
    "Hamas",
    "Donald Trump",
    "Adam Boehler",
    "Axios",
    "Qatar",
    "Joe Biden",
    "Mouin Rabbani",
    "Iran",
    "Netanyahu",
    "Edan Alexander",
    "Wall Street Journal",
    "Sagui Dekel Chen",
    "White House",
    "Israel",
    "Ofir Akunis",
    "Fox News",
    "Truth Social",
    "Abd al-Latif al-Qanou",
    "Telegram",
    "Egypt",
    "Hazam Qassem",
    "White House press secretary",
]
GARBAGE = ["Ìý", "´¡³æ¾±´Ç²õ", "â€", "Ã", "\u00a0"]


@pytest.fixture(scope="module")
def seed() -> Catalog:
    return check_story(SEED).catalog


def names(catalog: Catalog) -> dict[str, str]:
    table = {a.name: a.id for a in catalog.actors.values()}
    table.update({alias: a.id for a in catalog.actors.values() for alias in a.aliases})
    return table


@pytest.mark.parametrize("name", NAMED_IN_ARTICLE)
def test_every_named_person_and_body_is_an_actor(seed: Catalog, name: str) -> None:
    assert name in names(seed)


def test_no_encoding_garbage() -> None:
    text = SEED.read_text(encoding="utf-8")
    for garbage in GARBAGE:
        assert garbage not in text


@pytest.mark.parametrize(
    ("event_id", "date", "why"),
    [
        ("white-house-confirms-talks", "5 March 2025", "'on Wednesday'"),
        ("trump-last-warning", "5 March 2025", "'hours after the news broke'"),
        ("ceasefire-first-phase-ends", "2 March 2025", "'ended on Sunday'"),
        ("hamas-rejects-threats", "6 March 2025", "al-Qanou 'on Thursday'"),
        ("hamas-confirms-mediation", "6 March 2025", "'Hamas confirmed on Thursday'"),
        ("february-talks", "February 2025", "'in February', no day given"),
        ("us-designates-hamas", "1997", "'since 1997', no month given"),
    ],
)
def test_relative_days_resolved_against_the_article(
    seed: Catalog, event_id: str, date: str, why: str
) -> None:
    assert show_date(seed.events[event_id].date, "en") == date, why


@pytest.mark.parametrize("event_id", ["february-talks", "dekel-chen-release", "doha-talks"])
def test_what_the_article_calls_reported_stays_reported(seed: Catalog, event_id: str) -> None:
    assert seed.events[event_id].status == "reported"


def test_every_event_has_a_date_actors_and_sources(seed: Catalog) -> None:
    for event in seed.timeline:
        assert event.participants, event.id
        assert event.sources, event.id


def test_every_outlet_the_article_cites_is_a_source(seed: Catalog) -> None:
    outlets = {s.outlet.id for s in seed.sources.values() if s.outlet}
    assert {"axios", "wall-street-journal", "fox-news", "truth-social", "telegram"} <= outlets


def repaired_article() -> str:
    text = ARTICLE.read_text(encoding="utf-8")
    text = text.replace("´¡³æ¾±´Ç²õ", "Axios").replace("Ìý", " ")
    return re.sub(r" +", " ", text)


@pytest.mark.skipif(
    not ARTICLE.exists(), reason="the seed article (../shared) is not beside this checkout"
)
def test_every_quote_is_verbatim_from_the_article(seed: Catalog) -> None:
    article = repaired_article()
    quotes = [q for e in seed.timeline for q in e.quotes]
    assert len(quotes) >= 10
    for quote in quotes:
        assert quote.text in article, quote.text


def test_the_seed_story_records_its_own_update_and_correction(seed: Catalog) -> None:
    # Both are this file's history, not news: the authors of two posts were added on
    # 30 November 2026, and Edan Alexander's description was corrected on 26 November.
    changes = [(c.kind, c.date.text, c.record and c.record.id) for c in seed.changes]
    assert changes == [
        ("updated", "2026-11-30", None),
        ("corrected", "2026-11-26", "edan-alexander"),
        ("added", "2025-03", None),
    ]
    description = seed.actors["edan-alexander"].description
    assert description is not None and "living" not in description.text
    assert {s.author.text for s in seed.sources.values() if s.author} >= {
        "donald-trump",
        "abd-al-latif-al-qanou",
    }
