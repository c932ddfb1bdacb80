"""A clean build on two cores: the two long loops of `mkdocs build` shared with a forked child.

MkDocs builds every page in one process, in two loops: it converts each page's Markdown to
HTML (Python-Markdown), then puts each page through the theme's templates and the search
indexer and writes it. On a big story each loop is a good part of the build, and every page
in them is done on its own. So, twice, a forked child (forked.py) takes the last pages of
the loop while this process does the first ones:

1. Conversion (from on_nav): the two processes take the generated pages from both ends of
   MkDocs' list until they meet, so that each converts as much as it can whatever the
   pages cost. The child runs MkDocs' steps up to the conversion for its pages (the page
   events before it, `Page.read_source`, `Page.render`) and sends back what `Page.render`
   leaves on a page. Here, such a page's `render` puts that back instead of converting
   again (as page_cache.py does while serving), after checking that the Markdown is the
   same text; every later step, such as the plugin's cleaning of
   generated HTML in on_page_content, runs here once, as usual.
2. Pages (from on_env, when every page is converted): the child builds the last pages with
   MkDocs' own `_build_page` (theme template, page events, search indexing, writing the
   file) and sends back each page's search entries. Here, such a page goes through a
   template that renders nothing, its search entries are the child's, and the plugin's
   on_post_page returns "" so that MkDocs does not write over the child's file.

The site is what one process makes, byte for byte (a test builds it both ways). What the
child logs is logged here when this process reaches that page, so --strict counts it. A
page the child failed on is converted here (MkDocs then reports it as usual) or, in the
second loop, stops the build with the child's error. A child that dies stops the build with
a plain message, never a hang. One process is used while serving (the page cache's path),
for --dirty builds, for small sites, where forking is unavailable, and when a plugin other
than explainer and search handles page events (it may keep state across pages).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from explainer.adapters.forked import Forked, Logged, PageFailed, Records, usable_cores
from explainer.adapters.page_cache import _only_known_plugins_touch_pages
from explainer.adapters.written_html import written_as_html

log = get_plugin_logger(__name__)
#: Fewer generated pages than this are built in one process. Measured at 172 pages
#: (longform S): forking took the parent from 6.3 and 5.8 s of CPU to 4.5 and 4.1 s.
PARALLEL_FROM_PAGES = 100
#: The template a page built by the child goes through here: it renders nothing.
BUILT_ELSEWHERE = "explainer/built-elsewhere.html"
#: The share of the pages the child builds in the second loop (by their HTML's length and a
#: page's fixed cost; measured: each process then takes about as long).
CHILD_SHARE = 0.5
#: The plugins whose on_env may run after the child of the second loop is forked.
_KNOWN = ("explainer.adapters.plugin",)


@dataclass(frozen=True)
class _Converted:
    """What `Page.render` leaves on a page; anchor links keyed by the linked file's path."""

    markdown_digest: bytes
    content: str
    toc: Any
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None


class ParallelBuild:
    """The plugin's handle on both loops of one clean build; see the module's docstring."""

    def __init__(self) -> None:
        #: Whether this is a clean `mkdocs build` (not serving, not --dirty).
        self.enabled = False
        self._converting: Forked[dict[str, int]] | None = None
        self._building: Forked[dict[str, list[Any]]] | None = None
        self._built_elsewhere: set[str] = set()
        self._entries: list[Any] | None = None

    # -- 1. conversion ---------------------------------------------------------------------

    def convert(self, config: MkDocsConfig, files: Files) -> None:
        """Call from on_nav of a clean build, before MkDocs reads the pages."""
        self.stop()
        self._converting, self._building, self._built_elsewhere = None, None, set()
        if not self.enabled or not _may_fork(config):
            return
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        generated = [f for f in pages if f.generated_by is not None]
        if len(generated) < PARALLEL_FROM_PAGES:
            return
        for file in generated:
            if file.page is None:  # as MkDocs' loop makes the pages not in the nav
                Page(None, file, config)
        ends = _BothEnds(len(generated))
        self._converting = Forked(
            functools.partial(_convert, config, files, generated, ends),
            "converted pages' Markdown to HTML",
        )
        for number, file in enumerate(generated):
            assert file.page is not None
            file.page.render = functools.partial(  # type: ignore[method-assign]
                self._render, ends, number, file.page
            )

    def _render(
        self, ends: _BothEnds, number: int, page: Page, config: MkDocsConfig, files: Files
    ) -> None:
        """In place of `page.render`: convert the page here, or, if the child took it, put
        back what the child's `Page.render` left on the page."""
        if ends.take_from_front(number):
            Page.render(page, config, files)
            return
        assert self._converting is not None
        outcome = self._converting.result()
        if number == ends.front:
            log.debug(f"{ends.count - number} of {ends.count} pages converted by the child")
        uri = page.file.src_uri
        place = outcome.value.pop(uri, None)
        done = None if place is None else self._converting.record(place)
        if not outcome.value:  # the child's last page
            self._converting.close()
        if done is None or done.markdown_digest != _digest(page.markdown or ""):
            outcome.logged.records.pop(uri, None)  # converting here logs it again
            Page.render(page, config, files)
            return
        outcome.logged.replay(uri)
        page.content = done.content
        page.toc = done.toc
        page._title_from_render = done.title_from_render
        page.present_anchor_ids = done.present_anchor_ids
        if done.links_to_anchors is not None:
            page.links_to_anchors = {
                linked: links
                for target, links in done.links_to_anchors.items()
                if (linked := files.get_file_from_path(target)) is not None
            }

    # -- 2. templates, search index, writing ------------------------------------------------

    def build_pages(
        self, config: MkDocsConfig, files: Files, nav: Navigation | None, env: jinja2.Environment
    ) -> None:
        """Call from on_env of a clean build: every page is converted."""
        self._building = None
        if not self.enabled or nav is None or not _may_fork(config):
            return
        known, entries = _search_entries(config)
        if not known:
            return  # a search index this module does not know how to fill
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        if sum(f.generated_by is not None for f in pages) < PARALLEL_FROM_PAGES:
            return
        share = _tail(pages, CHILD_SHARE, lambda f: len(f.page.content or "") + 2000)
        self._building = Forked(
            functools.partial(_build, config, pages, share, nav, env, entries),
            "built pages from the theme's templates",
        )
        self._entries = entries
        log.debug(f"{len(share)} of {len(pages)} pages built in a second process")
        self._built_elsewhere = {f.src_uri for f in share}
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({BUILT_ELSEWHERE: ""}), *([env.loader] if env.loader else [])]
        )
        for file in share:
            assert file.page is not None
            file.page.meta["template"] = BUILT_ELSEWHERE
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None:  # its entries for the child's pages are the child's
                index.add_entry_from_context = functools.partial(
                    self._index_here, index.add_entry_from_context
                )
        logging.getLogger(mkdocs_build.__name__).addFilter(self._not_skipped)

    def _index_here(self, index: Any, page: Page) -> None:
        if page.file.src_uri not in self._built_elsewhere:
            index(page)

    def _not_skipped(self, record: logging.LogRecord) -> bool:
        """MkDocs' note that a page's output was empty, left out for the child's pages."""
        message = record.getMessage()
        if not message.startswith("Page skipped: '"):
            return True
        return message.split("'")[1] not in self._built_elsewhere

    def built_elsewhere(self, page: Page) -> bool:
        """From on_post_page: whether the child built (and wrote) `page`; its log and
        search entries are then taken in here, in the page's turn."""
        uri = page.file.src_uri
        if self._building is None or uri not in self._built_elsewhere:
            return False
        outcome = self._building.result()
        self._building.close()  # (its search entries are in the outcome)
        if outcome.failed is not None and outcome.failed[0] == uri:
            outcome.logged.replay(uri, below=logging.ERROR)  # MkDocs logs the error itself
            raise PluginError(outcome.failed[1])
        outcome.logged.replay(uri)
        if self._entries is not None:
            self._entries.extend(outcome.value.pop(uri, []))
        return True

    def stop(self) -> None:
        """On a failed build: a child still at work is stopped."""
        for child in (self._converting, self._building):
            if child is not None:
                child.stop()


def _may_fork(config: MkDocsConfig) -> bool:
    return (
        usable_cores() >= 2
        and _only_known_plugins_touch_pages(config)
        and all(
            type(getattr(m, "__self__", m)).__module__.startswith(_KNOWN)
            for m in config.plugins.events.get("env", [])
        )
    )


def _tail(files: Sequence[File], share: float, weight: Any) -> Sequence[File]:
    """The last files of `files` that weigh about `share` of them all."""
    weights = [weight(f) for f in files]
    total, tail, start = sum(weights), 0, len(files)
    while start > 0 and tail + weights[start - 1] <= total * share:
        start -= 1
        tail += weights[start]
    return files[start:]


class _BothEnds:
    """Pages taken from both ends of a list, this process from the front and the child from
    the back, until they meet: each does as many as it can, whatever each page costs."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._lock = multiprocessing.get_context("fork").Lock()
        # In memory shared with the child: the first page not taken from the front, and the
        # last taken from the back.
        self._ends = multiprocessing.get_context("fork").RawArray("q", [0, count])

    @property
    def front(self) -> int:
        return int(self._ends[0])

    def take_from_front(self, number: int) -> bool:
        with self._lock:
            if number >= self._ends[1]:
                return False
            self._ends[0] = number + 1
            return True

    def take_from_back(self) -> int | None:
        with self._lock:
            number = int(self._ends[1]) - 1
            if number < self._ends[0]:
                return None
            self._ends[1] = number
            return number


def _convert(
    config: MkDocsConfig,
    files: Files,
    pages: Sequence[File],
    ends: _BothEnds,
    logged: Logged,
    records: Records,
) -> dict[str, int]:
    """In the child: MkDocs' own steps up to the conversion, for pages from the back; where
    in `records` each page's result is."""
    done: dict[str, int] = {}
    while (number := ends.take_from_back()) is not None:
        file = pages[number]
        logged.page = file.src_uri
        try:
            assert file.page is not None
            page = config.plugins.on_pre_page(file.page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(
                page.markdown or "", page=page, config=config, files=files
            )
            if written_as_html(page):
                continue  # nothing to convert: this process puts its HTML in place
            Page.render(page, config, files)
        except Exception as error:
            logged.records.pop(file.src_uri, None)
            raise PageFailed(file.src_uri, error, done) from error
        links = page.links_to_anchors
        done[file.src_uri] = records.put(
            _Converted(
                _digest(page.markdown),
                page.content or "",
                page.toc,
                page._title_from_render,
                page.present_anchor_ids,
                None if links is None else {f.src_uri: v for f, v in links.items()},
            )
        )
        # Sent: this copy of the page is not read again (the child's memory is a peak too).
        page.markdown, page.content, file.content_string = "", "", ""
    return done


def _build(
    config: MkDocsConfig,
    pages: Sequence[File],
    share: Sequence[File],
    nav: Navigation,
    env: jinja2.Environment,
    entries: list[Any] | None,
    logged: Logged,
    records: Records,
) -> dict[str, list[Any]]:
    """In the child: MkDocs' own page building for each page of `share`, and the search
    entries each one added."""
    added: dict[str, list[Any]] = {}
    for file in share:
        logged.page = file.src_uri
        before = len(entries) if entries is not None else 0
        page = file.page
        assert page is not None
        try:
            mkdocs_build._build_page(page, config, pages, nav, env, excluded=False)
        except Exception as error:
            raise PageFailed(file.src_uri, error, added) from error
        if entries is not None:
            added[file.src_uri] = entries[before:]
            del entries[before:]  # (the child's copy: only this page's are kept)
    return added


def _search_entries(config: MkDocsConfig) -> tuple[bool, list[Any] | None]:
    """Whether this module knows how to fill the site's search index, and the index's list
    of entries (None: no search plugin). It knows Material's: a list each page appends to."""
    found: list[Any] | None = None
    for plugin in config.plugins.values():
        module = type(plugin).__module__
        if not module.startswith(("material.plugins.search", "mkdocs.contrib.search")):
            continue
        entries = getattr(getattr(plugin, "search_index", None), "entries", None)
        if found is not None or not module.startswith("material.") or not isinstance(entries, list):
            return False, None
        found = entries
    return True, found


def _digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).digest()
