"""Small helpers for writing SVG by hand: escaping, numbers, text width estimates.

Every piece of story text that reaches an SVG goes through `text()` (element content) or
`attr()` (attribute values), so a name such as `<script>` stays text.
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
import unicodedata

#: Advance of a character at 1px font size, by class, a little above what the usual sans
#: serifs give (Arial, Helvetica, Liberation Sans, Roboto; measured in Chromium), so that
#: a label's estimated box is never smaller than its text: a label never overlaps another
#: in the browser, whatever its letters, and the same text always gets the same estimate.
NARROW, REGULAR, CAPITAL, WIDE, DOUBLE = 0.34, 0.6, 0.78, 0.98, 1.1
_NARROW = frozenset(" .,:;'’!|()[]ijlrtfI-")
_WIDE = frozenset("mwMW@%—…")
#: Every character from CJK radicals on takes a full em.
_DOUBLE_FROM = 0x2E80
#: Kept for code that needs one average figure (legends, the period chart).
CHAR_WIDTH = REGULAR


def char_width(char: str) -> float:
    if char in _NARROW:
        return NARROW
    if char in _WIDE:
        return WIDE
    if ord(char) >= _DOUBLE_FROM:
        return DOUBLE
    if char.isupper():
        return CAPITAL
    return REGULAR


class _Advances(dict[str, float]):
    """Each character's advance, worked out the first time it is met (a story uses a few
    hundred characters; its charts measure millions)."""

    def __missing__(self, char: str) -> float:
        width = self[char] = char_width(char)
        return width


_ADVANCES = _Advances()


def text(value: str) -> str:
    return html.escape(value, quote=False)


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def opening(
    chart_id: str,
    css_class: str,
    width: str | int,
    height: str | int,
    title: str,
    description: str,
    *,
    with_id: bool = False,
) -> list[str]:
    """The opening of an accessible chart: an <svg> named by its <title> and described by
    its <desc>, their ids made from `chart_id` ("_": never a story id); `with_id` gives the
    <svg> itself that id."""
    title_id, desc_id = f"{chart_id}_title", f"{chart_id}_desc"
    own = f'id="{chart_id}" ' if with_id else ""
    return [
        f'<svg {own}class="{css_class}" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{text(title)}</title>',
        f'<desc id="{desc_id}">{text(description)}</desc>',
    ]


def num(value: float) -> str:
    """A coordinate with at most one decimal, so the same data gives the same file."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def text_width(value: str, font_size: float) -> float:
    """Estimated rendered width of `value` (deterministic: from its characters alone)."""
    return sum(map(_ADVANCES.__getitem__, value)) * font_size


def shorten(value: str, max_width: float, font_size: float) -> str:
    """`value` if it fits in `max_width`, else its longest opening that ends at a word
    boundary, with an ellipsis, that fits; "" when not even the first word does.

    A boundary is a space (in any script that spaces its words) or, in scripts written
    without spaces (Chinese, Japanese), any character; punctuation before the cut goes."""
    if text_width(value, font_size) <= max_width:
        return value
    opening = _opening(value, max_width - text_width("…", font_size), font_size)
    return value[:opening].rstrip().rstrip(",;:–—-") + "…" if opening else ""


def wrap(value: str, max_width: float, font_size: float, lines: int = 2) -> list[str]:
    """`value` in at most `lines` lines of `max_width`, broken at word boundaries, the
    last one shortened if it must be; [] when not even the first word fits."""
    out: list[str] = []
    rest = value.strip()
    while rest and len(out) < lines - 1 and text_width(rest, font_size) > max_width:
        cut = _opening(rest, max_width, font_size)
        if not cut:
            break
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    last = shorten(rest, max_width, font_size) if rest else ""
    return [*out, last] if last else out


def _opening(value: str, max_width: float, font_size: float) -> int:
    """Where the longest opening of `value` that ends at a word boundary and fits in
    `max_width` ends (0: none does)."""
    widths, cuts = _cuts(value)
    # The openings only grow from one cut to the next, so their widths never shrink.
    fitting = bisect.bisect_right(cuts, max_width, key=lambda cut: widths[cut[1]] * font_size)
    return cuts[fitting - 1][0] if fitting else 0


#: Where a text may be cut (never before its first character, nor at its end): before a
#: space (str.isspace's, which is also what \s matches in a str pattern), or after any
#: character of a script written without spaces (from _DOUBLE_FROM on) that is not one.
_BOUNDARY = re.compile(
    r"(?<=.)(?=\s)|(?<=[^\s\x00-" + chr(_DOUBLE_FROM - 1) + r"])(?=.)", re.DOTALL
)


@functools.lru_cache(maxsize=1024)
def _cuts(value: str) -> tuple[tuple[float, ...], tuple[tuple[int, int], ...]]:
    """The width of each opening of `value` at 1px (the sums text_width makes, added in
    the same order, so each is exactly its figure), and where `value` may be cut: (end,
    length of the opening kept, without the space and punctuation before the cut).

    A chart shortens the same title for every lane and side it tries: measured once, each
    try is a binary search instead of a measure of every opening."""
    widths = tuple(itertools.accumulate(map(_ADVANCES.__getitem__, value), initial=0))
    cuts = []
    for boundary in _BOUNDARY.finditer(value):
        end = boundary.start()
        kept = len(value[:end].rstrip().rstrip(",;:–—-"))
        if kept:
            cuts.append((end, kept))
    return widths, tuple(cuts)


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
