"""Reading a saved story file again, parsing only the records whose text changed.

While a writer previews a story, each save changes a line or two of a file that may hold
ten thousand events, and parsing the whole file again is most of the wait. A story file is
a mapping of a few top-level keys, most of them block lists of records:

    story:
      title: …
    events:
    - id: first
      …
    - id: second

so it can be cut, by its text alone, into pieces that YAML reads the same way on their
own: each top-level key's section, and in a list section each item, from its `- ` line to
the next one at the same indentation. Each piece is parsed by itself (with the same checks
as a whole file) and kept by its text; the next read parses only the pieces whose text is
new, and assembles the file's tree from the nodes of the others. The reader then knows an
unchanged record by its node (reader.KnownRecords) and does not read it again either.

Nothing here decides what a story means: a file that does not cut cleanly (flow style,
document markers, a piece that does not parse alone or parses as more than one item) is
read whole. The nodes of a kept piece keep the lines they had when it was parsed, which an
edit above them may have moved: so a read in pieces is only ever used when it finds no
problem at all; any problem sends the caller to read the whole file, which reports it
where it is now (pipeline/compile.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from explainer.story.load import Document, Mapping, Node, Scalar, Sequence, parse
from explainer.story.problems import Mark, StoryError

#: A line at column 0 that is not indented, blank or a comment, with the line break before
#: it: a search for a line break first is many times quicker than `^` with re.M, which is
#: tried at every character of a file of ten megabytes.
_TOP_LINE = re.compile(r"\n[^ \t\r\n#]")
#: A top-level key, written plainly.
_KEY = re.compile(r"[A-Za-z_][\w-]*:(?=[ \t\r\n]|\Z)")
#: After a key's line: blank and comment lines, then the first item of a block list.
_LIST_START = re.compile(r"[^\n]*\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)-(?=[ \t\r\n]|\Z)")
#: A carriage return that does not start a \r\n.
_LONE_CR = re.compile("\r(?!\n)")


class StoryPieces:
    """The pieces of the last read of a story file, by their text (kept while serving)."""

    def __init__(self) -> None:
        self._nodes: dict[str, Node] = {}
        #: Pieces parsed again by the last read (for the tests and the log).
        self.parsed = 0

    def read(self, path: Path, text: str) -> Document | None:
        """The file's tree, from the kept pieces and the new ones parsed; None when the
        text does not cut into pieces (the caller reads it whole)."""
        sections = _sections(text)
        if sections is None:
            return None
        nodes: dict[str, Node] = {}
        self.parsed = 0

        def piece(start: int, end: int) -> Node | None:
            chunk = text[start:end]
            found = nodes.get(chunk) or self._nodes.get(chunk)
            if found is None:
                try:
                    found = parse(path, chunk).root
                except StoryError:
                    return None
                if found is None:
                    return None
                self.parsed += 1
            nodes[chunk] = found
            return found

        entries: list[tuple[Scalar, Node]] = []
        for start, items, end in sections:
            head = piece(start, items[0] if items else end)
            if not isinstance(head, Mapping) or len(head.entries) != 1:
                return None
            key, value = head.entries[0]
            if items:
                if not (isinstance(value, Scalar) and value.value is None):
                    return None
                found: list[Node] = []
                for i, item_start in enumerate(items):
                    item = piece(item_start, items[i + 1] if i + 1 < len(items) else end)
                    if not isinstance(item, Sequence) or len(item.items) != 1:
                        return None
                    found.append(item.items[0])
                value = Sequence(tuple(found), found[0].mark)
            entries.append((key, value))
        if len({str(key.value) for key, _ in entries}) != len(entries):
            return None  # a key given twice: the whole file's read says where
        self._nodes = nodes
        return Document(path, text, Mapping(tuple(entries), Mark(1, 1)))


def _sections(text: str) -> list[tuple[int, list[int], int]] | None:
    """(start, item starts, end) of each top-level key's section; a section that is not a
    block list has no item starts. None when the file does not cut cleanly."""
    if _other_breaks(text):
        return None
    first = [0] if text[:1] not in ("", " ", "\t", "\r", "\n", "#") else []
    starts = first + [m.start() + 1 for m in _TOP_LINE.finditer(text)]
    keys = [s for s in starts if _KEY.match(text, s)]
    if not keys:
        return None
    sections: list[tuple[int, list[int], int]] = []
    for i, key_start in enumerate(keys):
        # The first section takes the comments and blank lines above it.
        start = 0 if i == 0 else key_start
        end = keys[i + 1] if i + 1 < len(keys) else len(text)
        listed = _LIST_START.match(text, key_start)
        # The key's line must end at the colon (a comment aside) for a list to follow it.
        line_end = text.find("\n", key_start)
        line = text[key_start : len(text) if line_end < 0 else line_end]
        key_only = re.fullmatch(r"[^:]+:[ \t]*(?:#.*)?\r?", line) is not None
        if listed is None or not key_only or listed.end() > end:
            items: list[int] = []
        else:
            dash = " " * len(listed.group(1)) + "-"
            # From the line break before the first item (the list's lines, with theirs).
            found = _item_lines(dash).finditer(text, listed.start(1) - 1, end)
            items = [m.start() + 1 for m in found]
        sections.append((start, items, end))
    # Any other line at column 0 (an item of a list at column 0 aside) is not one this
    # cutting understands: "---", "...", a directive, a quoted or complex key.
    keyed = set(keys)
    for s in starts:
        if s not in keyed and not (text.startswith("-", s) and _is_item(text, s)):
            return None
    return sections


def _other_breaks(text: str) -> bool:
    """Whether `text` has line breaks other than \n and \r\n that YAML also knows: such a
    file is read whole. (Looked for character by character, not with one regular
    expression, which took 0.07 s on every save of a story of 10,000 events.)"""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return True
    return "\r" in text and _LONE_CR.search(text) is not None


def _item_lines(dash: str) -> re.Pattern[str]:
    """A list's item at `dash`'s indentation, with the line break before it."""
    return re.compile("\n" + re.escape(dash) + r"(?=[ \t\r\n]|\Z)")


def _is_item(text: str, at: int) -> bool:
    return text[at + 1 : at + 2] in ("", " ", "\t", "\r", "\n")
