"""Replace a built folder whole, or not at all: build beside it, then swap.

A build writes into a staging folder beside its target (`.site.building-<pid>` beside
`site/`, never inside it, so it is never served with it) and, once complete, swaps it in:

- On Linux, renameat2(RENAME_EXCHANGE) exchanges the two folders in one atomic step: at
  every moment `site/` is the whole old site or the whole new one. The old one, now under
  the staging name, is then deleted.
- Where the system or file system cannot exchange folders (macOS, some network file
  systems), two renames: `site` → `.site.old-<pid>`, then staging → `site`. Between the
  two system calls `site/` does not exist (a reader gets "not found", never a mix). A
  build killed exactly there leaves both folders whole, and the next build puts the old
  one back before anything else.

One build at a time: a lock file beside the target (`.site.lock`, fcntl.flock). The OS
releases it when its process ends, however it ends, so a killed build never blocks the
next. Holding the lock, a build first removes what interrupted builds left beside the
target, which no other build can still be writing.

Plain Python, no MkDocs: `adapters/safe_build.py` calls it from the plugin's hooks, and
`explainer export` through `replaced_whole`.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import io
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

if sys.platform != "win32":
    import fcntl

BUILDING = "building"
OLD = "old"


class PublishError(Exception):
    """The target cannot be locked, staged or replaced (the message says which and the fix)."""


def staging_folder(target: Path, kind: str = BUILDING, pid: int | None = None) -> Path:
    """Where a build writes before the swap (`kind` BUILDING), or parks the old site during
    a swap by two renames (`kind` OLD)."""
    return target.parent / f".{target.name}.{kind}-{os.getpid() if pid is None else pid}"


def lock_file(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


def leftovers(target: Path) -> list[Path]:
    """Staging and old folders beside `target`, of this build or of interrupted ones."""
    if not target.parent.is_dir():
        return []
    prefix = f".{target.name}."
    found = []
    for entry in target.parent.iterdir():
        kind, _, pid = entry.name.removeprefix(prefix).partition("-")
        if entry.name.startswith(prefix) and kind in (BUILDING, OLD) and pid.isdigit():
            found.append(entry)
    return sorted(found)


@dataclass
class Staged:
    """A build in progress: it writes into `folder`, which `publish` swaps in for `target`."""

    target: Path
    folder: Path
    lock: IO[str] | None

    def publish(self) -> None:
        try:
            swap(self.folder, self.target)
        finally:
            self.abandon()  # nothing left to remove after a swap; the lock goes either way

    def abandon(self) -> None:
        """Drop the staging folder (a failed build) and release the lock; the target is
        left as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.lock is not None:
            self.lock.close()  # closing the file releases its flock
            self.lock = None


def begin(target: Path, may_replace: Callable[[Path], str | None] | None = None) -> Staged:
    """Lock `target`, clean up after interrupted builds, and make an empty staging folder.
    `may_replace(target)` returns why an existing target must not be replaced, or None.
    Raises PublishError."""
    # A symlinked site/ stays a symlink: the swap happens where it points.
    target = Path(os.path.realpath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = _lock(target)
    except OSError as error:
        raise PublishError(_cannot(error, f"lock {lock_file(target)}")) from None
    try:
        _recover(target)
        if os.path.ismount(target):
            raise PublishError(
                f"{target} is a mount point, which cannot be replaced in one step: "
                "mount the folder above it instead, or build into a folder inside it (-d)"
            )
        if target.exists() and not target.is_dir():
            raise PublishError(f"{target} is a file, not a folder: move it away")
        if may_replace is not None and target.is_dir():
            problem = may_replace(target)
            if problem:
                raise PublishError(problem)
        folder = staging_folder(target)
        folder.mkdir()
    except OSError as error:
        _release(lock)
        raise PublishError(_cannot(error, f"prepare a folder beside {target}")) from None
    except BaseException:
        _release(lock)
        raise
    return Staged(target, folder, lock)


@contextmanager
def replaced_whole(
    target: Path, may_replace: Callable[[Path], str | None] | None = None
) -> Iterator[Path]:
    """A staging folder to write into; on leaving the block without an error it replaces
    `target` whole. On an error the target stays as it was, and a write error becomes a
    PublishError that says which file and why."""
    staged = begin(target, may_replace)
    try:
        yield staged.folder
    except OSError as error:
        staged.abandon()
        raise PublishError(write_failure(error, staged)) from None
    except BaseException:
        staged.abandon()
        raise
    try:
        staged.publish()
    except OSError as error:
        raise PublishError(_cannot(error, f"replace {target}")) from None


def only_if_marked(name: str, mark: str, writer: str) -> Callable[[Path], str | None]:
    """For `replaced_whole`: a folder may be replaced if it is empty or if its file `name`
    starts with `mark` (written by `writer`), so that a mistyped target (the project
    itself, a home folder) is never swapped away."""

    def problem(folder: Path) -> str | None:
        try:
            if not any(folder.iterdir()) or (folder / name).read_text("utf-8").startswith(mark):
                return None
        except (OSError, UnicodeDecodeError):
            pass
        return (
            f"{_shown(str(folder))}/ is not empty and was not written by {writer} (no {name} "
            f"of its own), and it would be replaced whole: choose a new or empty folder"
        )

    return problem


def swap(new: Path, target: Path) -> None:
    """Put the folder `new` in the place of `target` (see the module's docstring)."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # it holds the old site now
        return
    old = staging_folder(target, OLD)
    os.rename(target, old)  # the window opens: no `target` ...
    try:
        os.rename(new, target)  # ... until this rename closes it
    except OSError:
        os.rename(old, target)
        raise
    # A folder that cannot be removed now is removed by the next build.
    shutil.rmtree(old, ignore_errors=True)


def write_failure(error: OSError, staged: Staged | None = None) -> str:
    """A plain message for a failed write: which file (as it will be in the target), what
    the system said, how to fix it."""
    path = _file_written(error)
    shown = "a file"
    if path is not None:
        if staged is not None and Path(path).is_relative_to(staged.folder):
            path = str(staged.target / Path(path).relative_to(staged.folder))
        shown = _shown(path)
    what = staged.target if staged is not None else "the previous version"
    return (
        f"cannot write {shown}: {error.strerror or error}{_HINTS.get(error.errno or 0, '')}. "
        f"Nothing was replaced: {_shown(str(what))}/ is as it was."
    )


_HINTS = {
    errno.ENOSPC: " (the disk is full: free some space and build again)",
    errno.EDQUOT: " (over the disk quota: free some space and build again)",
    errno.EFBIG: " (larger than this process may write: see `ulimit -f`)",
    errno.EACCES: " (check the folder's permissions)",
    errno.EPERM: " (check the folder's permissions)",
    errno.EROFS: " (the disk is mounted read-only)",
}


def _file_written(error: OSError) -> str | None:
    """The file a failed write was writing. An error from write() or close() carries no
    file name (only open() errors do), so look for the file open for writing in the frames
    the error passed through, innermost first: MkDocs' write_file, shutil.copyfile,
    Path.write_text all hold it in a local. A copy's filename2 is its destination."""
    if isinstance(error.filename2, str):
        return error.filename2
    frames = []
    trace = error.__traceback__
    while trace is not None:
        frames.append(trace.tb_frame)
        trace = trace.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, io.IOBase) and _opened_for_writing(value):
                name = getattr(value, "name", None)
                if isinstance(name, str):
                    return name
    return error.filename if isinstance(error.filename, str) else None


def _opened_for_writing(file: Any) -> bool:
    mode = getattr(file, "mode", "")  # still readable on a closed file, unlike writable()
    return isinstance(mode, str) and any(flag in mode for flag in "wax+")


def _shown(path: str) -> str:
    """A path relative to the working folder when it is inside it, as the user typed it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _cannot(error: OSError, doing: str) -> str:
    where = f" ({error.filename})" if isinstance(error.filename, str) else ""
    return f"cannot {doing}{where}: {error.strerror or error}{_HINTS.get(error.errno or 0, '')}"


def _lock(target: Path) -> IO[str] | None:
    if sys.platform == "win32":
        return None  # no flock there: builds into one folder at once are not caught
    path = lock_file(target)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held until the swap)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "it has not yet written its process id"
        handle.close()
        raise PublishError(
            f"another build into {_shown(str(target))}/ is running ({holder}): wait for it "
            f"to finish and build again, or stop it (its lock file: {_shown(str(path))})"
        ) from None
    # Who holds the lock, for the message of a build that finds it taken.
    handle.seek(0)
    handle.truncate()
    started = time.strftime("%Y-%m-%d %H:%M:%S %z")
    handle.write(f"pid {os.getpid()}, started {started}\n")
    handle.flush()
    return handle


def _release(lock: IO[str] | None) -> None:
    if lock is not None:
        lock.close()


def _recover(target: Path) -> None:
    """Clean up after interrupted builds (we hold the lock: none of them is running). A
    build killed between the two renames of a swap left no target: its old folder goes
    back first."""
    found = leftovers(target)
    if not os.path.lexists(target):
        old = [p for p in found if p.name.startswith(f".{target.name}.{OLD}-")]
        if old:
            newest = max(old, key=lambda p: p.stat().st_mtime)
            os.rename(newest, target)
            found.remove(newest)
    for path in found:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@functools.cache
def _renameat2() -> Any:
    if sys.platform != "linux":
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None  # a C library without it (glibc before 2.28)
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes.append(ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders atomically; False where the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))
