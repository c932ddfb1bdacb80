"""Hand-written pages in the docs folder: their `actor:`/`event:`/`source:` links are
checked against the story (by the MkDocs plugin and by `explainer export` alike)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

from explainer.catalog.crossref import Catalog
from explainer.markdown.links import explicit_links
from explainer.story.problems import did_you_mean

#: A Markdown link's target path: [text](target) — enough to find links to event pages.
_LINK_TARGET = re.compile(r"\]\(<?([^)\s>#]+)")


def unknown_links_in_docs(
    docs: Path, catalog: Catalog, *, event_pages: bool = True
) -> list[tuple[str, int, int, str]]:
    """(path, line, column, message) for each `actor:`/`event:`/`source:` link in the
    Markdown files under `docs` whose id the story does not have; and, in a story whose
    events have no pages of their own (`event_pages` false), each link by path to one."""
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
        if not event_pages:
            found += _links_to_event_pages(file.relative_to(docs).as_posix(), text, catalog)
    return found


def _links_to_event_pages(
    path: str, text: str, catalog: Catalog
) -> list[tuple[str, int, int, str]]:
    found = []
    for match in _LINK_TARGET.finditer(text):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), match.group(1)))
        folder, _, name = target.rpartition("/")
        event_id = name.removesuffix(".md")
        if folder != "events" or not name.endswith(".md") or event_id not in catalog.events:
            continue
        before = text[: match.start(1)]
        line = before.count("\n") + 1
        column = match.start(1) - (before.rfind("\n") + 1) + 1
        message = (
            f"link to the page {target}, which this story does not have: past 1,000 events "
            f"each event is told on its timeline page — write (event:{event_id}) to link to "
            "it wherever it is"
        )
        found.append((path, line, column, message))
    return found
