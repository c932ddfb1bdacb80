"""What changed between two versions of a story, as an editor reviews it.

Records are matched by id, so a record keeps its identity through any edit but a new
id: an event whose id changed reads as one removed and one added, as it is for readers
(its address changed too). Quotes have no ids: within an event, each speaker's quotes are
paired in the order written, and a changed quote is told word by word.
`render/diff_report.py` writes the result for the terminal, a pull request or a program.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, fields

from explainer.catalog.crossref import Catalog
from explainer.story.model import Event, Quote

Pair = tuple[Event, Event]


@dataclass(frozen=True)
class Named:
    """A record as the diff names it: its id and its name or title."""

    id: str
    name: str


@dataclass(frozen=True)
class Changed:
    """One value of a record, before and after (a date as written, a status, a name)."""

    record: Named
    old: str
    new: str


@dataclass(frozen=True)
class Dated:
    """An event added or removed, with its date as written."""

    record: Named
    date: str


@dataclass(frozen=True)
class Cited:
    event: Named
    source: Named


@dataclass(frozen=True)
class QuoteChange:
    """A quote added (every word "+"), removed (every word "-") or changed."""

    event: Named
    speaker: Named
    #: The words in order, each run marked "=" (kept), "-" (removed) or "+" (added).
    words: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StoryDiff:
    """Every difference, by kind; each list in the order of the new file (removed records
    in the order of the old one)."""

    events_added: tuple[Dated, ...] = ()
    events_removed: tuple[Dated, ...] = ()
    dates_moved: tuple[Changed, ...] = ()
    statuses_changed: tuple[Changed, ...] = ()
    events_retitled: tuple[Changed, ...] = ()
    quotes_changed: tuple[QuoteChange, ...] = ()
    sources_added: tuple[Named, ...] = ()
    sources_dropped: tuple[Named, ...] = ()
    citations_added: tuple[Cited, ...] = ()
    citations_dropped: tuple[Cited, ...] = ()
    actors_added: tuple[Named, ...] = ()
    actors_removed: tuple[Named, ...] = ()
    actors_renamed: tuple[Changed, ...] = ()

    @property
    def count(self) -> int:
        return sum(len(getattr(self, f.name)) for f in fields(self))


def story_diff(old: Catalog, new: Catalog) -> StoryDiff:
    both = [(old.events[e.id], e) for e in new.timeline if e.id in old.events]
    return StoryDiff(
        events_added=tuple(
            Dated(_event(e), e.date.text) for e in new.timeline if e.id not in old.events
        ),
        events_removed=tuple(
            Dated(_event(e), e.date.text) for e in old.timeline if e.id not in new.events
        ),
        dates_moved=_changed(both, lambda e: e.date.text),
        statuses_changed=_changed(both, lambda e: e.status),
        events_retitled=tuple(
            Changed(Named(b.id, b.title), a.title, b.title) for a, b in both if a.title != b.title
        ),
        quotes_changed=tuple(change for a, b in both for change in _quotes(old, new, a, b)),
        sources_added=tuple(
            Named(s.id, s.title) for s in new.sources.values() if s.id not in old.sources
        ),
        sources_dropped=tuple(
            Named(s.id, s.title) for s in old.sources.values() if s.id not in new.sources
        ),
        citations_added=_citations(both, new, lambda a, b: (a, b)),
        citations_dropped=_citations(both, old, lambda a, b: (b, a)),
        actors_added=tuple(
            Named(a.id, a.name) for a in new.actors.values() if a.id not in old.actors
        ),
        actors_removed=tuple(
            Named(a.id, a.name) for a in old.actors.values() if a.id not in new.actors
        ),
        actors_renamed=tuple(
            Changed(Named(a.id, a.name), old.actors[a.id].name, a.name)
            for a in new.actors.values()
            if a.id in old.actors and old.actors[a.id].name != a.name
        ),
    )


def _event(event: Event) -> Named:
    return Named(event.id, event.title)


def _changed(both: list[Pair], value: Callable[[Event], str]) -> tuple[Changed, ...]:
    return tuple(Changed(_event(b), value(a), value(b)) for a, b in both if value(a) != value(b))


def _citations(
    both: list[Pair], catalog: Catalog, order: Callable[[Event, Event], Pair]
) -> tuple[Cited, ...]:
    """Sources an event cites in one version and not the other: `order` puts (old, new)
    as (before, after) for additions, or the other way round for drops; `catalog` is the
    version that cites them."""
    found = []
    for a, b in both:
        before, after = order(a, b)
        had = {r.id for r in before.sources}
        for ref in after.sources:
            if ref.id not in had:
                source = catalog.sources[ref.id]
                found.append(Cited(_event(b), Named(source.id, source.title)))
    return tuple(found)


def _quotes(old: Catalog, new: Catalog, a: Event, b: Event) -> list[QuoteChange]:
    """Each speaker's quotes in `a` and `b`, paired in the order written."""
    changes = []
    speakers = list(dict.fromkeys(q.speaker.id for q in (*b.quotes, *a.quotes)))
    for speaker in speakers:
        before = [q for q in a.quotes if q.speaker.id == speaker]
        after = [q for q in b.quotes if q.speaker.id == speaker]
        actor = new.actors.get(speaker) or old.actors[speaker]
        who = Named(actor.id, actor.name)
        for i in range(max(len(before), len(after))):
            was = before[i] if i < len(before) else None
            now = after[i] if i < len(after) else None
            if was is not None and now is not None and was.text == now.text:
                continue
            changes.append(QuoteChange(_event(b), who, word_diff(_text(was), _text(now))))
    return changes


def _text(quote: Quote | None) -> str:
    return quote.text if quote else ""


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """`old` turned into `new`, word by word: runs of kept ("="), removed ("-") and added
    ("+") words, each run's words joined by single spaces."""
    a, b = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("=", " ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            runs.append(("-", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            runs.append(("+", " ".join(b[j1:j2])))
    return tuple(runs)
