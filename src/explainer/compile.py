"""The whole pipeline in one call: story file → {page path: Markdown}.

Both adapters (the MkDocs plugin and the CLI) go through here, so they report the same
problems with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .crossref import Catalog, build_catalog
from .load import load
from .model import read_story
from .problems import Problems, StoryError
from .render import render_site


@dataclass(frozen=True)
class Compiled:
    catalog: Catalog
    pages: dict[str, str]


def check_story(path: Path) -> Catalog:
    """Load, validate and cross-reference; raises StoryError listing every problem."""
    doc = load(path)
    problems = Problems()
    story = read_story(doc, problems)
    catalog = build_catalog(story, problems)
    if problems:
        raise StoryError(path, problems.items, doc.text)
    return catalog


def compile_story(path: Path) -> Compiled:
    """Everything the site needs from the story file; raises StoryError on bad input."""
    catalog = check_story(path)
    return Compiled(catalog, render_site(catalog))
