"""A clean build on two cores: the long loop of `mkdocs build` shared with a forked child.

MkDocs builds every page in one process: after reading them all, it puts each page through
the theme's templates and the search indexer and writes it. (The generated pages are
written as HTML, so MkDocs' other loop, converting Markdown, has only the hand-written
pages to do: written_html.py.) On a big story that loop is most of the build, and every
page in it is done on its own. So, from on_env, a forked child (forked.py) builds the last
pages with MkDocs' own `_build_page` (theme template, page events, search indexing,
writing the file) and sends back each page's search entries, while this process builds the
first ones. Here, a page the child built goes through a template that renders nothing, its
search entries are the child's, and the plugin's on_post_page returns "" so that MkDocs does
not write over the child's file.

The site is what one process makes, byte for byte (a test builds it both ways). What the
child logs is logged here when this process reaches that page, so --strict counts it. A
page the child failed on stops the build with the child's error; a child that dies stops
the build with a plain message, never a hang. One process is used while serving (the page
cache's path), for --dirty builds, for small sites, where forking is unavailable, and when
a plugin other than explainer and search handles page events (it may keep state across
pages).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from typing import Any

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from explainer.adapters.forked import Forked, Logged, PageFailed, usable_cores
from explainer.adapters.page_cache import _only_known_plugins_touch_pages

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


class ParallelBuild:
    """The plugin's handle on the page loop of one clean build; see the module's docstring."""

    def __init__(self) -> None:
        #: Whether this is a clean `mkdocs build` (not serving, not --dirty).
        self.enabled = False
        self._building: Forked[dict[str, list[Any]]] | None = None
        self._built_elsewhere: set[str] = set()
        self._entries: list[Any] | None = None

    def build_pages(
        self, config: MkDocsConfig, files: Files, nav: Navigation | None, env: jinja2.Environment
    ) -> None:
        """Call from on_env of a clean build: every page is read (and converted)."""
        self.stop()
        self._building, self._built_elsewhere = None, set()
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
        if self._building is not None:
            self._building.stop()


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


def _build(
    config: MkDocsConfig,
    pages: Sequence[File],
    share: Sequence[File],
    nav: Navigation,
    env: jinja2.Environment,
    entries: list[Any] | None,
    logged: Logged,
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
