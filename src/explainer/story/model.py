"""Stage 2: the typed, frozen model of a story, read from the located node tree.

`read_story` checks structure and types field by field and collects every problem (unknown
keys with a did-you-mean, missing fields, wrong types, bad dates, malformed ids) before
giving up, so an author fixes the whole file in one pass. Ids are only *shaped* here;
whether they point anywhere is the cross-reference stage's job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from explainer.story.dates import DateError, StoryDate, edtf_year, parse_date
from explainer.story.language import (
    DEFAULT_LANGUAGE,
    DIRECTIONS,
    LanguageError,
    check_tag,
    suggest_tag,
    text_direction,
)
from explainer.story.load import Document, Mapping, Node, Scalar, Sequence, type_name
from explainer.story.problems import Mark, Problems, StoryError, closest, did_you_mean

ACTOR_KINDS = (
    "person",
    "organisation",
    "state",
    "armed-group",
    "political-party",
    "media",
    "platform",
    "other",
)
#: How each kind reads, in page headers, cards and the network's legend.
KIND_LABELS = {
    "person": "Person",
    "organisation": "Organisation",
    "state": "State",
    "armed-group": "Armed group",
    "political-party": "Political party",
    "media": "Media outlet",
    "platform": "Platform",
    "other": "Other",
}

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
URL_SCHEMES = ("http://", "https://", "mailto:")
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Affiliation:
    actor: Ref
    role: str
    date: StoryDate | None
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
    status: str
    sources: tuple[Ref, ...]
    quotes: tuple[Quote, ...]
    tags: tuple[str, ...]
    mark: Mark = field(compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    outlet: Ref | None
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
    updated: StoryDate | None
    sections: tuple[Section, ...]
    method: Prose | None
    sources: tuple[Ref, ...]
    key_actors: tuple[Ref, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    all_sources: tuple[Source, ...]
    #: Ids of records dropped for other problems: references to them are not reported as
    #: unknown too (one mistake, one message).
    incomplete_ids: frozenset[str] = frozenset()
    #: References made by those dropped records, still checked: (kind, ref) pairs.
    orphan_refs: tuple[tuple[str, Ref], ...] = ()
    #: The language the story is written in (a BCP 47 tag) and its writing direction.
    language: str = DEFAULT_LANGUAGE
    direction: str = "ltr"


# What each record's keys hold. The reader below checks a file against these tables (which
# keys exist, which are required, the did-you-mean for a misspelt one), and `schema.py`
# turns the same tables into the editor's JSON Schema, so the accepted format is written
# down once. The help texts are what an editor shows on hover.


@dataclass(frozen=True)
class Text:
    """Plain text (a number is read as the text it was written as), never empty."""

    markdown: bool = False


@dataclass(frozen=True)
class Date:
    """An EDTF date (see dates.py), or a bare year such as 1997."""


@dataclass(frozen=True)
class Id:
    """An id (lowercase letters, digits, single hyphens), defining a record or naming one."""

    names: str = ""  # what a reference points at ("actor", "source"); "" for a record's own id


@dataclass(frozen=True)
class Language:
    """A BCP 47 language tag that CLDR knows (see language.py)."""


@dataclass(frozen=True)
class Url:
    """An address starting with one of URL_SCHEMES."""


@dataclass(frozen=True)
class Choice:
    options: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    item: Value
    #: At least one item (an event's sources); other lists may be empty or left blank.
    non_empty: bool = False


@dataclass(frozen=True)
class Record:
    """A mapping with a fixed set of keys."""

    name: str  # how messages name one: "an actor"
    fields: dict[str, Field]


Value = Text | Date | Id | Language | Url | Choice | ListOf | Record


@dataclass(frozen=True)
class Field:
    value: Value
    help: str
    required: bool = False


TEXT, MARKDOWN, DATE, URL = Text(), Text(markdown=True), Date(), Url()
ACTOR_REF, SOURCE_REF = Id("actor"), Id("source")

SECTION = Record(
    "a section",
    {
        "question": Field(TEXT, 'The heading, e.g. "What happens next?"', required=True),
        "body": Field(MARKDOWN, "The answer, in Markdown.", required=True),
    },
)
AFFILIATION = Record(
    "an affiliation",
    {
        "actor": Field(ACTOR_REF, "The id of the organisation, state or group.", required=True),
        "role": Field(
            TEXT, "The role, e.g. Presidential envoy for hostage affairs.", required=True
        ),
        "date": Field(DATE, "Since when, or when (an EDTF date)."),
    },
)
LINK = Record(
    "a link",
    {
        "title": Field(TEXT, "The link's text.", required=True),
        "url": Field(URL, "An http://, https:// or mailto: address.", required=True),
    },
)
PARTICIPANT = Record(
    "a participant",
    {
        "actor": Field(ACTOR_REF, "The actor's id.", required=True),
        "role": Field(Choice(ROLES), "How the actor takes part.", required=True),
    },
)
QUOTE = Record(
    "a quote",
    {
        "speaker": Field(ACTOR_REF, "The id of the actor who said it.", required=True),
        "text": Field(TEXT, "The exact words, as published.", required=True),
        "source": Field(SOURCE_REF, "The id of the source that reports it."),
    },
)
STORY = Record(
    "story",
    {
        "title": Field(TEXT, "The headline of the explainer.", required=True),
        "summary": Field(
            TEXT,
            "One paragraph shown under the title; also the home page's description.",
            required=True,
        ),
        "published": Field(DATE, "When the explainer was published (an EDTF date)."),
        "updated": Field(DATE, "The last update, shown on the About page (an EDTF date)."),
        "sections": Field(ListOf(SECTION), "The narrative: questions and their answers."),
        "method": Field(MARKDOWN, "How the explainer was made, in Markdown (the About page)."),
        "sources": Field(
            ListOf(SOURCE_REF), "Ids of the sources the explainer as a whole relies on."
        ),
        "key_actors": Field(
            ListOf(ACTOR_REF),
            "Ids of the actors shown as cards on the home page (by default the six most involved).",
        ),
        "language": Field(
            Language(),
            "The language the story is written in, as a BCP 47 tag: en (the default), ar, "
            "fr, pt-BR. The site's own words, dates and counts follow it.",
        ),
        "direction": Field(
            Choice(DIRECTIONS), "rtl or ltr; by default, the language's own direction."
        ),
    },
)
ACTOR = Record(
    "an actor",
    {
        "id": Field(
            Id(), "Lowercase letters, digits and single hyphens; the page's address.", required=True
        ),
        "name": Field(TEXT, "The name readers see.", required=True),
        "kind": Field(
            Choice(ACTOR_KINDS), "What the actor is; the actors page groups by kind.", required=True
        ),
        "description": Field(MARKDOWN, "A sentence or two, in Markdown."),
        "aliases": Field(
            ListOf(TEXT), "Other names, also in their own script; linked in prose like names."
        ),
        "affiliations": Field(
            ListOf(AFFILIATION), "Organisations, states or groups the actor belongs to."
        ),
        "links": Field(ListOf(LINK), "Further reading."),
    },
)
EVENT = Record(
    "an event",
    {
        "id": Field(
            Id(), "Lowercase letters, digits and single hyphens; the page's address.", required=True
        ),
        "date": Field(
            DATE,
            'When it happened, only as precisely as known (EDTF): "2025-03-05", "2025-02", '
            '"1997", "2025-02~", "2025-01-19/2025-03-02", "-0043" (44 BCE).',
            required=True,
        ),
        "title": Field(TEXT, "A short headline.", required=True),
        "body": Field(
            MARKDOWN, "What happened, in Markdown; the timeline shows its first paragraph."
        ),
        "participants": Field(ListOf(PARTICIPANT), "The actors taking part, with their roles."),
        "place": Field(TEXT, "Where it happened."),
        "status": Field(
            Choice(STATUSES),
            "confirmed (the default), reported (known only through another outlet) or "
            "disputed (accounts conflict).",
        ),
        "sources": Field(
            ListOf(SOURCE_REF, non_empty=True), "Ids of the sources (at least one).", required=True
        ),
        "quotes": Field(ListOf(QUOTE), "What was said, shown here and on the speaker's page."),
        "tags": Field(ListOf(TEXT), "Short labels."),
    },
)
SOURCE = Record(
    "a source",
    {
        "id": Field(Id(), "Lowercase letters, digits and single hyphens.", required=True),
        "title": Field(TEXT, "The title of the article, post or report.", required=True),
        "outlet": Field(ACTOR_REF, "The id of the actor that published it."),
        "url": Field(URL, "An http://, https:// or mailto: address."),
        "date": Field(DATE, "When it was published (an EDTF date)."),
        "note": Field(TEXT, 'For example, "Cited by the article; not consulted directly."'),
    },
)
STORY_FILE = Record(
    "the file",
    {
        "story": Field(STORY, "The explainer's title, summary and narrative.", required=True),
        "actors": Field(
            ListOf(ACTOR), "People, organisations, states, groups, media.", required=True
        ),
        "events": Field(ListOf(EVENT), "Dated events, each with its sources.", required=True),
        "sources": Field(ListOf(SOURCE), "Articles, posts and reports cited.", required=True),
    },
)

T = TypeVar("T")


class _Reader:
    """Reads typed values out of nodes, recording a located problem for each misfit."""

    def __init__(self, problems: Problems):
        self.problems = problems

    def record(self, node: Node, shape: Record) -> Mapping | None:
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

    def text(self, record: Mapping, key: str, what: str) -> str | None:
        node = record.get(key)
        if node is None:
            return None
        if not isinstance(node, Scalar) or node.value is None or isinstance(node.value, bool):
            self.problems.add(
                node.mark,
                f"{what} '{key}' should be text, not {type_name(node)}",
                "write the text after the colon" if isinstance(node, Scalar) else "",
            )
            return None
        value = node.text.strip()
        if not value:
            self.problems.add(
                node.mark, f"{what} '{key}' is empty", "write the text or remove the key"
            )
            return None
        return value

    def prose(self, record: Mapping, key: str, what: str) -> Prose | None:
        text = self.text(record, key, what)
        node = record.get(key)
        if text is None or not isinstance(node, Scalar):
            return None
        # Keep the author's text exactly (strip() above only decides emptiness).
        return Prose(node.text, node.mark, node)

    def choice(self, record: Mapping, key: str, what: str, options: tuple[str, ...]) -> str | None:
        value = self.text(record, key, what)
        if value is None:
            return None
        if value not in options:
            node = record.get(key)
            assert node is not None
            self.problems.add(
                node.mark,
                f"{what} '{key}' cannot be '{value}'",
                did_you_mean(value, options) or f"use one of: {', '.join(options)}",
            )
            return None
        return value

    def date(self, record: Mapping, key: str, what: str) -> StoryDate | None:
        node = record.get(key)
        if node is None:
            return None
        if not isinstance(node, Scalar) or node.value is None or isinstance(node.value, bool):
            self.problems.add(
                node.mark,
                f"{what} '{key}' should be a date, not {type_name(node)}",
                'write an EDTF date such as "2025-03-05", "2025-02" or "1997"',
            )
            return None
        text = str(node.value)
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            if node.value < 0:
                # A bare negative number is ambiguous: -44 is 45 BCE in EDTF, 44 BCE to most.
                self.problems.add(
                    node.mark,
                    f"{what} '{key}' is the number {node.value}; is that {-node.value} BCE?",
                    f'write it as EDTF text: {-node.value} BCE is "{edtf_year(-node.value, True)}"',
                )
                return None
            text = f"{node.value:04d}"
        try:
            return parse_date(text)
        except DateError as exc:
            self.problems.add(
                node.mark,
                f"{what} '{key}': {exc}",
                'use EDTF: "2025-03-05", "2025-02", "1997", "2025-02~" (approximate), '
                '"2025-01-19/2025-03-02" (a range), "-0043" (44 BCE)',
            )
            return None

    def language(self, record: Mapping, key: str, what: str) -> str | None:
        value = self.text(record, key, what)
        if value is None:
            return None
        try:
            return check_tag(value)
        except LanguageError:
            node = record.get(key)
            assert node is not None
            meant = suggest_tag(value)
            self.problems.add(
                node.mark,
                f"{what} '{key}' is '{value}', which is not a language tag explainer knows",
                f"did you mean '{meant}'?"
                if meant
                else "write a BCP 47 language tag such as 'en', 'ar', 'fr' or 'pt-BR'",
            )
            return None

    def list_of(
        self, record: Mapping, key: str, what: str, item: Callable[[Node], T | None]
    ) -> tuple[T, ...]:
        node = record.get(key)
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return ()
        if not isinstance(node, Sequence):
            self.problems.add(
                node.mark,
                f"{what} '{key}' should be a list, not {type_name(node)}",
                "write each item on its own line starting with '- ', or as [a, b]",
            )
            return ()
        return tuple(v for v in (item(child) for child in node.items) if v is not None)

    def scalar_text(self, node: Node, what: str) -> str | None:
        if not isinstance(node, Scalar) or node.value is None or isinstance(node.value, bool):
            self.problems.add(node.mark, f"{what} should be text, not {type_name(node)}")
            return None
        value = node.text.strip()
        if not value:
            self.problems.add(node.mark, f"{what} is empty")
            return None
        return value

    def id_text(self, node: Node, what: str) -> str | None:
        value = self.scalar_text(node, what)
        if value is None:
            return None
        problem = id_problem(value)
        if problem:
            suggestion = slugify(value)
            if suggestion in RESERVED_IDS:
                suggestion = ""
            self.problems.add(
                node.mark,
                f"{what} '{_visible(value)}' {problem}",
                f"write '{suggestion}'" if suggestion else "write a short id such as 'hamas'",
            )
            return None
        return value

    def ref(self, node: Node, what: str) -> Ref | None:
        value = self.id_text(node, what)
        return None if value is None else Ref(value, node.mark)

    def ref_field(self, record: Mapping, key: str, what: str) -> Ref | None:
        node = record.get(key)
        return None if node is None else self.ref(node, f"{what} '{key}'")

    def url(self, record: Mapping, key: str, what: str) -> str | None:
        value = self.text(record, key, what)
        if value is None:
            return None
        if re.search(r"[\s\"<>]", value):
            problem = (
                f"{what} '{key}' contains a space, a quote or an angle bracket",
                "encode them in the address (a space is %20), or copy it again from the browser",
            )
        elif not value.lower().startswith(URL_SCHEMES):
            problem = (
                f"{what} '{key}' must be an http(s) or mailto address, not '{value[:40]}'",
                "write the full address, starting with https://",
            )
        else:
            return value
        node = record.get(key)
        assert node is not None
        self.problems.add(node.mark, *problem)
        return None


#: Ids that cannot be page names: 'index' is the folder's own page; the rest are device
#: names that Windows refuses as file names.
RESERVED_IDS = frozenset(
    ["index", "con", "prn", "aux", "nul"]
    + [f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)]
)


def id_problem(value: str) -> str:
    """Why `value` cannot be an id ('' if it can). Ids become file names and URLs."""
    if ID_PATTERN.fullmatch(value):
        return "is a reserved name" if value in RESERVED_IDS else ""
    for char in value:
        if unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp") or char == "\x00":
            return f"contains an invisible character ({_describe(char)})"
    for char in value:
        if char.isalpha() and not char.isascii():
            base = _ascii_lookalike(char)
            looks = f", which looks like '{base}'" if base else ""
            return f"contains {_describe(char)}{looks}: ids use plain ASCII letters only"
    if any(c in value for c in "/\\") or value.strip(".") == "":
        return "is not a valid id: ids become page addresses, so no slashes or dots"
    return (
        "is not a valid id: use lowercase letters, digits and single hyphens "
        "(ids become page addresses)"
    )


def _describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


# Letters from other scripts that look like ASCII ones (the usual homoglyphs in ids pasted
# from elsewhere); used only to suggest the id that was meant.
_LOOKALIKES = str.maketrans("аеорсухіјѕԁӏαοντικ", "aeopcyxijsdlaovtik")


def _ascii_lookalike(char: str) -> str:
    mapped = char.lower().translate(_LOOKALIKES)
    if mapped.isascii():
        return mapped
    return unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()


def _visible(value: str) -> str:
    """`value` with invisible characters shown as escapes, so a message can point at them."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp") else c
        for c in value
    )


def slugify(text: str) -> str:
    """A valid id from any text: 'Adam Boehler' → 'adam-boehler', 'Hamas' → 'hamas'."""
    ascii_text = "".join(c if c.isascii() else _ascii_lookalike(c) for c in text)
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def read_story(doc: Document, problems: Problems) -> Story:
    """Build the typed model of a parsed story file, adding every problem to `problems`.

    Records with problems are left out, so the result is usable for the cross-reference
    stage to find its own problems in the same run. Raises StoryError only when the file
    has no usable shape at all.
    """
    r = _Reader(problems)
    incomplete: set[str] = set()
    orphans: list[tuple[str, Ref]] = []
    root = doc.root
    if root is None:
        problems.add(
            Mark(1, 1),
            "the file is empty",
            "start from the example in the README: story, actors, events and sources",
        )
        raise StoryError(doc.path, problems.items, doc.text)
    top = r.record(root, STORY_FILE)
    if top is None:
        raise StoryError(doc.path, problems.items, doc.text)

    story = Mapping((), top.mark)
    story_node = top.get("story")
    if story_node is not None:
        story = r.record(story_node, STORY) or story

    def section(node: Node) -> Section | None:
        m = r.record(node, SECTION)
        if m is None:
            return None
        question = r.text(m, "question", "the section")
        body = r.prose(m, "body", "the section")
        return Section(question, body) if question and body else None

    def affiliation(node: Node) -> Affiliation | None:
        m = r.record(node, AFFILIATION)
        if m is None:
            return None
        actor = r.ref_field(m, "actor", "the affiliation")
        role = r.text(m, "role", "the affiliation")
        date = r.date(m, "date", "the affiliation")
        return Affiliation(actor, role, date, m.mark) if actor and role else None

    def link(node: Node) -> Link | None:
        m = r.record(node, LINK)
        if m is None:
            return None
        title = r.text(m, "title", "the link")
        url = r.url(m, "url", "the link")
        return Link(title, url) if title and url else None

    def alias(node: Node) -> str | None:
        return r.scalar_text(node, "an alias")

    def tag(node: Node) -> str | None:
        return r.scalar_text(node, "a tag")

    def actor(node: Node) -> Actor | None:
        m = r.record(node, ACTOR)
        if m is None:
            return None
        id_node = m.get("id")
        actor_id = r.id_text(id_node, "the actor id") if id_node else None
        name = r.text(m, "name", "the actor")
        kind = r.choice(m, "kind", "the actor", ACTOR_KINDS)
        description = r.prose(m, "description", "the actor")
        aliases = r.list_of(m, "aliases", "the actor", alias)
        affiliations = r.list_of(m, "affiliations", "the actor", affiliation)
        links = r.list_of(m, "links", "the actor", link)
        if not (actor_id and name and kind):
            incomplete.update([actor_id] if actor_id else [])
            orphans.extend(("actor", a.actor) for a in affiliations)
            return None
        return Actor(actor_id, name, kind, description, aliases, affiliations, links, m.mark)

    def participant(node: Node) -> Participant | None:
        m = r.record(node, PARTICIPANT)
        if m is None:
            return None
        who = r.ref_field(m, "actor", "the participant")
        role = r.choice(m, "role", "the participant", ROLES)
        return Participant(who, role) if who and role else None

    def quote(node: Node) -> Quote | None:
        m = r.record(node, QUOTE)
        if m is None:
            return None
        speaker = r.ref_field(m, "speaker", "the quote")
        text = r.text(m, "text", "the quote")
        source = r.ref_field(m, "source", "the quote")
        return Quote(speaker, text, source, m.mark) if speaker and text else None

    def ref_item(what: str) -> Callable[[Node], Ref | None]:
        return lambda node: r.ref(node, what)

    def event(node: Node) -> Event | None:
        m = r.record(node, EVENT)
        if m is None:
            return None
        id_node = m.get("id")
        event_id = r.id_text(id_node, "the event id") if id_node else None
        date = r.date(m, "date", "the event")
        title = r.text(m, "title", "the event")
        body = r.prose(m, "body", "the event")
        participants = r.list_of(m, "participants", "the event", participant)
        place = r.text(m, "place", "the event")
        status = r.choice(m, "status", "the event", STATUSES) if m.get("status") else "confirmed"
        sources = r.list_of(m, "sources", "the event", ref_item("a source id"))
        sources_node = m.get("sources")
        is_empty = isinstance(sources_node, Sequence) or (
            isinstance(sources_node, Scalar) and sources_node.value is None
        )
        if sources_node is not None and not sources and is_empty:
            problems.add(
                sources_node.mark,
                "the event cites no source",
                "list at least one source id under sources",
            )
        quotes = r.list_of(m, "quotes", "the event", quote)
        tags = r.list_of(m, "tags", "the event", tag)
        if not (event_id and date and title and status and sources):
            incomplete.update([event_id] if event_id else [])
            orphans.extend(("actor", p.actor) for p in participants)
            orphans.extend(("source", ref) for ref in sources)
            orphans.extend(("actor", q.speaker) for q in quotes)
            orphans.extend(("source", q.source) for q in quotes if q.source)
            return None
        return Event(
            event_id,
            date,
            title,
            body,
            participants,
            place,
            status,
            sources,
            quotes,
            tags,
            m.mark,
        )

    def source(node: Node) -> Source | None:
        m = r.record(node, SOURCE)
        if m is None:
            return None
        id_node = m.get("id")
        source_id = r.id_text(id_node, "the source id") if id_node else None
        title = r.text(m, "title", "the source")
        outlet = r.ref_field(m, "outlet", "the source")
        url = r.url(m, "url", "the source")
        date = r.date(m, "date", "the source")
        note = r.text(m, "note", "the source")
        if not (source_id and title):
            incomplete.update([source_id] if source_id else [])
            orphans.extend([("actor", outlet)] if outlet else [])
            return None
        return Source(source_id, title, outlet, url, date, note, m.mark)

    title = r.text(story, "title", "story")
    summary = r.text(story, "summary", "story")
    language = r.language(story, "language", "story") or DEFAULT_LANGUAGE
    direction = r.choice(story, "direction", "story", DIRECTIONS) or text_direction(language)
    return Story(
        title=title or "",
        summary=summary or "",
        published=r.date(story, "published", "story"),
        updated=r.date(story, "updated", "story"),
        sections=r.list_of(story, "sections", "story", section),
        method=r.prose(story, "method", "story"),
        sources=r.list_of(story, "sources", "story", ref_item("a source id")),
        key_actors=r.list_of(story, "key_actors", "story", ref_item("an actor id")),
        actors=r.list_of(top, "actors", "the file", actor),
        events=r.list_of(top, "events", "the file", event),
        all_sources=r.list_of(top, "sources", "the file", source),
        # Last: keyword arguments are evaluated in order, after the lists above are read.
        incomplete_ids=frozenset(incomplete),
        orphan_refs=tuple(orphans),
        language=language,
        direction=direction,
    )
