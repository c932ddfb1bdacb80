"""Problems found in a story file, reported all at once with their location."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class Mark(NamedTuple):
    """A position in the story file; line and column count from 1, as editors do.

    (A named tuple: the loader makes one for each of the ~400,000 values of a big story.)"""

    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, what, and how to fix it."""

    mark: Mark | None
    message: str
    hint: str = ""
    #: "error" stops the build; "warning" is reported, and fails only strict builds.
    severity: str = "error"

    def sort_key(self) -> tuple[int, int, str]:
        if self.mark is None:
            return (0, 0, self.message)
        return (self.mark.line, self.mark.column, self.message)


@dataclass
class Problems:
    """Collects problems while a stage goes on, so that every one is reported, not the first."""

    items: list[Problem] = field(default_factory=list)

    def add(self, mark: Mark | None, message: str, hint: str = "") -> None:
        self.items.append(Problem(mark, message, hint))

    def warn(self, mark: Mark | None, message: str, hint: str = "") -> None:
        self.items.append(Problem(mark, message, hint, severity="warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]


class StoryError(Exception):
    """The story file cannot be compiled; carries every problem found."""

    def __init__(self, path: Path, problems: Iterable[Problem], text: str | None = None):
        self.path = path
        self.problems = sorted(problems, key=Problem.sort_key)
        self.text = text
        super().__init__(format_problems(path, self.problems, text))


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word` (a typo, another case), or None when nothing is close."""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return close[0]
    lowered = {c.lower(): c for c in options}
    return lowered.get(word.lower())


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint naming the closest choice, or '' when nothing is close."""
    match = closest(word, choices)
    return f"did you mean '{match}'?" if match else ""


def format_problems(path: Path | str, problems: Iterable[Problem], text: str | None = None) -> str:
    """Render problems as `file:line:col: message — hint`, each with the line and a caret."""
    lines = text.splitlines() if text is not None else []
    out: list[str] = []
    problems = list(problems)
    for problem in problems:
        where = str(path)
        if problem.mark is not None:
            where += f":{problem.mark.line}:{problem.mark.column}"
        message = problem.message
        if problem.severity == "warning":
            message = f"warning: {message}"
        if problem.hint:
            message += f" — {problem.hint}"
        out.append(f"{where}: {message}")
        if problem.mark is not None and 0 < problem.mark.line <= len(lines):
            # Shown with tabs as spaces (so the caret lines up) and invisible characters
            # made visible.
            source_line = "".join(
                " " if ch == "\t" else "\ufffd" if not ch.isprintable() else ch
                for ch in lines[problem.mark.line - 1]
            )
            out.append(f"    {source_line}")
            out.append("    " + " " * (problem.mark.column - 1) + "^")
    count = len(problems)
    warnings = sum(p.severity == "warning" for p in problems)
    summary = f"{count} problem{'s' if count != 1 else ''}"
    if warnings:
        summary += f" ({warnings} warning{'s' if warnings != 1 else ''})"
    out.append(f"{summary} in {path}")
    return "\n".join(out)
