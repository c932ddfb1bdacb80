"""Every file the story adds to a site, assembled once for both adapters.

The MkDocs plugin hands these files to MkDocs in memory; `explainer export` writes them into
a plain MkDocs project. Both get them from here, so the two sites cannot drift apart: the
generated pages, the data files, the stylesheet, the processed pictures, the redirect pages
of a very long story, and the story's links in the hand-written pages.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from explainer.markdown.prose import NameLinker, resolve_links
from explainer.pipeline.compile import Compiled
from explainer.render.data_files import data_files
from explainer.render.pages import PACKAGE_SCRIPT, PACKAGE_STYLESHEET, SCRIPT, STYLESHEET
from explainer.render.redirects import event_redirects
from explainer.render.reuse import Fragments
from explainer.site.handwritten import unknown_links_in_docs
from explainer.site.urls import PageLinks, SiteUrls, name_linker

#: Where the stylesheet the pages rely on goes, and the package's copy of it: the same for
#: every story (and before any story has compiled).
STYLESHEET_FILE: tuple[str, Path] = (STYLESHEET, PACKAGE_STYLESHEET)
#: The same for the script of the timeline's filters.
SCRIPT_FILE: tuple[str, Path] = (SCRIPT, PACKAGE_SCRIPT)
#: Every file of the package the pages rely on: (where it goes, the package's copy).
ASSET_FILES = (STYLESHEET_FILE, SCRIPT_FILE)


@dataclass(frozen=True)
class SiteFiles:
    """The story's files for one site: paths are relative to the docs folder (pages,
    data files) or to the built site (redirects, plain HTML)."""

    compiled: Compiled
    urls: SiteUrls
    #: Generated Markdown pages.
    pages: MutableMapping[str, str]
    #: JSON, CSV, iCalendar and TimelineJS files, published as they are.
    data: dict[str, str | bytes]
    #: Small HTML pages at the old addresses of events that have no page of their own.
    redirects: dict[str, str]
    #: The story's pictures, processed: path in the docs folder → the file in the cache.
    media: dict[str, Path]
    _linker: list[NameLinker] = field(default_factory=list, repr=False, compare=False)

    def hand_written(
        self,
        text: str,
        path: str,
        on_unknown: Callable[[str, str], None] | None = None,
    ) -> str:
        """A hand-written page's Markdown with its `actor:`/`event:`/`source:` links
        resolved to the story's pages; `on_unknown(kind, id)` hears of each link to an id
        the story does not have (left as written)."""
        if not self._linker:  # made once, and only if there are hand-written pages
            self._linker.append(name_linker(self.compiled.catalog))
        links = PageLinks(
            self.compiled.catalog,
            self._linker[0],
            path,
            self.urls.directory_urls,
            self.compiled.layout,
        )

        def url_for(kind: str, target_id: str) -> str | None:
            url = links.target_url(kind, target_id)
            if url is None and on_unknown is not None:
                on_unknown(kind, target_id)
            return url

        return resolve_links(text, url_for)


def site_files(
    compiled: Compiled,
    *,
    directory_urls: bool = True,
    site_url: str | None = None,
    pieces: Fragments | None = None,
) -> SiteFiles:
    """The story's files for a site with this URL style and address (`site_url` makes the
    data files' links absolute); `pieces` keeps the data files' parts between builds."""
    urls = SiteUrls(
        compiled.catalog, compiled.layout, directory_urls=directory_urls, site_url=site_url
    )
    return SiteFiles(
        compiled,
        urls,
        compiled.pages,
        data_files(urls, pieces, compiled.media),
        event_redirects(compiled.catalog, compiled.layout, directory_urls=directory_urls),
        compiled.media.files,
    )


def shown_path(path: Path, base: Path) -> str:
    """`path` as messages show it: relative to `base` (the project) when it is inside it."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def links_that_lead_nowhere(docs: Path, compiled: Compiled, shown: str) -> list[str]:
    """'file:line:column: message' for each link in the hand-written pages under `docs`
    to something the story does not have; files are named as `shown`/<path>."""
    return [
        f"{shown}/{path}:{line}:{column}: {message}"
        for path, line, column, message in unknown_links_in_docs(
            docs, compiled.catalog, event_pages=compiled.layout.event_pages
        )
    ]
