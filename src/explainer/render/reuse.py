"""Pages rendered once and reused while nothing they read has changed.

While a writer previews the story, each save compiles it again, but most pages read nothing
that the save changed. As in Hugo or Bazel, each page records what it reads while it is
rendered: the records it looks up in the catalog, the indexes it consults, the addresses it
links to. On the next render, a page whose every read gives the same value as before, in a
site whose shared inputs (the story's own fields, its names, its layout's shape, its
language) are the same, keeps its text. Reads are compared by value (records are frozen
and compare by their content, not by where they stand in the file), so an edit that moves
an event in the file without changing it costs nothing.

Anything a template reads that is not recorded would make a page go stale: the catalog a
template sees records every attribute it is asked for, and a read it cannot value makes the
page be rendered again every time. A test drives random edit sequences and compares every
page with a clean render.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from explainer.catalog.crossref import Catalog
from explainer.markdown.prose import NameLinker
from explainer.site.urls import name_linker
from explainer.story.model import Actor, Event, Source, Story

#: A read: ("actor", id), ("index", name, key), ("count", index, key), ("whole", name),
#: ("target", kind, id), …
Read = tuple[str, ...]


@dataclass(frozen=True)
class _Rendered:
    template: str
    context: int
    reads: frozenset[Read]
    text: str


class RenderMemo:
    """The pages of the last render and what each read; owned by whoever renders the same
    site again and again (the plugin, while serving)."""

    def __init__(self) -> None:
        self._pages: dict[str, _Rendered] = {}
        self._shared = 0
        self._values: dict[Read, object] = {}
        #: Every read of the pages kept, with its value when they were rendered. A page is
        #: rendered again as soon as one of its reads changes, so all the pages that made
        #: a read saw the same value: one table of them, rather than a copy per page.
        self._known: dict[Read, object] = {}
        #: The reads whose value this render differs from the last (found once a render).
        self._changed: set[Read] | None = None
        self._value_of: Callable[[Read], object] = lambda read: 0
        #: The records' hashes, kept between renders.
        self.hashes = RecordHashes()
        #: The last render's name linker, taken again while the names are the same.
        self._linker: NameLinker | None = None
        #: Pages the last render took as they were (for the tests and the log).
        self.reused: set[str] = set()

    def start(self, shared: int, value_of: Callable[[Read], object]) -> None:
        """A new render: `shared` digests what every page depends on; `value_of` values
        a read against the new story."""
        if shared != self._shared:
            self._pages, self._known = {}, {}
        self._shared, self._value_of = shared, value_of
        self.hashes.start()
        self._values = {}
        self._changed = None
        self.reused = set()

    def name_linker(self, catalog: Catalog) -> NameLinker:
        """The catalog's name linker: the last render's while the names are the same, with
        the texts it has linked."""
        self._linker = name_linker(catalog, self._linker)
        return self._linker

    def value(self, read: Read) -> object:
        found = self._values.get(read)
        if found is None:
            found = self._values[read] = self._value_of(read)
        return found

    def reuse(self, path: str, template: str, context: dict[str, Any]) -> str | None:
        last = self._pages.get(path)
        if last is None or last.template != template:
            return None
        if last.context != digest(context, self.hashes):
            return None
        if not self._changed_reads().isdisjoint(last.reads):
            return None
        self.reused.add(path)
        return last.text

    def _changed_reads(self) -> set[Read]:
        # Each read valued once a render, whatever the number of pages that made it (a
        # read of a long story's timeline is made by thousands of pages).
        if self._changed is None:
            self._changed = set()
            for read, last in self._known.items():
                now = self.value(read)
                if now != last:
                    self._changed.add(read)
                else:  # the same value: keep this render's, and let the last one's go
                    self._known[read] = now
        return self._changed

    def store(
        self, path: str, template: str, context: dict[str, Any], reads: set[Read], text: str
    ) -> None:
        for read in reads:
            self._known[read] = self.value(read)
        self._pages[path] = _Rendered(
            template, digest(context, self.hashes), frozenset(reads), text
        )

    def keep_only(self, paths: Iterator[str] | set[str]) -> None:
        present = set(paths)
        if present.issuperset(self._pages):
            return
        self._pages = {p: r for p, r in self._pages.items() if p in present}
        # Forget the reads that only pages now gone made.
        made = set().union(*(r.reads for r in self._pages.values()))
        self._known = {read: v for read, v in self._known.items() if read in made}


class _Never:
    """The value of a read that cannot be valued: equal to nothing, itself included."""

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = None  # type: ignore[assignment]


def digest(value: Any, hashes: RecordHashes | None = None) -> int:
    """A hash of `value` by content: records compare (and hash) by their fields; lists and
    mappings are hashed by what they hold. With `hashes`, each record is hashed once."""
    return hash(_frozen(value, hashes))


def _frozen(value: Any, hashes: RecordHashes | None) -> Any:
    # Called for every part of every value a page read (hundreds of thousands of times a
    # save in a story of 10,000 events): the common types are told apart by a lookup of
    # their exact type first, and each dataclass's compared fields are found once.
    kind = type(value)
    if kind in _ATOMS:
        return value
    if hashes is not None and kind in _RECORD_TYPES:
        return hashes(value)
    if kind is tuple or kind is list:
        return tuple([_frozen(v, hashes) for v in value])
    if hashes is not None and isinstance(value, _RECORDS):
        return hashes(value)
    if isinstance(value, list | tuple):
        return tuple(_frozen(v, hashes) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v, hashes)) for k, v in value.items()))
    if hashes is not None:
        names = _compared_fields(kind)
        if names is not None:
            return tuple([_frozen(getattr(value, name), hashes) for name in names])
    return value


_ATOMS = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _compared_fields(kind: type) -> tuple[str, ...] | None:
    """The fields a dataclass compares by (None for any other type), found once a type."""
    if kind not in _FIELDS:
        _FIELDS[kind] = (
            tuple(f.name for f in dataclasses.fields(kind) if f.compare)
            if dataclasses.is_dataclass(kind)
            else None
        )
    return _FIELDS[kind]


_RECORDS = (Actor, Event, Source)
_RECORD_TYPES = frozenset(_RECORDS)


class RecordHashes:
    """Each record's hash, computed once: a record hashes all its fields, and the same
    event is part of many keys (its participants', its sources', its period's). Kept from
    one build to the next (`start`), a record the story's reader kept as it was (the same
    object: story/reader.KnownRecords) is not hashed again."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[object, int]] = {}
        self._now: dict[int, tuple[object, int]] = {}

    def start(self) -> None:
        """A new build: records not hashed in it are forgotten at the next start."""
        self._last, self._now = self._now or self._last, {}

    def __call__(self, record: object) -> int:
        found = self._now.get(id(record))
        if found is None or found[0] is not record:
            found = self._last.get(id(record))
            if found is None or found[0] is not record:
                found = (record, hash(record))
            self._now[id(record)] = found
        return found[1]


def catalog_values(
    catalog: Catalog,
    target: Callable[[str, str], object],
    derived: dict[str, Callable[[], object]] | None = None,
    prose: Callable[[str], object] | None = None,
) -> Callable[[Read], object]:
    """How to value each kind of read against `catalog`; `target` gives where a link to a
    record leads (None when the story has no such record); `derived` values what the
    pages compute from the whole catalog once (("derived", name) reads); `prose` values
    a text as the page shows it, names linked (("prose", text) reads).

    A record, an index's entry or a whole index is its own value: records and the
    catalog's entries are frozen and compare by content, and the records the story's
    reader kept (story/reader.KnownRecords) are the very same objects, so comparing with
    the last render's value is mostly a comparison of identities. (Hashing them cost a
    second of every save at 10,000 events: an actor's entry lists hundreds of events.)"""

    def value_of(read: Read) -> object:
        kind = read[0]
        if kind in ("actor", "source", "event"):
            table: dict[str, Any] = {
                "actor": catalog.actors,
                "source": catalog.sources,
                "event": catalog.events,
            }
            return table[kind].get(read[1])
        if kind == "index":
            return getattr(catalog, read[1]).get(read[2])
        if kind == "count":
            return catalog.count(read[1], read[2])
        if kind == "whole" and read[1] == "story":
            return hash(story_fields(catalog.story))
        if kind == "prose" and prose is not None:
            return prose(read[1])
        if kind == "derived" and derived and read[1] in derived:
            return derived[read[1]]()
        if kind == "whole":
            return getattr(catalog, read[1])
        if kind == "target":
            return hash(target(read[1], read[2]))
        return _Never()

    return value_of


def story_fields(story: Story) -> tuple[object, ...]:
    """The story's own fields, which any page may show (its records are read one by one)."""
    return (
        story.title,
        story.summary,
        story.published,
        story.updated,
        story.corrections,
        story.sections,
        story.method,
        story.sources,
        story.key_actors,
        story.language,
        story.direction,
        story.image,
    )


class TrackedCatalog:
    """The catalog as a template sees it while its page's reads are recorded."""

    def __init__(self, catalog: Catalog, reads: set[Read]):
        self._catalog, self._reads = catalog, reads

    def actor(self, ref: Any) -> Any:
        self._reads.add(("actor", ref.id))
        return self._catalog.actor(ref)

    def source(self, ref: Any) -> Any:
        self._reads.add(("source", ref.id))
        return self._catalog.source(ref)

    def count(self, index: str, key: str) -> int:
        self._reads.add(("count", index, key))
        return self._catalog.count(index, key)

    def author(self, source: Any) -> Any:
        if source.author:
            self._reads.add(("actor", source.author.text))
        return self._catalog.author(source)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._catalog, name)
        if isinstance(value, dict):
            return _TrackedIndex(name, value, self._reads)
        if callable(value):  # a lookup this class does not know: never reused
            self._reads.add(("unknown", name))
            return value
        self._reads.add(("whole", name))
        return value


class _TrackedIndex:
    """One of the catalog's mappings: a lookup reads one entry, anything else all."""

    def __init__(self, name: str, index: dict[str, Any], reads: set[Read]):
        self._name, self._index, self._reads = name, index, reads

    def get(self, key: str, default: Any = None) -> Any:
        self._reads.add(("index", self._name, key))
        return self._index.get(key, default)

    def __getitem__(self, key: str) -> Any:
        self._reads.add(("index", self._name, key))
        return self._index[key]

    def __contains__(self, key: str) -> bool:
        self._reads.add(("index", self._name, key))
        return key in self._index

    def _whole(self) -> dict[str, Any]:
        self._reads.add(("whole", self._name))
        return self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def values(self) -> Any:
        return self._whole().values()

    def items(self) -> Any:
        return self._whole().items()

    def keys(self) -> Any:
        return self._whole().keys()


class Fragments:
    """Pieces of the data files (one record's JSON, one event's calendar entry) kept by
    everything they are made from: the key names it all, so a piece is reused only for
    equal inputs. Pieces not asked for in a build are forgotten at the next `start`."""

    def __init__(self) -> None:
        self._last: dict[object, object] = {}
        self._now: dict[object, object] = {}
        self.hash = RecordHashes()

    def start(self) -> None:
        self._last, self._now = self._now or self._last, {}
        self.hash.start()

    def get(self, key: object, make: Callable[[], Any]) -> Any:
        if key in self._now:
            return self._now[key]
        value = self._last[key] if key in self._last else make()
        self._now[key] = value
        return value
