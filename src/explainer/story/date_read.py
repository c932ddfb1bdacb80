"""Reading an EDTF text into a date: the grammar's tree (edtf_grammar.py) made into the
model (date_model.py), with what only a reader can check — the calendar (2025-02-30), the
order of a range's ends — and, for text that is not EDTF, a message that says what EDTF
expects and, for a common mistake, what to write instead (date_hints.py)."""

from __future__ import annotations

from explainer.story import edtf_grammar
from explainer.story.date_hints import common_mistake, explain_unspecified
from explainer.story.date_model import DateError, Member, Point, StoryDate, TimeOfDay
from explainer.story.date_show import show_point
from explainer.story.day_count import month_length
from explainer.story.edtf_grammar import GrammarError, Node

_QUALITIES = {"~": {"approximate"}, "?": {"uncertain"}, "%": {"approximate", "uncertain"}}
_PARTS = ("year", "month", "day")


def read_date(text: str) -> StoryDate:
    text = text.strip()
    if not text:
        raise DateError("the date is empty")
    try:
        tree = edtf_grammar.parse(text)
    except GrammarError as exc:
        message = _explain(text, exc)
        raise DateError(message, exc.pos if message == str(exc) else None) from None
    if tree.name == "point":
        return StoryDate(text, _point(tree.children[0]))
    if tree.name == "interval":
        return _interval(text, tree)
    return _set(text, tree)


def _interval(text: str, tree: Node) -> StoryDate:
    start_node, end_node = tree.find("start"), tree.find("end")
    start = _point(start_node.children[0]) if start_node else None
    end = _point(end_node.children[0]) if end_node else None
    if start and end:
        _check_order(start, end)
    return StoryDate(
        text,
        start,
        end,
        is_range=True,
        unknown_start=start is None and tree.text.startswith("/"),
        unknown_end=end is None and tree.text.endswith("/"),
    )


def _set(text: str, tree: Node) -> StoryDate:
    members: list[Member] = []
    for item in tree.all("item"):
        first = _point(item.find("from").children[0])  # type: ignore[union-attr]
        to_node = item.find("to")
        to = _point(to_node.children[0]) if to_node else None
        if to is not None:
            _check_order(first, to)
        members.append((first, to))
    earliest = min(members, key=lambda m: m[0].instants()[0])
    latest = max(members, key=lambda m: (m[1] or m[0]).instants()[1])
    return StoryDate(
        text,
        earliest[0],
        latest[1] or latest[0],
        members=tuple(members),
        all_of=tree.name == "all_of",
        open_before=tree.find("before") is not None,
        open_after=tree.find("after") is not None,
    )


def _check_order(start: Point, end: Point) -> None:
    if start.instants()[0] > end.instants()[1]:
        raise DateError(
            f"the range ends ({show_point(end)}) before it starts ({show_point(start)})"
        )


def _number(node: Node | None) -> int | None:
    return int(node.text) if node is not None else None


def _year(node: Node) -> int:
    if node.text == "-0000":
        raise DateError("'-0000' is not EDTF: the year 0 (1 BCE) has no sign, so write \"0000\"")
    return int(node.text)


def _point(node: Node) -> Point:
    """The Point of one of the grammar's point forms."""
    if node.name == "date":
        return _qualified_date(node)
    if node.name == "date_time":
        year, month, day = (_number(node.find(n)) for n in ("year", "month", "day"))
        assert year is not None and month is not None and day is not None
        _check_day(year, month, day)
        return Point(_year(node.find("year")), month, day, time=_time(node.find("time")))  # type: ignore[arg-type]
    if node.name == "season":
        marks = _marks(node.find("right"))
        year_node = node.find("year")
        assert year_node is not None
        return Point(
            _year(year_node),
            grouping=_number(node.find("grouping")),
            approximate="approximate" in marks,
            uncertain="uncertain" in marks,
        )
    if node.name == "long":
        marks = _marks(node.find("right"))
        long_year = node.find("long_year")
        assert long_year is not None
        return Point(
            int(long_year.text[1:]),
            approximate="approximate" in marks,
            uncertain="uncertain" in marks,
        )
    return _unspecified(node.children[0])


def _unspecified(node: Node) -> Point:
    if node.name == "x_year":
        digits = node.text.lstrip("-")
        years = 10 ** digits.count("X")
        base = int(digits.replace("X", "0"))
        # '-00XX' counts back from -0: the years -99 … 0 (100 BCE … 1 BCE).
        return Point(-(base + years - 1) if node.text.startswith("-") else base, years=years)
    year_node = node.find("year")
    assert year_node is not None
    if node.name == "x_month":
        both = node.find("x_both") is not None
        return Point(_year(year_node), unknown="month and day" if both else "month")
    return Point(_year(year_node), _number(node.find("month")), unknown="day")


def _marks(node: Node | None) -> set[str]:
    return set(_QUALITIES[node.text]) if node is not None else set()


def _qualified_date(node: Node) -> Point:
    """A date whose parts may be qualified: a mark after a part is for it and the parts
    before it ('2004-06~': year and month), a mark before a part for that part alone
    ('2004-?06': the month)."""
    values: list[int] = []
    flags: list[set[str]] = []
    for component in node.children:  # y, then m and d when written
        left = right = None
        for part in component.children:
            if part.name == "left":
                left = part
            elif part.name == "right":
                right = part
            else:
                values.append(_year(part) if part.name == "year" else int(part.text))
        flags.append(_marks(left))
        if right is not None:
            for earlier in flags:  # a mark after a part: for it and the parts before it
                earlier |= _QUALITIES[right.text]
    year = values[0]
    month = values[1] if len(values) > 1 else None
    day = values[2] if len(values) > 2 else None
    if month is not None and day is not None:
        _check_day(year, month, day)
    whole: set[str] = set()
    parts: tuple[tuple[str, str], ...] = ()
    if all(f == flags[0] for f in flags):
        whole = flags[0]
    else:
        parts = _parts(flags)
    return Point(
        year,
        month,
        day,
        approximate="approximate" in whole,
        uncertain="uncertain" in whole,
        parts=parts,
    )


def _parts(flags: list[set[str]]) -> tuple[tuple[str, str], ...]:
    """('year and month', 'approximate'), ('day', 'uncertain') … for parts qualified
    alike, in the order of the parts."""
    qualities: dict[str, list[str]] = {}
    for name, marks in zip(_PARTS, flags, strict=False):
        if marks:
            quality = " and ".join(sorted(marks, reverse=True))  # "uncertain and approximate"
            qualities.setdefault(quality, []).append(name)
    return tuple((" and ".join(names), quality) for quality, names in qualities.items())


def _check_day(year: int, month: int, day: int) -> None:
    last = month_length(year, month)
    if day > last:
        point = Point(year, month)
        raise DateError(
            f"'{Point(year, month, day).iso()}' is not a real day: "
            f"{show_point(point)} has {last} days"
        )


def _time(node: Node | None) -> TimeOfDay:
    assert node is not None
    zone = node.find("zone")
    offset = None
    if zone is not None:
        if zone.text == "Z":
            offset = 0
        else:
            sign = -1 if zone.text.startswith("-") else 1
            offset = sign * (60 * int(zone.text[1:3]) + (_number(zone.find("minute")) or 0))
    return TimeOfDay(
        int(node.text[0:2]),
        int(node.text[3:5]),
        _number(node.find("second")),
        offset,
        utc=zone is not None and zone.text == "Z",
    )


def _explain(text: str, error: GrammarError) -> str:
    """Why `text` is not EDTF: a common mistake's fix when it is one, else where the
    grammar stopped and what EDTF expects there."""
    mistake = common_mistake(text)
    if mistake:
        return mistake
    if "x" in text and "X" not in text:
        try:
            edtf_grammar.parse(text.upper())
        except GrammarError:
            pass
        else:
            return (
                f"'{text}' is not EDTF: unspecified digits are a capital X, "
                f'so write "{text.upper()}"'
            )
    for side in text.split("/"):  # (a range: the end that has the X)
        if "X" in side and not _reads(side):
            return explain_unspecified(side)
    return str(error)


def _reads(text: str) -> bool:
    try:
        edtf_grammar.parse(text)
    except GrammarError:
        return False
    return True
