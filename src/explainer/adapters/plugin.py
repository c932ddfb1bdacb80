"""MkDocs adapter: compile the story before anything is cleaned, add its pages in memory.

- on_config: load, validate and render the story. A bad story stops the build here, before
  MkDocs cleans `site/`, so the last good site stays as it was. Warnings (garbled text)
  are logged as warnings, which `mkdocs build --strict` turns into a failure.
- on_files: add each generated page, the data files (JSON, CSV, iCalendar, TimelineJS) and
  the processed pictures (from their cache) with `File.generated` (nothing in docs/).
- on_page_markdown: resolve `actor:`/`event:`/`source:` links in hand-written pages (an
  unknown id is a warning, which fails --strict); pages written as HTML skip conversion.
- on_post_page: insert schema.org JSON-LD and link-preview (OpenGraph, Twitter) tags before
  </head> of every page. Done on the finished HTML, so it works with any theme and any
  custom_dir override.
- on_config names the site after the story's title when mkdocs.yml leaves `site_name: ""`,
  and describes it with the story's summary when it has no `site_description` (read again
  on every `mkdocs serve` rebuild, so a saved title renames the site).
- on_config also gives the theme the story's language and direction (`theme.language`,
  `theme.direction`) unless mkdocs.yml sets them itself, which wins; on_post_page puts
  the same `lang` and `dir` on every page's <html>.
- on_config (first) and on_post_build (last): `mkdocs build` writes into a staging folder
  beside site_dir that replaces it whole at the end (safe_build.py); on_build_error drops
  it and keeps the old site.
- on_serve: watch the story file and its pictures, so `mkdocs serve` rebuilds on a save. While
  serving, a story saved with mistakes does not stop the server: it keeps serving the last
  good version, with the problems shown at the top of every page until they are fixed
  (put into the finished pages, which are the last good build's: nothing is rendered again).
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any, Literal

import jinja2
import mkdocs.utils
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from explainer.adapters import memory
from explainer.adapters.idle_gc import IdleCollector
from explainer.adapters.page_cache import PageCache, TemplateCodeCache, pages_of
from explainer.adapters.parallel import ParallelBuild
from explainer.adapters.safe_build import SafeBuild
from explainer.adapters.serving import KeptSite, watch_story, with_failure_banner
from explainer.adapters.theme import list_theme_once, story_language, with_language
from explainer.adapters.written_html import (
    FrontMatters,
    read_metadata_quickly,
    take_html,
    written_as_html,
)
from explainer.markdown.sanitize import clean_html
from explainer.pipeline.compile import Compiled, LastBuild, compile_story
from explainer.pipeline.site_files import (
    ASSET_FILES,
    SiteFiles,
    links_that_lead_nowhere,
    shown_path,
    site_files,
)
from explainer.render.environment import look_alike_brackets
from explainer.render.page_meta import PageFacts, PageMetadata, in_head
from explainer.render.pages import REQUIRED_EXTENSIONS, SCRIPT, STYLESHEET
from explainer.render.reuse import Fragments
from explainer.story.problems import StoryError

log = get_plugin_logger(__name__)

#: What `mkdocs serve` shows before the story has ever compiled.
_NO_STORY_YET = "# The story has problems\n\nFix them in the story file and save it.\n"


class ExplainerConfig(base.Config):
    #: The story file, relative to mkdocs.yml.
    story = c.Type(str, default="events.yaml")


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.story_path: Path | None = None
        self.compiled: Compiled | None = None
        self.serving = False
        #: While serving: the problems of the last save, shown over the last good pages.
        self.failure: str | None = None
        #: The story's files for the current build (pages, data files, redirects).
        self.files: SiteFiles | None = None
        self._compiled_templates = TemplateCodeCache()
        #: While serving: the pages of the last build, reused where nothing changed.
        self.page_cache = PageCache()
        self.kept_site: KeptSite | None = None
        self._outputs: list[str] = []
        #: What the last build keeps for the next (pipeline/compile.py).
        self.last_build = LastBuild()
        self._nav: Navigation | None = None
        self.metadata: PageMetadata | None = None
        #: The site's language and direction, for every page's <html lang dir>.
        self.html_language: str | None = None
        self.html_direction: str | None = None
        #: Builds into a staging folder, swapped in whole at the end (safe_build.py).
        self.safe_build = SafeBuild()
        self.held = memory.Held()  # what a clean build lets go of as it writes (memory.py)
        self.parallel = ParallelBuild()
        self.front_matters = FrontMatters()  # each distinct front matter read once
        self.idle_gc = IdleCollector()  # while serving, cycles are collected between saves
        self.heads = Fragments()  # while serving, each page's <head> kept between saves

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds,
        # which is what lets it remember the last good story.
        self.serving = command == "serve"
        read_metadata_quickly()
        self.safe_build.enabled = self.parallel.enabled = not self.serving and not dirty

    # Before the search plugin, which picks its word stemmer from the theme's language.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.serving:
            self.idle_gc.build_starts()
        self.safe_build.start(config)
        self.story_path = Path(config.config_file_path).parent / self.config.story
        try:
            self.compiled = compile_story(
                self.story_path,
                directory_urls=config.use_directory_urls,
                media_memo=self.last_build.media,
                last=self.last_build if self.serving else None,
            )
            self.failure = None
        except StoryError as error:
            if not self.serving:
                raise PluginError(f"the story has problems:\n{error}") from error
            self.failure = str(error)
            still = "the last good version" if self.compiled else "a page that lists them"
            log.error(f"the story has problems; serving {still} until they are fixed:\n{error}")
        if self.compiled is not None and self.compiled.warnings:
            if config.strict and not self.serving:
                # Fail now, before MkDocs cleans site/, rather than after it has rebuilt it.
                raise PluginError(
                    "the story has warnings, which fail a strict build:\n"
                    + "\n".join(self.compiled.format_warning(w) for w in self.compiled.warnings)
                )
            for warning in self.compiled.warnings:
                log.warning(self.compiled.format_warning(warning))
        if self.serving:
            list_theme_once(config)
        if self.compiled is not None:
            language = story_language(config, self.compiled.catalog.story)
            self.html_language, self.html_direction = language
            self._set_site_name(config)
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in map(str, config.extra_javascript):  # entries may be objects
            config.extra_javascript.append(SCRIPT)
        return config

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        # MkDocs makes a new Jinja environment for the theme on every build, and compiling
        # Material's templates again was the largest part of a rebuild while serving.
        if env.bytecode_cache is None:
            env.bytecode_cache = self._compiled_templates
        if self.serving and self._nav is not None:
            # Every page is read now: the cache decides which ones are as they were.
            self.page_cache.plan(
                self._nav, env, pages_of(files), lambda page: self._head(page, config)
            )
        self.parallel.build_pages(config, files, self._nav, env)
        return env

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        if self.serving:  # what this build writes, and the theme's sitemap beside its .gz
            sitemaps = [os.path.join(config.site_dir, t) for t in config.theme.static_templates]
            self._outputs = [f.abs_dest_path for f in files] + [f"{s}.gz" for s in sitemaps]
        return nav

    def _set_site_name(self, config: MkDocsConfig) -> None:
        """The site's name and description from the story's title and summary, where
        mkdocs.yml leaves them to it. MkDocs requires site_name, so an empty one is the
        way to leave it (the scaffold writes `site_name: ""`)."""
        assert self.compiled is not None
        story = self.compiled.catalog.story
        # Themes insert both as they are, in text and attributes (Material: the header,
        # <title>, content="..."); Markup keeps the one escape, also where a template adds
        # `| e` (Material's logo tooltip), which would otherwise show "&amp;".
        if not config.site_name.strip():
            config.site_name = Markup(html.escape(story.title, quote=True))
        if not (config.site_description or "").strip():
            config.site_description = Markup(html.escape(story.summary, quote=True))

    # After the search plugins, whose index the page cache fills for the pages it reuses
    # (MkDocs' own search makes its index here).
    @event_priority(-50)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self.kept_site = KeptSite.keep(config.site_dir)
            # Not the story's problems: they go over the finished pages (on_post_page), so a
            # save with mistakes renders nothing again.
            self.page_cache.start_build(config, [repr((self.html_language, self.html_direction))])
        # Links to unknown ids in hand-written pages fail a strict build here, before
        # MkDocs cleans site/, with their file, line and column.
        if not config.strict or self.serving or self.compiled is None:
            return
        docs = Path(config.docs_dir)
        shown = shown_path(docs, Path(config.config_file_path).parent)
        problems = links_that_lead_nowhere(docs, self.compiled, shown)
        if problems:
            raise PluginError(
                "hand-written pages have links that lead nowhere:\n" + "\n".join(problems)
            )

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        generated: dict[str, str | bytes] = {"index.md": _NO_STORY_YET}
        self.front_matters.start_build()
        self.metadata = self.files = None
        if self.compiled is not None:
            self.files = site_files(
                self.compiled,
                directory_urls=config.use_directory_urls,
                site_url=config.site_url,
                pieces=self.last_build.data if self.serving else None,
            )
            self.held = memory.Held(None if self.serving else self.files.pages)
            generated = {**self.held.file_contents(self.files.pages), **self.files.data}
            # PageMetadata escapes what it writes: it takes the name as plain text.
            name = html.unescape(config.site_name)
            self.metadata = PageMetadata(
                self.files.urls,
                name,
                self.compiled.media,
                self.heads if self.serving else None,
            )
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                log.info(f"docs/{path} is hand-written: it replaces the generated file")
                continue
            files.append(File.generated(config, path, content=content))
        pictures = list(self.files.media.items()) if self.files else []
        for path, source in [*ASSET_FILES, *pictures]:  # stylesheet, script, pictures
            files.append(File.generated(config, path, abs_src_path=str(source)))
        return files

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.generated_by is None:
            return None
        text = self.held.source(page)
        return self.front_matters.source(page, page.file.content_string if text is None else text)

    # Last: the Markdown that MkDocs will convert, after any other plugin's.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.generated_by is not None or self.files is None:
            self.front_matters.restore(page)
            # Generated pages' links are resolved; one written as HTML is not converted.
            body = take_html(page, markdown)
            return markdown if body is None else body

        def unknown(kind: str, target_id: str) -> None:
            log.warning(f"Doc file '{page.file.src_uri}' links to unknown {kind} '{target_id}'")

        return self.files.hand_written(markdown, page.file.src_uri, unknown)

    # Before the search plugin, which strips attributes from every page's content.
    @event_priority(50)
    def _drop_reused_content(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.serving and self.page_cache.reuses_page(page):
            # Its finished HTML and search entries are the last build's: nothing reads it.
            page.content = ""
        self.held.take(page)  # (a clean build's page, converted and put aside)
        return context

    def _plain_title(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # The theme puts the page title into <title> through `striptags`, which turns the
        # escaped "&lt;" of a name such as "x</title><script>" back into markup. Titles
        # keep their angle brackets as look-alike quotation marks instead.
        if page.title:
            page.title = look_alike_brackets(page.title.replace("&lt;", "<").replace("&gt;", ">"))
        return context

    on_page_context = CombinedEvent(_drop_reused_content, _plain_title)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # Hand-written pages are the owner's, trusted; pages written as HTML were cleaned
        # when rendered (html_page.py).
        if page.file.generated_by is not None and not written_as_html(page):
            html = clean_html(html)
        return html if self.serving else self.held.put(page, html)

    # Last: the page cache keeps the finished page.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.parallel.built_elsewhere(page):
            return ""  # written by the child (parallel.py)
        if not self.serving or not self.page_cache.reuses_page(page):
            language = (self.html_language, self.html_direction)
            output = in_head(with_language(output, *language), self._head(page, config))
        if not self.serving:
            return memory.let_go(page, output)
        output = self.page_cache.output(page, output)
        return output if self.failure is None else with_failure_banner(output, self.failure)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # The 404 page is a template, not a page: it gets only the link to the feed.
        if template_name != "404.html" or self.metadata is None:
            return output_content
        return in_head(output_content, self.metadata.feed_link(None) + "\n")

    def _head(self, page: Page, config: MkDocsConfig) -> str:
        """What the page tells machines about itself, for its <head>."""
        if self.metadata is None:
            return ""
        # Titles and descriptions reach the page HTML-escaped (page.title from the heading,
        # front-matter descriptions escaped by the templates): back to plain text first.
        description = page.meta.get("description") or config.site_description
        facts = PageFacts(
            page.file.src_uri,
            html.unescape(page.title or config.site_name),
            html.unescape(str(description or self.metadata.catalog.story.summary)),
        )
        return self.metadata.head_html(facts)

    def _write_redirects(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self.page_cache.end_build()
        if self.files is None:
            return
        site = Path(config.site_dir)
        for path, page in self.files.redirects.items():
            target = site / path
            if self._written_this_build(target):
                continue  # a page of the site's own at that address comes first
            # MkDocs' own writer, which while serving leaves a file with the same bytes as it
            # is (a long story has ten thousand of these pages).
            mkdocs.utils.write_file(page.encode("utf-8"), str(target))

    # After every other plugin's on_post_build (the search index, Material's offline and
    # privacy plugins at -100); MkDocs itself writes nothing after this event.
    @event_priority(float("-inf"))
    def _publish(self, *, config: MkDocsConfig) -> None:
        if self.kept_site is not None:
            self.kept_site.sweep(self._outputs)
        self.safe_build.finish(config)
        if self.serving:
            self.idle_gc.build_ends()

    def _written_this_build(self, path: Path) -> bool:
        if self.kept_site is not None:  # serving: the last build's files are still there
            return self.kept_site.written_this_build(str(path))
        return path.exists()

    on_post_build = CombinedEvent(_write_redirects, _publish)

    @event_priority(float("-inf"))  # last, as it may stop the build with a plain message
    def on_build_error(self, *, error: Exception) -> None:
        self.parallel.stop()
        self.safe_build.fail(error)
        if self.serving:
            self.idle_gc.build_ends()

    def on_shutdown(self) -> None:
        self.safe_build.fail(None)  # interrupted (Ctrl-C): keep the old site
        self.idle_gc.stop()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        if self.story_path is not None:
            watch_story(server, self.story_path, self.compiled)
        return server
