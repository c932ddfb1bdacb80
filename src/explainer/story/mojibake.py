"""Garbled text pasted from scraped pages ("mojibake"), found and, where possible, repaired.

ftfy recognises the classic forms (UTF-8 read as Windows-1252: `â€™` for ’, `Ã©` for é)
and repairs them. Two forms seen in scraped news pages escape it, so we add rules of our
own: `Ìý`, a non-breaking space mangled twice, and whole words turned into runs of Latin-1
symbols and letters such as `´¡³æ¾±´Ç²õ` (which was "Axios"), which cannot be repaired.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import ftfy
import ftfy.badness

from explainer.story.load import Document, Mapping, Node, Scalar, Sequence, scalars
from explainer.story.problems import Problems

# A non-breaking space decoded through two wrong code pages.
_MANGLED_NBSP = re.compile("Ì[ý\u00a0]")
# Three or more Latin-1 supplement characters in a row, at least two of them symbols or
# superscripts (¡ ´ ³ ± ² ¾ …): real words in Latin-script languages mix accented letters
# with ASCII, and never run symbols together like this.
_LATIN1_RUN = re.compile("[\u00a1-\u00ff]{3,}")
_LATIN1_SYMBOLS = set(chr(c) for c in range(0xA1, 0xC0)) | {"\u00d7", "\u00f7"}
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Garble:
    """Garbled text at `offset` in a string, with its repair when one is known."""

    offset: int
    text: str
    repair: str | None


def find_garbles(text: str) -> list[Garble]:
    """Every garbled stretch of `text`, in order."""
    if text.isascii():
        return []
    found: list[Garble] = []
    for match in _MANGLED_NBSP.finditer(text):
        found.append(Garble(match.start(), match.group(0), " "))
    # The runs are looked for with the mangled spaces blanked out (same length, so the
    # offsets still hold): `´¡³æ¾±´Ç²õÌý` is a garbled word followed by a garbled space.
    for match in _LATIN1_RUN.finditer(_MANGLED_NBSP.sub("  ", text)):
        run = match.group(0)
        if sum(ch in _LATIN1_SYMBOLS for ch in run) >= 2 and not _overlaps(found, match.start()):
            found.append(Garble(match.start(), run, None))
    for word in _WORD.finditer(text):
        token = word.group(0)
        if token.isascii() or _overlaps(found, word.start(), word.end()):
            continue
        if ftfy.badness.is_bad(token):
            repaired = ftfy.fix_encoding(token)
            found.append(Garble(word.start(), token, repaired if repaired != token else None))
    return sorted(found, key=lambda g: g.offset)


def _overlaps(found: list[Garble], start: int, end: int | None = None) -> bool:
    end = start + 1 if end is None else end
    return any(g.offset < end and start < g.offset + len(g.text) for g in found)


class CheckedParts:
    """The garbled text found in each part of the story file (each top-level key's value,
    each record of a list), kept by the part's node: a save read in pieces keeps the nodes
    of the records it did not change (story/pieces.py), so only the changed ones are
    looked through again. Owned by whoever reads the same file again and again."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[Node, list[tuple[Scalar, Garble]]]] = {}
        self._now: dict[int, tuple[Node, list[tuple[Scalar, Garble]]]] = {}

    def start(self) -> None:
        self._last, self._now = self._now or self._last, {}

    def found(self, node: Node) -> list[tuple[Scalar, Garble]]:
        kept = self._now.get(id(node)) or self._last.get(id(node))
        if kept is None or kept[0] is not node:
            kept = (node, _garbles_under(node))
        self._now[id(node)] = kept
        return kept[1]


def check_garbled_text(
    doc: Document, problems: Problems, checked: CheckedParts | None = None
) -> None:
    """A warning for each garbled stretch of text in the file, with the repair if known;
    `checked` keeps what was found in each part from the last read."""
    checked = checked or CheckedParts()
    checked.start()
    for scalar, garble in _garbles_in(doc.root, checked):
        shown = garble.text.replace("\u00a0", "\\u00a0")
        if garble.repair == " ":
            hint = "replace it with a plain space"
        elif garble.repair:
            hint = f"it should probably read '{garble.repair}'"
        else:
            hint = "retype this word from the original source"
        problems.warn(
            doc.find(scalar, garble.text),
            f"garbled text '{shown}' (mojibake, as left by copying from a web page)",
            hint,
        )


def _garbles_in(root: Node | None, checked: CheckedParts) -> Iterator[tuple[Scalar, Garble]]:
    """In document order: the top-level keys, and each part through `checked`."""
    if not isinstance(root, Mapping):
        yield from _garbles_under(root) if root is not None else ()
        return
    for key, value in root.entries:
        yield from _garbles_under(key)
        for part in value.items if isinstance(value, Sequence) else (value,):
            yield from checked.found(part)


def _garbles_under(node: Node) -> list[tuple[Scalar, Garble]]:
    return [
        (scalar, garble)
        for scalar in scalars(node)
        if isinstance(scalar.value, str)
        for garble in find_garbles(scalar.value)
    ]
