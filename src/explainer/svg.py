"""Small helpers for writing SVG by hand: escaping, numbers, text width estimates.

Every piece of story text that reaches an SVG goes through `text()` (element content) or
`attr()` (attribute values), so a name such as `<script>` stays text.
"""

from __future__ import annotations

import html

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
