"""The EDTF forms explainer reads, as one small grammar: the reader parses with it and the
editor schema's date pattern is generated from it, so the two cannot disagree on a shape.

The grammar is made of a few combinators (a literal, a set of characters, a sequence, a
choice, an optional or repeated part, a named part). `parse` tries every way a text can
match, as a regular expression does, and returns the tree of named parts; `pattern` writes
the same grammar as a regular expression in the common subset of Python's and JavaScript's.
Only the reader knows the calendar (2025-02-30) and the order of a range's ends; those are
checked in date_read.py.

The forms are the Library of Congress EDTF specification's (ISO 8601-2) levels 0 and 1,
and from level 2 the sub-year groupings 25–41, sets ([…] one of, {…} all of, with ..
ranges), qualified parts (2004-?06-~11) and unspecified days or months in ranges.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

_SPECIAL = set(".^$*+?()[]{}|\\/")


@dataclass(frozen=True, slots=True)
class Node:
    """A named part of a parsed text: its name, where it is and the named parts inside."""

    name: str
    text: str
    start: int
    children: tuple[Node, ...] = ()

    def find(self, name: str) -> Node | None:
        return next((c for c in self.children if c.name == name), None)

    def all(self, name: str) -> list[Node]:
        return [c for c in self.children if c.name == name]


class _Failure:
    """The furthest place a parse reached, and what the grammar expected there."""

    def __init__(self) -> None:
        self.pos = -1
        self.expected: list[str] = []

    def note(self, pos: int, what: str) -> None:
        if not what:  # (an optional space: never what a reader should be told to write)
            return
        if pos > self.pos:
            self.pos, self.expected = pos, [what]
        elif pos == self.pos and what not in self.expected:
            self.expected.append(what)


Match = Iterator[tuple[int, list[Node]]]


class Rule:
    def matches(self, text: str, pos: int, fail: _Failure) -> Match:
        raise NotImplementedError

    def pattern(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Lit(Rule):
    text: str
    what: str = ""

    def matches(self, text: str, pos: int, fail: _Failure) -> Match:
        if text.startswith(self.text, pos):
            yield pos + len(self.text), []
        elif self.text:
            fail.note(pos, self.what or f'"{self.text}"')

    def pattern(self) -> str:
        return "".join(f"\\{c}" if c in _SPECIAL else c for c in self.text)


@dataclass(frozen=True)
class Chars(Rule):
    """One character of a range written as in a regular expression's class: '0-9', '~?%'."""

    spec: str
    what: str
    allowed: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        chars: set[str] = set()
        s = self.spec
        i = 0
        while i < len(s):
            if i + 2 < len(s) and s[i + 1] == "-":
                chars.update(chr(c) for c in range(ord(s[i]), ord(s[i + 2]) + 1))
                i += 3
            else:
                chars.add(s[i])
                i += 1
        object.__setattr__(self, "allowed", frozenset(chars))

    def matches(self, text: str, pos: int, fail: _Failure) -> Match:
        if pos < len(text) and text[pos] in self.allowed:
            yield pos + 1, []
        else:
            fail.note(pos, self.what)

    def pattern(self) -> str:
        return f"[{self.spec}]"


class Seq(Rule):
    def __init__(self, *parts: Rule | str):
        self.parts = tuple(Lit(p) if isinstance(p, str) else p for p in parts)

    def matches(self, text: str, pos: int, fail: _Failure) -> Match:
        yield from self._from(0, text, pos, fail)

    def _from(self, i: int, text: str, pos: int, fail: _Failure) -> Match:
        if i == len(self.parts):
            yield pos, []
            return
        for end, nodes in self.parts[i].matches(text, pos, fail):
            for last, rest in self._from(i + 1, text, end, fail):
                yield last, nodes + rest

    def pattern(self) -> str:
        return "".join(p.pattern() for p in self.parts)


class Alt(Rule):
    def __init__(self, *options: Rule | str):
        self.options = tuple(Lit(p) if isinstance(p, str) else p for p in options)

    def matches(self, text: str, pos: int, fail: _Failure) -> Match:
        for option in self.options:
            yield from option.matches(text, pos, fail)

    def pattern(self) -> str:
        return "(?:" + "|".join(o.pattern() for o in self.options) + ")"


class Rep(Rule):
    """`rule` at least `low` times, and at most `high` (None: no limit); greedy."""

    def __init__(self, rule: Rule | str, low: int = 0, high: int | None = None):
        self.rule = Lit(rule) if isinstance(rule, str) else rule
        self.low, self.high = low, high

    def matches(self, text: str, pos: int, fail: _Failure) -> Match:
        yield from self._from(0, text, pos, fail)

    def _from(self, count: int, text: str, pos: int, fail: _Failure) -> Match:
        if self.high is None or count < self.high:
            for end, nodes in self.rule.matches(text, pos, fail):
                if end == pos:
                    continue
                for last, rest in self._from(count + 1, text, end, fail):
                    yield last, nodes + rest
        if count >= self.low:
            yield pos, []

    def pattern(self) -> str:
        inner = self.rule.pattern()
        if not isinstance(self.rule, (Chars, Alt)) and len(inner) > 1:
            inner = f"(?:{inner})"
        if (self.low, self.high) == (0, 1):
            return inner + "?"
        if (self.low, self.high) == (0, None):
            return inner + "*"
        return (
            inner
            + "{"
            + str(self.low)
            + ("," if self.high is None else "")
            + (str(self.high) if self.high not in (None, self.low) else "")
            + "}"
        )


def Opt(rule: Rule | str) -> Rep:
    return Rep(rule, 0, 1)


@dataclass(frozen=True)
class Named(Rule):
    name: str
    rule: Rule

    def matches(self, text: str, pos: int, fail: _Failure) -> Match:
        for end, nodes in self.rule.matches(text, pos, fail):
            yield end, [Node(self.name, text[pos:end], pos, tuple(nodes))]

    def pattern(self) -> str:
        return self.rule.pattern()


# The grammar. Names are what date_read.py reads from the tree.
DIGIT = Chars("0-9", "a digit")
_QUAL = Chars("~?%", '"~", "?" or "%"')
_SIGN = Opt(Lit("-", "a minus sign"))
YEAR = Named("year", Seq(_SIGN, Rep(DIGIT, 4, 4)))
LONG_YEAR = Named("long_year", Seq("Y", _SIGN, Chars("1-9", "a digit from 1 to 9"), Rep(DIGIT, 4)))
MONTH = Named(
    "month",
    Alt(
        Seq(Lit("0", "a month from 01 to 12"), Chars("1-9", "a month from 01 to 12")),
        Seq(Lit("1", "a month from 01 to 12"), Chars("0-2", "a month from 01 to 12")),
    ),
)
DAY = Named(
    "day",
    Alt(
        Seq(Lit("0", "a day from 01 to 31"), Chars("1-9", "a day from 01 to 31")),
        Seq(Chars("12", "a day from 01 to 31"), DIGIT),
        Seq(Lit("3", "a day from 01 to 31"), Chars("01", "a day from 01 to 31")),
    ),
)
#: EDTF's sub-year groupings: 21–24 seasons, 25–32 hemispheric seasons, 33–36 quarters,
#: 37–39 quadrimesters, 40–41 semesters.
GROUPING = Named(
    "grouping",
    Alt(
        Seq(Lit("2", "a season from 21 to 41"), Chars("1-9", "a season from 21 to 41")),
        Seq(Lit("3", "a season from 21 to 41"), DIGIT),
        Seq(Lit("4", "a season from 21 to 41"), Chars("01", "a season from 21 to 41")),
    ),
)
LEFT, RIGHT = Opt(Named("left", _QUAL)), Opt(Named("right", _QUAL))
_TWO = Rep(DIGIT, 2, 2)
HOUR = Named(
    "hour",
    Alt(
        Seq(Chars("01", "an hour from 00 to 23"), DIGIT),
        Seq("2", Chars("0-3", "an hour from 00 to 23")),
    ),
)
MINUTE = Named("minute", Seq(Chars("0-5", "minutes from 00 to 59"), DIGIT))
SECOND = Named("second", Seq(Chars("0-5", "seconds from 00 to 59"), DIGIT))
ZONE = Named(
    "zone",
    Alt(
        Lit("Z", '"Z" (UTC) or an offset such as "+02:00"'),
        Seq(
            Named("offset_sign", Chars("+-", '"Z" (UTC) or an offset such as "+02:00"')),
            HOUR,
            Opt(Seq(Opt(":"), MINUTE)),
        ),
    ),
)
TIME = Named("time", Seq(HOUR, ":", MINUTE, Opt(Seq(":", SECOND)), Opt(ZONE)))
DATE_TIME = Named("date_time", Seq(YEAR, "-", MONTH, "-", DAY, Lit("T", '"T" before a time'), TIME))
SEASON = Named("season", Seq(YEAR, "-", GROUPING, RIGHT))
DATE = Named(
    "date",
    Seq(
        Named("y", Seq(LEFT, YEAR, RIGHT)),
        Opt(
            Seq(
                "-",
                Named("m", Seq(LEFT, MONTH, RIGHT)),
                Opt(Seq("-", Named("d", Seq(LEFT, DAY, RIGHT)))),
            )
        ),
    ),
)
_X = Lit("X", "X (unspecified)")
UNSPECIFIED = Named(
    "unspecified",
    Alt(
        Named("x_year", Seq(_SIGN, DIGIT, DIGIT, Alt(Seq(DIGIT, _X), Seq(_X, _X)))),
        Named("x_month", Seq(YEAR, "-XX", Opt(Named("x_both", Lit("-XX"))))),
        Named("x_day", Seq(YEAR, "-", MONTH, "-XX")),
    ),
)
POINT = Alt(DATE, DATE_TIME, SEASON, UNSPECIFIED, Named("long", Seq(LONG_YEAR, RIGHT)))
_OPEN, _UNKNOWN = Named("open", Lit("..", '".." (open)')), Named("unknown", Lit(""))
INTERVAL = Named(
    "interval",
    Alt(
        Seq(Named("start", POINT), "/", Alt(Named("end", POINT), _OPEN, _UNKNOWN)),
        Seq(Alt(_OPEN, _UNKNOWN), "/", Named("end", POINT)),
    ),
)
_ITEM = Named("item", Seq(Named("from", POINT), Opt(Seq("..", Named("to", POINT)))))
_SET_BODY = Seq(
    Opt(Named("before", Lit(".."))),
    _ITEM,
    Rep(Seq(",", Rep(Lit(" ", "")), _ITEM)),
    Opt(Named("after", Lit(".."))),
)
SET = Alt(
    Named("one_of", Seq("[", _SET_BODY, Lit("]", '"]"'))),
    Named("all_of", Seq("{", _SET_BODY, Lit("}", '"}"'))),
)
_POINT = Named("point", POINT)
EDTF = Alt(_POINT, INTERVAL, SET)


class GrammarError(ValueError):
    """Text the grammar does not match: where it stops, and what EDTF expects there."""

    def __init__(self, text: str, pos: int, expected: list[str]):
        self.text, self.pos, self.expected = text, pos, expected
        found = f'"{text[pos]}"' if pos < len(text) else "the end"
        wanted = " or ".join(sorted(dict.fromkeys(expected), key=_digits_first)) or "nothing more"
        where = f"at character {pos + 1}"
        super().__init__(
            f"'{text}' is not an EDTF date: {where} EDTF expects {wanted}, not {found}"
        )


def _digits_first(what: str) -> bool:
    return "digit" not in what


def parse(text: str) -> Node:
    """The tree of `text` (already stripped); raises GrammarError."""
    fail = _Failure()
    # The three forms are told apart by a character only they hold, so only one is tried
    # (the grammar's choice would try each in turn, at three times the cost).
    form = SET if text[:1] in "[{" else INTERVAL if "/" in text else _POINT
    for end, nodes in form.matches(text, 0, fail):
        if end == len(text):
            return nodes[0]
        fail.note(end, "the end of the date")
    raise GrammarError(text, max(fail.pos, 0), fail.expected)


def pattern() -> str:
    """The grammar as one regular expression for the editor schema (surrounding spaces
    allowed, as the reader strips them)."""
    return rf"^\s*{EDTF.pattern()}\s*$"
