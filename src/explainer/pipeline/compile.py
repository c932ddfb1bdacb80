"""The whole pipeline in one call: story file → {page path: Markdown}.

Both adapters (the MkDocs plugin and the CLI) go through here, so they report the same
problems with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explainer.catalog.crossref import Catalog, build_catalog
from explainer.media.library import Media, MediaMemo, prepare_media
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
    #: The story's pictures, processed (their files wait in the cache to be published).
    media: Media

    def format_warning(self, warning: Problem) -> str:
        return format_problems(self.path, [warning], self.text).rsplit("\n", 1)[0]


@dataclass(frozen=True)
class Compiled(Checked):
    layout: SiteLayout
    pages: dict[str, str]


def check_story(path: Path) -> Checked:
    """Load, validate, cross-reference and check the pictures; raises StoryError listing
    every problem."""
    with gc_paused():
        return _check_story(path, None)


def _check_story(path: Path, media_memo: MediaMemo | None) -> Checked:
    doc = load(path)
    problems = Problems()
    check_garbled_text(doc, problems)
    story = read_story(doc, problems)
    catalog = build_catalog(story, problems, doc.find)
    # Pictures are files beside the story: relative to its folder, the story's project.
    media = prepare_media(story, path.parent, problems, media_memo)
    if problems.errors:
        raise StoryError(path, problems.items, doc.text)
    return Checked(path, doc.text, catalog, tuple(problems.warnings), media)


def compile_story(
    path: Path,
    *,
    directory_urls: bool = True,
    html_links_from_source: bool = False,
    memo: RenderMemo | None = None,
    media_memo: MediaMemo | None = None,
) -> Compiled:
    """Everything the site needs from the story file; raises StoryError on bad input.

    `directory_urls` is the site's URL style (MkDocs' use_directory_urls);
    `html_links_from_source` is for Zensical (see render.PageLinks); the memos are for a
    process that compiles the story again and again (`mkdocs serve`)."""
    with gc_paused():
        checked = _check_story(path, media_memo)
        layout = site_layout(checked.catalog)
        return Compiled(
            checked.path,
            checked.text,
            checked.catalog,
            checked.warnings,
            checked.media,
            layout,
            render_site(
                checked.catalog,
                layout,
                checked.media,
                directory_urls=directory_urls,
                html_links_from_source=html_links_from_source,
                memo=memo,
            ),
        )
