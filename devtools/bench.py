"""The benchmark behind `scripts/bench`: explainer against bare MkDocs and Hugo, in one run.

For each size (S, M, L) of each story generator (`synthetic.py`'s light stories and
`longform.py`'s heavy ones) it measures, each in its own process so that peak memory is
that step's alone:

- compile: explainer's own work (load, validate, cross-reference, render to Markdown);
- build: the whole `mkdocs build --strict` with the explainer plugin;
- bare: `mkdocs build` of the same pages exported as Markdown, with the plugin off;
- hugo: Hugo building the same story as a Hugo user would (a page per event and per actor,
  minimal templates), when Debian's `hugo` is installed;

and the site: pages, the largest page's HTML, the map page's, total size, search index, the
slowest first paint of a timeline page (paint.py), links that lead nowhere; then save →
served through `mkdocs serve` (preview.py), for each story and for the seed story; and the
time to process one picture, and to rebuild with it cached (picture_bench.py). It prints
the tables and issue 11's targets beside the figures (report.py), and writes them to
BENCHMARKS.md. Old output is moved aside before a timed run and deleted at the end, since
on some file systems creating many files right after deleting many is far slower.
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
from collections.abc import Callable
from pathlib import Path

from devtools.linkcheck import internal_links_that_lead_nowhere
from devtools.longform import longform_story
from devtools.paint import first_paint, timeline_pages_to_paint
from devtools.picture_bench import picture_timing
from devtools.preview import Preview, save_to_served
from devtools.report import Result, Run, report
from devtools.synthetic import synthetic_story

#: Events and actors at each size, the same for both generators.
SIZES = {"S": (100, 20), "M": (1_000, 100), "L": (10_000, 1_000)}
GENERATORS: dict[str, Callable[[int, int], str]] = {
    "synthetic": synthetic_story,
    "longform": longform_story,
}
ROOT = Path(__file__).resolve().parents[1]


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


def prepare(size: str, story_name: str, work: Path) -> Path:
    events, actors = SIZES[size]
    project = work / story_name / size
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if not (project / "docs").exists():
        shutil.copytree(ROOT / "docs", project / "docs")
    story = project / "events.yaml"
    text = GENERATORS[story_name](events, actors)
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
    titles = {s["id"]: s["title"] for s in data["sources"]}
    for event in data["events"]:
        who = ", ".join(
            f"[{names[p['actor']]}](/actors/{p['actor']}/)" for p in event["participants"]
        )
        cited = "; ".join(titles[s] for s in event["sources"])
        said = "".join(
            f"\n\n> {q['text']} — {names[q['speaker']]}" for q in event.get("quotes", [])
        )
        front = json.dumps({"title": event["title"], "edtf": event["date"]})
        (site / "content" / "events" / f"{event['id']}.md").write_text(
            f"{front}\n\n{hugo_links(event.get('body', ''))}{said}\n\nWho: {who}\n\n"
            f"Sources: {cited}\n",
            encoding="utf-8",
        )
    for actor in data["actors"]:
        front = json.dumps({"title": actor["name"]})
        (site / "content" / "actors" / f"{actor['id']}.md").write_text(
            f"{front}\n\n{hugo_links(actor.get('description', ''))}\n", encoding="utf-8"
        )
    return site


def hugo_links(text: str) -> str:
    """The story's own links (`[text](actor:id)`) as a Hugo user writes them; a source
    has no page of its own there, so its link becomes plain text."""
    text = re.sub(r"\]\((actor|event):([^)\s]+)\)", lambda m: f"](/{m[1]}s/{m[2]}/)", text)
    return re.sub(r"\[([^\]]*)\]\(source:[^)\s]+\)", r"\1", text)


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
    map_page = site / "map" / "index.html"
    result.map_page_kb = map_page.stat().st_size / 1024 if map_page.exists() else None


#: The compile, timed inside its process: the target is explainer's own work, not the
#: interpreter's start and imports (the process's wall time and memory are kept too).
COMPILE = """
import time
from pathlib import Path
from explainer.pipeline.compile import compile_story
started = time.perf_counter()
compile_story(Path("events.yaml"))
Path(".compile-seconds").write_text(str(time.perf_counter() - started))
"""


def bench(size: str, story_name: str, work: Path, trash: Path, preview: bool = True) -> Result:
    events, actors = SIZES[size]
    project = prepare(size, story_name, work)
    text = (project / "events.yaml").read_text(encoding="utf-8")
    # Both generators write the sources last, one `- id:` a source, at the margin.
    sources = text[text.rindex("\nsources:\n") :].count("\n- id: ")
    result = Result(size, story_name, events, actors, sources)
    python = sys.executable
    process = timed([python, "-c", COMPILE], project)
    seconds = float((project / ".compile-seconds").read_text())
    result.runs["compile"] = Run(seconds, process.peak_mb)
    result.runs["compile process"] = process
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
    if preview:
        # Bounded by the clean build just measured: a save costs at most a rebuild.
        build = result.runs["build"].seconds
        result.preview = save_to_served(
            project, edit_timeout=max(30, 3 * build), first_build_timeout=max(60, 4 * build)
        )
    return result


def seed_preview(work: Path) -> Preview:
    """Save → served for the seed story (this project's own events.yaml)."""
    project = work / "seed"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs", dirs_exist_ok=True)
    shutil.copy(ROOT / "events.yaml", project / "events.yaml")
    return save_to_served(project, edit_timeout=30, first_build_timeout=60)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.splitlines()[0])
    # Checked by hand: Python 3.11's argparse refuses an empty `nargs="*"` with `choices`.
    parser.add_argument("sizes", nargs="*", metavar="SIZE", help="S, M or L (default: all)")
    parser.add_argument(
        "--story",
        action="append",
        dest="stories",
        metavar="GENERATOR",
        help=f"{' or '.join(GENERATORS)}; repeat for both (default: both)",
    )
    parser.add_argument(
        "--no-preview", action="store_true", help="skip save → served (clean builds only)"
    )
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    unknown = [size for size in args.sizes if size not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: choose from {', '.join(SIZES)}")
    unknown = [story for story in args.stories or [] if story not in GENERATORS]
    if unknown:
        parser.error(f"unknown story {unknown[0]!r}: choose from {', '.join(GENERATORS)}")
    args.sizes = list(dict.fromkeys(args.sizes)) or list(SIZES)
    args.stories = list(dict.fromkeys(args.stories or GENERATORS))
    return args


def heading(args: argparse.Namespace) -> str:
    """What the run covered: a run of fewer sizes or stories than all is labelled partial."""
    everything = args.sizes == list(SIZES) and args.stories == list(GENERATORS)
    scope = f"sizes {', '.join(args.sizes)}; stories {', '.join(args.stories)}"
    if not everything:
        scope = f"**partial run**: {scope} only"
    if args.no_preview:
        scope += "; save → served not measured"
    return (
        "# Benchmarks\n\nWritten by `./scripts/bench` "
        f"({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores; {scope}). Wall seconds, one "
        "run each; peak memory is each process's own. explainer's compile is timed inside "
        "its process; save → served is timed from the write of events.yaml until "
        "`mkdocs serve` serves the changed page.\n\n"
    )


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    trash = args.work / ".trash"
    results = []
    for size in args.sizes:
        for story in args.stories:
            events, actors = SIZES[size]
            print(f"== {size}, {story}: {events:,} events, {actors:,} actors", flush=True)
            results.append(bench(size, story, args.work, trash, preview=not args.no_preview))
    seed = None
    if not args.no_preview:
        print("== save → served (seed story)", flush=True)
        seed = seed_preview(args.work)
    print("== pictures", flush=True)
    table = report(results, seed, picture_timing(args.work))
    print(table)
    args.output.write_text(heading(args) + table + "\n", encoding="utf-8")
    print(f"\nWritten to {args.output}")
    shutil.rmtree(trash, ignore_errors=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
