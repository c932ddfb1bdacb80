"""In a real browser (headless Chromium): pages load cleanly, nothing leaves the site, and
no payload from the story file ever runs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM_ARGS, require_chromium, serve
from tests.test_site import build, make_project

pytestmark = pytest.mark.e2e

# Classic payloads; each one, if it ran, would leave a mark the test looks for.
RUN = "window.__xss=1;console.log('XSS-RAN');alert(1)"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'<svg onload="{RUN}"></svg>',
    f'<iframe src="javascript:{RUN}"></iframe>',
    f'<a href="javascript:{RUN}">click</a>',
    f"[click](javascript:{RUN})",
    "[click](JaVaScRiPt:window.__xss=1)",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    f'![x](x" onerror="{RUN})',
    f'"><script>{RUN}</script>',
    f"'><img src=x onerror={RUN}>",
    f'text {{ onmouseover="{RUN}" }}',
    f'<object data="javascript:{RUN}"></object>',
    f'<details open ontoggle="{RUN}">x</details>',
    f"<body onload={RUN}>",
    "{{ 7*7 }} {% raw %}",
    "<style>body{background:url(javascript:alert(1))}</style>",
    f'<math><mi xlink:href="javascript:{RUN}">x</mi></math>',
    f"<scr<script>ipt>{RUN}</script>",
    f'<a href="&#106;avascript:{RUN}">x</a>',
    f"<!--<img src=x onerror={RUN}>-->",
    f"x</title><script>{RUN}</script>",
    f'x"><script>{RUN}</script>',
]


def hostile_story() -> str:
    """A valid story with a payload in every text and Markdown field."""
    p = iter(PAYLOADS * 3)

    def q() -> str:  # a payload as a YAML double-quoted string
        return '"' + next(p).replace("\\", "\\\\").replace('"', '\\"') + '"'

    return f"""\
story:
  title: {q()}
  summary: {q()}
  sections:
    - question: {q()}
      body: {q()}
    - question: Links
      body: {q()}
  method: {q()}
  published: "2025-03-04"
  updated: {{date: "2025-03-07", note: {q()}}}
  corrections: [{{date: "2025-03-08", text: {q()}}}]
actors:
  - id: alice
    name: "x</title><script>{RUN}</script>"
    kind: person
    description: {q()}
    aliases: [{q()}, {q()}]
    affiliations:
      - actor: club
        role: {q()}
    links:
      - title: {q()}
        url: "https://example.org/?q=%3Cscript%3Ealert(1)%3C/script%3E"
    corrections: [{{date: "2025-03-08", text: {q()}}}]
  - id: club
    name: {q()}
    kind: organisation
events:
  - id: meeting
    date: "2025-03-05"
    title: {q()}
    body: {q()}
    place: {q()}
    participants:
      - actor: alice
        role: party
    sources: [report]
    quotes:
      - speaker: alice
        text: {q()}
        source: report
    tags: [{q()}]
    added: "2025-03-05"
    updated: {{date: "2025-03-06", note: {q()}}}
    corrections: [{{date: "2025-03-07", text: {q()}}}]
  - id: later
    date: "2025-03-06"
    title: "y</title><img src=x onerror=\\"{RUN}\\">"
    body: {q()}
    participants:
      - actor: club
        role: party
    sources: [report]
sources:
  - id: report
    title: {q()}
    note: {q()}
    url: "https://example.org/report?q=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, chromium_sandbox=False
        )
        yield browser
        browser.close()


def visit_every_page(browser: Any, site: Path) -> list[str]:
    """Open every page of `site`; return what a reader must never get (a string each)."""
    findings: list[str] = []
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (findings.append(f"dialog {d.message!r}"), d.dismiss()))
        page.on(
            "console",
            lambda m: (
                findings.append(f"console {m.type}: {m.text}")
                if m.type == "error" or "XSS" in m.text
                else None
            ),
        )
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith((base, "data:", "blob:"))
                else findings.append(f"request to {r.url}")
            ),
        )
        for html_file in sorted(site.rglob("*.html")):
            path = html_file.relative_to(site).as_posix()
            page.goto(base + path, wait_until="load")
            page.mouse.move(5, 5)
            if page.evaluate("window.__xss === 1"):
                findings.append(f"script ran on {path}")
            unsafe = page.evaluate(
                "[...document.querySelectorAll('[href],[src],[action],[formaction]')]"
                ".map(e => e.href || e.src || e.action || '')"
                ".filter(u => /^(javascript|data|vbscript):/i.test(u))"
            )
            findings += [f"unsafe link {u[:40]} on {path}" for u in unsafe]
        context.close()
    return findings


def test_no_payload_in_any_field_runs_in_the_browser(browser: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path / "hostile", hostile_story())
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "events" / "meeting" / "index.html").is_file()
    assert visit_every_page(browser, site) == []
    # The names reach the JSON-LD and the link-preview tags whole, and stay inside them.
    with serve(site) as base:
        page = browser.new_page()
        page.goto(base + "actors/alice/", wait_until="load")
        head = page.evaluate(
            """() => ({
                scripts: [...document.querySelectorAll('script[type="application/ld+json"]')]
                    .map(s => JSON.parse(s.textContent)),
                title: document.querySelector('meta[property="og:title"]').content,
                inBody: document.body.querySelectorAll('script[type="application/ld+json"]').length,
            })"""
        )
        page.close()
    assert [s["name"] for s in head["scripts"]] == [f"x</title><script>{RUN}</script>"]
    assert head["inBody"] == 0
    # The title as the page's <title> shows it: angle brackets as look-alikes.
    assert head["title"] == f"x‹/title›‹script›{RUN}‹/script›"
    # Template syntax in the data is shown, not evaluated.
    assert any("{{ 7*7 }}" in f.read_text(encoding="utf-8") for f in site.rglob("*.html"))


def test_the_check_itself_can_fail(browser: Any, tmp_path: Path) -> None:
    # The same visit on a page that does run a script and fetch another host must report it.
    site = tmp_path / "bad"
    site.mkdir()
    (site / "index.html").write_text(
        f"<script>{RUN}</script><img src='https://third-party.example/pixel.gif'>"
    )
    findings = visit_every_page(browser, site)
    assert any(f.startswith("script ran") for f in findings)
    assert any(f.startswith("dialog") for f in findings)
    assert any("third-party.example" in f for f in findings)


def test_seed_site_pages_load_without_errors_or_outside_requests(
    browser: Any, tmp_path: Path
) -> None:
    project = make_project(tmp_path / "seed")
    assert build(project).returncode == 0
    assert visit_every_page(browser, project / "site") == []


# ---- The pictures in a real browser -------------------------------------------------

SCREENSHOTS = Path(__file__).parent.parent / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "home": "",
    "timeline": "timeline/",
    "actor": "actors/hamas/",
    "event": "events/doha-talks/",
    "actors": "actors/",
    "updates": "updates/",
    "corrected": "actors/edan-alexander/",
}


@pytest.fixture(scope="module")
def seed_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("seed-site"))
    assert build(project).returncode == 0
    with serve(project / "site") as base:
        yield base


def axe_violations(page: Any) -> list[str]:
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    page.add_script_tag(content=script.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "timeline", "actor", "event", "updates", "corrected"])
def test_no_accessibility_violations(browser: Any, seed_base: str, name: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(seed_base + PAGES[name], wait_until="load")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    violations = axe_violations(page)
    context.close()
    assert violations == []


def test_the_accessibility_check_can_fail(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>x</title><body><main>'
        '<img src="a.png"><p style="color:#ccc;background:#fff">faint</p></main></body></html>'
    )
    with serve(tmp_path) as base:
        page = browser.new_page()
        page.goto(base, wait_until="load")
        violations = axe_violations(page)
        page.close()
    assert any(v.startswith("image-alt") for v in violations)
    assert any(v.startswith("color-contrast") for v in violations)


@pytest.mark.parametrize(
    ("start", "mark", "lands_on", "heading"),
    [
        ("actors/", 'svg.xp-network a[aria-label="Qatar"]', "actors/qatar/", "Qatar"),
        (
            "timeline/",
            'svg.xp-timeline a[aria-label^="US and Hamas hold talks in Doha"]',
            "events/doha-talks/",
            "US and Hamas hold talks in Doha",
        ),
    ],
    ids=["network node", "timeline mark"],
)
def test_clicking_a_mark_opens_its_page(
    browser: Any, seed_base: str, start: str, mark: str, lands_on: str, heading: str
) -> None:
    page = browser.new_page()
    page.goto(seed_base + start, wait_until="load")
    page.click(mark)
    page.wait_for_url(f"**/{lands_on}")
    assert page.locator("h1").inner_text().rstrip("¶") == heading
    page.close()


def test_a_correction_on_the_updates_page_leads_to_it_with_javascript_off(
    browser: Any, seed_base: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_base + "updates/", wait_until="load")
    page.click("main a:has-text('Edan Alexander')")
    page.wait_for_url("**/actors/edan-alexander/#edan-alexander-corrected-2026-11-26-1")
    note = page.locator("#edan-alexander-corrected-2026-11-26-1")
    assert note.inner_text().startswith("Corrected 26 November 2026: An earlier version")
    assert note.is_visible()
    context.close()


def test_pictures_and_their_links_work_with_javascript_off(browser: Any, seed_base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_base + "timeline/", wait_until="load")
    chart = page.locator("svg.xp-timeline")
    assert chart.bounding_box()["height"] > 50
    page.click('svg.xp-timeline a[aria-label^="Trump issues"]')
    page.wait_for_url("**/events/trump-last-warning/")
    page.goto(seed_base + "actors/hamas/", wait_until="load")
    page.click('svg.xp-network a[aria-label="Hazam Qassem"]')
    page.wait_for_url("**/actors/hazam-qassem/")
    context.close()


def test_the_pictures_are_reachable_by_keyboard(browser: Any, seed_base: str) -> None:
    page = browser.new_page()
    page.goto(seed_base + "actors/", wait_until="load")
    page.focus('svg.xp-network a[aria-label="Hamas"]')
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Hamas"
    page.keyboard.press("Enter")
    page.wait_for_url("**/actors/hamas/")
    page.close()


@pytest.mark.parametrize(
    ("device", "width", "height"), [("phone", 360, 780), ("desktop", 1280, 900)]
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_for_people_to_look_at(
    browser: Any, seed_base: str, device: str, width: int, height: int, scheme: str
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(seed_base + path, wait_until="load")
        # The page must not scroll sideways; a wide picture scrolls inside its own box.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
        page.screenshot(path=SCREENSHOTS / f"{name}-{device}-{scheme}.png", full_page=True)
    context.close()


def test_the_timeline_prints_without_the_site_chrome(browser: Any, seed_base: str) -> None:
    page = browser.new_page()
    page.goto(seed_base + "timeline/", wait_until="load")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator("svg.xp-timeline").is_visible()
    assert page.evaluate(
        "getComputedStyle(document.querySelector('svg.xp-timeline')).minWidth"
    ) in ("0px", "auto")
    page.close()


# ---- A story in Arabic: a right-to-left site -------------------------------------------

ARABIC_EXAMPLE = Path(__file__).parent.parent / "examples" / "arabic"
ARABIC_PAGES = {
    "home": "",
    "timeline": "timeline/",
    "actor": "actors/salma-haddad/",
    "event": "events/council-debate/",
}


@pytest.fixture(scope="module")
def arabic_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("arabic") / "arabic"
    shutil.copytree(ARABIC_EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as base:
        yield base


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(ARABIC_PAGES))
def test_arabic_pages_have_no_accessibility_violations(
    browser: Any, arabic_base: str, name: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(arabic_base + ARABIC_PAGES[name], wait_until="load")
    violations = axe_violations(page)
    context.close()
    assert violations == []


@pytest.mark.parametrize(
    ("device", "width", "height"), [("phone", 360, 780), ("desktop", 1280, 900)]
)
def test_arabic_pages_read_right_to_left(
    browser: Any, arabic_base: str, device: str, width: int, height: int
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for name, path in ARABIC_PAGES.items():
        page.goto(arabic_base + path, wait_until="load")
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
            "ar",
            "rtl",
        ]
        # The layout is mirrored: the heading starts at the right-hand edge of the content.
        heading = page.locator("article h1").bounding_box()
        content = page.locator("article").bounding_box()
        assert heading is not None and content is not None
        assert (
            page.evaluate("getComputedStyle(document.querySelector('article h1')).direction")
            == "rtl"
        )
        assert content["x"] + content["width"] - (heading["x"] + heading["width"]) < 40
        # The page does not scroll sideways; a wide picture scrolls inside its own box.
        overflow = page.evaluate(
            "Math.max(document.documentElement.scrollWidth - window.innerWidth,"
            " -document.documentElement.scrollLeft)"
        )
        assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
        page.screenshot(path=SCREENSHOTS / f"arabic-{name}-{device}.png", full_page=True)
    if device == "desktop":
        # The site's navigation is on the right, where a right-to-left reader starts.
        page.goto(arabic_base + "actors/", wait_until="load")
        nav = page.locator(".md-sidebar--primary").bounding_box()
        assert nav is not None and nav["x"] > width / 2
    context.close()


def test_arabic_chart_labels_stay_beside_their_marks(browser: Any, arabic_base: str) -> None:
    """An Arabic label in a picture reads right to left and still sits on the side of its
    node that the layout chose (so that labels do not overlap each other or the nodes)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(arabic_base + "actors/", wait_until="load")
    boxes = page.evaluate(
        """[...document.querySelectorAll('svg.xp-network text.xp-node-label')].map(t => {
             const r = t.getBoundingClientRect();
             return [t.textContent, r.left, r.right, r.top, r.bottom,
                     getComputedStyle(t).direction];
           })"""
    )
    page.close()
    assert len(boxes) >= 4
    assert any(direction == "rtl" for *_, direction in boxes)
    for i, (name, left, right, top, bottom, _) in enumerate(boxes):
        for other, left2, right2, top2, bottom2, _ in boxes[i + 1 :]:
            overlap_x = min(right, right2) - max(left, left2)
            overlap_y = min(bottom, bottom2) - max(top, top2)
            assert overlap_x <= 1 or overlap_y <= 1, f"'{name}' overlaps '{other}'"
