"""Colours a story declares (a tag's colour), checked against both of the site's palettes.

A tag's colour fills its events' marks in the charts, on the light palette's background and
on the dark one's alike: so it must keep WCAG's 3:1 contrast for graphical objects against
both. A colour that does not is refused with the nearest one that does, found by moving
its OKLCh lightness (the hue the author chose stays; chroma gives way only where sRGB ends)
and taking the candidate closest to it by ΔE OK.
"""

from __future__ import annotations

import functools
import re

from coloraide import Color

#: Material's page backgrounds: the default (light) palette's white and slate's
#: hsl(225deg 15% 14%). The charts draw on these.
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}
#: WCAG 2.1 (1.4.11, non-text contrast): graphical objects need 3:1 against what is next
#: to them.
MINIMUM_CONTRAST = 3.0
HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def normalised(colour: str) -> str:
    """'#B5179E' and '#b19' as the charts write them: '#b5179e', '#bb1199'."""
    digits = colour.lower().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def contrast(a: str, b: str) -> float:
    return float(Color(a).contrast(b, method="wcag21"))


def weakest(colour: str) -> tuple[str, float]:
    """The palette whose background `colour` contrasts least with, and that ratio."""
    return min(((p, contrast(colour, bg)) for p, bg in BACKGROUNDS.items()), key=lambda x: x[1])


def passes(colour: str) -> bool:
    return weakest(colour)[1] >= MINIMUM_CONTRAST


@functools.cache
def nearest_passing(colour: str) -> str:
    """The colour closest to `colour` (ΔE OK) that keeps 3:1 against both backgrounds."""
    original = Color(colour)
    _, chroma, hue = original.convert("oklch").coords(nans=False)  # lightness is what moves
    best: tuple[float, str] | None = None
    for step in range(201):
        candidate = Color("oklch", [step / 200, chroma, hue]).fit("srgb")
        text = candidate.convert("srgb").to_string(hex=True)
        if len(text) == 4:  # coloraide shortens #aabbcc to #abc
            text = normalised(text)
        if passes(text):
            distance = float(original.delta_e(text, method="ok"))
            if best is None or distance < best[0]:
                best = (distance, text)
    # A mid grey passes against both backgrounds; every hue has some lightness that does.
    return best[1] if best else "#808080"
