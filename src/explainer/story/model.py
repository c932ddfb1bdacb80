"""Stage 2's product: the typed, frozen model of a story, and the words it is made of.

`reader.py` builds it from the located node tree, checking each record against the tables
in `records.py`; the cross-reference stage then resolves its ids. Everything here is
plain data: it knows nothing of YAML or of pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from explainer.story.dates import StoryDate
from explainer.story.language import DEFAULT_LANGUAGE
from explainer.story.load import Scalar
from explainer.story.problems import Mark


@dataclass(frozen=True)
class KindWords:
    """How one kind of actor reads: alone ("Person", on cards and in the network's
    legend) and as the heading of a group ("People", on the actors page)."""

    label: str
    heading: str


#: The kinds of actor, in the order the actors page groups them, with their words.
KINDS = {
    "person": KindWords("Person", "People"),
    "organisation": KindWords("Organisation", "Organisations"),
    "state": KindWords("State", "States"),
    "armed-group": KindWords("Armed group", "Armed groups"),
    "political-party": KindWords("Political party", "Political parties"),
    "media": KindWords("Media outlet", "Media"),
    "platform": KindWords("Platform", "Platforms"),
    "other": KindWords("Other", "Others"),
}
ACTOR_KINDS = tuple(KINDS)
KIND_LABELS = {kind: words.label for kind, words in KINDS.items()}
KIND_HEADINGS = {kind: words.heading for kind, words in KINDS.items()}

ROLES = (
    "party",
    "mediator",
    "target",
    "subject",
    "reporter",
    "commentator",
    "spokesperson",
    "witness",
    "host",
    "other",
)
STATUSES = ("confirmed", "reported", "disputed")


@dataclass(frozen=True, slots=True)
class Ref:
    """An id naming an actor, event or source, with where the author wrote it."""

    id: str
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Prose:
    """Markdown written by the author, with the YAML value it came from (to locate
    problems inside it)."""

    text: str
    mark: Mark = field(compare=False)
    node: Scalar | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ProjectPath:
    """A file in the story's project (a relative path, as written), with where the author
    wrote it: the media stage finds, checks and processes the file, and locates its
    problems here."""

    path: str
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Image:
    """A picture shown with its page: `alt` says what it shows to those who cannot see it,
    `caption` what it means here, `credit` who made it (journalism credits every picture)."""

    file: ProjectPath
    alt: str
    credit: str
    caption: str | None
    license: str | None
    #: Where the picture came from (an http(s) address), linked from its credit.
    source: str | None


@dataclass(frozen=True, slots=True)
class Embed:
    """A video or a post on another site, shown as a card with a local poster image: the
    page never loads anything from that site; the card's link opens the original."""

    url: str
    poster: ProjectPath
    alt: str
    credit: str
    caption: str | None


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is, in decimal degrees (WGS 84, as maps and GPS give them)."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Affiliation:
    actor: Ref
    role: str
    date: StoryDate | None
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Update:
    """A record's latest update: when, and what changed (the note may be left out)."""

    date: StoryDate
    note: str | None
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Correction:
    """A correction: when it was made, and what was wrong and what is right."""

    date: StoryDate
    text: str
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    description: Prose | None
    aliases: tuple[str, ...]
    affiliations: tuple[Affiliation, ...]
    links: tuple[Link, ...]
    #: Where the actor is based (a capital, a headquarters), when the story says.
    location: Location | None
    image: Image | None
    added: StoryDate | None
    updated: Update | None
    corrections: tuple[Correction, ...]
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Participant:
    actor: Ref
    role: str


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: Ref
    text: str
    source: Ref | None
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: StoryDate
    title: str
    body: Prose | None
    participants: tuple[Participant, ...]
    place: str | None
    #: Where it happened, for the maps; `place` says it in words.
    location: Location | None
    status: str
    sources: tuple[Ref, ...]
    quotes: tuple[Quote, ...]
    tags: tuple[str, ...]
    image: Image | None
    embed: Embed | None
    added: StoryDate | None
    updated: Update | None
    corrections: tuple[Correction, ...]
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Tag:
    """A declared tag: events name it by its id in their `tags`. (A tag no declaration
    names keeps its text as its name; the catalog makes both kinds into TagInfo.)"""

    id: str
    name: str | None
    description: Prose | None
    colour: str | None
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Author:
    """Who wrote a source, as the story's author wrote it: an actor's id (the pages then
    link to the actor) or a name, shown as written. Only the catalog knows the actors, so
    it says which (`Catalog.author`)."""

    text: str
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    outlet: Ref | None
    #: Who wrote it, when that is not its outlet: an ancient text, a book, a report.
    author: Author | None
    url: str | None
    date: StoryDate | None
    note: str | None
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Section:
    question: str
    body: Prose


@dataclass(frozen=True, slots=True)
class Story:
    title: str
    summary: str
    published: StoryDate | None
    updated: Update | None
    corrections: tuple[Correction, ...]
    sections: tuple[Section, ...]
    method: Prose | None
    sources: tuple[Ref, ...]
    key_actors: tuple[Ref, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    all_sources: tuple[Source, ...]
    #: The tags declared at the top of the file (events may use others too).
    tags: tuple[Tag, ...] = ()
    #: Ids of records dropped for other problems: references to them are not reported as
    #: unknown too (one mistake, one message).
    incomplete_ids: frozenset[str] = frozenset()
    #: References made by those dropped records, still checked: (kind, ref) pairs.
    orphan_refs: tuple[tuple[str, Ref], ...] = ()
    #: The language the story is written in (a BCP 47 tag) and its writing direction.
    language: str = DEFAULT_LANGUAGE
    direction: str = "ltr"
    #: The time zone times of day are shown in (story.timezone); None: each its own offset.
    timezone: ZoneInfo | None = None
    #: The lead image: on the home page, and the site's picture for link previews.
    image: Image | None = None

    def pictures(self) -> list[tuple[str, Image | Embed]]:
        """Every image and embed of the story, with what it belongs to ("the story", "the
        event 'x'"), in file order of their records."""
        found: list[tuple[str, Image | Embed]] = []
        if self.image:
            found.append(("the story", self.image))
        for actor in self.actors:
            if actor.image:
                found.append((f"the actor '{actor.id}'", actor.image))
        for event in self.events:
            for picture in (event.image, event.embed):
                if picture:
                    found.append((f"the event '{event.id}'", picture))
        return found
