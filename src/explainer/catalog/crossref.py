"""Stage 3: resolve every id and build the indexes the pages need, once.

Like Pelican, we collect and cross-link everything before writing anything: each index
(actor → events, actor → quotes, organisation → members, source → citing events, …) is
built by inverting the data in one pass, and the templates only read them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from explainer.catalog.changes import Change, story_changes
from explainer.catalog.tags import TagInfo, resolve_tags
from explainer.markdown.markup import markup
from explainer.story.ids import is_id
from explainer.story.load import Scalar
from explainer.story.model import Actor, Affiliation, Event, Prose, Quote, Ref, Source, Story
from explainer.story.problems import Mark, Problems, closest, did_you_mean


@dataclass(frozen=True)
class Involvement:
    """An actor's part in one event."""

    event: Event
    role: str


@dataclass(frozen=True)
class SaidQuote:
    quote: Quote
    event: Event


@dataclass(frozen=True)
class Member:
    """The other side of an affiliation: `actor` is `affiliation.role` of the organisation."""

    actor: Actor
    affiliation: Affiliation


@dataclass(frozen=True)
class Catalog:
    story: Story
    actors: dict[str, Actor]
    events: dict[str, Event]
    sources: dict[str, Source]
    #: Every event, ordered by its date's bounds (ties keep the file's order).
    timeline: tuple[Event, ...]
    involvements: dict[str, tuple[Involvement, ...]]
    quotes_by: dict[str, tuple[SaidQuote, ...]]
    members: dict[str, tuple[Member, ...]]
    #: Actors who share events with an actor, with how many, most shared first.
    co_actors: dict[str, tuple[tuple[Actor, int], ...]]
    citations: dict[str, tuple[Event, ...]]
    #: Sources cited by the events an actor takes part in or is quoted in, first use first.
    sources_about: dict[str, tuple[Source, ...]]
    published_by: dict[str, tuple[Source, ...]]
    previous: dict[str, Event | None]
    next: dict[str, Event | None]
    key_actors: tuple[Actor, ...]
    #: Every tag, declared or not (catalog/tags.py); each tag's events in timeline order;
    #: each event's tags.
    tags: tuple[TagInfo, ...]
    tagged: dict[str, tuple[Event, ...]]
    event_tags: dict[str, tuple[TagInfo, ...]]
    #: Every addition, update and correction, newest first (see changes.py).
    changes: tuple[Change, ...] = ()

    def actor(self, ref: Ref) -> Actor:
        return self.actors[ref.id]

    def source(self, ref: Ref) -> Source:
        return self.sources[ref.id]

    def count(self, index: str, key: str) -> int:
        """How many entries one of the indexes (involvements, citations, tagged) holds
        for `key`: what a list shows beside a name, read as a number so that a page
        showing it is not rendered again when one of those entries is edited."""
        found: tuple[object, ...] = getattr(self, index).get(key, ())
        return len(found)

    def author(self, source: Source) -> Actor | None:
        """The actor who wrote `source` when its author is an actor's id; None when it has
        no author or its author is a name, shown as written."""
        return self.actors.get(source.author.text) if source.author else None


R = TypeVar("R", Actor, Event, Source)


def _by_id(records: Iterable[R], what: str, problems: Problems) -> dict[str, R]:
    """Records by id; a repeated id is a problem at its second use."""
    found: dict[str, R] = {}
    for record in records:
        first = found.get(record.id)
        if first is not None:
            problems.add(
                record.mark,
                f"duplicate {what} id '{record.id}' (first at line {first.mark.line})",
                "give each a different id, or merge the two",
            )
            continue
        found[record.id] = record
    return found


#: Finds text in the story file at or after a value: (value, text) → its position.
Locate = Callable[[Scalar, str], Mark]


class _Resolver:
    def __init__(
        self,
        story: Story,
        problems: Problems,
        tables: dict[str, Mapping[str, object]],
        locate: Locate | None,
    ):
        self.story = story
        self.problems = problems
        self.tables = tables
        self.locate = locate

    def check(self, ref: Ref | None, kind: str) -> bool:
        """Whether `ref` names a known record of `kind`; reports it when it does not."""
        if ref is None:
            return False
        table = self.tables[kind]
        if ref.id in table:
            return True
        if ref.id not in self.story.incomplete_ids:
            self.problems.add(
                ref.mark,
                f"unknown {kind} id '{ref.id}'",
                did_you_mean(ref.id, table)
                or f"add {'an' if kind == 'actor' else 'a'} {kind} with id: {ref.id} to {kind}s",
            )
        return False

    def check_prose(self, prose: Prose | None) -> None:
        if prose is None:
            return
        # The links the renderer sees (markup.py), not those of a scan of the text: one
        # in a code span or fenced block is an example, neither a link nor checked.
        for link in markup(prose.text).links:
            kind, target = link.kind, link.target
            target_id = target.split("#", 1)[0]
            table = self.tables[kind]
            if target_id not in table and target_id not in self.story.incomplete_ids:
                self.problems.add(
                    self._where(prose, f"{kind}:{target}", len(kind) + 1),
                    f"link to unknown {kind} '{target_id}'",
                    did_you_mean(target_id, table) or f"check the {kind} ids",
                )

    def _where(self, prose: Prose, needle: str, skip: int) -> Mark:
        """The position of `needle` in the file (then `skip` characters on), or of the
        whole value when it cannot be found as written."""
        if self.locate is None or prose.node is None:
            return prose.mark
        found = self.locate(prose.node, needle)
        if found == prose.node.mark:
            return found
        return Mark(found.line, found.column + skip)


def build_catalog(story: Story, problems: Problems, locate: Locate | None = None) -> Catalog:
    """Resolve ids and build every index; adds a located problem for each broken reference."""
    actors = _by_id(story.actors, "actor", problems)
    events_in_file = _by_id(story.events, "event", problems)
    sources = _by_id(story.all_sources, "source", problems)
    resolve = _Resolver(
        story, problems, {"actor": actors, "event": events_in_file, "source": sources}, locate
    )

    for kind, ref in story.orphan_refs:
        resolve.check(ref, kind)
    for ref in story.sources:
        resolve.check(ref, "source")
    for ref in story.key_actors:
        resolve.check(ref, "actor")
    for section in story.sections:
        resolve.check_prose(section.body)
    resolve.check_prose(story.method)

    members: dict[str, list[Member]] = defaultdict(list)
    for actor in actors.values():
        resolve.check_prose(actor.description)
        for aff in actor.affiliations:
            if aff.actor.id == actor.id:
                problems.add(
                    aff.actor.mark,
                    f"actor '{actor.id}' is affiliated with itself",
                    "name the organisation, state or group it belongs to",
                )
            elif resolve.check(aff.actor, "actor"):
                members[aff.actor.id].append(Member(actor, aff))
    _check_cycles(actors, problems)
    _check_shared_names(actors, problems)

    published_by: dict[str, list[Source]] = defaultdict(list)
    for source in sources.values():
        if resolve.check(source.outlet, "actor") and source.outlet:
            published_by[source.outlet.id].append(source)
        _check_author(source, actors, story.incomplete_ids, problems)

    # By the instant: a time of day without an offset is read in the story's time zone.
    zone = story.timezone
    timeline = tuple(sorted(events_in_file.values(), key=lambda e: e.date.sort_key_in(zone)))
    involvements: dict[str, list[Involvement]] = defaultdict(list)
    quotes_by: dict[str, list[SaidQuote]] = defaultdict(list)
    citations: dict[str, list[Event]] = defaultdict(list)
    sources_about: dict[str, dict[str, Source]] = defaultdict(dict)
    shared: dict[str, Counter[str]] = defaultdict(Counter)
    for event in timeline:
        resolve.check_prose(event.body)
        present: list[str] = []
        for participant in event.participants:
            if resolve.check(participant.actor, "actor"):
                involvements[participant.actor.id].append(Involvement(event, participant.role))
                if participant.actor.id not in present:
                    present.append(participant.actor.id)
        for a in present:
            for b in present:
                if a != b:
                    shared[a][b] += 1
        cited: list[str] = []
        for ref in event.sources:
            if resolve.check(ref, "source") and ref.id not in cited:
                cited.append(ref.id)
        for quote in event.quotes:
            if resolve.check(quote.speaker, "actor"):
                quotes_by[quote.speaker.id].append(SaidQuote(quote, event))
            source_ok = quote.source is not None and resolve.check(quote.source, "source")
            if source_ok and quote.source and quote.source.id not in cited:
                cited.append(quote.source.id)
        for source_id in cited:
            citations[source_id].append(event)
        for actor_id in {*present, *(q.speaker.id for q in event.quotes if q.speaker.id in actors)}:
            # A dict keeps first-use order and makes the membership test cheap.
            for source_id in cited:
                sources_about[actor_id].setdefault(source_id, sources[source_id])

    previous: dict[str, Event | None] = {}
    following: dict[str, Event | None] = {}
    for i, event in enumerate(timeline):
        previous[event.id] = timeline[i - 1] if i > 0 else None
        following[event.id] = timeline[i + 1] if i + 1 < len(timeline) else None

    tags = resolve_tags(story, timeline, problems, resolve.check_prose)

    if story.key_actors:
        key = tuple(actors[r.id] for r in story.key_actors if r.id in actors)
    else:  # the most involved actors, in the file's order among equals
        ranked = sorted(actors.values(), key=lambda a: -len(involvements.get(a.id, ())))
        key = tuple(ranked[:6])

    return Catalog(
        story=story,
        actors=actors,
        events={e.id: e for e in timeline},
        sources=sources,
        timeline=timeline,
        involvements={k: tuple(v) for k, v in involvements.items()},
        quotes_by={k: tuple(v) for k, v in quotes_by.items()},
        members={k: tuple(v) for k, v in members.items()},
        co_actors={
            k: tuple((actors[b], n) for b, n in sorted(c.items(), key=lambda x: (-x[1], x[0])))
            for k, c in shared.items()
        },
        citations={k: tuple(v) for k, v in citations.items()},
        sources_about={k: tuple(v.values()) for k, v in sources_about.items()},
        published_by={k: tuple(v) for k, v in published_by.items()},
        previous=previous,
        next=following,
        key_actors=key,
        tags=tags.tags,
        tagged=tags.tagged,
        event_tags=tags.event_tags,
        changes=story_changes(story, actors.values(), timeline),
    )


def _check_author(
    source: Source, actors: dict[str, Actor], incomplete: frozenset[str], problems: Problems
) -> None:
    """A source's author is an actor's id or a name. An id-shaped author that names no
    actor but is close to an actor's id is taken for a typo of that id; any other is a
    name (an author written in lowercase, 'anonymous', stays as written)."""
    author = source.author
    if author is None or not is_id(author.text):
        return
    if author.text in actors or author.text in incomplete:
        return
    meant = closest(author.text, actors)
    if meant:
        problems.add(
            author.mark,
            f"the source's author '{author.text}' is not an actor id",
            f"did you mean '{meant}'? To show a name instead, write it as readers should "
            "see it, such as 'Tacitus'",
        )


def _check_cycles(actors: dict[str, Actor], problems: Problems) -> None:
    """Affiliations must not loop (A belongs to B belongs to A): report each loop once."""
    parents = {
        a.id: [f.actor.id for f in a.affiliations if f.actor.id in actors and f.actor.id != a.id]
        for a in actors.values()
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()
    for start in parents:
        if start in state:
            continue
        # Depth-first, with an explicit stack: a chain of thousands of affiliations must
        # not exhaust Python's recursion limit.
        path: list[str] = [start]
        state[start] = 1
        stack = [iter(parents[start])]
        while stack:
            parent = next(stack[-1], None)
            if parent is None:
                stack.pop()
                state[path.pop()] = 2
            elif state.get(parent) == 1:
                loop = path[path.index(parent) :]
                if frozenset(loop) not in reported:
                    reported.add(frozenset(loop))
                    problems.add(
                        actors[loop[0]].mark,
                        "affiliations form a loop: " + " → ".join([*loop, loop[0]]),
                        "an actor cannot belong, even indirectly, to itself: remove one link",
                    )
            elif parent not in state:
                state[parent] = 1
                path.append(parent)
                stack.append(iter(parents[parent]))


def _check_shared_names(actors: dict[str, Actor], problems: Problems) -> None:
    """A name or alias used by two actors makes prose links ambiguous: the first actor
    gets them all. Warn at the second, which fails strict builds."""
    owner: dict[str, str] = {}
    for actor in actors.values():
        for name in dict.fromkeys([actor.name, *actor.aliases]):
            first = owner.setdefault(name.strip(), actor.id)
            if first != actor.id:
                problems.warn(
                    actor.mark,
                    f"'{name}' names both '{first}' and '{actor.id}'",
                    f"mentions of '{name}' in prose link to '{first}'; "
                    f"give '{actor.id}' a name or alias of its own",
                )
