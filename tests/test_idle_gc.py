"""While serving, the cyclic garbage collector waits for the server to be idle
(adapters/idle_gc.py): it does not run during a rebuild, cycles are still collected after
one, and the server leaves Python's collector as it found it."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator

import pytest

from explainer.adapters.idle_gc import IdleCollector


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


class Cycle:
    def __init__(self) -> None:
        self.me = self


def garbage_cycle() -> weakref.ref[Cycle]:
    """A cycle nothing refers to: only the collector frees it."""
    return weakref.ref(Cycle())


def wait_until(condition: object, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.01)
    return False


def test_the_collector_is_paused_while_serving_and_restored_when_the_server_stops() -> None:
    idle = IdleCollector(delay=60)
    idle.build_starts()
    assert not gc.isenabled()
    idle.build_ends()
    assert not gc.isenabled()  # between saves too: only the idle collection runs
    idle.stop()
    assert gc.isenabled()


def test_a_collector_the_process_had_turned_off_stays_off() -> None:
    gc.disable()
    idle = IdleCollector(delay=60)
    idle.build_starts()
    idle.build_ends()
    idle.stop()
    assert not gc.isenabled()


def test_cycles_made_during_a_rebuild_are_collected_once_it_is_over() -> None:
    idle = IdleCollector(delay=0.05)
    try:
        idle.build_starts()
        cycle = garbage_cycle()
        made = [[] for _ in range(20_000)]  # would set off the collector many times over
        assert cycle() is not None
        del made
        idle.build_ends()
        assert wait_until(lambda: idle.collections == 1)
        assert cycle() is None
    finally:
        idle.stop()


def test_a_save_before_the_idle_collection_puts_it_off_to_after_its_rebuild() -> None:
    idle = IdleCollector(delay=0.2)
    try:
        idle.build_starts()
        idle.build_ends()
        idle.build_starts()  # the next save, within the wait
        time.sleep(0.4)
        assert idle.collections == 0  # not during the rebuild
        idle.build_ends()
        assert wait_until(lambda: idle.collections == 1)
    finally:
        idle.stop()
