"""Every picture of a story (its images and its embeds' posters): found in the story's
project, checked, processed once (images.py), and given its files' places in the site.

A problem with a picture is located where the story names its file, like any other
problem of the story, and all are reported at once. Nothing is written into the site
here: the processed files wait in the cache (`.cache/explainer/images/` beside the story
file, where Material keeps its own caches too), and the adapters publish them with the
site's other generated files, so a refused picture leaves the last site as it was.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from explainer.media.images import MAX_FILE_BYTES, PictureProblem, Processed, Variant, process
from explainer.story.model import Embed, Image, ProjectPath, Story
from explainer.story.problems import Problems, closest

#: Where the processed files are kept, from the story's project folder.
CACHE_FOLDER = Path(".cache") / "explainer" / "images"
#: Where they go in the site.
SITE_FOLDER = "assets/explainer/images"


@dataclass(frozen=True)
class Picture:
    """A processed picture and the names its files have in the site: the file's own name
    (for readers who save it) and its content's digest (so a changed picture gets new
    addresses, and no browser shows an old copy)."""

    processed: Processed
    stem: str

    def path(self, variant: Variant) -> str:
        extension = variant.name.rsplit(".", 1)[1]
        return f"{SITE_FOLDER}/{self.stem}-{self.processed.digest[:10]}-{variant.width}.{extension}"


@dataclass
class Media:
    """The story's pictures, by the path its story file gives them."""

    pictures: dict[str, Picture] = field(default_factory=dict)
    #: Every file to publish: its path in the site → the processed file in the cache.
    files: dict[str, Path] = field(default_factory=dict)
    #: Pictures made by this build (found in no cache), and the seconds that took.
    made: int = 0
    seconds: float = 0.0

    def signature(self) -> tuple[tuple[str, str], ...]:
        """What the pages show of the pictures: each file's content."""
        return tuple(sorted((p, pic.processed.digest) for p, pic in self.pictures.items()))


class MediaMemo:
    """While one process lives (a `mkdocs serve`): each file's picture by its size and
    modification time, so that a save of the story reads no picture again."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, int, Processed]] = {}

    def get(self, path: Path, size: int, mtime: int) -> Processed | None:
        known = self._known.get(str(path))
        return known[2] if known and known[:2] == (size, mtime) else None

    def put(self, path: Path, size: int, mtime: int, processed: Processed) -> None:
        self._known[str(path)] = (size, mtime, processed)


def file_of(picture: Image | Embed) -> ProjectPath:
    return picture.file if isinstance(picture, Image) else picture.poster


def prepare_media(
    story: Story, project: Path, problems: Problems, memo: MediaMemo | None = None
) -> Media:
    """Every picture of `story`, whose files are relative to the `project` folder; each
    one that cannot be published is a problem located where its file is named."""
    media = Media()
    root = project.resolve()
    cache = root / CACHE_FOLDER
    refused: dict[str, tuple[str, str]] = {}
    for owner, picture in story.pictures():
        ref = file_of(picture)
        what = "the image" if isinstance(picture, Image) else "the embed poster"
        if ref.path not in media.pictures and ref.path not in refused:
            try:
                media.pictures[ref.path] = _picture(root, ref.path, cache, memo, media)
            except PictureProblem as problem:
                refused[ref.path] = (problem.message, problem.hint)
        if ref.path in refused:
            message, hint = refused[ref.path]
            problems.add(ref.mark, f"{what} '{ref.path}' of {owner} {message}", hint)
    for picture_ in media.pictures.values():
        for variant in picture_.processed.files():
            media.files[picture_.path(variant)] = cache / variant.name
    return media


def _picture(
    root: Path, written: str, cache: Path, memo: MediaMemo | None, media: Media
) -> Picture:
    path = _located(root, written)
    stat = path.stat()
    if stat.st_size > MAX_FILE_BYTES:
        raise PictureProblem(
            f"is {stat.st_size / 1e6:,.0f} MB, over the limit of {MAX_FILE_BYTES // 10**6} MB",
            "export a smaller copy: a JPEG 3000 pixels wide is a few megabytes",
        )
    processed = memo.get(path, stat.st_size, stat.st_mtime_ns) if memo else None
    if processed is None:
        start = time.perf_counter()
        processed, made = process(path.read_bytes(), path.name, cache)
        if made:
            media.made += 1
            media.seconds += time.perf_counter() - start
        if memo:
            memo.put(path, stat.st_size, stat.st_mtime_ns, processed)
    return Picture(processed, _stem(path.stem))


def _located(root: Path, written: str) -> Path:
    """The file named `written` in the project, or why it cannot be used."""
    path = (root / written).resolve()
    if not path.is_relative_to(root):
        raise PictureProblem(
            "leads outside the story's project (through a link)",
            "copy the file itself into media/ next to the story file",
        )
    if not path.exists():
        folder = path.parent
        names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        meant = closest(path.name, names)
        raise PictureProblem(
            "does not exist",
            f"did you mean '{PurePosixPath(written).with_name(meant)}'? (names are case-sensitive)"
            if meant
            else "download the picture into media/ next to the story file, credit it, "
            "and check the spelling (names are case-sensitive)",
        )
    if not path.is_file():
        raise PictureProblem("is a folder, not a file", "name the picture's file in it")
    return path


def _stem(name: str) -> str:
    """A file name safe in any address: lowercase letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "picture"
