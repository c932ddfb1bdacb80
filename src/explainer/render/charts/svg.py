"""Small helpers for writing SVG by hand: escaping, numbers, text width estimates.

Every piece of story text that reaches an SVG goes through `text()` (element content) or
`attr()` (attribute values), so a name such as `<script>` stays text.
"""

from __future__ import annotations

import html
import unicodedata

#: Average advance of a character at 1px font size in the theme's sans-serif (a generous
#: estimate, so that label boxes are never smaller than the text they hold).
CHAR_WIDTH = 0.6


def text(value: str) -> str:
    return html.escape(value, quote=False)


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def num(value: float) -> str:
    """A coordinate with at most one decimal, so the same data gives the same file."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def text_width(value: str, font_size: float) -> float:
    """Estimated rendered width of `value`; wide characters (CJK, emoji) count double."""
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)
    return units * font_size * CHAR_WIDTH


def shorten(value: str, max_width: float, font_size: float) -> str:
    """`value`, cut with an ellipsis to fit `max_width`."""
    if text_width(value, font_size) <= max_width:
        return value
    while value and text_width(value + "…", font_size) > max_width:
        value = value[:-1]
    return value.rstrip() + "…" if value else ""


_FLIPPED = {"start": "end", "end": "start", "middle": "middle"}


def anchored(value: str, anchor: str | None = None) -> str:
    """The attributes that put a label where the layout means it, whichever way it reads.

    Pictures are laid out left to right (the stylesheet keeps their direction ltr, even on
    a right-to-left page). A label whose text starts in a right-to-left script gets
    direction="rtl", so that its words come in their order, and the opposite anchor, since
    in right-to-left text 'start' is the right-hand end: the label stays on the same side
    of its mark. No `anchor` means SVG's default, 'start'."""
    if _first_strong(value) == "rtl":
        return f' text-anchor="{_FLIPPED[anchor or "start"]}" direction="rtl"'
    return f' text-anchor="{anchor}"' if anchor else ""


def _first_strong(value: str) -> str | None:
    # As HTML's dir="auto" decides: by the first letter with a strong direction.
    for char in value:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None
