"""While serving: Python's cyclic garbage collector runs between saves, not during them.

A rebuild under `mkdocs serve` allocates the whole story again (records, pages' reads, the
theme's contexts), and every other rebuild that set off a full collection of a heap of
400,000 objects: 0.16 s of a 1.0 s rebuild at 1,000 events, more at 10,000, spent while the
writer waits for the preview. Reference counting frees almost everything as it goes; the
collector only finds cycles, which can wait. So while serving it is paused for the whole
session, and a full collection runs a moment after each rebuild, once the browser has had
the time to fetch the page (another save cancels it and starts a new wait). The clean
`mkdocs build` keeps Python's own collector.
"""

from __future__ import annotations

import gc
import threading

#: How long after a rebuild the collection waits: the browser reloads and fetches the page
#: as soon as the rebuild ends, which takes well under this on the writer's own machine.
IDLE_SECONDS = 0.5


class IdleCollector:
    """Pauses the collector while serving and collects when the server is idle."""

    def __init__(self, delay: float = IDLE_SECONDS) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._building = False
        self._was_enabled: bool | None = None  # None: not paused by this object
        #: Collections run so far (for the tests and the log).
        self.collections = 0

    def build_starts(self) -> None:
        with self._lock:
            self._building = True
            self._cancel()
            if self._was_enabled is None:
                self._was_enabled = gc.isenabled()
                gc.disable()

    def build_ends(self) -> None:
        with self._lock:
            self._building = False
            self._cancel()
            self._timer = threading.Timer(self.delay, self._collect)
            self._timer.daemon = True  # never keeps a stopped server's process alive
            self._timer.start()

    def stop(self) -> None:
        """The server stops: Python's collector as it was."""
        with self._lock:
            self._cancel()
            if self._was_enabled:
                gc.enable()
            self._was_enabled = None

    def _collect(self) -> None:
        with self._lock:
            if self._building or self._was_enabled is None:
                return  # a save came first: its rebuild ends with a new wait
            self._timer = None
        gc.collect()
        self.collections += 1

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
