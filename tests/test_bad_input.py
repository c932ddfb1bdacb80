"""A corpus of bad input: each row one mistake, the exact place it is reported, and the
key words of the message an author reads (`events.yaml:LINE:COL: what — how to fix`).

Rows are grouped by class: YAML syntax, encoding, structure, references, ids, dates and
hostile YAML. Warnings (garbled text) are checked the same way as errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from explainer.pipeline.compile import check_story
from explainer.story.problems import Problem, StoryError
from tests.conftest import MINIMAL


@dataclass(frozen=True)
class Case:
    name: str
    story: str | bytes
    line: int
    column: int
    words: tuple[str, ...]
    severity: str = "error"


def m(old: str, new: str) -> str:
    """MINIMAL with one change (which must apply)."""
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1)


ACTOR_EXTRA = "    kind: person\n"  # where extra actor fields go (line 8 onwards)


def actor_with(extra: str) -> str:
    return m(ACTOR_EXTRA, ACTOR_EXTRA + extra)


def bomb() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 10):
        name, previous = chr(ord("a") + i), chr(ord("a") + i - 1)
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    return text


# fmt: off
CASES = [
    # --- YAML syntax -------------------------------------------------------------------
    Case("unclosed double quote", m('"2025-03-05"', '"2025-03-05'), 10, 11, ("quote is never closed",)),
    Case("unclosed single quote", m("title: Alice meets", "title: 'Alice meets"), 11, 12, ("quote is never closed",)),
    Case("unclosed bracket", m("sources: [report]", "sources: [report"), 15, 14, ("'[' here is never closed",)),
    Case("unclosed brace", m("      - actor: alice\n        role: party", "      - {actor: alice, role: party"), 13, 9, ("'{' here is never closed",)),
    Case("key indented too far", m("    name: Alice", "      name: Alice"), 6, 11, ("a ':' where YAML expects none", "indentation")),
    Case("list item out of line", m("        role: party", "       role: party"), 14, 8, ("does not line up",)),
    Case("tab in indentation", m("    name: Alice", "\tname: Alice"), 6, 1, ("tab", "spaces")),
    Case("stray document marker", m("events:", "---\nevents:"), 8, 1, ("second document", "remove this line")),
    Case("key without colon", m("    title: Alice meets", "    title Alice meets"), 11, 5, ("no ':' after its key",)),
    Case("colon-space in a plain value", m("title: Alice meets", "title: Talks: day two"), 11, 17, ("':' where YAML expects none", "quote the value")),
    # --- Encoding ----------------------------------------------------------------------
    Case("byte that is not UTF-8", MINIMAL.encode().replace(b"Alice meets", b"Alice m\xe9ets"), 11, 19, ("not valid UTF-8", "byte e9")),
    Case("Windows-1252 curly quote", MINIMAL.encode().replace(b"A report", b"A \x93report\x94"), 18, 14, ("not valid UTF-8", "byte 93")),
    Case("control character pasted in", m("Alice meets", "Alice\x07 meets"), 11, 17, ("control character (U+0007)", "delete it")),
    Case("UTF-16 file", "\ufeff".encode("utf-16-le") + MINIMAL.encode("utf-16-le"), 1, 1, ("UTF-16",)),
    Case("mangled space from a scraped page", m("Alice meets", "Alice meetsÌýBob"), 11, 23, ("garbled text 'Ìý'", "plain space"), "warning"),
    Case("garbled word from a scraped page", m("Something happened.", "´¡³æ¾±´Ç²õ said so."), 3, 12, ("garbled text '´¡³æ¾±´Ç²õ'", "retype"), "warning"),
    Case("UTF-8 read as Windows-1252", m("A report", "A donâ€™t report"), 18, 14, ("garbled text 'donâ€™t'", "don’t"), "warning"),
    Case("accent read as Windows-1252", m("name: Alice", "name: CafÃ©"), 6, 11, ("garbled text 'CafÃ©'", "'Café'"), "warning"),
    # --- Structure ---------------------------------------------------------------------
    Case("empty file", "", 1, 1, ("the file is empty",)),
    Case("only comments", "# nothing yet\n", 1, 1, ("the file is empty",)),
    Case("a list at the top", "- story\n- actors\n", 1, 1, ("should be a mapping", "not a list")),
    Case("text at the top", "hello\n", 1, 1, ("should be a mapping", "not text")),
    Case("no story section", MINIMAL.replace("story:\n  title: A test story\n  summary: Something happened.\n", ""), 1, 1, ("missing 'story'",)),
    Case("actors as a mapping", m("actors:\n  - id: alice\n    name: Alice\n    kind: person\n", "actors:\n  alice: {name: Alice, kind: person}\n"), 5, 3, ("actors' should be a list", "not a mapping")),
    Case("name as a list", m("name: Alice", "name: [Alice, Al]"), 6, 11, ("'name' should be text, not a list",)),
    Case("title that YAML reads as a boolean", m("title: Alice meets", "title: yes"), 11, 12, ("should be text, not the boolean true",)),
    Case("empty name", m("name: Alice", "name:"), 6, 10, ("should be text, not an empty value",)),
    Case("blank name", m("name: Alice", 'name: ""'), 6, 11, ("'name' is empty",)),
    Case("missing event title", m("    title: Alice meets\n", ""), 9, 5, ("missing 'title'",)),
    Case("missing event sources", m("    sources: [report]\n", ""), 9, 5, ("missing 'sources'",)),
    Case("event citing no source", m("sources: [report]", "sources: []"), 15, 14, ("cites no source",)),
    Case("event with an empty sources key", m("sources: [report]", "sources:"), 15, 13, ("cites no source",)),
    Case("misspelt top-level key", m("actors:", "actros:"), 4, 1, ("unknown key 'actros'", "did you mean 'actors'")),
    Case("misspelt event key", m("    participants:", "    participnts:"), 12, 5, ("unknown key 'participnts'", "did you mean 'participants'")),
    Case("misspelt actor key", actor_with("    desciption: A person.\n"), 8, 5, ("unknown key 'desciption'", "did you mean 'description'")),
    Case("unknown key, nothing close", actor_with("    colour: red\n"), 8, 5, ("unknown key 'colour'", "allowed keys are id, name")),
    Case("duplicate key", m("    title: Alice meets\n", "    title: Alice meets\n    title: Again\n"), 12, 5, ("duplicate key 'title' (first at line 11)",)),
    Case("duplicate top-level section", MINIMAL + "actors: []\n", 19, 1, ("duplicate key 'actors' (first at line 4)",)),
    Case("unknown actor kind", m("kind: person", "kind: persn"), 7, 11, ("cannot be 'persn'", "did you mean 'person'")),
    Case("unknown participant role", m("role: party", "role: mediatr"), 14, 15, ("cannot be 'mediatr'", "did you mean 'mediator'")),
    Case("unknown status", m("    sources: [report]", "    status: rumour\n    sources: [report]"), 15, 13, ("cannot be 'rumour'", "confirmed, reported, disputed")),
    Case("javascript: url", m("title: A report", "title: A report\n    url: javascript:alert(1)"), 19, 10, ("must be an http(s) or mailto address",)),
    Case("data: url", m("title: A report", "title: A report\n    url: data:text/html,hi"), 19, 10, ("must be an http(s) or mailto address",)),
    Case("url without a scheme", m("title: A report", "title: A report\n    url: www.example.org"), 19, 10, ("must be an http(s) or mailto address", "https://")),
    # --- References --------------------------------------------------------------------
    Case("unknown participant", m("- actor: alice", "- actor: alcie"), 13, 16, ("unknown actor id 'alcie'", "did you mean 'alice'")),
    Case("unknown source", m("sources: [report]", "sources: [reprot]"), 15, 15, ("unknown source id 'reprot'", "did you mean 'report'")),
    Case("unknown quote speaker", m("    sources: [report]", "    quotes:\n      - {speaker: bob, text: Hi}\n    sources: [report]"), 16, 19, ("unknown actor id 'bob'",)),
    Case("unknown source outlet", m("title: A report", "title: A report\n    outlet: reuters"), 19, 13, ("unknown actor id 'reuters'",)),
    Case("unknown key actor", m("summary: Something happened.", "summary: Something happened.\n  key_actors: [alicia]"), 4, 16, ("unknown actor id 'alicia'", "did you mean 'alice'")),
    Case("unknown affiliation", actor_with("    affiliations:\n      - {actor: club, role: Member}\n"), 9, 17, ("unknown actor id 'club'",)),
    Case("link to an unknown event", m("    title: Alice meets\n", "    title: Alice meets\n    body: |\n      First line.\n      See [the talks](event:talks).\n"), 14, 29, ("link to unknown event 'talks'",)),
    Case("link to an unknown actor in a folded block", m("    title: Alice meets\n", "    title: Alice meets\n    body: >\n      First line,\n      second line,\n      and [Bob](actor:bob).\n"), 15, 23, ("link to unknown actor 'bob'",)),
    Case("link to an unknown event in a quoted value", m("    title: Alice meets\n", '    title: Alice meets\n    body: "One.\\n\\nSee [it](event:gone)."\n'), 12, 35, ("link to unknown event 'gone'",)),
    Case("two actors with one alias", m("events:", "  - {id: bob, name: Bob, kind: person, aliases: [Alice]}\nevents:"), 8, 5, ("'Alice' names both 'alice' and 'bob'",), "warning"),
    Case("duplicate actor id", m("events:", "  - {id: alice, name: Alice B, kind: person}\nevents:"), 8, 5, ("duplicate actor id 'alice' (first at line 5)",)),
    Case("duplicate event id", MINIMAL.replace("sources:\n  - id: report", "  - {id: meeting, date: '2025', title: Again, sources: [report]}\nsources:\n  - id: report"), 16, 5, ("duplicate event id 'meeting' (first at line 9)",)),
    Case("affiliated with itself", actor_with("    affiliations:\n      - {actor: alice, role: Self}\n"), 9, 17, ("affiliated with itself",)),
    Case("a loop at the end of a long chain", actor_with("".join(f"  - {{id: a{i}, name: A{i}, kind: organisation, affiliations: [{{actor: a{i + 1}, role: Member}}]}}\n" for i in range(1500)) + "  - {id: a1500, name: End, kind: organisation, affiliations: [{actor: a1499, role: Member}]}\n"), 1507, 5, ("loop: a1499 → a1500 → a1499",)),
    Case("affiliations in a loop", actor_with("    affiliations:\n      - {actor: club, role: Member}\n  - id: club\n    name: Club\n    kind: organisation\n    affiliations:\n      - {actor: alice, role: Owner}\n"), 5, 5, ("loop: alice → club → alice",)),
    # --- Tags --------------------------------------------------------------------------
    Case("tag colour failing contrast", MINIMAL + 'tags:\n  - id: talks\n    colour: "#ffff00"\n', 21, 13, ("'colour' #ffff00 has 1.07:1 contrast with the light palette's background", 'the nearest colour that passes is "#9a9a00"')),
    Case("tag colour failing in the dark palette", MINIMAL + 'tags:\n  - id: talks\n    colour: "#1a56a8"\n', 21, 13, ("2.25:1 contrast with the dark palette's background", "3:1 in both palettes", '"#2f6abe"')),
    Case("tag colour unquoted", MINIMAL + "tags:\n  - id: talks\n    colour: #1f77b4\n", 21, 12, ("'colour' is empty", "put the colour in quotes")),
    Case("tag colour as a name", MINIMAL + "tags:\n  - id: talks\n    colour: red\n", 21, 13, ("'red' is not a colour", '"#1f77b4"')),
    Case("duplicate tag id", MINIMAL + "tags:\n  - id: talks\n  - id: talks\n", 21, 5, ("duplicate tag id 'talks'",)),
    Case("undeclared tag one typo from a declared one", m("    sources: [report]\n", "    sources: [report]\n    tags: [talk]\n") + "tags:\n  - id: talks\n", 9, 5, ("the tag 'talk', which is not declared", "did you mean 'talks'?"), "warning"),
    # --- Ids ---------------------------------------------------------------------------
    Case("id in capitals (would collide with 'alice' as a URL)", m("id: alice", "id: Alice"), 5, 9, ("'Alice' is not a valid id", "write 'alice'")),
    Case("id with a path", m("id: meeting", "id: ../meeting"), 9, 9, ("no slashes or dots", "write 'meeting'")),
    Case("id that is a slash", m("id: meeting", 'id: "/"'), 9, 9, ("no slashes or dots",)),
    Case("id with a backslash", m("id: meeting", 'id: "a\\\\b"'), 9, 9, ("no slashes or dots", "write 'a-b'")),
    Case("id of dots only", m("id: meeting", 'id: ".."'), 9, 9, ("no slashes or dots",)),
    Case("id with a NUL", m("id: meeting", 'id: "meet\\0ing"'), 9, 9, ("invisible character (U+0000",)),
    Case("id with a zero-width space", m("id: alice", 'id: "ali\\u200bce"'), 5, 9, ("invisible character (U+200B ZERO WIDTH SPACE)", "write 'alice'")),
    Case("id with a Cyrillic look-alike", m("id: alice", "id: аlice"), 5, 9, ("U+0430 CYRILLIC SMALL LETTER A", "looks like 'a'", "write 'alice'")),
    Case("reserved id", m("id: meeting", "id: index"), 9, 9, ("reserved name",)),
    Case("Windows device name as id", m("id: report", "id: con"), 17, 9, ("reserved name",)),
    # --- Updates and corrections ---------------------------------------------------------
    Case("update without its date", actor_with("    updated: {note: Renamed.}\n"), 8, 14, ("an update is missing 'date'",)),
    Case("update that is not a date", actor_with("    updated: yesterday\n"), 8, 14, ("the actor 'updated'", "not an EDTF date", "EDTF expects a digit")),
    Case("correction without its text", actor_with('    corrections:\n      - {date: "2025-03-08"}\n'), 9, 9, ("a correction is missing 'text'",)),
    Case("correction dated in words", actor_with('    corrections:\n      - {date: "8 March 2025", text: Fixed.}\n'), 9, 18, ("the correction 'date'", "'8 March 2025' is not an EDTF date", "EDTF expects a digit")),
    Case("misspelt key in a correction", actor_with('    corrections:\n      - {date: "2025-03-08", txt: Fixed.}\n'), 9, 30, ("unknown key 'txt' in a correction", "did you mean 'text'?")),
    Case("corrections as text", m("    sources: [report]\n", "    sources: [report]\n    corrections: Fixed on Monday.\n"), 16, 18, ("the event 'corrections' should be a list",)),
    # --- Dates -------------------------------------------------------------------------
    Case("impossible day", m('"2025-03-05"', '"2025-02-30"'), 10, 11, ("not a real day", "February 2025 has 28 days")),
    Case("not a leap year", m('"2025-03-05"', '"1900-02-29"'), 10, 11, ("February 1900 has 28 days",)),
    Case("reversed range", m('"2025-03-05"', '"2025-03-05/2025-03-01"'), 10, 11, ("ends (1 March 2025) before it starts",)),
    Case("words instead of a date", m('"2025-03-05"', "next Tuesday"), 10, 11, ("not an EDTF date", "EDTF expects a digit")),
    Case("BC written out", m('"2025-03-05"', "44 BC"), 10, 11, ('write 44 BCE as "-0043"',)),
    Case("negative number for a BCE year", m('"2025-03-05"', "-44"), 10, 11, ("is that 44 BCE?", '"-0043"')),
    Case("short month and day", m('"2025-03-05"', '"2025-3-5"'), 10, 11, ('write "2025-03-05"',)),
    Case("date as a list", m('"2025-03-05"', "[2025, 3, 5]"), 10, 11, ("should be a date, not a list",)),
    Case("unspecified digit in the middle of a year", m('"2025-03-05"', '"2X25"'), 10, 11, ("'2X25' has an unspecified digit (X) where EDTF level 1 does not allow one", '"201X"', '"2025-XX"')),
    Case("more than two unspecified year digits", m('"2025-03-05"', '"1XXX"'), 10, 11, ("more than the last two digits", 'range: "1000/1999"')),
    Case("unspecified digit in a full date", m('"2025-03-05"', '"156X-12-25"'), 10, 11, ("where EDTF level 1 does not allow one",)),
    Case("season with a day", m('"2025-03-05"', '"2001-21-05"'), 10, 11, ("a day after a season", 'write "2001-21"')),
    Case("hour past 23", m('"2025-03-05"', '"2025-03-05T24:00"'), 10, 24, ("EDTF expects an hour from 00 to 23",)),
    Case("lower-case unspecified digit", m('"2025-03-05"', '"201x"'), 10, 11, ('capital X, so write "201X"',)),
    # --- Language ----------------------------------------------------------------------
    Case("language written as a name", m("  summary: Something happened.\n", "  summary: Something happened.\n  language: Arabic\n"), 4, 13, ("not a language tag", "did you mean 'ar'?")),
    Case("language with an underscore", m("  summary: Something happened.\n", "  summary: Something happened.\n  language: ar_EG\n"), 4, 13, ("not a language tag", "did you mean 'ar-EG'?")),
    Case("unknown language tag", m("  summary: Something happened.\n", "  summary: Something happened.\n  language: xx\n"), 4, 13, ("not a language tag", "BCP 47")),
    Case("misspelt direction", m("  summary: Something happened.\n", "  summary: Something happened.\n  direction: rlt\n"), 4, 14, ("cannot be 'rlt'", "did you mean 'rtl'?")),
    Case("misspelt time zone", m("  summary: Something happened.\n", "  summary: Something happened.\n  timezone: Africa/Ciaro\n"), 4, 13, ("not a time zone of the IANA tz database", "did you mean 'Africa/Cairo'?")),
    # --- Hostile YAML ------------------------------------------------------------------
    Case("python object tag", m("title: A report", "title: !!python/object/apply:os.system [id]"), 18, 12, ("unsupported YAML tag",)),
    Case("python name tag on a scalar", m("title: A report", "title: !!python/name:os.system"), 18, 12, ("unsupported YAML tag",)),
    Case("binary tag", m("title: A report", "title: !!binary aGk="), 18, 12, ("unsupported YAML tag",)),
    Case("local tag", m("title: A report", "title: !shell ls"), 18, 12, ("unsupported YAML tag '!shell'",)),
    Case("billion laughs", bomb(), 1, 1, ("expands to more than 2,000,000 values",)),
    Case("alias inside itself", "story: &x\n  title: *x\n", 1, 8, ("refers to a value that contains it",)),
    Case("deep nesting", "story: " + "[" * 60 + "]" * 60 + "\n", 1, 58, ("nest more than 50 levels",)),
    Case("nesting past the parser's limit", "a: " + "[" * 2000 + "]" * 2000 + "\n", 1, 1003, ("nest too deeply",)),
]
# fmt: on


def reported(path: Path) -> list[Problem]:
    try:
        return list(check_story(path).warnings)
    except StoryError as error:
        return error.problems


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_mistake_is_located_and_explained(tmp_path: Path, case: Case) -> None:
    path = tmp_path / "events.yaml"
    if isinstance(case.story, bytes):
        path.write_bytes(case.story)
    else:
        path.write_text(case.story, encoding="utf-8")
    found = reported(path)
    text = [f"{p.message} — {p.hint}" for p in found]
    matching = [p for p, t in zip(found, text, strict=True) if all(w in t for w in case.words)]
    assert matching, f"no problem mentions {case.words}: {text}"
    problem = matching[0]
    assert problem.mark is not None
    assert (problem.mark.line, problem.mark.column) == (case.line, case.column), text
    assert problem.severity == case.severity


def test_the_corpus_covers_every_class() -> None:
    assert len(CASES) >= 50
    assert all(isinstance(case.words, tuple) and case.words for case in CASES)
