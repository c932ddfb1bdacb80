"""MkDocs adapter: compile the story before anything is cleaned, add its pages in memory.

- on_config: load, validate and render the story. A bad story stops the build here, before
  MkDocs cleans `site/`, so the last good site stays as it was. Warnings (garbled text)
  are logged as warnings, which `mkdocs build --strict` turns into a failure.
- on_files: add each generated page with `File.generated` (nothing is written to docs/).
- on_page_markdown: resolve `actor:`/`event:`/`source:` links in hand-written pages; an
  unknown id is a warning, so --strict fails on it too.
- on_serve: watch the story file, so `mkdocs serve` rebuilds when it is saved. While
  serving, a story saved with mistakes does not stop the server: it keeps serving the last
  good version, with the problems shown at the top of every page until they are fixed.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .compile import Compiled, compile_story
from .problems import StoryError
from .prose import resolve_links
from .render import PageLinks, name_linker
from .sanitize import clean_html

log = get_plugin_logger(__name__)

STYLESHEET = "assets/explainer/explainer.css"
_PACKAGE_STYLESHEET = Path(__file__).parent / "assets" / "explainer.css"
#: Markdown extensions the generated pages rely on (anchors, cards, tables).
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables")
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

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds,
        # which is what lets it remember the last good story.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.story_path = Path(config.config_file_path).parent / self.config.story
        try:
            self.compiled = compile_story(self.story_path)
            self.failure = None
        except StoryError as error:
            if not self.serving:
                raise PluginError(f"the story has problems:\n{error}") from error
            self.failure = str(error)
            log.error(f"the story has problems; still serving the last good version:\n{error}")
        if self.compiled is not None:
            for warning in self.compiled.warnings:
                log.warning(self.compiled.format_warning(warning))
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        pages = self.compiled.pages if self.compiled else {"index.md": _NO_STORY_YET}
        for path, markdown in pages.items():
            if files.get_file_from_path(path) is not None:
                log.info(f"docs/{path} is hand-written: it replaces the generated page")
                continue
            files.append(File.generated(config, path, content=markdown))
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(_PACKAGE_STYLESHEET)))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.failure is not None:
            markdown = _failure_banner(self.failure) + markdown
        if page.file.generated_by is not None or self.compiled is None:
            return markdown  # generated pages have their links resolved already
        catalog = self.compiled.catalog
        links = PageLinks(catalog, name_linker(catalog), page.file.src_uri)

        def url_for(kind: str, target_id: str) -> str | None:
            url = links.target_url(kind, target_id)
            if url is None:
                log.warning(f"Doc file '{page.file.src_uri}' links to unknown {kind} '{target_id}'")
            return url

        return resolve_links(markdown, url_for)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.generated_by is None:
            return html  # hand-written pages are the site owner's own, trusted
        return clean_html(html)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        if self.story_path is not None:
            server.watch(str(self.story_path))
        return server


def _failure_banner(failure: str) -> str:
    return (
        '<div class="admonition failure xp-failure" role="alert">\n'
        '<p class="admonition-title">The story file has problems: this is the last good '
        "version. Fix them and save; the page reloads by itself.</p>\n"
        f"<pre><code>{html.escape(failure)}</code></pre>\n</div>\n\n"
    )
