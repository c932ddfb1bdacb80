"""Stage 1: read the story file into a tree of nodes that remember their line and column.

PyYAML's composer gives us marks for every node; we turn its nodes into small typed ones
instead of plain dicts, so that every later stage can say *where* a problem is. We keep the
scalars as the author wrote them where YAML would guess a type we do not want (an unquoted
2025-03-05 stays the text "2025-03-05", to be read as an EDTF date later).
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from explainer.story.problems import Mark, Problem, Problems, StoryError
from explainer.story.yaml_errors import explain_yaml_error, yaml_mark

# The C loader is ~4x faster and keeps marks; fall back to pure Python where it is missing.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Files larger than this are refused before parsing (a story of 10,000 events is ~6 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Aliases (*name) can make a small file expand enormously ("billion laughs"): refuse a
#: file whose values, with every alias expanded, number more than this (a story of 10,000
#: events has about 400,000).
MAX_VALUES = 2_000_000
#: Stories nest about six levels deep; far deeper input is hostile or broken.
MAX_DEPTH = 50

_TAG = "tag:yaml.org,2002:"
#: The only YAML types a story holds; anything else (python/object, binary, set…) is refused.
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {_TAG + "seq", _TAG + "map"}
ScalarValue = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Scalar:
    value: ScalarValue
    mark: Mark
    #: YAML scalar style: '' plain, '"' or "'" quoted, '|' literal block, '>' folded block.
    style: str = ""
    #: The text as written, before YAML read it as a number or a boolean ("+972", "1.50").
    raw: str = ""

    @property
    def text(self) -> str:
        """The value as text: numbers as the author wrote them, not as YAML reads them."""
        if isinstance(self.value, int | float) and not isinstance(self.value, bool):
            return self.raw
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Sequence:
    items: tuple[Node, ...]
    mark: Mark


@dataclass(frozen=True, slots=True)
class Mapping:
    entries: tuple[tuple[Scalar, Node], ...]
    mark: Mark

    def get(self, key: str) -> Node | None:
        for k, v in self.entries:
            if k.value == key:
                return v
        return None

    def keys(self) -> list[str]:
        return [str(k.value) for k, _ in self.entries]


Node = Scalar | Sequence | Mapping


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    text: str
    root: Node | None

    def find(self, node: Scalar, needle: str) -> Mark:
        """Where `needle` first appears in the source at or after `node`; `node`'s own
        position when it does not appear as written (escapes, folded lines)."""
        lines = self.text.split("\n")
        start = sum(len(line) + 1 for line in lines[: node.mark.line - 1]) + node.mark.column - 1
        found = self.text.find(needle, start)
        if found < 0:
            return node.mark
        line = self.text.count("\n", 0, found) + 1
        column = found - (self.text.rfind("\n", 0, found) + 1) + 1
        return Mark(line, column)


def scalars(node: Node) -> list[Scalar]:
    """Every scalar under `node` (keys and values), in document order."""
    found: list[Scalar] = []
    stack: list[Node] = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, Scalar):
            found.append(node)
        elif isinstance(node, Sequence):
            stack.extend(reversed(node.items))
        else:
            for key, value in reversed(node.entries):
                stack.extend([value, key])
    return found


def type_name(node: Node) -> str:
    """How a node reads to an author: 'a list', 'a mapping', 'the number 3'..."""
    if isinstance(node, Mapping):
        return "a mapping (key: value)"
    if isinstance(node, Sequence):
        return "a list"
    value = node.value
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return "text"


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise StoryError(
            path,
            [
                Problem(
                    Mark(1, 1),
                    "the file is UTF-16, not UTF-8",
                    'save it as UTF-8 in your editor ("Save with encoding" → UTF-8)',
                )
            ],
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark carries no meaning; editors add it silently
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = data[exc.start : exc.end].hex(" ")
        problem = Problem(
            Mark(line, column),
            f"the file is not valid UTF-8 (byte {bad})",
            'save it as UTF-8 in your editor ("Save with encoding" → UTF-8)',
        )
        raise StoryError(path, [problem], None) from exc


def read_text(path: Path) -> str:
    """The story file as text, refusing what is too large or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise StoryError(
                path,
                [
                    Problem(
                        None,
                        f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                        "split the story, or check that this is the right file",
                    )
                ],
            )
        data = path.read_bytes()
    except OSError as exc:
        raise StoryError(
            path, [Problem(None, f"cannot read the file: {exc.strerror}", "check the path")]
        ) from exc
    return _decode(path, data)


# Characters YAML does not allow in a file (control characters, lone surrogates, U+FFFE/F).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _control_characters(text: str, problems: Problems) -> None:
    for match in _NOT_PRINTABLE.finditer(text):
        before = text[: match.start()]
        line = before.count("\n") + 1
        column = match.start() - (before.rfind("\n") + 1) + 1
        problems.add(
            Mark(line, column),
            f"a control character (U+{ord(match.group(0)):04X}) that YAML does not allow",
            "delete it: it is invisible, and often comes from copying out of another program",
        )


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector. Reading and rendering a story allocate
    millions of small objects that live to the end, and each allocation burst makes the
    collector walk them all again: pausing it makes a big story's load about 3.5 times and
    its whole compile about 1.8 times faster. Little here forms reference cycles, and
    what does is collected once the collector is back."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse(path: Path, text: str) -> Document:
    """Parse YAML text into located nodes; raises StoryError listing every problem found."""
    problems = Problems()
    _control_characters(text, problems)
    if problems.errors:
        raise StoryError(path, problems.items, text)
    try:
        with gc_paused():
            raw = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        problems.add(*explain_yaml_error(exc, text))
        raise StoryError(path, problems.items, text) from exc
    except yaml.YAMLError as exc:
        problems.add(None, f"YAML error: {exc}", "check the file's syntax")
        raise StoryError(path, problems.items, text) from exc
    except RecursionError as exc:  # the pure-Python composer has no nesting limit of its own
        problems.add(None, "the values nest too deeply to read", "check the indentation")
        raise StoryError(path, problems.items, text) from exc
    if raw is None:
        return Document(path, text, None)
    try:
        # Most files share no value through aliases (*name): read them in one pass.
        root = _Builder(problems, shared=False).convert(raw, 0)
    except _SharedValue:
        problems = Problems()
        _check_expansion(path, text, raw, problems)
        root = _Builder(problems, shared=True).convert(raw, 0)
    if problems.errors:
        raise StoryError(path, problems.items, text)
    return Document(path, text, root)


def _check_expansion(path: Path, text: str, raw: yaml.Node, problems: Problems) -> None:
    """Refuse a file whose aliases make it expand enormously, or into itself."""
    expanded = _expanded_size(raw)
    if isinstance(expanded, yaml.Node):
        problems.add(
            yaml_mark(expanded.start_mark),
            "an alias (*name) refers to a value that contains it, so it never ends",
            "remove the alias, or point it at a value outside itself",
        )
        raise StoryError(path, problems.items, text)
    if expanded > MAX_VALUES:
        problems.add(
            yaml_mark(raw.start_mark),
            f"the file expands to more than {MAX_VALUES:,} values through its aliases (*name)",
            "remove the aliases that repeat large parts of the file",
        )
        raise StoryError(path, problems.items, text)


def _expanded_size(root: yaml.Node) -> int | yaml.Node:
    """How many values the tree holds once aliases are expanded, without expanding them;
    or the value that an alias makes contain itself.

    Aliases make the composed tree a graph that shares nodes; each node's size is computed
    once (iteratively, so that deep input cannot exhaust the stack).
    """
    sizes: dict[int, int] = {}
    pending: set[int] = set()  # nodes whose children are still being sized
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if children_done or not children:
            total = 1 + sum(sizes[id(child)] for child in children)
            sizes[id(node)] = min(total, MAX_VALUES + 1)  # cap: no huge integers either
            pending.discard(id(node))
            continue
        if id(node) in pending:
            return node  # reached again while its own children are being sized: a loop
        pending.add(id(node))
        stack.append((node, True))
        for child in children:
            if id(child) in pending:
                return child
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def load(path: Path) -> Document:
    """Read and parse the story file at `path`."""
    return parse(path, read_text(path))


class _SharedValue(Exception):
    """A list or mapping reached twice: the file shares it through an alias (*name)."""


class _Builder:
    def __init__(self, problems: Problems, *, shared: bool):
        self.problems = problems
        #: The lists and mappings converted so far, while none may be reached twice: an
        #: alias to one of them (which can make the file expand enormously, or into itself)
        #: is found here, in the one pass, rather than by a second walk of every file.
        self._seen: set[int] | None = None if shared else set()

    def convert(self, node: yaml.Node, depth: int) -> Node:
        mark = yaml_mark(node.start_mark)
        if depth > MAX_DEPTH:
            self.problems.add(
                mark,
                f"the values nest more than {MAX_DEPTH} levels deep",
                "a story needs about six levels: check the indentation",
            )
            return Scalar(None, mark)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
            self.problems.add(
                mark,
                f"unsupported YAML tag '{node.tag}'",
                "remove the tag; story files hold plain text, numbers and lists",
            )
        if isinstance(node, yaml.ScalarNode):
            return Scalar(self._scalar_value(node), mark, node.style or "", node.value)
        if self._seen is not None:
            if id(node) in self._seen:
                raise _SharedValue
            self._seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return Sequence(tuple(self.convert(item, depth + 1) for item in node.value), mark)
        if isinstance(node, yaml.MappingNode):
            entries: list[tuple[Scalar, Node]] = []
            seen: dict[object, Mark] = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node, depth + 1)
                if not isinstance(key, Scalar) or key.value is None:
                    self.problems.add(
                        key.mark, "a key must be a plain word", "write it as key: value"
                    )
                    continue
                if key.value in seen:
                    first = seen[key.value]
                    self.problems.add(
                        key.mark,
                        f"duplicate key '{key.value}' (first at line {first.line})",
                        "YAML keeps only one of them; merge the two or remove one",
                    )
                    continue
                seen[key.value] = key.mark
                entries.append((key, self.convert(value_node, depth + 1)))
            return Mapping(tuple(entries), mark)
        raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _scalar_value(self, node: yaml.ScalarNode) -> ScalarValue:
        tag = node.tag or ""
        text: str = node.value
        if tag not in _SCALAR_TAGS:
            self.problems.add(
                yaml_mark(node.start_mark),
                f"unsupported YAML tag '{tag}'",
                "remove the tag; story files hold plain text, numbers and lists",
            )
            return text
        kind = tag[len(_TAG) :]
        if kind == "null":
            return None
        if kind == "bool":
            return text.lower() in ("true", "yes", "on")
        if kind == "int":
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return text
        if kind == "float":
            try:
                return float(text.replace("_", ""))
            except ValueError:
                return text
        # str, timestamp (kept as written, read as an EDTF date later), and anything else.
        return text
