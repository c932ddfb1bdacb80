"""The words the generated pages use, in the story's language.

Each language has a table in `words/<language>.yaml` whose keys are the English text
(as gettext's message ids are): a missing key, or a missing table, falls back to English,
so an incomplete translation still gives a working site. A value with plural forms is a
mapping of CLDR plural categories (zero, one, two, few, many, other); Babel says which
category a number takes in each language (Arabic uses all six).

Numbers are written in the digits CLDR gives as the language's default: Latin digits for
`ar`, Arabic-Indic ones for `ar-EG` or `ar-SA`, Persian ones for `fa`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml

from explainer.story.language import DEFAULT_LANGUAGE, locale

#: The digit zero of each CLDR numbering system that is a run of ten Unicode decimal
#: digits, for the systems CLDR makes a default (a test checks each run with unicodedata).
#: A system not listed here is written with Latin digits.
ZERO_DIGIT = {
    "arab": "\u0660",  # Arabic-Indic: Egypt, Saudi Arabia, Iraq…
    "arabext": "\u06f0",  # Extended Arabic-Indic: Persian, Pashto, Urdu in India
    "beng": "\u09e6",  # Bengali
    "deva": "\u0966",  # Devanagari: Marathi, Nepali
    "mymr": "\u1040",  # Myanmar
    "tibt": "\u0f20",  # Tibetan: Dzongkha
}

Table = Mapping[str, Any]


@functools.cache
def _table(language: str) -> Table:
    """The translation table of `language` (a bare language code), empty if none."""
    source = resources.files("explainer.i18n") / "words" / f"{language}.yaml"
    if not source.is_file():
        return {}
    table = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    assert isinstance(table, dict), f"{source} must be a mapping"
    return table


class Words:
    """Translations, plurals and digits for one language (a BCP 47 tag)."""

    def __init__(self, tag: str = DEFAULT_LANGUAGE):
        self.tag = tag
        self.locale = locale(tag)
        # Most specific first: 'ar-EG' looks in ar-EG.yaml, then ar.yaml, then English.
        tables = (
            [f"{self.locale.language}-{self.locale.territory}"] if self.locale.territory else []
        )
        self.tables = [_table(name) for name in [*tables, self.locale.language, "en"]]
        system = self.locale.default_numbering_system
        zero = ZERO_DIGIT.get(system)
        self._digits = (
            str.maketrans("0123456789", "".join(chr(ord(zero) + i) for i in range(10)))
            if zero
            else None
        )
        #: English texts asked for that no table of this language has (for the tests).
        self.missing: set[str] = set()

    @property
    def is_english(self) -> bool:
        return self.locale.language == "en"

    def _lookup(self, key: str) -> Any:
        for i, table in enumerate(self.tables):
            if key in table:
                if i == len(self.tables) - 1 and not self.is_english:
                    self.missing.add(key)
                return table[key]
        if not self.is_english:
            self.missing.add(key)
        return None

    def __call__(self, text: str, /, **values: object) -> str:
        """`text` in this language, with {name} placeholders filled in."""
        found = self._lookup(text)
        template = found if isinstance(found, str) else text
        return template.format(**values) if values else template

    def count(self, number: int, text: str, /, **values: object) -> str:
        """A text about `number` things in the plural form this language gives it:
        count(3, '{count} events') → '3 events'; in Arabic '3 أحداث'."""
        found = self._lookup(text)
        forms: Mapping[str, str] = found if isinstance(found, Mapping) else {"other": text}
        category = self.locale.plural_form(number)
        template = forms.get(category) or forms["other"]
        return template.format(count=self.number(number), **values)

    def number(self, value: int | str) -> str:
        """`value` (a number, or text with digits such as a formatted date) written in the
        language's own digits. No grouping: years and counts read best as they are."""
        text = str(value)
        return text.translate(self._digits) if self._digits else text


@functools.cache
def words_for(tag: str) -> Words:
    return Words(tag)


ENGLISH = words_for("en")
