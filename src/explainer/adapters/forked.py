"""A piece of a clean build run in a forked child process, its result read back here.

The child is a copy of this process at the moment of the fork (config, files, pages,
plugins), so it runs MkDocs' own code on the same objects and gets what this process would.
What it logs is kept, per page, and handed back: this process logs it when it reaches that
page, so the output and a --strict build's count of warnings are as in one process. The
result comes back pickled in an unnamed temporary file.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any, Generic, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)
T = TypeVar("T")
#: Set to 1 to build in one process (tests compare both ways; a last resort when forking
#: misbehaves); unset, a clean build uses up to two of the cores this process may run on.
CORES_VARIABLE = "EXPLAINER_CORES"


def usable_cores() -> int:
    """How many cores a clean build may use: 1 where forking is unavailable."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1  # (forking a process with other threads may copy a held lock)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    wanted = os.environ.get(CORES_VARIABLE, "").strip()
    if wanted.isdigit():
        return max(1, min(int(wanted), cores or 1))
    return min(2, cores or 1)


@dataclass
class Logged:
    """What the child logged, by the page it was working on."""

    records: dict[str, list[logging.LogRecord]] = field(default_factory=dict)
    #: The page the child is working on.
    page: str = ""

    def replay(self, page: str, *, below: int = logging.CRITICAL + 1) -> None:
        """Log here what the child logged while on `page` (levels below `below`)."""
        for record in self.records.pop(page, []):
            if record.levelno < below:
                logging.getLogger(record.name).handle(record)


@dataclass
class Outcome(Generic[T]):
    value: T
    logged: Logged
    #: The page the child failed on, and why (MkDocs' message for it), if it failed.
    failed: tuple[str, str] | None = None
    #: The child's CPU time for its work, and how long this process waited for it.
    cpu_seconds: float = 0.0
    waited_seconds: float = 0.0


class _Keep(logging.Handler):
    """In the child: every record that would have been shown (but debug ones), kept instead."""

    def __init__(self, logged: Logged) -> None:
        super().__init__(logging.NOTSET)
        self.logged = logged
        self._seen: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        # Debug records tell MkDocs' own steps, which this process logs for every page.
        if record.levelno < logging.INFO or id(record) in self._seen:
            return
        self._seen.add(id(record))
        # Only text crosses the pipe: the arguments may be objects that do not pickle.
        record.msg, record.args = record.getMessage(), ()
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
        self.logged.records.setdefault(self.logged.page, []).append(record)


class PageFailed(Exception):
    """Raised by a child's work: it failed on `page`; `done` is what it did before."""

    def __init__(self, page: str, error: BaseException, done: Any) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.page = page
        self.done = done


class Forked(Generic[T]):
    """`work(logged)` run in a forked child; `result()` waits for it and returns its
    outcome. `work` sets `logged.page` as it goes and raises PageFailed to say where it
    failed."""

    def __init__(self, work: Callable[[Logged], T], what: str) -> None:
        self.what = what
        # The outcome comes back in a file, not a pipe: the child never waits for this
        # process to read.
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed in result or stop)
        self._forked_at = time.process_time()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover (the child; its work is checked by its result)
            _run_child(work, self._file)
        self._outcome: Outcome[T] | None = None
        self._ended = False

    def result(self) -> Outcome[T]:
        if self._outcome is not None:
            return self._outcome
        started, cpu_here = time.perf_counter(), time.process_time() - self._forked_at
        _, status = os.waitpid(self.pid, 0)
        self._ended = True
        try:  # the outcome is last, its place in the file's last 8 bytes
            self._file.seek(-8, os.SEEK_END)
            self._file.seek(int.from_bytes(self._file.read(8), "big"))
            outcome = pickle.load(self._file)
        except Exception:  # nothing, or half a pickle from a child killed while writing
            outcome = None
        if not isinstance(outcome, Outcome) or status != 0:
            self.close()
            raise PluginError(
                f"the second process that {self.what} stopped before it finished "
                f"({_how_it_ended(status)}). Build again; if it happens again, build in one "
                f"process with {CORES_VARIABLE}=1 in the environment and report the problem."
            )
        outcome.waited_seconds = time.perf_counter() - started
        log.debug(
            f"the second process {self.what} in {outcome.cpu_seconds:.1f} s of CPU, this one "
            f"used {cpu_here:.1f} s meanwhile, then waited {outcome.waited_seconds:.1f} s"
        )
        self._outcome = outcome
        return outcome

    def close(self) -> None:
        self._file.close()

    def stop(self) -> None:
        """Stop the child if it still runs (this build failed elsewhere)."""
        if self._ended:
            return
        self._ended = True
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass
        self._file.close()


def _run_child(work: Callable[[Logged], Any], file: IO[bytes]) -> None:  # pragma: no cover
    """In the child: do the work with its log kept, send the outcome, and leave at once
    (no atexit handler, no plugin's clean-up: those belong to the parent)."""
    status = 0
    try:
        logged = Logged()
        keep = _Keep(logged)
        loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
        for logger in loggers:
            if isinstance(logger, logging.Logger) and logger.handlers:
                logger.handlers = [keep]
        started = time.process_time()
        try:
            outcome: Outcome[Any] = Outcome(work(logged), logged)
        except PageFailed as failure:
            outcome = Outcome(failure.done, logged, (failure.page, str(failure)))
        outcome.cpu_seconds = time.process_time() - started
        place = file.tell()
        pickle.dump(outcome, file, protocol=pickle.HIGHEST_PROTOCOL)
        file.write(place.to_bytes(8, "big"))
        file.flush()
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _how_it_ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        return f"killed by signal {number} ({signal.Signals(number).name})"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
