"""MkDocs glue for `explainer.site.publish`: `mkdocs build` (and gh-deploy) writes into a
staging folder beside site_dir, which replaces site_dir whole at the very end.

The plugin calls, in MkDocs' order:

- `start` at the top of on_config, before any plugin can write: take the lock, clean up
  after interrupted builds, point `config.site_dir` at the staging folder. Every writer
  (MkDocs' pages and static files, the theme's 404 and sitemap, the search index, the
  plugin's redirect pages) reads config.site_dir when it writes, so all of it lands there.
- `finish` in on_post_build with the lowest priority, after every other plugin's
  on_post_build; MkDocs writes nothing after that event. It swaps the staging folder in,
  unless this is a strict build with warnings: MkDocs aborts it right after this event.
- `fail` in on_build_error and on_shutdown: drop the staging folder, keep the old site. A
  write error (disk full, a file over the size limit, a read-only folder) is logged as
  one located line and the build stops without a traceback.

`mkdocs serve` builds into its own temporary folder and `--dirty` builds add to the site
in place: neither is staged.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import CountHandler

from explainer.site.publish import PublishError, Staged, begin, write_failure

log = get_plugin_logger(__name__)


class SafeBuild:
    def __init__(self) -> None:
        #: False while serving or for a --dirty build (set from on_startup).
        self.enabled = True
        self.staged: Staged | None = None
        self._config: MkDocsConfig | None = None
        self._site_dir = ""

    def start(self, config: MkDocsConfig) -> None:
        if not self.enabled:
            return
        self.fail(None)  # a previous build in this process that never finished
        try:
            self.staged = begin(Path(config.site_dir))
        except PublishError as error:
            raise PluginError(str(error)) from None
        self._config, self._site_dir = config, config.site_dir
        config["site_dir"] = str(self.staged.folder)

    def finish(self, config: MkDocsConfig) -> None:
        staged = self.staged
        if staged is None:
            return
        if config.strict and _warnings_counted():
            return  # MkDocs raises its strict-mode Abort next; on_build_error calls fail()
        self.staged = None
        # gh-deploy publishes config.site_dir after the build: the real folder again.
        self._restore_site_dir()
        try:
            staged.publish()
        except OSError as error:
            raise PluginError(f"cannot replace {staged.target}: {error}") from None
        log.debug(f"replaced {staged.target} with the new site")

    def fail(self, error: BaseException | None) -> None:
        staged, self.staged = self.staged, None
        if staged is None:
            return
        staged.abandon()
        self._restore_site_dir()
        if isinstance(error, OSError):
            # MkDocs would print the OSError's traceback; say which file and why instead.
            log.error(write_failure(error, staged))
            raise Abort("Aborted with a write error; the previous site is unchanged.")

    def _restore_site_dir(self) -> None:
        if self._config is not None:
            self._config["site_dir"] = self._site_dir
            self._config = None


def _warnings_counted() -> bool:
    """Whether MkDocs' strict-mode counter has seen a warning: build() attaches it to the
    'mkdocs' logger and aborts after on_post_build if it counted any."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )
