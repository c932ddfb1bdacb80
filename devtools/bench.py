"""The benchmark behind `scripts/bench`: explainer against bare MkDocs and Hugo, in one run.

For each size of synthetic story (S, M, L) it measures, each in its own process so that
peak memory is that step's alone:

- compile: explainer's own work (load, validate, cross-reference, render to Markdown);
- build: the whole `mkdocs build --strict` with the explainer plugin;
- bare: `mkdocs build` of the same pages exported as Markdown, with the plugin off;
- hugo: Hugo building the same story as a Hugo user would (a page per event and per actor,
  minimal templates), when Debian's `hugo` is installed;

and the site: pages, the largest page's HTML, total size, search index. It prints a table
and the ratios the targets are stated in, and writes both to BENCHMARKS.md. Old output is
moved aside before a timed run and deleted at the end, since on some file systems
creating many files right after deleting many is far slower.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from devtools.linkcheck import internal_links_that_lead_nowhere
from devtools.localserver import serve
from devtools.synthetic import synthetic_story

SIZES = {"S": (100, 20), "M": (1_000, 100), "L": (10_000, 1_000)}
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    seconds: float
    peak_mb: float


@dataclass
class Result:
    size: str
    events: int
    actors: int
    runs: dict[str, Run] = field(default_factory=dict)
    pages: int = 0
    redirects: int = 0
    largest_page_kb: float = 0
    site_mb: float = 0
    search_index_mb: float = 0
    largest_page: str = ""
    #: The slowest first contentful paint (ms) among the timeline pages measured, and which.
    first_paint_ms: float | None = None
    first_paint_page: str = ""
    #: Internal links of the built site that lead nowhere (linkcheck.py), and one of them.
    broken_links: int = 0
    broken_example: str = ""


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command`, returning its wall time and its own peak resident memory."""
    # stderr goes to a file, not a pipe: a child that writes a lot would block on a pipe
    # that nobody reads while we wait for it.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def move_aside(path: Path, trash: Path) -> None:
    if path.exists():
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(trash / f"{path.name}-{time.monotonic_ns()}")


def prepare(size: str, work: Path) -> Path:
    events, actors = SIZES[size]
    project = work / size
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if not (project / "docs").exists():
        shutil.copytree(ROOT / "docs", project / "docs")
    story = project / "events.yaml"
    text = synthetic_story(events, actors)
    if not story.exists() or story.read_text(encoding="utf-8") != text:
        story.write_text(text, encoding="utf-8")
    return project


def bare_config(project: Path) -> Path:
    """mkdocs.yml for the exported pages, with the explainer plugin off."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    kept = [
        line for line in lines if "explainer" not in line and not line.strip().startswith("story:")
    ]
    text = "\n".join(kept).replace("docs_dir: docs", "docs_dir: bare-docs")
    text += "\nextra_css:\n  - assets/explainer/explainer.css\n"
    config = project / "mkdocs-bare.yml"
    config.write_text(text, encoding="utf-8")
    return config


def hugo_site(project: Path) -> Path:
    """The same story as a Hugo user would publish it: a page per event and per actor."""
    import yaml

    data = yaml.safe_load((project / "events.yaml").read_text(encoding="utf-8"))
    site = project / "hugo"
    move_aside(site, project.parent / ".trash")  # always from the current story
    for folder in ("content/events", "content/actors", "layouts/_default"):
        (site / folder).mkdir(parents=True, exist_ok=True)
    (site / "config.toml").write_text(
        'baseURL = "/"\ntitle = "Story"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
    )
    layouts = site / "layouts" / "_default"
    (layouts / "baseof.html").write_text(
        "<!doctype html><html><head><title>{{ .Title }}</title></head>"
        '<body>{{ block "main" . }}{{ end }}</body></html>'
    )
    (layouts / "single.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}'
    )
    (layouts / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}'
    )
    names = {a["id"]: a["name"] for a in data["actors"]}
    for event in data["events"]:
        who = ", ".join(
            f"[{names[p['actor']]}](/actors/{p['actor']}/)" for p in event["participants"]
        )
        front = json.dumps({"title": event["title"], "edtf": event["date"]})
        (site / "content" / "events" / f"{event['id']}.md").write_text(
            f"{front}\n\n{event['body']}\n\nWho: {who}\n", encoding="utf-8"
        )
    for actor in data["actors"]:
        front = json.dumps({"title": actor["name"]})
        (site / "content" / "actors" / f"{actor['id']}.md").write_text(
            f"{front}\n\n{actor['description']}\n", encoding="utf-8"
        )
    return site


def is_redirect(page: Path) -> bool:
    """One of the small pages that keep an event's old address (see redirects.py)."""
    return page.stat().st_size < 2048 and b'http-equiv="refresh"' in page.read_bytes()


def measure_site(site: Path, result: Result) -> None:
    files = list(site.rglob("*.html"))
    pages = [p for p in files if not is_redirect(p)]
    result.pages = len(pages)
    result.redirects = len(files) - len(pages)
    largest = max(pages, key=lambda p: p.stat().st_size)
    result.largest_page = largest.relative_to(site).as_posix()
    result.largest_page_kb = largest.stat().st_size / 1024
    result.site_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
    index = site / "search" / "search_index.json"
    result.search_index_mb = index.stat().st_size / 2**20 if index.exists() else 0


def timeline_pages_to_paint(site: Path) -> list[str]:
    """The timeline index, its first, middle and last period pages, and its three heaviest."""
    periods = sorted((site / "timeline").glob("*/index.html"), key=_period_order)
    chosen = [site / "timeline" / "index.html"]
    if periods:
        chosen += [periods[0], periods[len(periods) // 2], periods[-1]]
        chosen += sorted(periods, key=lambda p: p.stat().st_size)[-3:]
    names = [p.relative_to(site).as_posix() for p in chosen]
    return list(dict.fromkeys(names))


def _period_order(page: Path) -> tuple[int, int, int]:
    """A timeline page's place in time, from its folder: 2024, 2024-03, 2024-03-part-2,
    bce-0044 (so that BCE years come first and part 10 after part 2)."""
    found = re.fullmatch(r"(bce-)?(\d+)(?:-(\d\d))?(?:-part-(\d+))?", page.parent.name)
    if found is None:
        return (0, 0, 0)
    year = -int(found.group(2)) if found.group(1) else int(found.group(2))
    return (year, int(found.group(3) or 0), int(found.group(4) or 1))


def first_paint(site: Path, pages: list[str]) -> tuple[float, str] | None:
    """The slowest first contentful paint among `pages`, each opened cold (a new browser
    context, so nothing cached) from a local server, in headless Chromium."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    slowest = (0.0, "")
    try:
        with serve(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--disable-gpu"])
            for page_path in pages:
                context = browser.new_context()
                tab = context.new_page()
                tab.goto(base + page_path.removesuffix("index.html"), wait_until="load")
                paint = tab.evaluate(
                    """() => new Promise(done => {
                        const fcp = () => performance.getEntriesByName("first-contentful-paint")[0];
                        if (fcp()) return done(fcp().startTime);
                        new PerformanceObserver(() => fcp() && done(fcp().startTime))
                            .observe({type: "paint", buffered: true});
                        setTimeout(() => done(-1), 10000);  // never painted: not measured
                    })"""
                )
                if paint < 0:
                    return None
                slowest = max(slowest, (float(paint), page_path))
                context.close()
            browser.close()
    except Exception as error:  # a browser that will not start: report, do not abort
        print(f"first paint not measured: {error}", file=sys.stderr)
        return None
    return slowest


def bench(size: str, work: Path, trash: Path) -> Result:
    events, actors = SIZES[size]
    result = Result(size, events, actors)
    project = prepare(size, work)
    python = sys.executable
    compile_code = (
        "from pathlib import Path; from explainer.pipeline.compile import compile_story; "
        "compile_story(Path('events.yaml'))"
    )
    result.runs["compile"] = timed([python, "-c", compile_code], project)
    move_aside(project / "site", trash)
    result.runs["build"] = timed(
        [python, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"], project
    )
    measure_site(project / "site", result)
    broken = internal_links_that_lead_nowhere(project / "site")
    result.broken_links = len(broken)
    result.broken_example = broken[0] if broken else ""
    painted = first_paint(project / "site", timeline_pages_to_paint(project / "site"))
    if painted:
        result.first_paint_ms, result.first_paint_page = painted
    move_aside(project / "bare-docs", trash)
    subprocess.run(
        [python, "-m", "explainer.adapters.cli", "export", "bare-docs"],
        cwd=project,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.copytree(
        project / "docs" / "assets", project / "bare-docs" / "assets", dirs_exist_ok=True
    )
    move_aside(project / "bare-site", trash)
    result.runs["bare"] = timed(
        [python, "-m", "mkdocs", "build", "-q", "-f", str(bare_config(project)), "-d", "bare-site"],
        project,
    )
    if shutil.which("hugo"):
        site = hugo_site(project)
        move_aside(site / "public", trash)
        result.runs["hugo"] = timed(["hugo", "--quiet", "-d", "public"], site)
    return result


def preview_latency(work: Path) -> float | None:
    """Seconds from saving events.yaml to the changed page being served (seed story)."""
    import socket
    import urllib.request

    project = work / "preview"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs", dirs_exist_ok=True)
    story = project / "events.yaml"
    original = (ROOT / "events.yaml").read_text(encoding="utf-8")
    story.write_text(original, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/events/doha-talks/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 60
        while "US and Hamas hold talks in Doha" not in page():
            if time.monotonic() > deadline:
                return None
            time.sleep(0.1)
        time.sleep(1.0)  # let the watcher settle
        latencies = []
        for i in range(3):
            marker = f"Doha talks, take {i}"
            saved = time.perf_counter()
            story.write_text(
                original.replace("US and Hamas hold talks in Doha", marker), encoding="utf-8"
            )
            while marker not in page():
                if time.perf_counter() - saved > 30:
                    return None
                time.sleep(0.02)
            latencies.append(time.perf_counter() - saved)
            time.sleep(1.0)
        return sorted(latencies)[1]
    finally:
        server.terminate()
        server.wait(timeout=10)


def report(results: list[Result], preview: float | None) -> str:
    lines = [
        "| size | events / actors | compile s | build s | bare MkDocs s | Hugo s | peak MB |"
        " pages + redirects | largest page KB | site MB | search index MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        hugo = f"{r.runs['hugo'].seconds:.2f}" if "hugo" in r.runs else "n/a"
        lines.append(
            f"| {r.size} | {r.events:,} / {r.actors:,} | {r.runs['compile'].seconds:.2f} | "
            f"{r.runs['build'].seconds:.2f} | {r.runs['bare'].seconds:.2f} | {hugo} | "
            f"{r.runs['build'].peak_mb:.0f} | {r.pages:,} + {r.redirects:,} | "
            f"{r.largest_page_kb:.0f} "
            f"({r.largest_page}) | {r.site_mb:.1f} | {r.search_index_mb:.1f} |"
        )
    lines += ["", "Ratios against the targets:", ""]
    by = {r.size: r for r in results}
    for r in results:
        build = r.runs["build"].seconds
        parts = [
            f"compile / build = {r.runs['compile'].seconds / build:.1%} (target ≤ 5%)",
            f"build / bare MkDocs = {build / r.runs['bare'].seconds:.2f}",
        ]
        if "hugo" in r.runs:
            parts.append(f"build / Hugo = {build / r.runs['hugo'].seconds:.1f} (target ≤ 2)")
        parts += [
            f"peak memory {r.runs['build'].peak_mb:.0f} MB (target ≤ 500)",
            f"largest page {r.largest_page_kb:.0f} KB (target ≤ 150)",
            f"search index {r.search_index_mb:.1f} MB (target ≤ 10)",
        ]
        parts.append(
            f"internal links that lead nowhere {r.broken_links}"
            + (f" (e.g. {r.broken_example})" if r.broken_links else "")
            + " (target 0; the build is --strict)"
        )
        if r.first_paint_ms is not None:
            parts.append(
                f"slowest first paint of a timeline page {r.first_paint_ms:.0f} ms, "
                f"{r.first_paint_page} (target ≤ 1000)"
            )
        else:
            parts.append("first paint not measured (needs playwright and chromium)")
        lines.append(f"- {r.size}: " + "; ".join(parts))
    if "L" in by and "M" in by:
        ratio = by["L"].runs["build"].seconds / by["M"].runs["build"].seconds
        lines.append(f"- time(L) / time(M) = {ratio:.1f} (target ≤ 11)")
    if preview is not None:
        lines.append(f"- preview, save to served page (seed story): {preview:.2f} s (target ≤ 1)")
    return "\n".join(lines)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.splitlines()[0])
    # Checked by hand: Python 3.11's argparse refuses an empty `nargs="*"` with `choices`.
    parser.add_argument("sizes", nargs="*", metavar="SIZE", help="S, M or L (default: all)")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    unknown = [size for size in args.sizes if size not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: choose from {', '.join(SIZES)}")
    args.sizes = args.sizes or list(SIZES)
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    trash = args.work / ".trash"
    results = []
    for size in args.sizes:
        print(f"== {size}: {SIZES[size][0]:,} events, {SIZES[size][1]:,} actors", flush=True)
        results.append(bench(size, args.work, trash))
    print("== preview latency (seed story)", flush=True)
    preview = preview_latency(args.work)
    table = report(results, preview)
    print(table)
    args.output.write_text(
        "# Benchmarks\n\nWritten by `./scripts/bench` "
        f"({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores). Wall seconds, one run each; "
        "peak memory is the build process's own.\n\n" + table + "\n",
        encoding="utf-8",
    )
    print(f"\nWritten to {args.output}")
    shutil.rmtree(trash, ignore_errors=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
