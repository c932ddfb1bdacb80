"""Hand-written pages in the docs folder: their `actor:`/`event:`/`source:` links are
checked against the story (by the MkDocs plugin and by `explainer export` alike)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .crossref import Catalog, explicit_links
from .problems import did_you_mean


def unknown_links_in_docs(docs: Path, catalog: Catalog) -> list[tuple[str, int, int, str]]:
    """(path, line, column, message) for each `actor:`/`event:`/`source:` link in the
    Markdown files under `docs` whose id the story does not have."""
    tables: dict[str, Mapping[str, object]] = {
        "actor": catalog.actors,
        "event": catalog.events,
        "source": catalog.sources,
    }
    found = []
    for file in sorted(docs.rglob("*.md")):
        text = file.read_text(encoding="utf-8", errors="replace")
        for match in explicit_links(text):
            kind, target_id = match.group(1), match.group(2).split("#", 1)[0]
            if target_id in tables[kind]:
                continue
            before = text[: match.start(2)]
            line = before.count("\n") + 1
            column = match.start(2) - (before.rfind("\n") + 1) + 1
            hint = did_you_mean(target_id, tables[kind])
            message = f"link to unknown {kind} '{target_id}'" + (f" — {hint}" if hint else "")
            found.append((file.relative_to(docs).as_posix(), line, column, message))
    return found
