"""The rules for ids: their shape, the names they cannot take, and the id meant by text
that is not one.

Ids become file names and page addresses, so they are lowercase ASCII letters, digits and
single hyphens. An id that breaks the rule is explained precisely (an invisible
character, a letter from another script that looks like an ASCII one, a slash) and the
reader suggests the id that was probably meant.
"""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: Ids that cannot be page names: 'index' is the folder's own page; the rest are device
#: names that Windows refuses as file names.
RESERVED_IDS = frozenset(
    ["index", "con", "prn", "aux", "nul"]
    + [f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)]
)


def is_id(value: str) -> bool:
    """Whether `value` is shaped like an id (and is not a reserved name)."""
    return bool(ID_PATTERN.fullmatch(value)) and value not in RESERVED_IDS


def id_problem(value: str) -> str:
    """Why `value` cannot be an id ('' if it can). Ids become file names and URLs."""
    if ID_PATTERN.fullmatch(value):
        return "is a reserved name" if value in RESERVED_IDS else ""
    for char in value:
        if unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp") or char == "\x00":
            return f"contains an invisible character ({_describe(char)})"
    for char in value:
        if char.isalpha() and not char.isascii():
            base = _ascii_lookalike(char)
            looks = f", which looks like '{base}'" if base else ""
            return f"contains {_describe(char)}{looks}: ids use plain ASCII letters only"
    if any(c in value for c in "/\\") or value.strip(".") == "":
        return "is not a valid id: ids become page addresses, so no slashes or dots"
    return (
        "is not a valid id: use lowercase letters, digits and single hyphens "
        "(ids become page addresses)"
    )


def suggested_id(value: str) -> str:
    """The id probably meant by `value`, or '' when no valid one can be made from it."""
    suggestion = slugify(value)
    return "" if suggestion in RESERVED_IDS else suggestion


def visible(value: str) -> str:
    """`value` with invisible characters shown as escapes, so a message can point at them."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp") else c
        for c in value
    )


def slugify(text: str) -> str:
    """A valid id from any text: 'Adam Boehler' → 'adam-boehler', 'Hamas' → 'hamas'."""
    ascii_text = "".join(c if c.isascii() else _ascii_lookalike(c) for c in text)
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


# Letters from other scripts that look like ASCII ones (the usual homoglyphs in ids pasted
# from elsewhere); used only to suggest the id that was meant.
_LOOKALIKES = str.maketrans("аеорсухіјѕԁӏαοντικ", "aeopcyxijsdlaovtik")


def _ascii_lookalike(char: str) -> str:
    mapped = char.lower().translate(_LOOKALIKES)
    if mapped.isascii():
        return mapped
    return unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
