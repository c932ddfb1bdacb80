"""The whole pipeline in one call: story file → {page path: Markdown}.

Both adapters (the MkDocs plugin and the CLI) go through here, so they report the same
problems with the same words.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from explainer.catalog.crossref import Catalog, build_catalog
from explainer.media.library import Media, MediaMemo, prepare_media
from explainer.render.pages import render_site
from explainer.render.reuse import Fragments, RenderMemo
from explainer.site.layout import SiteLayout, site_layout
from explainer.story.load import Document, gc_paused, parse, read_text
from explainer.story.mojibake import CheckedParts, check_garbled_text
from explainer.story.pieces import StoryPieces
from explainer.story.problems import Problem, Problems, StoryError, format_problems
from explainer.story.reader import KnownRecords, read_story


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


class LastBuild:
    """What a build keeps for the next one while serving, so that a save costs what it
    changed: the story file's pieces by their text and its records by their node
    (story/pieces.py), the garbled text found in each record (`garbles`), the pages
    rendered and what each read (`memo`), the data files' pieces (`data`), and the
    pictures processed (`media`, which every build uses)."""

    def __init__(self) -> None:
        self.pieces = StoryPieces()
        self.records = KnownRecords()
        self.garbles = CheckedParts()
        self.memo = RenderMemo()
        self.data = Fragments()
        self.media = MediaMemo()


def check_story(path: Path) -> Checked:
    """Load, validate, cross-reference and check the pictures; raises StoryError listing
    every problem."""
    with gc_paused():
        return _check_story(path, None)


def _check_story(
    path: Path, media_memo: MediaMemo | None, last: LastBuild | None = None
) -> Checked:
    text = read_text(path)
    if last is not None:
        doc = last.pieces.read(path, text)
        if doc is not None:
            # Read in pieces, a node may hold a line that an edit above it has moved:
            # problems (even warnings) are found again in the whole file, where they are.
            with contextlib.suppress(StoryError):
                checked = _checked(doc, last.records, media_memo, last.garbles)
                if not isinstance(checked, Problems):
                    return checked
    doc = parse(path, text)
    checked = _checked(doc, None, media_memo)
    if isinstance(checked, Problems):
        raise StoryError(path, checked.items, doc.text)
    return checked


def _checked(
    doc: Document,
    known: KnownRecords | None,
    media_memo: MediaMemo | None,
    garbles: CheckedParts | None = None,
) -> Checked | Problems:
    """The checked story, or the problems that stop it (or, for a read in pieces, any)."""
    problems = Problems()
    check_garbled_text(doc, problems, garbles)
    story = read_story(doc, problems, known)
    catalog = build_catalog(story, problems, doc.find)
    # Pictures are files beside the story: relative to its folder, the story's project.
    media = prepare_media(story, doc.path.parent, problems, media_memo)
    if problems.errors or (known is not None and problems.items):
        return problems
    return Checked(doc.path, doc.text, catalog, tuple(problems.warnings), media)


def compile_story(
    path: Path,
    *,
    directory_urls: bool = True,
    html_links_from_source: bool = False,
    media_memo: MediaMemo | None = None,
    last: LastBuild | None = None,
) -> Compiled:
    """Everything the site needs from the story file; raises StoryError on bad input.

    `directory_urls` is the site's URL style (MkDocs' use_directory_urls);
    `html_links_from_source` is for Zensical (see render.PageLinks); the memos and `last`
    (what the last build kept) are for a process that compiles the story again and again
    (`mkdocs serve`)."""
    with gc_paused():
        checked = _check_story(path, media_memo, last)
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
                memo=last.memo if last is not None else None,
            ),
        )
