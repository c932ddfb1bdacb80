"""The JSON Schema of `events.yaml`, for editors: completion, hover help and live errors.

It is generated from the record tables (records.py, fields.py), the same ones the reader checks
a story against, so the two cannot disagree on keys, required fields, kinds, roles,
statuses or the shape of ids, dates and addresses. It is draft-07: the version that the
YAML language server (VS Code's YAML extension, and editors built on it) fully supports.

What a schema cannot check stays with `explainer check`: whether ids refer to records that
exist, the calendar (2025-02-30), the order of a range's ends, whether CLDR knows a
language tag, garbled text, duplicate keys and the file's bytes. tests/test_schema.py lists
each of these.
"""

from __future__ import annotations

import json
import re
from typing import Any

from explainer.story.coordinates import Number
from explainer.story.dates import DATE_SHAPE
from explainer.story.fields import (
    TIME_ZONE_PATTERN,
    URL_SCHEMES,
    Choice,
    Colour,
    Date,
    Id,
    Language,
    ListOf,
    ProjectFile,
    Record,
    Text,
    TimeZone,
    Url,
    Value,
)
from explainer.story.ids import ID_PATTERN, RESERVED_IDS
from explainer.story.records import STORY_FILE

DRAFT = "http://json-schema.org/draft-07/schema#"
#: Where a story project keeps the schema; events.yaml's first line points there.
SCHEMA_PATH = "schema/events.schema.json"
#: The comment that associates events.yaml with the schema in the YAML language server.
MODELINE = f"# yaml-language-server: $schema={SCHEMA_PATH}"

JSON = dict[str, Any]

#: A relative path as ProjectFile takes it: no scheme or //host (a drive letter is refused
#: as outside), not starting with / \\ or ~, no backslash, no ".." segment, not blank.
PROJECT_FILE_PATTERN = (
    r"^(?!\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:|[/~]))(?!\s*(?:.*/)?\.\.(?:/|\s*$))[^\\]*[^\\\s][^\\]*$"
)


def story_schema() -> JSON:
    """The schema of a whole story file."""
    return {
        "$schema": DRAFT,
        "title": "explainer story (events.yaml)",
        "description": "A story's actors, dated events, sources and quotes, compiled into "
        "an explainer site. Check it fully with `explainer check`.",
        **_value(STORY_FILE),
    }


def schema_text() -> str:
    """The schema as the committed file holds it (stable order, one trailing newline)."""
    return json.dumps(story_schema(), indent=2, ensure_ascii=False) + "\n"


def _value(value: Value) -> JSON:
    if isinstance(value, Text):
        # The reader takes a number as the text it was written as ("title: 1997"); it
        # refuses booleans, empty values and blank text.
        return {
            "type": ["string", "number"],
            "pattern": r"\S",
            "patternErrorMessage": "Write the text, or remove the key.",
        }
    if isinstance(value, Date):
        # A year may be written as a bare number (1997); a negative one is refused, since
        # -44 is ambiguous (EDTF's -0044 is 45 BCE).
        return {
            "type": ["string", "integer"],
            "pattern": DATE_SHAPE,
            "minimum": 0,
            "patternErrorMessage": 'Not an EDTF date: write "2025-03-05", "2025-02", "1997", '
            '"2025-02~" (approximate), "2025-01-19/2025-03-02" (a range), "-0043" (44 BCE).',
        }
    if isinstance(value, Id):
        return {
            # An id of digits only may be written unquoted (a YAML number).
            "type": ["string", "integer"],
            "pattern": f"^{ID_PATTERN.pattern}$",
            "patternErrorMessage": "An id is lowercase letters, digits and single hyphens, "
            "such as adam-boehler.",
            "minimum": 0,
            "not": {"enum": sorted(RESERVED_IDS)},
        }
    if isinstance(value, Language):
        # The shape of a BCP 47 tag; whether CLDR knows the language only the reader can say.
        return {
            "type": "string",
            "pattern": r"^\s*[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*\s*$",
            "patternErrorMessage": "Write a BCP 47 language tag such as en, ar, fr or pt-BR.",
            "examples": ["en", "ar", "fr", "pt-BR"],
        }
    if isinstance(value, TimeZone):
        return {
            "type": "string",
            "pattern": TIME_ZONE_PATTERN,
            "patternErrorMessage": "Write an IANA time zone name such as Africa/Cairo or UTC.",
            "examples": ["Africa/Cairo", "Asia/Gaza", "Europe/London", "UTC"],
        }
    if isinstance(value, Url):
        return {
            "type": "string",
            "pattern": _url_pattern(),
            "patternErrorMessage": "Write the full address, starting with https://, "
            "without spaces (a space is %20).",
        }
    if isinstance(value, Number):
        return {"type": "number", "minimum": value.low, "maximum": value.high}
    if isinstance(value, Colour):
        # The shape only: whether it keeps its contrast only the reader says.
        return {
            "type": "string",
            "pattern": r"^\s*#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\s*$",
            "patternErrorMessage": 'Write the colour as "#" and six hexadecimal digits, '
            'in quotes: "#1f77b4".',
        }
    if isinstance(value, ProjectFile):
        # Its shape only: whether the file exists and is a picture only the reader can say.
        return {
            "type": "string",
            "pattern": PROJECT_FILE_PATTERN,
            "patternErrorMessage": "Write a path inside the story's project with forward "
            "slashes, such as media/photo.jpg: not a web address, not ../ or /.",
        }
    if isinstance(value, Choice):
        return {"enum": list(value.options)}
    if isinstance(value, ListOf):
        schema: JSON = {"type": "array", "items": _value(value.item)}
        if value.non_empty:
            schema["minItems"] = 1
        else:
            schema["type"] = ["array", "null"]  # a key left blank is an empty list
        return schema
    return _record(value)


def _record(record: Record) -> JSON:
    properties = {
        key: {"description": spec.help, **_value(spec.value)} for key, spec in record.fields.items()
    }
    mapping = {
        "type": "object",
        "properties": properties,
        "required": [key for key, spec in record.fields.items() if spec.required],
        # Stricter than the reader in one way: the reader reports a misspelt key and then
        # reads it as the key it was meant to be, to check its value too; the schema reports
        # the unknown key and, if it was required, the missing one. Both refuse the file.
        "additionalProperties": False,
    }
    if record.shorthand:  # or the shorthand key's value alone
        return {"anyOf": [_value(record.fields[record.shorthand].value), mapping]}
    return mapping


def _url_pattern() -> str:
    """Addresses as the reader takes them: a known scheme in any case, then no space,
    quote or angle bracket."""
    schemes = "|".join(
        "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in scheme)
        for scheme in URL_SCHEMES
    )
    return rf"^\s*(?:{schemes})[^\s\"<>]*\s*$"
