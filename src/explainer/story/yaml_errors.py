"""PyYAML's syntax errors in an author's words, pointing where the author must look."""

from __future__ import annotations

import yaml

from explainer.story.problems import Mark


def yaml_mark(m: yaml.Mark | None) -> Mark:
    """PyYAML's 0-based mark as the 1-based line and column an editor shows."""
    if m is None:
        return Mark(1, 1)
    return Mark(m.line + 1, m.column + 1)


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[Mark, str, str]:
    """PyYAML's error in an author's words, pointing where the author must look."""
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    at = yaml_mark(exc.problem_mark or exc.context_mark)
    lines = text.split("\n")
    if 0 < at.line <= len(lines) and lines[at.line - 1][at.column - 1 : at.column] == "\t":
        return at, "YAML syntax error: a tab character here", "indent with spaces, not tabs"
    opened = yaml_mark(exc.context_mark) if exc.context_mark else at
    if "quoted scalar" in context:
        return opened, "YAML syntax error: this quote is never closed", "close the quote"
    if "flow sequence" in context:
        return (
            opened,
            "YAML syntax error: the list opened with '[' here is never closed",
            "close it with ']' and put a comma between items",
        )
    if "flow mapping" in context:
        return (
            opened,
            "YAML syntax error: the mapping opened with '{' here is never closed",
            "close it with '}' and put a comma between entries",
        )
    if "single document" in context:
        return (
            at,
            "YAML syntax error: a second document starts here ('---')",
            "a story file holds one document: remove this line",
        )
    if "simple key" in context:
        return (
            opened,
            "YAML syntax error: this line has no ':' after its key",
            "write it as key: value, or indent it to continue the line above",
        )
    if "tab" in problem:
        return at, f"YAML syntax error: {problem}", "indent with spaces, not tabs"
    if "'-' indicator" in problem:
        return (
            at,
            "YAML syntax error: this line does not line up with the list above it",
            "indent every '- ' of a list, and every key of an item, the same",
        )
    if "mapping values are not allowed" in problem:
        return (
            at,
            "YAML syntax error: a ':' where YAML expects none",
            "check this line's indentation, or quote the value if it contains ': ' "
            '(title: "Talks: day two")',
        )
    if "nesting depth" in problem:
        return (
            at,
            "YAML syntax error: the values nest too deeply",
            "a story needs about six levels of nesting: check brackets and indentation",
        )
    if "found character" in problem:
        return at, f"YAML syntax error: {problem}", "quote the value"
    return at, f"YAML syntax error: {problem}", "check the YAML syntax near this point"
