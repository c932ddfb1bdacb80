"""`explainer diff` output: a story's changes (catalog/diff.py) for the terminal, for a
pull-request comment (Markdown) and for programs (JSON).

Words in a changed quote are marked as `git diff --word-diff` marks them in text
([-removed-]{+added+}), struck through and bold in Markdown, and as runs in JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from explainer.catalog.diff import Changed, Cited, Dated, Named, QuoteChange, StoryDiff
from explainer.markdown.prose import escape

#: Each kind of change, in the order an editor reviews them, with its heading.
SECTIONS = (
    ("events_added", "Events added"),
    ("events_removed", "Events removed"),
    ("dates_moved", "Dates moved"),
    ("statuses_changed", "Statuses changed"),
    ("events_retitled", "Events retitled"),
    ("quotes_changed", "Quotes changed"),
    ("sources_added", "Sources added"),
    ("sources_dropped", "Sources dropped"),
    ("citations_added", "Citations added"),
    ("citations_dropped", "Citations dropped"),
    ("actors_added", "Actors added"),
    ("actors_removed", "Actors removed"),
    ("actors_renamed", "Actors renamed"),
)
DIFF_FORMAT = "explainer-diff"
DIFF_FORMAT_VERSION = 1

Item = Changed | Cited | Dated | Named | QuoteChange


def _count(diff: StoryDiff) -> str:
    return f"{diff.count} change{'' if diff.count == 1 else 's'}"


# ---- text ------------------------------------------------------------------------------


def diff_text(diff: StoryDiff, old: str, new: str) -> str:
    if not diff.count:
        return f"No changes between {old} and {new}.\n"
    lines = [f"{old} → {new}: {_count(diff)}"]
    for name, heading in SECTIONS:
        items = getattr(diff, name)
        if items:
            lines += ["", f"{heading} ({len(items)})"]
            lines += [f"  {_line(name, item, markdown=False)}" for item in items]
    return "\n".join(lines) + "\n"


def _line(kind: str, item: Item, *, markdown: bool) -> str:
    """One change: in Markdown, its texts escaped and its ids as code."""
    show: Callable[[str], str] = escape if markdown else str
    code = "`" if markdown else ""

    def ref(named: Named) -> str:
        return (
            f"{show(named.name)} ({code}{named.id}{code})"
            if markdown
            else f"{named.name} [{named.id}]"
        )

    if isinstance(item, Named):
        return ref(item)
    if isinstance(item, Cited):
        verb = "now cites" if kind == "citations_added" else "no longer cites"
        return f"{ref(item.event)} {verb} {ref(item.source)}"
    if isinstance(item, QuoteChange):
        ops = {op for op, _ in item.words}
        how = " (new quote)" if ops == {"+"} else " (quote removed)" if ops == {"-"} else ""
        return f"{ref(item.event)}, {show(item.speaker.name)}{how}: “{_words(item, markdown)}”"
    if isinstance(item, Dated):
        return f"{ref(item.record)} ({show(item.date)})"
    if kind in ("events_retitled", "actors_renamed"):
        return f"{code}{item.record.id}{code}: {show(item.old)} → {show(item.new)}"
    return f"{ref(item.record)}: {show(item.old)} → {show(item.new)}"


def _words(change: QuoteChange, markdown: bool) -> str:
    marks = MARKDOWN_MARKS if markdown else TEXT_MARKS
    show: Callable[[str], str] = escape if markdown else str
    return " ".join(f"{marks[op][0]}{show(text)}{marks[op][1]}" for op, text in change.words)


#: How removed and added words are marked: as `git diff --word-diff` does in text, struck
#: through and bold in Markdown.
TEXT_MARKS = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
MARKDOWN_MARKS = {"=": ("", ""), "-": ("~~", "~~"), "+": ("**", "**")}


# ---- Markdown --------------------------------------------------------------------------


def diff_markdown(diff: StoryDiff, old: str, new: str) -> str:
    """For a pull-request comment: every text escaped, so that a title cannot format or
    link anything."""
    if not diff.count:
        return f"**Story changes:** none between `{old}` and `{new}`.\n"
    lines = [f"**Story changes:** {_count(diff)} between `{old}` and `{new}`."]
    for name, heading in SECTIONS:
        items = getattr(diff, name)
        if items:
            lines += ["", f"#### {heading} ({len(items)})", ""]
            lines += [f"- {_line(name, item, markdown=True)}" for item in items]
    return "\n".join(lines) + "\n"


# ---- JSON ------------------------------------------------------------------------------


def diff_json(diff: StoryDiff, old: str, new: str) -> str:
    document: dict[str, object] = {
        "format": DIFF_FORMAT,
        "version": DIFF_FORMAT_VERSION,
        "old": old,
        "new": new,
        "changes": diff.count,
    }
    for name, _ in SECTIONS:
        document[name] = [_record(item) for item in getattr(diff, name)]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _record(item: Item) -> dict[str, object]:
    record = asdict(item)
    if isinstance(item, QuoteChange):
        record["words"] = [{"change": op, "text": text} for op, text in item.words]
    return record
