"""Languages, scripts and writing direction, from CLDR's data (through Babel).

A story names its language with a BCP 47 tag (`ar`, `pt-BR`); Babel knows which tags
exist, which way each language is written, which digits it uses and its plural rules.
This module also tells which script a name is written in, so that a name in another
script than the page's can carry its own `lang` and `dir`.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter

import babel
from babel.core import get_global

#: The language of a story that does not say.
DEFAULT_LANGUAGE = "en"
DIRECTIONS = ("ltr", "rtl")


class LanguageError(ValueError):
    """A language tag Babel (CLDR) does not know; the message suggests one it does."""


@functools.cache
def locale(tag: str) -> babel.Locale:
    """The CLDR locale for a BCP 47 tag ('ar', 'ar-EG', 'zh-Hant'); raises LanguageError."""
    try:
        return babel.Locale.parse(tag, sep="-")
    except (ValueError, babel.UnknownLocaleError) as exc:
        raise LanguageError(f"'{tag}' is not a language tag CLDR knows") from exc


def check_tag(tag: str) -> str:
    """`tag` in BCP 47's usual case ('AR-eg' → 'ar-EG') if it names a language CLDR knows;
    else raises LanguageError."""
    locale(tag)
    return _usual_case(tag)


def _usual_case(tag: str) -> str:
    # BCP 47 writes the language in lowercase, a region in capitals, a script in title case.
    parts = tag.strip().replace("_", "-").split("-")
    return "-".join(
        [parts[0].lower()] + [p.upper() if len(p) in (2, 3) else p.title() for p in parts[1:]]
    )


def suggest_tag(text: str) -> str | None:
    """The tag someone most likely meant: 'Arabic' → 'ar', 'ar_EG' → 'ar-EG', 'AR' → 'ar'."""
    cased = _usual_case(text)
    if cased != text:
        try:
            return check_tag(cased)
        except LanguageError:
            pass
    return _tags_by_name().get(text.strip().casefold())


@functools.cache
def _tags_by_name() -> dict[str, str]:
    """Language names in English and in themselves ('arabic', 'العربية') → their tag."""
    names: dict[str, str] = {}
    english = babel.Locale("en")
    for code in english.languages:
        if not isinstance(code, str) or "_" in code:
            continue
        try:
            own = babel.Locale.parse(code)
        except (ValueError, babel.UnknownLocaleError):
            continue
        names.setdefault(english.languages[code].casefold(), code)
        if own.display_name:
            names.setdefault(own.display_name.casefold(), code)
    return names


def text_direction(tag: str) -> str:
    """'rtl' for languages written right to left (Arabic, Hebrew, Persian, Urdu…)."""
    return "rtl" if locale(tag).character_order == "right-to-left" else "ltr"


# --- Scripts ------------------------------------------------------------------------------

#: ISO 15924 code of a letter's script, from the first word of its Unicode name. Python's
#: unicodedata has no script property; the names of letters start with their script for
#: every script a news story is likely to quote. Letters of other scripts count as unknown.
_SCRIPT_BY_NAME_PREFIX = {
    "LATIN": "Latn",
    "ARABIC": "Arab",
    "HEBREW": "Hebr",
    "SYRIAC": "Syrc",
    "THAANA": "Thaa",
    "NKO": "Nkoo",
    "CYRILLIC": "Cyrl",
    "GREEK": "Grek",
    "ARMENIAN": "Armn",
    "GEORGIAN": "Geor",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "GURMUKHI": "Guru",
    "GUJARATI": "Gujr",
    "TAMIL": "Taml",
    "TELUGU": "Telu",
    "KANNADA": "Knda",
    "MALAYALAM": "Mlym",
    "SINHALA": "Sinh",
    "THAI": "Thai",
    "LAO": "Laoo",
    "MYANMAR": "Mymr",
    "KHMER": "Khmr",
    "TIBETAN": "Tibt",
    "ETHIOPIC": "Ethi",
    "HANGUL": "Kore",
    "HIRAGANA": "Jpan",
    "KATAKANA": "Jpan",
    "CJK": "Hani",
}


def script_of(text: str) -> str | None:
    """The ISO 15924 script most of the letters of `text` are written in, if known."""
    scripts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            prefix = unicodedata.name(char, "").split(" ", 1)[0]
            script = _SCRIPT_BY_NAME_PREFIX.get(prefix)
            if script:
                scripts[script] += 1
    return scripts.most_common(1)[0][0] if scripts else None


@functools.cache
def _likely(tag: str) -> str:
    """CLDR's likely subtags: 'und_Arab' → 'ar_Arab_EG', 'en' → 'en_Latn_US'."""
    likely = get_global("likely_subtags")
    return str(likely.get(tag, tag))


def script_of_language(tag: str) -> str | None:
    """The script a language is usually written in: 'ar' → 'Arab', 'sr-Latn' → 'Latn'."""
    loc = locale(tag)
    if loc.script:
        return loc.script
    parts = _likely(loc.language).split("_")
    return parts[1] if len(parts) > 1 else None


def language_of_script(script: str) -> str | None:
    """The language most often written in `script` (CLDR): 'Arab' → 'ar', 'Hebr' → 'he'."""
    likely = _likely(f"und_{script}")
    if likely.startswith("und"):
        # CLDR leaves out the script of its overall likeliest language: 'und' → en_Latn_US.
        likely = _likely("und")
        if likely.split("_")[1:2] != [script]:
            return None
    return likely.split("_")[0]


#: Writing systems that include Han ideographs (script_of calls those 'Hani'), and
#: Japanese, whose kana script_of calls 'Jpan'.
_ALSO_WRITES: dict[str | None, tuple[str, ...]] = {
    "Hans": ("Hani",),
    "Hant": ("Hani",),
    "Jpan": ("Hani",),
    "Kore": ("Hani",),
}


@functools.cache
def foreign_name(name: str, page_language: str) -> tuple[str, str] | None:
    """(lang, dir) for a name written in another script than the page's language, so that
    screen readers pronounce it in its own language and it reads in its own direction;
    None when the name is in the page's own script (or its script is not known)."""
    script = script_of(name)
    page_script = script_of_language(page_language)
    if script is None or script == page_script or script in _ALSO_WRITES.get(page_script, ()):
        return None
    language = language_of_script(script)
    if language is None:
        return None
    return language, text_direction(language)
