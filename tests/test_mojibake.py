"""Garbled text from scraped pages: found, located, repaired where possible; clean text left alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

from explainer.pipeline.compile import check_story
from explainer.story.mojibake import find_garbles
from explainer.story.problems import Mark
from tests.conftest import MINIMAL


@pytest.mark.parametrize(
    ("text", "garbled", "repair"),
    [
        # The two forms in the seed article, which ftfy alone does not repair.
        ("reportedlyÌýfocused", "Ìý", " "),
        ("the siege andÌýtighten", "Ìý", " "),
        ("focused, ´¡³æ¾±´Ç²õ said", "´¡³æ¾±´Ç²õ", None),
        # The classic UTF-8-read-as-Windows-1252 forms, which ftfy repairs.
        ("donâ€™t", "donâ€™t", "don’t"),
        ("CafÃ©", "CafÃ©", "Café"),
        ("Ã¼ber", "Ã¼ber", "über"),
        ("â€œquoteâ€\x9d", "â€œquoteâ€\x9d", "“quote”"),
    ],
)
def test_garbled_text_is_found_with_its_repair(text: str, garbled: str, repair: str | None) -> None:
    [found] = [g for g in find_garbles(text) if g.text == garbled]
    assert found.repair == repair
    assert text[found.offset : found.offset + len(garbled)] == garbled


def test_both_garbles_of_the_seed_article_in_one_phrase() -> None:
    found = find_garbles("touched on a deal, ´¡³æ¾±´Ç²õÌýsaid.")
    assert [(g.text, g.repair) for g in found] == [("´¡³æ¾±´Ç²õ", None), ("Ìý", " ")]


@pytest.mark.parametrize(
    "clean",
    [
        "don’t",
        "Café",
        "São Paulo",
        "naïve",
        "¿Qué?",
        "±5°",
        "½ mile",
        "Müller",
        "Ärger Ökonomie Übel",
        "«Bonjour»",
        "حماس",
        "ישראל",
        "Ελλάδα",
        "Zoë Brontë",
        "façade",
        "Nuñez",
        "Æthelred",
        "smørrebrød",
        "Ça va",
        "1 × 2 ÷ 3",
        "© 2025",
        "👋🏽 emoji",
    ],
)
def test_clean_text_is_left_alone(clean: str) -> None:
    assert find_garbles(clean) == []


def test_garbled_text_is_a_located_warning_that_fails_only_strict(story_file) -> None:
    path = story_file(MINIMAL.replace("title: Alice meets", "title: Alice meetsÌýBob"))
    checked = check_story(path)  # a warning does not stop the build
    [warning] = checked.warnings
    assert warning.mark == Mark(11, 23)
    assert "garbled text 'Ìý'" in warning.message
    assert warning.hint == "replace it with a plain space"

    def check(*flags: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "explainer.adapters.cli", "check", *flags, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )

    relaxed = check()
    assert relaxed.returncode == 0
    assert f"{path}:11:23: warning: garbled text 'Ìý'" in relaxed.stderr
    strict = check("--strict")
    assert strict.returncode == 1
    assert "1 warning in strict mode" in strict.stderr
