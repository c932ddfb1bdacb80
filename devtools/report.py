"""The benchmark's results, and the report it prints and writes to BENCHMARKS.md.

Issue 11's targets are ratios and figures read from one run, never timed tests: the
report states each beside the figure measured for it, with ✓ or ✗, or says that the run
did not measure it (a partial run, or a tool that is not installed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from devtools.picture_bench import PictureTiming, picture_lines
from devtools.preview import Preview


@dataclass
class Run:
    seconds: float
    peak_mb: float


@dataclass
class Result:
    size: str
    story: str  # which generator wrote it
    events: int
    actors: int
    sources: int = 0
    runs: dict[str, Run] = field(default_factory=dict)
    pages: int = 0
    redirects: int = 0
    largest_page_kb: float = 0
    site_mb: float = 0
    search_index_mb: float = 0
    largest_page: str = ""
    #: The map page's HTML (every event is located in both generators' stories).
    map_page_kb: float | None = None
    #: The slowest first contentful paint (ms) among the timeline pages measured, and which.
    first_paint_ms: float | None = None
    first_paint_page: str = ""
    #: Internal links of the built site that lead nowhere (linkcheck.py), and one of them.
    broken_links: int = 0
    broken_example: str = ""
    preview: Preview | None = None

    def ratio(self, run: str) -> float | None:
        """The clean build's time over another run's (bare MkDocs, Hugo), if it ran."""
        other = self.runs.get(run)
        return self.runs["build"].seconds / other.seconds if other else None


@dataclass(frozen=True)
class Target:
    """One of issue 11's targets: `figure` of the result at `size` must be ≤ `limit`."""

    label: str
    size: str
    limit: float
    figure: Callable[[Result], float | None]
    unit: str  # how the figure reads, e.g. "{:.2f} s"
    detail: Callable[[Result], str] = lambda _: ""
    stretch: float | None = None


def _worst(result: Result) -> str:
    worst = result.preview.worst if result.preview else None
    return f" (worst {worst:.2f} s)" if worst is not None else ""


TARGETS = (
    Target(
        "save → served, 1,000 events (median of the edits)",
        "M",
        1.0,
        lambda r: r.preview.median if r.preview else None,
        "{:.2f} s",
        _worst,
    ),
    Target(
        "save → served, 10,000 events (median of the edits)",
        "L",
        3.0,
        lambda r: r.preview.median if r.preview else None,
        "{:.2f} s",
        _worst,
    ),
    Target("clean build / Hugo, 1,000 events", "M", 10, lambda r: r.ratio("hugo"), "{:.1f}×"),
    Target(
        "clean build / Hugo, 10,000 events",
        "L",
        10,
        lambda r: r.ratio("hugo"),
        "{:.1f}×",
        stretch=3,
    ),
    Target(
        "explainer's compile, 10,000 events",
        "L",
        5,
        lambda r: r.runs["compile"].seconds,
        "{:.2f} s",
    ),
    Target(
        "peak memory of the clean build, 10,000 events",
        "L",
        400,
        lambda r: r.runs["build"].peak_mb,
        "{:.0f} MB",
    ),
    Target(
        "largest page, 10,000 events",
        "L",
        150,
        lambda r: r.largest_page_kb,
        "{:.0f} KB",
        lambda r: f" ({r.largest_page})",
    ),
    Target("map page, 10,000 located events", "L", 150, lambda r: r.map_page_kb, "{:.0f} KB"),
    Target("search index, 10,000 events", "L", 10, lambda r: r.search_index_mb, "{:.1f} MB"),
    Target(
        "slowest first paint of a timeline page, 10,000 events",
        "L",
        1000,
        lambda r: r.first_paint_ms,
        "{:.0f} ms",
        lambda r: f" ({r.first_paint_page})",
    ),
    Target(
        "internal links that lead nowhere, 10,000 events",
        "L",
        0,
        lambda r: r.broken_links,
        "{:.0f}",
        lambda r: f" (e.g. {r.broken_example})" if r.broken_example else "",
    ),
)
SEED_TARGET = 0.5
SCALING_TARGET = 11


def _mark(value: float, limit: float) -> str:
    return "✓" if value <= limit else "✗"


def target_lines(results: list[Result], seed: Preview | None) -> list[str]:
    """The targets table: each target, per story generator, beside its figure."""
    lines = ["| target | story | measured | |", "|---|---|---|---|"]
    if seed is None:
        lines.append(f"| save → served, seed story ≤ {SEED_TARGET} s | seed | not in this run | |")
    elif seed.median is None:
        lines.append(
            f"| save → served, seed story ≤ {SEED_TARGET} s | seed | "
            f"not measured: {seed.problem} | ✗ |"
        )
    else:
        assert seed.worst is not None
        lines.append(
            f"| save → served, seed story (median of the edits) ≤ {SEED_TARGET} s | seed | "
            f"{seed.median:.2f} s (worst {seed.worst:.2f} s) | {_mark(seed.median, SEED_TARGET)} |"
        )
    stories = list(dict.fromkeys(r.story for r in results))
    found = {(r.story, r.size): r for r in results}
    for target in TARGETS:
        limit = target.unit.format(target.limit)
        label = f"{target.label} {'=' if target.limit == 0 else '≤'} {limit}"
        if target.stretch is not None:
            label += f" (stretch ≤ {target.unit.format(target.stretch)})"
        for story in stories:
            result = found.get((story, target.size))
            value = target.figure(result) if result else None
            if result is None:
                lines.append(f"| {label} | {story} | not in this run ({target.size}) | |")
            elif value is None:
                lines.append(f"| {label} | {story} | not measured | ✗ |")
            else:
                mark = _mark(value, target.limit)
                if target.stretch is not None and value <= target.limit:
                    mark += f", stretch {_mark(value, target.stretch)}"
                figure = target.unit.format(value) + target.detail(result)
                lines.append(f"| {label} | {story} | {figure} | {mark} |")
    for story in stories:
        label = f"time(L) / time(M), clean build ≤ {SCALING_TARGET}"
        large, medium = found.get((story, "L")), found.get((story, "M"))
        if large is None or medium is None:
            lines.append(f"| {label} | {story} | not in this run (needs M and L) | |")
            continue
        ratio = large.runs["build"].seconds / medium.runs["build"].seconds
        lines.append(f"| {label} | {story} | {ratio:.1f} | {_mark(ratio, SCALING_TARGET)} |")
    return lines


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _process(result: Result) -> str:
    process = result.runs.get("compile process")
    return f" ({process.seconds:.2f})" if process else ""


def build_lines(results: list[Result]) -> list[str]:
    lines = [
        "| size | story | events / actors / sources | compile s (its process) | build s |"
        " build peak MB |"
        " bare MkDocs s | Hugo s | build / Hugo | pages + redirects | largest page KB |"
        " map page KB | site MB | search index MB | slowest first paint ms | links nowhere |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        hugo = r.ratio("hugo")
        bare = r.runs.get("bare")
        lines.append(
            f"| {r.size} | {r.story} | {r.events:,} / {r.actors:,} / {r.sources:,} | "
            f"{r.runs['compile'].seconds:.2f}{_process(r)} | {r.runs['build'].seconds:.2f} | "
            f"{r.runs['build'].peak_mb:.0f} | {_seconds(bare.seconds if bare else None)} | "
            f"{_seconds(r.runs['hugo'].seconds if 'hugo' in r.runs else None)} | "
            f"{'–' if hugo is None else f'{hugo:.1f}×'} | {r.pages:,} + {r.redirects:,} | "
            f"{r.largest_page_kb:.0f} ({r.largest_page}) | "
            f"{'–' if r.map_page_kb is None else f'{r.map_page_kb:.0f}'} | {r.site_mb:.1f} | "
            f"{r.search_index_mb:.1f} | "
            f"{'–' if r.first_paint_ms is None else f'{r.first_paint_ms:.0f}'} | "
            f"{r.broken_links} |"
        )
    return lines


def preview_lines(results: list[Result], seed: Preview | None) -> list[str]:
    lines = [
        "| size | story | first build s | median s | worst s | server peak MB | each edit, s |",
        "|---|---|---|---|---|---|---|",
    ]
    rows = [("seed", "events.yaml", seed)] if seed else []
    rows += [(r.size, r.story, r.preview) for r in results if r.preview]
    for size, story, preview in rows:
        assert preview is not None
        edits = "; ".join(f"{label}: {_seconds(s)}" for label, s in preview.latencies)
        if preview.problem:
            edits += f" — {preview.problem}"
        lines.append(
            f"| {size} | {story} | {_seconds(preview.first_build_s)} | "
            f"{_seconds(preview.median)} | {_seconds(preview.worst)} | "
            f"{preview.peak_mb:.0f} | {edits} |"
        )
    return lines


def report(
    results: list[Result], seed: Preview | None, pictures: PictureTiming | None = None
) -> str:
    return "\n".join(
        [
            "### Targets (issue 11)",
            "",
            *target_lines(results, seed),
            "",
            "### Clean build",
            "",
            *build_lines(results),
            "",
            "### Save → served in `mkdocs serve`",
            "",
            *preview_lines(results, seed),
            "",
            "### Pictures",
            "",
            *picture_lines(pictures),
        ]
    )
