"""While serving: each page as the last build made it, reused when nothing it is made from
has changed, so that a save re-renders only the pages it touched.

MkDocs rebuilds the whole site on every save: each page is put through the theme's
templates and the search indexer (and a hand-written page's Markdown is converted first;
generated pages are written as HTML and converted by nothing, written_html.py). For a story
of a thousand events that was most of the 15 seconds between a save and the preview. This
cache sits in the plugin's hooks (MkDocs offers no other way in) and skips the theme and
the search indexer for any page whose content, title, metadata, head and place in the site
are the same and whose site (navigation, settings, story language) is the same: its
finished HTML and its search entries are reused, and the search index's file is written
from each page's entries as written the last time.

Correctness over speed: a page is reused only when every input named here is identical;
a plugin other than explainer and the search plugin that touches pages turns the cache
off (it cannot know what such a plugin reads). A test builds random edit sequences both
ways and compares every file with a clean build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

#: The template a reused page is "rendered" with: its finished HTML replaces the result.
REUSED_TEMPLATE = "explainer/reused-page.html"
#: The page events a plugin may handle without turning the cache off.
_PAGE_EVENTS = ("pre_page", "page_markdown", "page_content", "page_context", "post_page")
_KNOWN_PLUGINS = ("explainer.adapters.plugin", "material.plugins.search", "mkdocs.contrib.search")


@dataclass
class _Finished:
    key: tuple[str, ...]
    output: str
    search_entries: list[dict[str, Any]]
    #: The same entries as the search index writes them (made when first written).
    search_json: str | None = None


class PageCache:
    """Each page of the last build, by source path; see the module's docstring."""

    def __init__(self) -> None:
        self._finished: dict[str, _Finished] = {}
        self._site = ""
        self.enabled = False
        #: Pages this build takes as they were (for the tests and the log).
        self.reused_pages: set[str] = set()
        self._keys: dict[str, tuple[str, ...]] = {}
        self._search_entries: dict[str, list[dict[str, Any]]] = {}
        #: The pages in the order the search index took them in this build.
        self._indexed: list[str] = []

    # -- a build begins ----------------------------------------------------------------

    def start_build(self, config: MkDocsConfig, extra: Iterable[str]) -> None:
        """Before any page is read: whether the cache may work in this build, and the
        site-wide inputs every page shares (`extra`: the plugin's own, such as the story's
        language)."""
        self.enabled = (
            _only_known_plugins_touch_pages(config)
            and not _reads_other_files(config)
            and self._index_search(config)
        )
        self.reused_pages = set()
        self._keys, self._search_entries, self._indexed = {}, {}, []
        settings = [
            config.config_file_path or "",
            _file_text(config.config_file_path),
            repr(config.site_name),
            repr(config.site_url),
            repr(config.site_description),
            repr(config.use_directory_urls),
            repr(config.markdown_extensions),
            repr(config.mdx_configs),
            repr(dict(config.theme.items())),
            repr(config.extra_css),
            repr(config.extra_javascript),
            repr(dict(config.extra)),
            # The site's own template overrides (the theme's own files do not change).
            *_file_stamps(getattr(config.theme, "custom_dir", None)),
            *extra,
        ]
        self._site = _digest(settings)
        if not self.enabled:
            self._finished = {}

    def reuses_page(self, page: Page) -> bool:
        return page.file.src_uri in self.reused_pages

    def plan(
        self,
        nav: Navigation,
        env: jinja2.Environment,
        pages: Iterable[Page],
        head: Callable[[Page], str],
    ) -> None:
        """Once every page is read: which pages to take as they were. `head` gives what
        the plugin adds to a page's <head>, which is part of its inputs."""
        if not self.enabled:
            return
        # A reused page still goes through MkDocs' template step: give it one that costs
        # nothing (its finished HTML replaces the result in `output`).
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({REUSED_TEMPLATE: "reused"}), *([env.loader] if env.loader else [])]
        )
        site = _digest([self._site, _nav_signature(nav)])
        for page in pages:
            # Kept as they are and compared, not hashed: a page's content is often the
            # very string the render memo kept (compared by identity), and hashing every
            # page's HTML on every save cost more than comparing it.
            key = (
                site,
                page.file.src_uri,
                page.title or "",
                repr(sorted(page.meta.items())),
                page.content or "",
                head(page),
            )
            self._keys[page.file.src_uri] = key
            last = self._finished.get(page.file.src_uri)
            if last is not None and last.key == key:
                self.reused_pages.add(page.file.src_uri)
                page.meta["template"] = REUSED_TEMPLATE

    def _index_search(self, config: MkDocsConfig) -> bool:
        """Route the search plugin's indexing of each page through `search_entries`;
        False if there is a search index this cache does not know how to fill."""
        for plugin in config.plugins.values():
            module = type(plugin).__module__
            if not module.startswith(("material.plugins.search", "mkdocs.contrib.search")):
                continue
            index: Any = getattr(plugin, "search_index", None)
            entries = getattr(index, "entries", None)
            if not module.startswith("material.") or not isinstance(entries, list):
                return False
            original = index.add_entry_from_context
            generate = index.generate_search_index

            def add(page: Page, index: Any = index, original: Any = original) -> None:
                self.search_entries(page, index.entries, original)

            def written(prev: Any, index: Any = index, generate: Any = generate) -> str:
                return self.search_index_json(index, prev, generate)

            index.add_entry_from_context = add
            index.generate_search_index = written
        return True

    def search_entries(
        self, page: Page, entries: list[dict[str, Any]], index: Callable[[Page], None]
    ) -> None:
        """Index `page` into `entries` with `index`, or add its entries of the last build."""
        uri = page.file.src_uri
        self._indexed.append(uri)
        if uri in self.reused_pages:
            entries.extend(self._finished[uri].search_entries)
            return
        before = len(entries)
        index(page)
        self._search_entries[uri] = entries[before:]

    def search_index_json(self, index: Any, prev: Any, generate: Callable[[Any], str]) -> str:
        """The search index's file, as Material's `generate_search_index` writes it, made
        of each page's entries as written the last time (a long story's index is several
        megabytes of JSON, written again on every save). Material's own when it merges
        with an earlier index (`--dirty`) or holds entries this cache did not see."""
        if prev or not self.enabled:
            return generate(prev)
        parts = [self._search_json(uri) for uri in self._indexed]
        if sum(count for _, count in parts) != len(index.entries):
            return generate(prev)
        config = {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        empty = _search_json({"config": config, "docs": []})
        # json.dumps writes a list as its items' own JSON, separated by commas.
        return empty[: -len("]}")] + ",".join(text for text, count in parts if count) + "]}"

    def _search_json(self, uri: str) -> tuple[str, int]:
        """A page's search entries as JSON (without the brackets), and how many."""
        finished = self._finished.get(uri)
        if uri in self.reused_pages and finished is not None:
            entries = finished.search_entries
        else:
            entries = self._search_entries[uri]
        if finished is None or finished.search_entries is not entries:
            return ",".join(map(_search_json, entries)), len(entries)
        if finished.search_json is None:
            finished.search_json = ",".join(map(_search_json, entries))
        return finished.search_json, len(entries)

    def output(self, page: Page, output: str) -> str:
        """The page's finished HTML: the last build's for a reused page, else `output`,
        remembered for the next build."""
        uri = page.file.src_uri
        if uri in self.reused_pages:
            return self._finished[uri].output
        key = self._keys.get(uri)
        if key is not None and uri in self._search_entries:
            self._finished[uri] = _Finished(key, output, self._search_entries[uri])
        else:
            self._finished.pop(uri, None)
        return output

    def end_build(self) -> None:
        """Forget pages the site no longer has."""
        present = set(self._keys)
        if not self.enabled:
            return
        for uri in [u for u in self._finished if u not in present]:
            del self._finished[uri]


def _search_json(value: Any) -> str:
    """JSON as Material's search plugin writes its index."""
    return json.dumps(value, separators=(",", ":"), default=str)


def pages_of(files: Files) -> list[Page]:
    """The pages MkDocs builds, as read."""
    return [f.page for f in files.documentation_pages() if f.page is not None]


def _only_known_plugins_touch_pages(config: MkDocsConfig) -> bool:
    for event in _PAGE_EVENTS:
        for method in config.plugins.events.get(event, []):
            owner = getattr(method, "__self__", method)
            if not type(owner).__module__.startswith(_KNOWN_PLUGINS):
                return False
    return True


def _reads_other_files(config: MkDocsConfig) -> bool:
    """Whether a Markdown extension pulls other files into pages (pymdownx.snippets):
    a page's HTML then depends on more than its Markdown, so nothing is reused."""
    return any("snippets" in str(e) for e in config.markdown_extensions)


def _file_stamps(folder: str | None) -> list[str]:
    """Each file under `folder` with its modification time and size."""
    if not folder or not os.path.isdir(folder):
        return []
    stamps = []
    for root, _, names in sorted(os.walk(folder)):
        for name in sorted(names):
            path = os.path.join(root, name)
            with contextlib.suppress(OSError):
                status = os.stat(path)
                stamps.append(f"{path}|{status.st_mtime_ns}|{status.st_size}")
    return stamps


def _nav_signature(nav: Navigation) -> str:
    """Every page renders the navigation: its titles, addresses and shape."""
    parts: list[str] = []

    def walk(items: Iterable[Any], depth: int) -> None:
        for item in items:
            url = getattr(item, "url", "") or ""
            # Material also shows a nav page's icon, subtitle and status from its metadata.
            meta = sorted((getattr(item, "meta", None) or {}).items())
            parts.append(f"{depth}|{type(item).__name__}|{item.title}|{url}|{meta!r}")
            walk(getattr(item, "children", None) or [], depth + 1)

    walk(nav.items, 0)
    return "\n".join(parts)


def _file_text(path: str | None) -> str:
    if not path:
        return ""
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError:
        return ""


def _digest(parts: Iterable[str]) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


class TemplateCodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the plugin (a `mkdocs serve`
    session). Jinja checks each template's source checksum, so an edited template is
    compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
