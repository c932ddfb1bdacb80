"""The types of value a story's keys hold, each knowing how to read itself from a node.

`records.py` declares each record's keys with these types; the reader (reader.py) walks
those tables, and `schema.py` turns them into the editor's JSON Schema.

Each value type reads a node into a value (`read`), adding a located problem to
`problems` and returning None when the node does not fit. `label` is how the problem
names the value: "the event 'date'", "the actor id", "an alias".
"""

from __future__ import annotations

import difflib
import functools
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from explainer.story.colours import HEX, MINIMUM_CONTRAST, nearest_passing, normalised, weakest
from explainer.story.coordinates import Number
from explainer.story.dates import DateError, StoryDate, edtf_year, parse_date
from explainer.story.ids import id_problem, suggested_id, visible
from explainer.story.language import LanguageError, check_tag, suggest_tag
from explainer.story.load import Mapping, Node, Scalar, type_name
from explainer.story.model import Author, ProjectPath, Prose, Ref
from explainer.story.problems import Mark, Problems, did_you_mean

URL_SCHEMES = ("http://", "https://", "mailto:")


def read_text(node: Node, label: str, problems: Problems, hints: bool = True) -> str | None:
    """The text of a scalar, stripped; a number is the text it was written as. `hints`:
    say how to fix it (a key's value; an item of a list is plain enough without)."""
    if not isinstance(node, Scalar) or node.value is None or isinstance(node.value, bool):
        hint = "write the text after the colon" if hints and isinstance(node, Scalar) else ""
        problems.add(node.mark, f"{label} should be text, not {type_name(node)}", hint)
        return None
    value = node.text.strip()
    if not value:
        problems.add(
            node.mark, f"{label} is empty", "write the text or remove the key" if hints else ""
        )
        return None
    return value


@dataclass(frozen=True)
class Text:
    """Plain text (a number is read as the text it was written as), never empty."""

    markdown: bool = False

    # (The Author of a TextOrId too: it is text in the schema, read into a richer value.)
    def read(self, node: Node, label: str, problems: Problems) -> str | Prose | Author | None:
        value = read_text(node, label, problems)
        if value is None or not self.markdown:
            return value
        assert isinstance(node, Scalar)
        # Keep the author's Markdown exactly (stripping only decided whether it is empty).
        return Prose(node.text, node.mark, node)

    def read_item(self, node: Node, label: str, problems: Problems) -> str | None:
        return read_text(node, label, problems, hints=False)


@dataclass(frozen=True)
class TextOrId(Text):
    """Text that may be the id of a record (`names`): a source's author is an actor's id
    or a name. The reader keeps it as written; only the catalog knows the ids, so it
    decides which it is (see Catalog.author)."""

    names: str = "actor"

    def read(self, node: Node, label: str, problems: Problems) -> Author | None:
        value = read_text(node, label, problems)
        return None if value is None else Author(value, node.mark)


@dataclass(frozen=True)
class Date:
    """An EDTF date (see dates.py), or a bare year such as 1997."""

    def read(self, node: Node, label: str, problems: Problems) -> StoryDate | None:
        if not isinstance(node, Scalar) or node.value is None or isinstance(node.value, bool):
            problems.add(
                node.mark,
                f"{label} should be a date, not {type_name(node)}",
                'write an EDTF date such as "2025-03-05", "2025-02" or "1997"',
            )
            return None
        text = str(node.value)
        if isinstance(node.value, int):
            if node.value < 0:
                # A bare negative number is ambiguous: -44 is 45 BCE in EDTF, 44 BCE to most.
                problems.add(
                    node.mark,
                    f"{label} is the number {node.value}; is that {-node.value} BCE?",
                    f'write it as EDTF text: {-node.value} BCE is "{edtf_year(-node.value, True)}"',
                )
                return None
            text = f"{node.value:04d}"
        try:
            return parse_date(text)
        except DateError as exc:
            problems.add(
                _at(node, text, exc.at),
                f"{label}: {exc}",
                'use EDTF: "2025-03-05", "2025-02", "1997", "2025-02~" (approximate), '
                '"2025-01-19/2025-03-02" (a range), "-0043" (44 BCE)',
            )
            return None


def _at(node: Scalar, text: str, at: int | None) -> Mark:
    """Where in the file the date goes wrong: the character the grammar stopped at, for a
    date written on one line (else the start of the value). (A quoted date with a YAML
    escape in it, which no one writes, would be pointed at a little off.)"""
    raw = node.raw
    if at is None or node.style not in ("", '"', "'") or "\n" in raw or raw.strip() != text.strip():
        return node.mark
    quote = 1 if node.style else 0
    return Mark(node.mark.line, node.mark.column + quote + len(raw) - len(raw.lstrip()) + at)


@dataclass(frozen=True)
class Id:
    """An id (lowercase letters, digits, single hyphens), defining a record or naming one."""

    names: str = ""  # what a reference points at ("actor", "source"); "" for a record's own id

    @property
    def one(self) -> str:
        """How a message names one item of a list of these: "an actor id"."""
        return f"{'an' if self.names[:1] in tuple('aeiou') else 'a'} {self.names} id"

    def read(self, node: Node, label: str, problems: Problems) -> str | Ref | None:
        """A reference (with where it was written) or, for a record's own id, the id."""
        value = read_text(node, label, problems, hints=False)
        if value is None:
            return None
        problem = id_problem(value)
        if problem:
            suggestion = suggested_id(value)
            problems.add(
                node.mark,
                f"{label} '{visible(value)}' {problem}",
                f"write '{suggestion}'" if suggestion else "write a short id such as 'hamas'",
            )
            return None
        return Ref(value, node.mark) if self.names else value

    read_item = read


@dataclass(frozen=True)
class Language:
    """A BCP 47 language tag that CLDR knows (see language.py)."""

    def read(self, node: Node, label: str, problems: Problems) -> str | None:
        value = read_text(node, label, problems)
        if value is None:
            return None
        try:
            return check_tag(value)
        except LanguageError:
            meant = suggest_tag(value)
            problems.add(
                node.mark,
                f"{label} is '{value}', which is not a language tag explainer knows",
                f"did you mean '{meant}'?"
                if meant
                else "write a BCP 47 language tag such as 'en', 'ar', 'fr' or 'pt-BR'",
            )
            return None


@dataclass(frozen=True)
class TimeZone:
    """An IANA time zone name ('Africa/Cairo'), as the tz database (zoneinfo) knows it."""

    def read(self, node: Node, label: str, problems: Problems) -> ZoneInfo | None:
        value = read_text(node, label, problems)
        if value is None:
            return None
        zones = _time_zones()
        if value in zones:
            return ZoneInfo(value)
        meant = difflib.get_close_matches(value, zones, n=1, cutoff=0.6)
        problems.add(
            node.mark,
            f"{label} is '{value}', which is not a time zone of the IANA tz database",
            f"did you mean '{meant[0]}'?"
            if meant
            else "write an IANA name such as 'Africa/Cairo', 'Asia/Gaza' or 'UTC'",
        )
        return None


@functools.cache
def _time_zones() -> list[str]:
    return sorted(zoneinfo.available_timezones())


#: The shape of a time zone name, for the editor schema (whether it exists the reader says).
TIME_ZONE_PATTERN = r"^\s*[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*\s*$"


@dataclass(frozen=True)
class Url:
    """An address starting with one of URL_SCHEMES."""

    def read(self, node: Node, label: str, problems: Problems) -> str | None:
        value = read_text(node, label, problems)
        if value is None:
            return None
        if re.search(r"[\s\"<>]", value):
            problems.add(
                node.mark,
                f"{label} contains a space, a quote or an angle bracket",
                "encode them in the address (a space is %20), or copy it again from the browser",
            )
        elif not value.lower().startswith(URL_SCHEMES):
            problems.add(
                node.mark,
                f"{label} must be an http(s) or mailto address, not '{value[:40]}'",
                "write the full address, starting with https://",
            )
        else:
            return value
        return None


#: A scheme ("https:", "data:", "file:") or a protocol-relative "//host": a web address.
_ADDRESS = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:|//)")


@dataclass(frozen=True)
class ProjectFile:
    """A file inside the story's project, as a relative path with forward slashes
    (media/photo.jpg). Only its shape is checked here; whether it exists, stays inside the
    project through links, and is a picture is the media stage's to say (media/)."""

    def read(self, node: Node, label: str, problems: Problems) -> ProjectPath | None:
        value = read_text(node, label, problems)
        if value is None:
            return None
        drive = re.match(r"^[A-Za-z]:", value)  # C:\photos: a Windows path, not a scheme
        if _ADDRESS.match(value) and not drive:
            problems.add(
                node.mark,
                f"{label} is a web address: the site never loads pictures from other hosts",
                "download it into media/ next to the story file, credit it, and write its "
                "path here: media/NAME",
            )
        elif drive or value.startswith(("/", "\\", "~")) or ".." in re.split(r"[/\\]", value):
            problems.add(
                node.mark,
                f"{label} '{value}' is outside the story's project",
                "copy the file into media/ next to the story file and write media/NAME",
            )
        elif "\\" in value:
            problems.add(
                node.mark,
                f"{label} has a backslash",
                f"write the path with forward slashes: {value.replace(chr(92), '/')}",
            )
        else:
            return ProjectPath(value, node.mark)
        return None


@dataclass(frozen=True)
class Colour:
    """A colour as #rrggbb (or #rgb) that keeps 3:1 contrast with both palettes'
    backgrounds, since marks in that colour are drawn on both (colours.py)."""

    def read(self, node: Node, label: str, problems: Problems) -> str | None:
        if isinstance(node, Scalar) and node.value is None:
            # `colour: #b5179e` unquoted: YAML reads everything from # on as a comment.
            problems.add(
                node.mark,
                f"{label} is empty",
                'a # starts a comment in YAML: put the colour in quotes, such as "#1f77b4"',
            )
            return None
        value = read_text(node, label, problems)
        if value is None:
            return None
        if not HEX.fullmatch(value):
            problems.add(
                node.mark,
                f"{label} '{value}' is not a colour explainer can read",
                'write it as "#" and six hexadecimal digits, in quotes: "#1f77b4"',
            )
            return None
        colour = normalised(value)
        palette, ratio = weakest(colour)
        if ratio < MINIMUM_CONTRAST:
            problems.add(
                node.mark,
                f"{label} {value} has {ratio:.2f}:1 contrast with the {palette} palette's "
                f"background; marks need {MINIMUM_CONTRAST:g}:1 in both palettes",
                f'the nearest colour that passes is "{nearest_passing(colour)}"',
            )
            return None
        return colour


@dataclass(frozen=True)
class Choice:
    options: tuple[str, ...]

    def read(self, node: Node, label: str, problems: Problems) -> str | None:
        value = read_text(node, label, problems)
        if value is None or value in self.options:
            return value
        problems.add(
            node.mark,
            f"{label} cannot be '{value}'",
            did_you_mean(value, self.options) or f"use one of: {', '.join(self.options)}",
        )
        return None


@dataclass(frozen=True)
class ListOf:
    item: Value
    #: At least one item (an event's sources); other lists may be empty or left blank.
    non_empty: bool = False
    #: How a message names one item, where the item's type cannot say ("an alias").
    each: str = ""
    #: What a record with a non-empty list but no item "does" ("cites no source").
    when_empty: str = ""


@dataclass(frozen=True)
class Record:
    """A mapping with a fixed set of keys."""

    name: str  # how messages name one: "an actor"
    fields: dict[str, Field]
    #: Builds the model's record from the values read, by key (and `mark`, if it takes
    #: one). None for the story and the file, which read_story assembles itself.
    make: Callable[..., Any] | None = None
    #: A check across the record's keys, before each is read on its own (a location's
    #: lat and lon written the wrong way round): it reports what it finds and returns
    #: False when the record is unusable, so that one mistake gives one message.
    check: Callable[[Mapping, Problems], bool] | None = None
    #: A key whose value alone may stand for the whole record (`updated: "2025-03"` for
    #: `updated: {date: "2025-03"}`); the other keys then take their defaults.
    shorthand: str = ""

    @functools.cached_property
    def subject(self) -> str:
        """How messages name this record when speaking of its keys: "the actor"."""
        article, _, noun = self.name.partition(" ")
        return f"the {noun}" if article in ("a", "an") else self.name


Value = (
    Text
    | Date
    | Id
    | Language
    | TimeZone
    | Url
    | Number
    | Colour
    | ProjectFile
    | Choice
    | ListOf
    | Record
)


@dataclass(frozen=True)
class Field:
    value: Value
    help: str
    required: bool = False
    #: The value when the key is not written (a key written with a bad value has none).
    default: Any = None
