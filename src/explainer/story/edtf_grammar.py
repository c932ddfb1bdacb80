"""The EDTF forms explainer reads, as one small grammar: the reader parses with it and the
editor schema's date pattern is generated from it, so the two cannot disagree on a shape.
The combinators are grammar.py's. Only the reader knows the calendar (2025-02-30) and the
order of a range's ends; those are checked in date_read.py.

The forms are the Library of Congress EDTF specification's (ISO 8601-2) levels 0 and 1,
and from level 2 the sub-year groupings 25–41, sets ([…] one of, {…} all of, with ..
ranges), qualified parts (2004-?06-~11) and unspecified days or months in ranges.
"""

from __future__ import annotations

from explainer.story.grammar import (
    Alt,
    Chars,
    Compiled,
    Ends,
    Failure,
    GrammarError,
    Lit,
    Named,
    Node,
    Opt,
    Rep,
    Seq,
)

__all__ = ["GrammarError", "Node", "parse", "pattern"]

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
# (Longest first: the quick reading takes the first choice that matches.)
POINT = Alt(
    DATE_TIME,
    SEASON,
    UNSPECIFIED,
    Named("long", Seq(LONG_YEAR, RIGHT)),
    DATE,
    # A date that ends the text or a part of it: most dates, read without trying the rest.
    hint=Seq(DATE, Ends("/,.]}")),
)
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


#: The forms without a set, read by their own regular expression (see grammar.Compiled).
_FAST = {"point": Compiled(_POINT), "interval": Compiled(INTERVAL)}


def parse(text: str) -> Node:
    """The tree of `text` (already stripped); raises GrammarError."""
    # The three forms are told apart by a character only they hold, so only one is tried
    # (the grammar's choice would try each in turn, at three times the cost).
    form = SET if text[:1] in "[{" else INTERVAL if "/" in text else _POINT
    if form is not SET:
        tree = _FAST["interval" if form is INTERVAL else "point"].read(text)
        if tree is not None:
            return tree
    else:
        first = form.quick(text, 0)
        if first is not None and first[0] == len(text):
            return first[1][0]
    fail = Failure()  # not EDTF: every way is tried, to say how far the text got
    for end, nodes in form.matches(text, 0, fail):
        if end == len(text):
            return nodes[0]
        fail.note(end, "the end of the date")
    raise GrammarError(text, max(fail.pos, 0), fail.expected)


def pattern() -> str:
    """The grammar as one regular expression for the editor schema (surrounding spaces
    allowed, as the reader strips them)."""
    return rf"^\s*{EDTF.pattern()}\s*$"
