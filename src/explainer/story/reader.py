"""Stage 2: the typed model of a story, read from the located node tree.

`read_story` walks the record tables of records.py: for each record it checks the keys
(unknown ones with a did-you-mean, missing required ones), reads each value with its
field's type, and builds the model's record when nothing it needs is missing. It collects
every problem before giving up, so an author fixes the whole file in one pass. Ids are
only *shaped* here; whether they point anywhere is the cross-reference stage's job.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator
from typing import Any

from explainer.story.fields import Field, Id, ListOf, Record, Value
from explainer.story.language import DEFAULT_LANGUAGE, text_direction
from explainer.story.load import Document, Mapping, Node, Scalar, Sequence, type_name
from explainer.story.model import Ref, Story
from explainer.story.problems import Mark, Problems, StoryError, closest
from explainer.story.records import STORY, STORY_FILE


class KnownRecords:
    """The records of the last read, by the node each was read from. When the file is read
    again in pieces (pieces.py), an unchanged record's text gives the very same node, and
    the record read from it then, with no problem, is the record it gives now: reading
    depends on nothing but the node and the record's table. Keeping the same record object
    also lets the render memo and the data files know it unchanged at a glance."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[Node, Record, Any]] = {}
        self._now: dict[int, tuple[Node, Record, Any]] = {}

    def start(self) -> None:
        self._last, self._now = self._now or self._last, {}

    def get(self, node: Node, shape: Record) -> Any:
        found = self._last.get(id(node))
        if found is None or found[0] is not node or found[1] is not shape:
            return None
        self._now[id(node)] = found
        return found[2]

    def add(self, node: Node, shape: Record, record: Any) -> None:
        self._now[id(node)] = (node, shape, record)


class _Reader:
    """Reads records out of nodes, recording a located problem for each misfit."""

    def __init__(self, problems: Problems, known: KnownRecords | None = None):
        self.problems = problems
        self.known = known
        #: Ids of records dropped for other problems: references to them are not reported
        #: as unknown too (one mistake, one message).
        self.incomplete: set[str] = set()
        #: References made by those dropped records, still checked: (kind, ref) pairs.
        self.orphans: list[tuple[str, Ref]] = []

    def mapping(self, node: Node, shape: Record) -> Mapping | None:
        """`node` as a mapping with only known keys; a misspelt key is reported once and
        then read as the key it was meant to be, so its contents are still checked."""
        what, fields = shape.name, shape.fields
        if not isinstance(node, Mapping):
            self.problems.add(
                node.mark,
                f"{what} should be a mapping of keys, not {type_name(node)}",
                "write it as key: value lines",
            )
            return None
        present = set(node.keys())
        entries: list[tuple[Scalar, Node]] = []
        for key, value in node.entries:
            name = str(key.value)
            if name in fields:
                entries.append((key, value))
                continue
            meant = closest(name, fields)
            self.problems.add(
                key.mark,
                f"unknown key '{name}' in {what}",
                f"did you mean '{meant}'?" if meant else f"allowed keys are {', '.join(fields)}",
            )
            if meant and meant not in present:
                present.add(meant)
                entries.append((Scalar(meant, key.mark), value))
        for key_name, spec in fields.items():
            if spec.required and key_name not in present:
                self.problems.add(
                    node.mark, f"{what} is missing '{key_name}'", f"add {key_name}: …"
                )
        return Mapping(tuple(entries), node.mark)

    def values(self, mapping: Mapping, shape: Record) -> dict[str, Any]:
        """Every field of `shape` read from `mapping`, by key (None where unusable)."""
        subject = shape.subject
        return {key: self.field(mapping, key, spec, subject) for key, spec in shape.fields.items()}

    def field(self, mapping: Mapping, key: str, spec: Field, subject: str) -> Any:
        node = mapping.get(key)
        value = spec.value
        if isinstance(value, ListOf):
            return self.items(node, value, subject, key)
        if node is None:
            return spec.default
        if isinstance(value, Record):
            if value.shorthand and not isinstance(node, Mapping):
                return self.shorthand(node, value, f"{subject} '{key}'")
            return self.record(node, value)
        # A record's own id is "the actor id"; any other value "the actor 'name'".
        own_id = isinstance(value, Id) and not value.names
        return value.read(node, f"{subject} id" if own_id else f"{subject} '{key}'", self.problems)

    def items(self, node: Node | None, shape: ListOf, subject: str, key: str) -> tuple[Any, ...]:
        """The usable items of a list; a key left blank is an empty list."""
        if node is None:
            return ()
        if isinstance(node, Scalar) and node.value is None:
            found: tuple[Any, ...] = ()
        elif isinstance(node, Sequence):
            found = tuple(
                v for v in (self.item(child, shape) for child in node.items) if v is not None
            )
        else:
            self.problems.add(
                node.mark,
                f"{subject} '{key}' should be a list, not {type_name(node)}",
                "write each item on its own line starting with '- ', or as [a, b]",
            )
            return ()
        if shape.non_empty and not found:
            noun = f"{shape.item.names} id" if isinstance(shape.item, Id) else "item"
            self.problems.add(
                node.mark,
                f"{subject} {shape.when_empty or f'has no {key}'}",
                f"list at least one {noun} under {key}",
            )
        return found

    def item(self, node: Node, shape: ListOf) -> Any:
        item = shape.item
        if isinstance(item, Record):
            return self.record(node, item)
        if isinstance(item, ListOf):
            raise TypeError("a list of lists has no reader: give its items a record")
        label = shape.each or (item.one if isinstance(item, Id) else "")
        assert label, f"ListOf({item!r}) needs each= to name its items in messages"
        read_item: Callable[[Node, str, Problems], Any] = getattr(item, "read_item", item.read)
        return read_item(node, label, self.problems)

    def shorthand(self, node: Node, shape: Record, label: str) -> Any:
        """A record written as the value of its shorthand key alone."""
        spec = shape.fields[shape.shorthand].value
        assert not isinstance(spec, ListOf | Record), "a shorthand is a single value"
        value = spec.read(node, label, self.problems)
        if value is None:
            return None
        values = {key: f.default for key, f in shape.fields.items()}
        values[shape.shorthand] = value
        assert shape.make is not None and _takes_mark(shape.make)
        return shape.make(**values, mark=node.mark)

    def record(self, node: Node, shape: Record) -> Any:
        """The model's record built from `node`, or None when something it needs is
        missing or unusable (its problems are recorded)."""
        if self.known is None:
            return self._record(node, shape)
        found = self.known.get(node, shape)
        if found is None:
            problems = len(self.problems.items)
            found = self._record(node, shape)
            if found is not None and len(self.problems.items) == problems:
                self.known.add(node, shape, found)
        return found

    def _record(self, node: Node, shape: Record) -> Any:
        mapping = self.mapping(node, shape)
        if mapping is None:
            return None
        values = self.values(mapping, shape)
        if _complete(values, shape):
            assert shape.make is not None, f"{shape.name} has no constructor"
            if _takes_mark(shape.make):
                values["mark"] = mapping.mark
            return shape.make(**values)
        own_id = next((k for k, f in shape.fields.items() if f.value == Id()), None)
        if own_id is not None:
            # Only records with ids of their own (actors, events, sources) are referred to.
            if values[own_id]:
                self.incomplete.add(values[own_id])
            for key, spec in shape.fields.items():
                self.orphans.extend(_refs(values[key], spec.value))
        return None


def _complete(values: dict[str, Any], shape: Record) -> bool:
    """Whether nothing a record needs is missing: its required values, a value given for a
    key that has a default (a bad status is not silently "confirmed"), at least one item of
    a list that needs one."""
    for key, spec in shape.fields.items():
        value = values[key]
        if value is None and (spec.required or spec.default is not None):
            return False
        if value == () and isinstance(spec.value, ListOf) and spec.value.non_empty:
            return False
    return True


@functools.cache
def _takes_mark(make: Callable[..., Any]) -> bool:
    return dataclasses.is_dataclass(make) and any(
        f.name == "mark" for f in dataclasses.fields(make)
    )


def _refs(value: Any, shape: Value) -> Iterator[tuple[str, Ref]]:
    """The references in a value read for `shape`, with what each names."""
    if isinstance(shape, Id) and shape.names and isinstance(value, Ref):
        yield shape.names, value
    elif isinstance(shape, ListOf):
        for item in value:
            yield from _refs(item, shape.item)
    elif isinstance(shape, Record) and value is not None:
        for key, spec in shape.fields.items():
            yield from _refs(getattr(value, key), spec.value)


def read_story(doc: Document, problems: Problems, known: KnownRecords | None = None) -> Story:
    """Build the typed model of a parsed story file, adding every problem to `problems`.

    Records with problems are left out, so the result is usable for the cross-reference
    stage to find its own problems in the same run. Raises StoryError only when the file
    has no usable shape at all. `known`: the records of the last read, taken again for the
    nodes it was read from.
    """
    if known is not None:
        known.start()
    reader = _Reader(problems, known)
    if doc.root is None:
        problems.add(
            Mark(1, 1),
            "the file is empty",
            "start from the example in the README: story, actors, events and sources",
        )
        raise StoryError(doc.path, problems.items, doc.text)
    top = reader.mapping(doc.root, STORY_FILE)
    if top is None:
        raise StoryError(doc.path, problems.items, doc.text)
    story_node = top.get("story")
    told = (reader.mapping(story_node, STORY) if story_node is not None else None) or Mapping(
        (), top.mark
    )
    story = reader.values(told, STORY)
    lists = {
        key: reader.field(top, key, spec, STORY_FILE.subject)
        for key, spec in STORY_FILE.fields.items()
        if key != "story"
    }
    # The story is built even when its title or summary is missing, so that the rest of
    # the file is still checked; the problems already recorded stop the build.
    language = story.pop("language") or DEFAULT_LANGUAGE
    direction = story.pop("direction") or text_direction(language)
    timezone = story.pop("timezone")
    return Story(
        **{**story, "title": story["title"] or "", "summary": story["summary"] or ""},
        actors=lists["actors"],
        events=lists["events"],
        all_sources=lists["sources"],
        tags=lists["tags"],
        incomplete_ids=frozenset(reader.incomplete),
        orphan_refs=tuple(reader.orphans),
        language=language,
        direction=direction,
        timezone=timezone,
    )
