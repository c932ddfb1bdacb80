"""The pictures in a real browser (headless Chromium): a page with a picture and an embed
passes axe in both palettes, the browser picks the WebP at a width the layout needs, and
nothing is requested from any other host, the embed's site included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import serve
from tests.test_browser import SCREENSHOTS, axe_violations, visit_every_page
from tests.test_images import pictured_story
from tests.test_site import build, make_project

pytestmark = pytest.mark.e2e

PAGES = {"event": "events/meeting/", "home": "", "timeline": "timeline/", "actor": "actors/alice/"}


@pytest.fixture(scope="module")
def pictured_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("pictured"), "")
    pictured_story(project)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def pictured_base(pictured_site: Path) -> Iterator[str]:
    with serve(pictured_site) as base:
        yield base


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["event", "home", "timeline"])
def test_pages_with_pictures_have_no_accessibility_violations(
    browser: Any, pictured_base: str, name: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(pictured_base + PAGES[name], wait_until="load")
    violations = axe_violations(page)
    context.close()
    assert violations == []


def test_no_request_leaves_the_site(browser: Any, pictured_site: Path) -> None:
    assert visit_every_page(browser, pictured_site) == []


def test_the_browser_shows_the_webp_at_a_width_the_layout_needs(
    browser: Any, pictured_base: str
) -> None:
    for width, most in ((360, 960), (1280, 1000)):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(pictured_base + PAGES["event"], wait_until="load")
        shown = page.evaluate(
            """() => { const img = document.querySelector('.xp-figure img');
                return {src: img.currentSrc, natural: img.naturalWidth, box: img.clientWidth}; }"""
        )
        page.close()
        assert shown["src"].endswith(".webp"), shown
        assert 0 < shown["natural"] <= most and shown["box"] <= width, shown


@pytest.mark.parametrize(
    ("device", "width", "height"), [("phone", 360, 780), ("desktop", 1280, 900)]
)
def test_screenshots_of_pictures_to_look_at(
    browser: Any, pictured_base: str, device: str, width: int, height: int
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme
        )
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(pictured_base + path, wait_until="load")
            for img in page.query_selector_all("img"):  # lazy ones too, for the picture
                img.scroll_into_view_if_needed()
            page.wait_for_load_state("networkidle")
            page.evaluate("window.scrollTo(0, 0)")  # the sticky header back at the top
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
            page.screenshot(
                path=SCREENSHOTS / f"pictures-{name}-{device}-{scheme}.png", full_page=True
            )
        context.close()
