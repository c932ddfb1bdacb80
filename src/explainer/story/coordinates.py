"""Latitudes and longitudes as the story writes them (an event's or an actor's
`location`): decimal degrees within their range, with the fix for the ways atlases print
them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from explainer.story.load import Node, Scalar, type_name
from explainer.story.problems import Problems


@dataclass(frozen=True)
class Number:
    """A number from `low` to `high`: a latitude or a longitude, in decimal degrees."""

    low: float
    high: float
    #: What the number is, for messages: "a latitude".
    noun: str
    #: How to write one, for messages: "degrees north are positive, south negative".
    hint: str

    def read(self, node: Node, label: str, problems: Problems) -> float | None:
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, str) and _DEGREES.search(value):
            problems.add(
                node.mark,
                f"{label} is '{value}', written with degrees, minutes or a compass letter",
                f"write decimal degrees as a number: {self.hint}",
            )
            return None
        if not isinstance(value, int | float) or isinstance(value, bool):
            problems.add(
                node.mark,
                f"{label} should be a number, not {_what(node)}",
                f"write decimal degrees without quotes: {self.hint}",
            )
            return None
        if not math.isfinite(value) or not self.low <= value <= self.high:
            assert isinstance(node, Scalar)
            problems.add(
                node.mark,
                f"{label} is {node.text}, but {self.noun} is from {self.low:g} to {self.high:g}",
                self.hint,
            )
            return None
        return float(value)


#: Coordinates written the way atlases print them: 25°17′N, 51 31 52 E, 25.28N.
_DEGREES = re.compile(r"[°º′″'\"]|\d\s*[NSEWnsew]\s*$|^\s*[NSEWnsew]\s*\d")


def _what(node: Node) -> str:
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return f"the text '{node.value[:40]}'"
    return type_name(node)
