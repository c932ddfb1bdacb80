"""What `mkdocs serve` keeps between builds besides pages: the served folder itself, and a
quicker look at the story file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import ClassVar

import mkdocs.utils
from mkdocs.livereload import LiveReloadServer


class KeptSite:
    """While serving: the site folder is not emptied before each build, only swept after it.

    MkDocs deletes every file of the served site before each rebuild and writes them all
    again. Deleting thousands of folders and creating them anew is most of a rebuild's time
    on some file systems. Here the files stay; every file the build writes is rewritten in
    place, and what the build did not write (a removed event's page) is deleted at the end,
    so the folder holds exactly what a clean build would.
    """

    #: The folders kept, by path; MkDocs' cleaning still runs for any other folder.
    _kept: ClassVar[dict[str, KeptSite]] = {}
    _original: ClassVar[Callable[[str], None] | None] = None

    def __init__(self, site_dir: str):
        self.site_dir = site_dir
        #: Each file's modification time when the build began.
        self._before: dict[str, int] = {}

    @classmethod
    def keep(cls, site_dir: str) -> KeptSite:
        """Keep `site_dir` for the builds of this process (a `mkdocs serve`)."""
        if cls._original is None:
            cls._original = mkdocs.utils.clean_directory
            mkdocs.utils.clean_directory = cls._clean
        kept = cls._kept.setdefault(os.path.abspath(site_dir), cls(site_dir))
        return kept

    @classmethod
    def _clean(cls, directory: str) -> None:
        kept = cls._kept.get(os.path.abspath(directory))
        if kept is None:
            assert cls._original is not None
            cls._original(directory)
            return
        kept._before = {path: os.stat(path).st_mtime_ns for path in _files(directory)}

    def written_this_build(self, path: str) -> bool:
        """Whether the build wrote `path` (a file there before it began is the last build's
        until the build writes it again)."""
        try:
            mtime = os.stat(path).st_mtime_ns
        except OSError:
            return False
        return self._before.get(path) != mtime

    def sweep(self) -> None:
        """Delete what the build did not write, and the folders left empty."""
        for path, mtime in self._before.items():
            with contextlib.suppress(OSError):
                if os.stat(path).st_mtime_ns == mtime:
                    os.unlink(path)
        for folder, _, _ in sorted(os.walk(self.site_dir), key=lambda w: -len(w[0])):
            if folder != self.site_dir:
                with contextlib.suppress(OSError):
                    os.rmdir(folder)  # only when empty
        self._before = {}


def _files(directory: str) -> Iterator[str]:
    for folder, folders, files in os.walk(directory):
        # Hidden files are not MkDocs' to delete (its own cleaning leaves them too).
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield os.path.join(folder, name)


#: How often `mkdocs serve` looks at the story file for a save.
STORY_POLL_SECONDS = 0.1


def watch_often(server: LiveReloadServer, path: str) -> None:
    """Watch `path` for saves, polling it five times as often as MkDocs polls what it
    watches (every half second): it is the file a writer saves again and again. The
    observer's interval is only a constructor argument; a MkDocs without it keeps its own."""
    observer = server.observer
    interval = getattr(observer, "_timeout", None)
    if isinstance(interval, int | float):
        observer._timeout = min(interval, STORY_POLL_SECONDS)
    try:
        server.watch(path)
    finally:
        if isinstance(interval, int | float):
            observer._timeout = interval
