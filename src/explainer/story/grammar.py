"""A few parser combinators, enough for a small grammar that is both a parser and a regular
expression: a literal, a set of characters, a sequence, a choice, an optional or repeated
part, and a named part that becomes a node of the parse tree.

A grammar made of them reads text in three ways, all of the same language: `matches`
tries every way a text can match, as a regular expression does (complete, and it knows
how far it got and what it expected there, for error messages); `quick` takes the first
way each choice offers (a PEG: faster, and enough for most texts); and `Compiled` runs
the grammar's own regular expression, with a group for each named part, and builds the
tree from the groups (fastest, for rules with no named part inside a repetition).
`pattern` writes the grammar as a regular expression in the common subset of Python's
and JavaScript's.
"""

from __future__ import annotations

import re
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


class Failure:
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


#: One quick reading: where it ends and the named parts, or None.
Quick = tuple[int, list[Node]] | None


class Rule:
    def matches(self, text: str, pos: int, fail: Failure) -> Match:
        """Every way the rule matches at `pos`, as a regular expression would try them."""
        raise NotImplementedError

    def quick(self, text: str, pos: int) -> Quick:
        """The first way only: each choice and repetition settled as soon as it matches
        (a PEG), many times faster than `matches`, and complete for the grammar's
        everyday forms; `parse` falls back to `matches` when it finds no reading."""
        raise NotImplementedError

    def pattern(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Lit(Rule):
    text: str
    what: str = ""

    def matches(self, text: str, pos: int, fail: Failure) -> Match:
        if text.startswith(self.text, pos):
            yield pos + len(self.text), []
        elif self.text:
            fail.note(pos, self.what or f'"{self.text}"')

    def quick(self, text: str, pos: int) -> Quick:
        return (pos + len(self.text), []) if text.startswith(self.text, pos) else None

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

    def matches(self, text: str, pos: int, fail: Failure) -> Match:
        if pos < len(text) and text[pos] in self.allowed:
            yield pos + 1, []
        else:
            fail.note(pos, self.what)

    def quick(self, text: str, pos: int) -> Quick:
        return (pos + 1, []) if pos < len(text) and text[pos] in self.allowed else None

    def pattern(self) -> str:
        return f"[{self.spec}]"


class Seq(Rule):
    def __init__(self, *parts: Rule | str):
        self.parts = tuple(Lit(p) if isinstance(p, str) else p for p in parts)

    def matches(self, text: str, pos: int, fail: Failure) -> Match:
        yield from self._from(0, text, pos, fail)

    def _from(self, i: int, text: str, pos: int, fail: Failure) -> Match:
        if i == len(self.parts):
            yield pos, []
            return
        for end, nodes in self.parts[i].matches(text, pos, fail):
            for last, rest in self._from(i + 1, text, end, fail):
                yield last, nodes + rest

    def quick(self, text: str, pos: int) -> Quick:
        found: list[Node] = []
        for part in self.parts:
            step = part.quick(text, pos)
            if step is None:
                return None
            pos = step[0]
            found += step[1]
        return pos, found

    def pattern(self) -> str:
        return "".join(p.pattern() for p in self.parts)


class Alt(Rule):
    """One of `options`. `hint`, if given, is tried first by the quick reading only (it must
    match nothing the options do not): the everyday form, recognised at once."""

    def __init__(self, *options: Rule | str, hint: Rule | None = None):
        self.options = tuple(Lit(p) if isinstance(p, str) else p for p in options)
        self.quick_options = ((hint,) if hint else ()) + self.options

    def matches(self, text: str, pos: int, fail: Failure) -> Match:
        for option in self.options:
            yield from option.matches(text, pos, fail)

    def quick(self, text: str, pos: int) -> Quick:
        for option in self.quick_options:
            step = option.quick(text, pos)
            if step is not None:
                return step
        return None

    def pattern(self) -> str:
        return "(?:" + "|".join(o.pattern() for o in self.options) + ")"


class Rep(Rule):
    """`rule` at least `low` times, and at most `high` (None: no limit); greedy."""

    def __init__(self, rule: Rule | str, low: int = 0, high: int | None = None):
        self.rule = Lit(rule) if isinstance(rule, str) else rule
        self.low, self.high = low, high

    def matches(self, text: str, pos: int, fail: Failure) -> Match:
        yield from self._from(0, text, pos, fail)

    def _from(self, count: int, text: str, pos: int, fail: Failure) -> Match:
        if self.high is None or count < self.high:
            for end, nodes in self.rule.matches(text, pos, fail):
                if end == pos:
                    continue
                for last, rest in self._from(count + 1, text, end, fail):
                    yield last, nodes + rest
        if count >= self.low:
            yield pos, []

    def quick(self, text: str, pos: int) -> Quick:
        found: list[Node] = []
        count = 0
        while self.high is None or count < self.high:
            step = self.rule.quick(text, pos)
            if step is None or step[0] == pos:
                break
            pos, count = step[0], count + 1
            found += step[1]
        return (pos, found) if count >= self.low else None

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
class Ends(Rule):
    """Matches nothing, where the text ends or goes on with one of `chars`: for a quick
    reading's hint only (see Alt)."""

    chars: str

    def matches(self, text: str, pos: int, fail: Failure) -> Match:
        if pos == len(text) or text[pos] in self.chars:
            yield pos, []

    def quick(self, text: str, pos: int) -> Quick:
        return (pos, []) if pos == len(text) or text[pos] in self.chars else None

    def pattern(self) -> str:
        return ""


@dataclass(frozen=True)
class Named(Rule):
    name: str
    rule: Rule

    def matches(self, text: str, pos: int, fail: Failure) -> Match:
        for end, nodes in self.rule.matches(text, pos, fail):
            yield end, [Node(self.name, text[pos:end], pos, tuple(nodes))]

    def quick(self, text: str, pos: int) -> Quick:
        step = self.rule.quick(text, pos)
        if step is None:
            return None
        return step[0], [Node(self.name, text[pos : step[0]], pos, tuple(step[1]))]

    def pattern(self) -> str:
        return self.rule.pattern()


def _digits_first(what: str) -> bool:
    return "digit" not in what


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


@dataclass(frozen=True)
class _Slot:
    """A named part's group in a compiled pattern, and the named parts inside it."""

    group: str
    name: str
    inner: tuple[_Slot, ...]


class Compiled:
    """`rule` as one regular expression with a group for each named part: a text that
    matches is read into the same tree `matches` would give, at the speed of `re`."""

    def __init__(self, rule: Rule):
        self.slots: list[_Slot] = []
        self.groups = 0
        self.regex = re.compile(self._pattern(rule, self.slots))

    def _pattern(self, rule: Rule, slots: list[_Slot]) -> str:
        if isinstance(rule, Named):
            group = f"g{self.groups}"
            self.groups += 1
            inner: list[_Slot] = []
            body = self._pattern(rule.rule, inner)
            slots.append(_Slot(group, rule.name, tuple(inner)))
            return f"(?P<{group}>{body})"
        if isinstance(rule, Seq):
            return "".join(self._pattern(p, slots) for p in rule.parts)
        if isinstance(rule, Alt):
            return "(?:" + "|".join(self._pattern(o, slots) for o in rule.options) + ")"
        if isinstance(rule, Rep):
            inner = []
            body = self._pattern(rule.rule, inner)
            # A group inside a repetition keeps only its last match: not a tree.
            assert not inner or rule.high == 1, "a named part inside a repetition"
            slots += inner
            return Rep(_Raw(body), rule.low, rule.high).pattern()
        return rule.pattern()

    def read(self, text: str) -> Node | None:
        """The tree of `text`, or None if it does not match."""
        match = self.regex.fullmatch(text)
        if match is None:
            return None
        nodes = self._nodes(self.slots, match)
        return nodes[0] if nodes else None

    def _nodes(self, slots: tuple[_Slot, ...] | list[_Slot], match: re.Match[str]) -> list[Node]:
        found = []
        for slot in slots:
            start = match.start(slot.group)
            if start >= 0:
                found.append(
                    Node(
                        slot.name,
                        match.group(slot.group),
                        start,
                        tuple(self._nodes(slot.inner, match)),
                    )
                )
        return found


@dataclass(frozen=True)
class _Raw(Rule):
    """A pattern already written (for Compiled's repetitions)."""

    text: str

    def pattern(self) -> str:
        return self.text
