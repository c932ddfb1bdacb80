"""In a real browser (headless Chromium): pages load cleanly, nothing leaves the site, and
no payload from the story file ever runs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import serve
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
    "map": "map/",
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
@pytest.mark.parametrize(
    "name", ["home", "timeline", "actor", "event", "updates", "corrected", "map"]
)
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
            'svg.xp-timeline--wide a[href$="events/doha-talks/"]',
            "events/doha-talks/",
            "US and Hamas hold talks in Doha",
        ),
        (
            "map/",
            'svg.xp-map a[aria-label="Doha, Qatar: 1 event"]',
            "events/doha-talks/",
            "US and Hamas hold talks in Doha",
        ),
        (
            "events/doha-talks/",
            'svg.xp-map a[aria-label="Doha, Qatar: 1 event"]',
            "map/#place-25-2854n-51-5310e",
            "Map",
        ),
    ],
    ids=["network node", "timeline mark", "map mark", "locator mark"],
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
    chart = page.locator("svg.xp-timeline--wide")
    assert chart.bounding_box()["height"] > 50
    page.click('svg.xp-timeline--wide a[href$="events/trump-last-warning/"]')
    page.wait_for_url("**/events/trump-last-warning/")
    page.goto(seed_base + "actors/hamas/", wait_until="load")
    page.click('svg.xp-network a[aria-label="Hazam Qassem"]')
    page.wait_for_url("**/actors/hazam-qassem/")
    context.close()


def test_a_map_mark_of_several_events_leads_to_its_place_in_the_table(
    browser: Any, seed_base: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_base + "map/", wait_until="load")
    page.focus('svg.xp-map a[aria-label="Gaza Strip: 3 events"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/map/#place-31-4167n-34-3333e")
    row = page.locator("tr", has=page.locator("#place-31-4167n-34-3333e"))
    assert sorted(row.locator("a").all_inner_texts()) == [
        "First phase of the Gaza ceasefire",
        "First phase of the Gaza ceasefire ends",
        "Israel imposes a total siege on Gaza",
    ]
    assert row.is_visible()
    context.close()


def test_the_maps_work_from_file_with_no_request_anywhere(browser: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path / "seed")
    assert build(project).returncode == 0
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in ("map/index.html", "events/doha-talks/index.html"):
        page.goto((project / "site" / path).as_uri(), wait_until="load")
        box = page.locator("svg.xp-map").bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 150
        land = page.locator("svg.xp-map path.xp-land").first.get_attribute("d")
        assert land and land.count("M") > 5  # the outlines are in the page itself
    assert [u for u in requests if not u.startswith("file://")] == []
    context.close()


def test_the_maps_print(browser: Any, seed_base: str) -> None:
    page = browser.new_page()
    page.goto(seed_base + "map/", wait_until="load")
    page.emulate_media(media="print", color_scheme="dark")
    assert page.locator("svg.xp-map").is_visible()
    # Paper gets the light palette's map, whatever the screen's.
    sea = page.evaluate("getComputedStyle(document.querySelector('.xp-sea')).fill")
    assert sea == "rgb(255, 255, 255)"
    page.close()


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
    assert page.locator("svg.xp-timeline--wide").is_visible()
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


# ---- The charts a reader understands at a glance, on a phone too ----------------------

BCE_STORY = Path(__file__).parent / "data" / "bce" / "events.yaml"


@pytest.fixture(scope="module")
def bce_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(
        tmp_path_factory.mktemp("bce-site"), BCE_STORY.read_text(encoding="utf-8")
    )
    result = build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as base:
        yield base


# Every shown chart's label boxes, mark boxes, its own box and its labels' sizes, as the
# browser lays them out (only the drawing the stylesheet shows at this width).
CHART_GEOMETRY = """sel => [...document.querySelectorAll(sel)]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => {
    const box = e => { const r = e.getBoundingClientRect();
                       return [r.left, r.top, r.right, r.bottom]; };
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const labels = [...svg.querySelectorAll(
        'text.xp-mark-label, text.xp-band-label, text.xp-node-label, text.xp-tick-label,'
        + ' text.xp-legend-label, text.xp-unlabelled, text.xp-callout')];
    return {
      svg: box(svg),
      labels: labels.filter(t => t.matches('.xp-mark-label, .xp-band-label, .xp-node-label'))
        .map(t => [t.textContent, box(t), t.closest('a').getAttribute('href')]),
      marks: [...svg.querySelectorAll('.xp-mark, .xp-band')]
        .map(m => [box(m), m.closest('a').getAttribute('href')]),
      links: svg.querySelectorAll('a').length,
      sizes: labels.map(t => parseFloat(getComputedStyle(t).fontSize) * scale),
    };
  })"""


def overlap(a: list[float], b: list[float], slack: float = 1) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def test_at_1280px_nearly_every_event_has_a_visible_label_overlapping_nothing(
    browser: Any, seed_base: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(seed_base + "timeline/", wait_until="load")
    (chart,) = page.evaluate(CHART_GEOMETRY, "svg.xp-timeline")
    page.close()
    events = chart["links"]
    assert events == 14  # the seed's events, each a link
    inside = [
        (text, box, href)
        for text, box, href in chart["labels"]
        if box[0] >= chart["svg"][0] - 0.5 and box[2] <= chart["svg"][2] + 0.5
    ]
    assert len({href for *_, href in inside}) >= 0.9 * events
    for i, (text, box, _) in enumerate(chart["labels"]):
        for other, box2, _ in chart["labels"][i + 1 :]:
            assert not overlap(box, box2), f"{text!r} overlaps {other!r}"
        for mark, href in chart["marks"]:
            own_band = href == chart["labels"][i][2]  # a band's label is written on it
            assert own_band or not overlap(box, mark), f"{text!r} overlaps the mark of {href}"


@pytest.mark.parametrize("width", [360, 1280])
def test_each_mark_is_a_link_named_with_its_full_title_and_date(
    browser: Any, seed_base: str, width: int
) -> None:
    # The wide drawing names each link by its <title>; the phone's by that same title,
    # hidden at 360px: the name must reach a screen reader in both.
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(seed_base + "timeline/", wait_until="load")
    shown = page.locator("svg.xp-timeline:visible")
    assert shown.count() == 1
    name = "Hamas confirms mediators are pressing for a second phase, 6 March 2025"
    link = shown.get_by_role("link", name=name, exact=True)
    assert link.count() == 1
    assert link.get_attribute("href", timeout=1000).endswith("events/hamas-confirms-mediation/")
    page.close()


@pytest.mark.parametrize(
    ("story", "path"),
    [
        ("seed", "timeline/"),
        ("seed", "actors/hamas/"),
        ("seed", "actors/"),
        ("seed", ""),
        ("bce", "timeline/"),
    ],
)
def test_at_360px_charts_fit_the_screen_with_readable_labels(
    browser: Any, request: pytest.FixtureRequest, story: str, path: str
) -> None:
    base = request.getfixturevalue(f"{story}_base")
    page = browser.new_page(viewport={"width": 360, "height": 780})
    page.goto(base + path, wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    charts = page.evaluate(CHART_GEOMETRY, "svg.xp-timeline, svg.xp-network")
    page.close()
    assert charts, f"no chart shown on {path or 'the home page'}"
    for chart in charts:
        assert chart["svg"][0] >= 0 and chart["svg"][2] <= 360  # no wider than the screen
        assert chart["sizes"] and min(chart["sizes"]) >= 12 - 0.01  # 12 CSS px, as drawn
        assert len(chart["labels"]) >= 0.8 * chart["links"]


def test_a_hovered_or_focused_actor_s_own_lines_stand_out(browser: Any, seed_base: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(seed_base + "actors/", wait_until="load")
    hamas = page.locator('svg.xp-network--wide a[aria-label="Hamas"]')
    number = hamas.get_attribute("class")
    assert number is not None and number.startswith("xp-n")
    opacities = """k => [...document.querySelectorAll('svg.xp-network--wide .xp-edges .xp-edge')]
        .map(e => [e.classList.contains('xp-e' + k), parseFloat(getComputedStyle(e).opacity)])"""
    k = number.removeprefix("xp-n")
    before = page.evaluate(opacities, k)
    assert all(o > 0.5 for _, o in before)
    for act in ("hover", "focus"):
        if act == "hover":
            hamas.hover()
        else:
            page.mouse.move(0, 0)
            page.keyboard.press("Tab")  # focus is visible after a key press
            hamas.focus()
        page.wait_for_timeout(50)
        after = page.evaluate(opacities, k)
        own = [o for mine, o in after if mine]
        others = [o for mine, o in after if not mine]
        assert own and min(own) == 1, act
        assert others and max(others) < 0.3, act
    page.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_chart_screenshots_for_people_to_look_at(
    browser: Any, seed_base: str, bce_base: str, width: int
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    for name, base, path in [
        ("seed-timeline", seed_base, "timeline/"),
        ("bce-timeline", bce_base, "timeline/"),
        ("hamas-network", seed_base, "actors/hamas/"),
    ]:
        page.goto(base + path, wait_until="load")
        figure = page.locator("figure.xp-chart").first
        figure.screenshot(path=SCREENSHOTS / f"chart-{name}-{width}.png")
    page.close()


# ---- A story of one day, told by the hour ----------------------------------------------

HOURS = Path(__file__).parent / "data" / "hours" / "events.yaml"


@pytest.fixture(scope="module")
def hours_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("hours"), HOURS.read_text(encoding="utf-8"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as base:
        yield base


@pytest.mark.parametrize(
    ("device", "width", "height"), [("phone", 360, 780), ("desktop", 1280, 900)]
)
def test_a_story_of_one_day_shows_hour_ticks_and_times(
    browser: Any, hours_base: str, device: str, width: int, height: int
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(hours_base + "timeline/", wait_until="load")
    # The drawing this screen shows (across on a desktop, down the page on a phone).
    shown = page.locator("svg.xp-timeline:visible")
    assert shown.count() == 1
    ticks = shown.locator(".xp-tick-label").evaluate_all("els => els.map(e => e.textContent)")
    assert ticks[0] == "23 Mar 00:00" and "06:00" in ticks, ticks
    assert page.get_by_text("05:52:30 Cairo time (UTC+2), 23 March 2021").count() >= 1
    assert axe_violations(page) == []
    shown.screenshot(path=SCREENSHOTS / f"hours-timeline-chart-{device}.png")
    page.screenshot(path=SCREENSHOTS / f"hours-timeline-{device}.png", full_page=True)
    page.goto(hours_base + "events/veers/", wait_until="load")
    assert page.locator("time").first.get_attribute("datetime") == "2021-03-23T05:40"
    page.screenshot(path=SCREENSHOTS / f"hours-event-{device}.png", full_page=True)
    context.close()
