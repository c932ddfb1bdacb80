"""What `mkdocs serve` keeps between builds besides pages: the served folder itself, and a
quicker look at the story file."""

from __future__ import annotations

import contextlib
import html
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import ClassVar

import mkdocs.utils
from mkdocs.livereload import LiveReloadServer

from explainer.pipeline.compile import Compiled


class KeptSite:
    """While serving: the site folder is not emptied before each build, and a file whose
    bytes are the same as last time is not written again.

    MkDocs deletes every file of the served site before each rebuild and writes them all
    again. On a file system that gives freed blocks back to the disk at once (ext4 mounted
    with `discard`, as on this project's machines), deleting or truncating thousands of
    files is most of a rebuild: 3 ms each. Here the files stay. A file the build writes
    with the bytes it wrote last time (the pages the page cache reused, the theme's assets)
    is left as it is; any other is written; what the build did not write at all (a removed
    event's page) is deleted at the end, so the folder holds exactly what a clean build's
    does. A file changed by anything else since (its modification time differs) is
    written again.
    """

    #: The folders kept, by path; MkDocs works as usual for any other folder.
    _kept: ClassVar[dict[str, KeptSite]] = {}
    _originals: ClassVar[dict[str, Callable[..., None]]] = {}

    def __init__(self, site_dir: str):
        self.site_dir = os.path.abspath(site_dir)
        #: Each file's modification time when the build began.
        self._before: dict[str, int] = {}
        #: What each file was made from when last written ((hash, size) of its bytes, or
        #: of its source's time and size), and its modification time after the write.
        self._made: dict[str, tuple[object, int]] = {}
        #: Files this build asked to write with the bytes they already hold.
        self._unchanged: set[str] = set()
        #: Whether a build has been swept (the first sweep looks at every folder).
        self._swept = False

    @classmethod
    def keep(cls, site_dir: str) -> KeptSite:
        """Keep `site_dir` for the builds of this process (a `mkdocs serve`)."""
        if not cls._originals:
            for name, replacement in (
                ("clean_directory", cls._clean),
                ("write_file", cls._write_file),
                ("copy_file", cls._copy_file),
            ):
                cls._originals[name] = getattr(mkdocs.utils, name)
                setattr(mkdocs.utils, name, replacement)
        return cls._kept.setdefault(os.path.abspath(site_dir), cls(site_dir))

    @classmethod
    def _owner(cls, path: str) -> KeptSite | None:
        path = os.path.abspath(path)
        for folder, kept in cls._kept.items():
            if path.startswith(folder + os.sep):
                return kept
        return None

    @classmethod
    def _clean(cls, directory: str) -> None:
        kept = cls._kept.get(os.path.abspath(directory))
        if kept is None:
            cls._originals["clean_directory"](directory)
            return
        kept._before = {path: os.stat(path).st_mtime_ns for path in _files(kept.site_dir)}
        kept._unchanged = set()

    @classmethod
    def _write_file(cls, content: bytes, output_path: str) -> None:
        kept = cls._owner(output_path)
        made = (hash(content), len(content))
        if kept is None or not kept._holds(output_path, made):
            cls._originals["write_file"](content, output_path)
            if kept is not None:
                kept._wrote(output_path, made)

    @classmethod
    def _copy_file(cls, source_path: str, output_path: str) -> None:
        kept = cls._owner(output_path)
        if kept is None or os.path.isdir(output_path):
            cls._originals["copy_file"](source_path, output_path)
            return
        source = os.stat(source_path)
        made = (source_path, source.st_mtime_ns, source.st_size)
        if not kept._holds(output_path, made):
            cls._originals["copy_file"](source_path, output_path)
            kept._wrote(output_path, made)

    def _holds(self, path: str, made: object) -> bool:
        """Whether `path` holds, untouched since, what `made` describes."""
        path = os.path.abspath(path)
        last = self._made.get(path)
        if last is None or last[0] != made:
            return False
        try:
            if os.stat(path).st_mtime_ns != last[1]:
                return False
        except OSError:
            return False
        self._unchanged.add(path)
        return True

    def _wrote(self, path: str, made: object) -> None:
        path = os.path.abspath(path)
        with contextlib.suppress(OSError):
            self._made[path] = (made, os.stat(path).st_mtime_ns)

    def written_this_build(self, path: str) -> bool:
        """Whether the build wrote `path` (a file there before it began is the last build's
        until the build writes it again, or asks to with the same bytes)."""
        path = os.path.abspath(path)
        if path in self._unchanged:
            return True
        try:
            mtime = os.stat(path).st_mtime_ns
        except OSError:
            return False
        return self._before.get(path) != mtime

    def sweep(self, outputs: Iterable[str] = ()) -> None:
        """Delete what the build did not write, and the folders left empty. `outputs`
        (the build's own files) are never deleted: some are written without MkDocs' writer,
        and on a file system with coarse timestamps a quick rebuild can leave one's
        modification time as it was."""
        keep = {os.path.abspath(path) for path in outputs}
        emptied: set[str] = set()
        for path, mtime in self._before.items():
            if path in self._unchanged or path in keep:
                continue
            with contextlib.suppress(OSError):
                if os.stat(path).st_mtime_ns == mtime:
                    os.unlink(path)
                    self._made.pop(path, None)
                    emptied.add(os.path.dirname(path))
        # Only a folder a file was deleted from can have been left empty by this sweep
        # (trying every folder of a long story's site cost 0.2 s a save); the first sweep
        # of a server looks at them all, for what the site held before it started.
        if self._swept:
            folders = {parent for folder in emptied for parent in _parents(folder, self.site_dir)}
        else:
            folders = {folder for folder, _, _ in os.walk(self.site_dir)}
        for folder in sorted(folders, key=len, reverse=True):  # the deepest first
            if folder != self.site_dir:
                with contextlib.suppress(OSError):
                    os.rmdir(folder)  # only when empty
        self._before, self._unchanged, self._swept = {}, set(), True


def _parents(folder: str, top: str) -> Iterator[str]:
    """`folder` and each folder above it, up to `top` (not included)."""
    while folder.startswith(top + os.sep):
        yield folder
        folder = os.path.dirname(folder)


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


def watch_story(server: LiveReloadServer, story: Path, compiled: Compiled | None) -> None:
    """Watch the story file, often, and its pictures (its media/ folder, and each picture
    elsewhere in the project), so that a picture replaced while serving is processed
    again and shown."""
    watch_often(server, str(story))
    project = story.parent
    media = project / "media"
    if media.is_dir():
        server.watch(str(media))
    for written in compiled.media.pictures if compiled else ():
        picture = (project / written).resolve()
        if not picture.is_relative_to(media.resolve()) and picture.is_file():
            server.watch(str(picture))


def with_failure_banner(page: str, failure: str) -> str:
    """`page` (finished HTML) with the story's problems at the top of its content: shown
    over every page while serving the last good version of a story saved with mistakes,
    until the next good save. Put into the page as served rather than into its Markdown,
    so that the last good pages are served as they are, not rendered again."""
    banner = (
        '<div class="admonition failure xp-failure" role="alert">\n'
        '<p class="admonition-title">The story file has problems: this is the last good '
        "version. Fix them and save; the page reloads by itself.</p>\n"
        f"<pre><code>{html.escape(failure)}</code></pre>\n</div>\n"
    )
    # The theme's content (Material's <article>), else the top of the body.
    for opening in ("<article", "<body"):
        start = page.find(opening)
        end = page.find(">", start) + 1 if start >= 0 else 0
        if end > 0:
            return page[:end] + banner + page[end:]
    return banner + page
