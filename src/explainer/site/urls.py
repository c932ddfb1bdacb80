"""Where each page is, as a link from another page: relative URLs for Markdown and for the
raw HTML and SVG that MkDocs does not rewrite, from MkDocs' own URL rules."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from explainer.catalog.changes import Change
from explainer.catalog.crossref import Catalog
from explainer.catalog.tags import TagInfo
from explainer.i18n.dates import story_style
from explainer.markdown.markup import markup, to_html
from explainer.markdown.prose import NameLinker, display_name, escape, html_text
from explainer.site.filters import tag_path
from explainer.site.layout import (
    ABOUT_PATH,
    SOURCES_PATH,
    TIMELINE_PATH,
    SiteLayout,
    actor_path,
    event_path,
    source_path,
)
from explainer.story.language import foreign_name
from explainer.story.model import Actor, Event, Prose, Source


@dataclass(frozen=True)
class PageLinks:
    """Link helpers for one page: every URL is relative to where that page lives."""

    catalog: Catalog
    linker: NameLinker
    path: str
    #: The site's URL style (MkDocs' use_directory_urls), for links in raw HTML and SVG,
    #: which MkDocs does not rewrite the way it rewrites Markdown links.
    directory_urls: bool = True
    #: Which pages the story gets, and so where its timeline entries and sources are.
    layout: SiteLayout | None = None
    #: Zensical, unlike MkDocs, resolves links in raw HTML from the Markdown file, as it
    #: does Markdown links: then raw HTML gets the same links as Markdown.
    html_links_from_source: bool = False
    #: The page's language (a BCP 47 tag): names in another script are marked as such.
    language: str = "en"
    #: Where set, each link target this page asks for is recorded ("target", kind, id), so
    #: that the page can be reused while those targets stay where they are (render/reuse).
    reads: set[tuple[str, ...]] | None = field(default=None, compare=False)
    #: The page is written as HTML (render/html_page.py): every link is `href`'s, and
    #: `actor`, `event`, `source`, `tag` and `name` give HTML.
    html: bool = False

    def href(self, target: str) -> str:
        """The relative URL of `target` (a page path, maybe with #fragment) for raw HTML:
        the final URL from this page's own URL, as the browser needs it."""
        if self.html_links_from_source:
            return self._from_source(target)
        page, _, fragment = target.partition("#")
        relative = _relative(page_url(page, self.directory_urls), self._url)
        return relative + (f"#{fragment}" if fragment else "")

    def file_href(self, path: str) -> str:
        """The relative URL of a file that is not a page (a picture, from the site's
        root), for raw HTML."""
        if self.html_links_from_source:
            return _relative(path, self.path)
        return _relative(path, self._url)

    @functools.cached_property
    def _url(self) -> str:
        return page_url(self.path, self.directory_urls)

    def url(self, target: str) -> str:
        """The relative path of `target` for a Markdown link, which MkDocs checks and
        rewrites for the site's URL style; on a page written as HTML, `href`'s."""
        if self.html:
            return self.href(target)
        return self._from_source(target)

    def _from_source(self, target: str) -> str:
        page, _, fragment = target.partition("#")
        relative = _relative(page, self.path) if page else ""
        return relative + (f"#{fragment}" if fragment else "")

    def actor_url(self, actor_id: str) -> str:
        return self.url(actor_path(actor_id))

    def event_target(self, event_id: str) -> str:
        """Where an event is told in full: its own page, or in a very long story its entry
        on its timeline page (a permanent anchor)."""
        if self.reads is not None:
            self.reads.add(("target", "event", event_id))
        if self.layout is None or self.layout.event_pages:
            return event_path(event_id)
        return f"{self.layout.timeline_page[event_id]}#{event_id}"

    def event_url(self, event_id: str) -> str:
        return self.url(self.event_target(event_id))

    def change_target(self, change: Change) -> str:
        """Where a change is told: on its record's page (or an event's timeline entry),
        at the change's own anchor; the explainer's own, on the About page."""
        record = change.record
        if record is None:
            page = ABOUT_PATH
        elif isinstance(record, Actor):
            page = actor_path(record.id)
        else:
            page = self.event_target(record.id).partition("#")[0]
        return f"{page}#{change.anchor}"

    def change_url(self, change: Change) -> str:
        return self.url(self.change_target(change))

    def timeline_url(self, event_id: str) -> str:
        if self.reads is not None:
            self.reads.add(("target", "timeline", event_id))
        page = self.layout.timeline_page.get(event_id) if self.layout else None
        return self.url(f"{page or TIMELINE_PATH}#{event_id}")

    def source_target(self, source_id: str) -> str:
        if self.reads is not None:
            self.reads.add(("target", "source", source_id))
        if self.layout and self.layout.source_pages:
            return source_path(source_id)
        return f"{SOURCES_PATH}#{source_id}"

    def source_url(self, source_id: str) -> str:
        return self.url(self.source_target(source_id))

    def name(self, name: str) -> str:
        """A name as Markdown (HTML on a page written as HTML), isolated with its own
        language and direction when it is written in another script than the page's."""
        return display_name(name, self.language, html=self.html)

    def name_attributes(self, name: str) -> str:
        """' lang="ar" dir="rtl"' for an element holding a name in another script than
        the page's; ' dir="auto"' otherwise, so that its own letters decide."""
        foreign = foreign_name(name, self.language)
        return f' lang="{foreign[0]}" dir="{foreign[1]}"' if foreign else ' dir="auto"'

    def _link(self, words: str, url: str) -> str:
        """A link as Markdown, or as HTML on a page written as HTML (`words` are either)."""
        if self.html:
            return f'<a href="{html.escape(url, quote=True)}">{words}</a>'
        return f"[{words}]({url})"

    def text(self, text: str) -> str:
        """Plain text (a title) as Markdown, or as HTML on a page written as HTML."""
        return html_text(text) if self.html else escape(text)

    def actor(self, actor: Actor) -> str:
        return self._link(self.name(actor.name), self.actor_url(actor.id))

    def event(self, event: Event) -> str:
        return self._link(self.text(event.title), self.event_url(event.id))

    def source(self, source: Source) -> str:
        return self._link(self.text(source.title), self.source_url(source.id))

    def tag(self, tag: TagInfo) -> str:
        """A tag's label as a link to its page."""
        return self._link(self.name(tag.name), self.url(tag_path(tag.id)))

    def prose(
        self,
        prose: Prose | str | None,
        skip: str | None = None,
        under: int = 0,
        excerpt: bool = False,
        rest: bool = False,
    ) -> str:
        """Author's Markdown as a block of HTML, explicit links resolved and actor names
        linked (never `skip`, the page's own actor); `under` moves its headings below the
        page's heading level `under` (3: its own headings start at h4); `excerpt` shows its
        first block only, `rest` all but its first block ('' when there is none). MkDocs
        passes the block through as it is (it is raw HTML), so a text reads the same on
        every page that shows it."""
        if prose is None:
            return ""
        text = prose.text if isinstance(prose, Prose) else prose
        if self.reads is not None:  # how it reads depends on the names linked in it
            self.reads.add(("prose", text))
        parsed = self.linker.linked(text)
        parts = (
            parsed.first if excerpt else parsed.parts[len(parsed.first) :] if rest else parsed.parts
        )
        if rest and not parts:
            return ""
        return (
            f'<div class="xp-prose">\n{to_html(parts, self.html_url, skip=skip, under=under)}</div>'
        )

    def inline_excerpt(self, prose: Prose | str | None) -> str:
        """The first paragraph of author's Markdown as HTML within a line (a list item, a
        card), explicit links resolved, names left as they are."""
        if prose is None:
            return ""
        text = prose.text if isinstance(prose, Prose) else prose
        return to_html(markup(text).inline, self.html_url)

    def html_url(self, kind: str, target: str) -> str | None:
        """The URL, for raw HTML, of a link in prose: kind actor/event/source (target an id,
        maybe with #fragment) or local (a path from the site's root); None if unknown."""
        if kind == "local":
            return self.href(target or "index.md")
        target_id, _, fragment = target.partition("#")
        path = self.target_path(kind, target_id)
        if path is None:
            return None
        return self.href(path + (f"#{fragment}" if fragment and "#" not in path else ""))

    def target_path(self, kind: str, target_id: str) -> str | None:
        """Where an `actor:`/`event:`/`source:` link leads, from the site's root."""
        if self.reads is not None:
            self.reads.add(("target", kind, target_id))
        if kind == "actor" and target_id in self.catalog.actors:
            return actor_path(target_id)
        if kind == "event" and target_id in self.catalog.events:
            return self.event_target(target_id)
        if kind == "source" and target_id in self.catalog.sources:
            return self.source_target(target_id)
        return None

    def target_url(self, kind: str, target_id: str) -> str | None:
        path = self.target_path(kind, target_id)
        return None if path is None else self.url(path)


@functools.cache
def _relative(url: str, from_url: str) -> str:
    # MkDocs' own rule; pages sit in a handful of folders, so a few answers serve every link.
    return get_relative_url(url, from_url)


@functools.cache
def page_url(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives the page at `path` ('actors/hamas.md' → 'actors/hamas/'), from
    MkDocs' own rule; the home page's is ''."""
    url = File(path, None, "", directory_urls).url
    return "" if url == "./" else url


def name_linker(catalog: Catalog, last: NameLinker | None = None) -> NameLinker:
    """The linker of the catalog's names; `last` when it was made from the same names (so
    that the texts it has linked are not linked again, while serving)."""
    pairs = [(a.name, a.id) for a in catalog.actors.values()]
    pairs += [(alias, a.id) for a in catalog.actors.values() for alias in a.aliases]
    if last is not None and last.names == tuple(pairs):
        return last
    return NameLinker(pairs)


class SiteUrls:
    """The URL of each record's page, as the site's layout places it."""

    def __init__(
        self,
        catalog: Catalog,
        layout: SiteLayout,
        *,
        directory_urls: bool = True,
        site_url: str | None = None,
    ):
        self.catalog, self.layout, self.directory_urls = catalog, layout, directory_urls
        self.base = site_url.rstrip("/") + "/" if site_url else None
        #: Dates in the data files are in English, whatever the story's language.
        self.dates = story_style(catalog, "en")
        # Links from the home page are relative to the site's root.
        self._root = self.links_from("index.md")
        self._urls: dict[tuple[str, str | None], str] = {}

    def signature(self) -> tuple[object, ...]:
        """Everything a URL or a date of the data files depends on besides the record."""
        flags = (self.layout.event_pages, self.layout.source_pages)
        return (self.base, self.directory_urls, flags, self.dates)

    def links_from(self, path: str) -> PageLinks:
        # Only URLs are asked for, never linked prose: no names to link.
        return PageLinks(self.catalog, NameLinker(()), path, self.directory_urls, self.layout)

    def page(self, target: str, *, from_page: str | None = None) -> str:
        """The URL of `target` (a page path from the site's root, maybe with #fragment):
        absolute with a site_url; else relative to `from_page`, or to the site's root."""
        found = self._urls.get((target, from_page))
        if found is None:
            found = self._urls[target, from_page] = self._page(target, from_page)
        return found

    def _page(self, target: str, from_page: str | None) -> str:
        if self.base is None and from_page is not None:
            return self.links_from(from_page).href(target)
        path, _, fragment = target.partition("#")
        url = page_url(path, self.directory_urls) + (f"#{fragment}" if fragment else "")
        if self.base is None:
            return url or "./"
        # MkDocs' page URLs are relative and never climb ("actors/x/", "", "#a"): joining
        # them to the base is appending (urljoin was a tenth of the data files' time).
        return self.base + url

    def actor(self, actor_id: str, *, from_page: str | None = None) -> str:
        return self.page(self._root.actor_url(actor_id), from_page=from_page)

    def event(self, event_id: str, *, from_page: str | None = None) -> str:
        # The event's lasting address, events/<id>/: its own page, or in a very long story
        # the small page there that sends readers on to its entry (redirects.py). The entry
        # itself moves between timeline pages as the story grows; this address does not.
        return self.page(event_path(event_id), from_page=from_page)

    def source(self, source_id: str, *, from_page: str | None = None) -> str:
        return self.page(self._root.source_url(source_id), from_page=from_page)

    def host(self) -> str | None:
        return urlsplit(self.base).hostname if self.base else None


def link_targets(catalog: Catalog, layout: SiteLayout) -> Callable[[str, str], object]:
    """Where a link to each record leads in this site (None: the story has no such
    record), for telling whether a page that links to it must be rendered again."""
    root = PageLinks(catalog, NameLinker(()), "index.md", layout=layout)

    def target(kind: str, target_id: str) -> object:
        if kind == "timeline":
            return layout.timeline_page.get(target_id)
        if kind == "event":
            return root.event_target(target_id) if target_id in catalog.events else None
        if kind == "source":
            return root.source_url(target_id) if target_id in catalog.sources else None
        return target_id in catalog.actors

    return target
