"""The whole pipeline in one call: story file → {page path: Markdown}.

Both adapters (the MkDocs plugin and the CLI) go through here, so they report the same
problems with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explainer.catalog.crossref import Catalog, build_catalog
from explainer.render.pages import render_site
from explainer.render.reuse import RenderMemo
from explainer.site.layout import SiteLayout, site_layout
from explainer.story.load import gc_paused, load
from explainer.story.mojibake import check_garbled_text
from explainer.story.problems import Problem, Problems, StoryError, format_problems
from explainer.story.reader import read_story


@dataclass(frozen=True)
class Checked:
    """A story that compiles; `warnings` are problems that fail only strict builds."""

    path: Path
    text: str
    catalog: Catalog
    warnings: tuple[Problem, ...]

    def format_warning(self, warning: Problem) -> str:
        return format_problems(self.path, [warning], self.text).rsplit("\n", 1)[0]


@dataclass(frozen=True)
class Compiled(Checked):
    layout: SiteLayout
    pages: dict[str, str]


def check_story(path: Path) -> Checked:
    """Load, validate and cross-reference; raises StoryError listing every problem."""
    with gc_paused():
        return _check_story(path)


def _check_story(path: Path) -> Checked:
    doc = load(path)
    problems = Problems()
    check_garbled_text(doc, problems)
    story = read_story(doc, problems)
    catalog = build_catalog(story, problems, doc.find)
    if problems.errors:
        raise StoryError(path, problems.items, doc.text)
    return Checked(path, doc.text, catalog, tuple(problems.warnings))


def compile_story(
    path: Path,
    *,
    directory_urls: bool = True,
    html_links_from_source: bool = False,
    memo: RenderMemo | None = None,
) -> Compiled:
    """Everything the site needs from the story file; raises StoryError on bad input.

    `directory_urls` is the site's URL style (MkDocs' use_directory_urls);
    `html_links_from_source` is for Zensical (see render.PageLinks)."""
    with gc_paused():
        checked = _check_story(path)
        layout = site_layout(checked.catalog)
        return Compiled(
            checked.path,
            checked.text,
            checked.catalog,
            checked.warnings,
            layout,
            render_site(
                checked.catalog,
                layout,
                directory_urls=directory_urls,
                html_links_from_source=html_links_from_source,
                memo=memo,
            ),
        )
