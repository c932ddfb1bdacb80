"""Save → served: the loop a writer lives in, timed through a real `mkdocs serve`.

`save_to_served(project)` starts `mkdocs serve` on a free local port, waits for its first
build, then makes the edits `plan_edits` picks, one at a time: the title of a different
event each time, one event moved to another timeline period by changing its date, and the
name of the actor who takes part in most events. Each is timed from the write of
events.yaml until the server serves the page a reader would look at with the change in it.
Every wait is bounded; the server is always stopped.

A request to `mkdocs serve` waits while a rebuild runs (MkDocs does not serve a half-built
site), so once a page shows the change, that rebuild is over.
"""

from __future__ import annotations

import html
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

#: How long to leave MkDocs' file watcher (it polls every half second) before the next
#: write, so that two edits are never taken for one.
SETTLE_SECONDS = 1.0


@dataclass(frozen=True)
class Edit:
    """One save: `changes` ({key: new value}) to the record `record` (an event or actor)."""

    label: str
    kind: str  # "title", "move" or "rename"
    record: str
    changes: dict[str, str]
    marker: str


@dataclass
class Preview:
    """What one `mkdocs serve` session measured: seconds per edit (None: not served within
    the timeout, or not tried after one that was not), and the server's own peak memory."""

    first_build_s: float | None = None
    latencies: list[tuple[str, float | None]] = field(default_factory=list)
    peak_mb: float = 0.0
    problem: str = ""

    @property
    def measured(self) -> list[float]:
        return [s for _, s in self.latencies if s is not None]

    @property
    def complete(self) -> bool:
        return bool(self.latencies) and len(self.measured) == len(self.latencies)

    @property
    def median(self) -> float | None:
        return statistics.median(self.measured) if self.complete else None

    @property
    def worst(self) -> float | None:
        return max(self.measured) if self.complete else None


def plan_edits(data: dict[str, Any]) -> list[Edit]:
    """Three title edits, a move and a rename, each on a different record, spread through
    the story so that no edit only touches its first page."""
    events = data["events"]
    chosen: list[dict[str, Any]] = []
    for fraction in (1 / 7, 1 / 4, 1 / 2, 6 / 7):
        index = min(len(events) - 1, int(len(events) * fraction))
        while events[index] in chosen and index + 1 < len(events):
            index += 1
        chosen.append(events[index])
    first, moved, second, third = chosen
    # The event furthest from it in time lends its date, so that the move crosses periods.
    donor = max(events, key=lambda e: abs(_year(e["date"]) - _year(moved["date"])))
    counts = Counter(p["actor"] for e in events for p in e.get("participants", []))
    actor = counts.most_common(1)[0][0] if counts else data["actors"][0]["id"]

    def title(event: dict[str, Any], n: int) -> Edit:
        marker = f"Edited title {n} of {event['id']}"
        return Edit(f"title of {event['id']}", "title", event["id"], {"title": marker}, marker)

    move_marker = f"Moved event {moved['id']}"
    rename_marker = f"Renamed actor {actor}"
    return [
        title(first, 1),
        Edit(
            f"date of {moved['id']} ({moved['date']} → {donor['date']})",
            "move",
            moved["id"],
            {"date": str(donor["date"]), "title": move_marker},
            move_marker,
        ),
        title(second, 2),
        Edit(
            f"name of {actor} (in {counts[actor]} events)",
            "rename",
            actor,
            {"name": rename_marker},
            rename_marker,
        ),
        title(third, 3),
    ]


def _year(date: object) -> int:
    found = re.match(r"-?\d+", str(date))
    return int(found.group(0)) if found else 0


def set_field(text: str, record_id: str, key: str, value: str) -> str:
    """`text` (a story file) with `key` of the record `- id: record_id` set to `value`.

    Works on the text rather than reloading and dumping it, so that the rest of the file
    is byte for byte what the author saved. A value folded over several lines is
    replaced whole."""
    start = re.search(rf"^( *)- id: ['\"]?{re.escape(record_id)}['\"]?[ \t]*$", text, re.M)
    if start is None:
        raise ValueError(f"no record with id {record_id!r}")
    indent = " " * (len(start.group(1)) + 2)
    position = start.end() + 1
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        line = text[position:end]
        if line.strip() and not line.startswith(indent):
            break  # the next record, or the end of the list
        if line.startswith(f"{indent}{key}:"):
            stop = end
            while stop + 1 < len(text):  # continuation lines of a folded value
                following = text.find("\n", stop + 1)
                following = len(text) if following < 0 else following
                nxt = text[stop + 1 : following]
                if not nxt.startswith(indent + " ") or not nxt.strip():
                    break
                stop = following
            return f"{text[:position]}{indent}{key}: {json.dumps(value)}{text[stop:]}"
        position = end + 1
    raise ValueError(f"record {record_id!r} has no {key!r}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, timeout: float) -> str:
    """The page at `url`, or "" when it is not there (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=max(timeout, 0.5)) as response:
            return str(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return ""


def shown(base: str, edit: Edit, timeout: float) -> bool:
    """Whether the server shows `edit` where a reader would look for it: the actor's page;
    the event's page (or, in a story without event pages, the timeline page its old
    address leads to); for a move, also the timeline page the event is now listed on."""
    if edit.kind == "rename":
        return edit.marker in fetch(f"{base}actors/{edit.record}/", timeout)
    url = f"{base}events/{edit.record}/"
    page = fetch(url, timeout)
    redirect = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page)
    if redirect:
        url = urljoin(url, html.unescape(redirect.group(1)))
        return edit.marker in fetch(url, timeout)
    if edit.marker not in page:
        return False
    if edit.kind != "move":
        return True
    listed = re.search(rf'href="([^"#]*timeline/[^"#]*#{re.escape(edit.record)})"', page)
    return listed is not None and edit.marker in fetch(urljoin(url, listed.group(1)), timeout)


def wait_for(condition: Any, timeout: float, interval: float = 0.05) -> float | None:
    """Seconds until `condition(time left)` holds, or None after `timeout`."""
    started = time.perf_counter()
    while True:
        left = timeout - (time.perf_counter() - started)
        if left <= 0:
            return None
        if condition(left):
            return time.perf_counter() - started
        time.sleep(interval)


def save_to_served(project: Path, edit_timeout: float, first_build_timeout: float) -> Preview:
    """Time each of `plan_edits` through `mkdocs serve` in `project`; the story file is
    left as it was found."""
    story = project / "events.yaml"
    original = story.read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    edits = plan_edits(yaml.load(original, Loader=loader))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    result = Preview()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=log,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            # MkDocs listens only once its first build is done.
            result.first_build_s = wait_for(
                lambda left: fetch(base, left) != "", first_build_timeout
            )
            if result.first_build_s is None:
                result.problem = f"no first build within {first_build_timeout:.0f} s"
                return result
            time.sleep(SETTLE_SECONDS)
            text = original
            for edit in edits:
                for key, value in edit.changes.items():
                    text = set_field(text, edit.record, key, value)
                saved = time.perf_counter()
                story.write_text(text, encoding="utf-8")
                served = wait_for(lambda left, e=edit: shown(base, e, left), edit_timeout)
                result.latencies.append(
                    (edit.label, None if served is None else time.perf_counter() - saved)
                )
                if served is None:
                    result.problem = f"{edit.label}: not served within {edit_timeout:.0f} s"
                    break
                time.sleep(SETTLE_SECONDS)
                fetch(base, edit_timeout)  # waits out a rebuild the watcher may have started
            result.latencies += [(e.label, None) for e in edits[len(result.latencies) :]]
        finally:
            result.peak_mb = _stop(server)
            story.write_text(original, encoding="utf-8")
            if result.problem:
                log.seek(0)
                tail = log.read().decode(errors="replace")[-2000:]
                print(f"save → served: {result.problem}\n{tail}", file=sys.stderr)
    return result


def _stop(server: subprocess.Popen[bytes]) -> float:
    """Stop the server (killed if it will not stop) and return its peak memory in MB."""
    server.terminate()
    deadline = time.monotonic() + 10
    while True:
        pid, status, usage = os.wait4(server.pid, os.WNOHANG)
        if pid:
            server.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_maxrss / 1024
        if time.monotonic() > deadline:
            server.kill()
            deadline = float("inf")  # SIGKILL cannot be refused: the next wait returns
        time.sleep(0.05)
