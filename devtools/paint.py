"""The slowest first contentful paint of a built site's timeline pages, in headless
Chromium, each page opened cold from a local server: for the benchmark."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from devtools.localserver import serve


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
