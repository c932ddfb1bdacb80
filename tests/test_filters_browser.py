"""The timeline's filters and the tag pages in Chromium: the in-place filter shows exactly
the entries (and chart marks) that match, for a tag, a status and both; its state is in
the address and comes back from it; it works from the keyboard; and axe-core finds no
WCAG 2.1 AA violation on a tag page or a filtered timeline, in both palettes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from tests.browser import serve
from tests.conftest import SEED
from tests.test_browser import SCREENSHOTS, axe_violations
from tests.test_site import build, make_project

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def seed_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("filters-site"))
    assert build(project).returncode == 0
    with serve(project / "site") as base:
        yield base


def expected(tag: str | None = None, status: str | None = None) -> set[str]:
    """The seed's events with `tag` and `status`, read from events.yaml itself."""
    events = yaml.safe_load(SEED.read_text(encoding="utf-8"))["events"]
    return {
        e["id"]
        for e in events
        if (tag is None or tag in e.get("tags", []))
        and (status is None or e.get("status", "confirmed") == status)
    }


def shown(page: Any) -> tuple[set[str], set[str]]:
    """The ids of the entries shown, and of the chart marks shown."""
    entries = page.eval_on_selector_all(
        ".xp-entry", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.event)"
    )
    marks = page.eval_on_selector_all(
        ".xp-chart a[data-event]",
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.event)",
    )
    return set(entries), set(marks)


def choose(page: Any, key: str, value: str) -> None:
    page.click(f'.xp-filters a[data-filter="{key}"][data-value="{value}"]')


@pytest.mark.parametrize(
    ("tag", "status"),
    [("talks", None), (None, "reported"), ("talks", "reported"), ("hostages", "confirmed")],
)
def test_the_filter_shows_exactly_the_matching_entries_and_marks(
    browser: Any, seed_base: str, tag: str | None, status: str | None
) -> None:
    want = expected(tag, status)
    assert want  # each case shows something, and hides something
    assert want != expected()
    page = browser.new_page()
    page.goto(seed_base + "timeline/", wait_until="load")
    assert shown(page) == (expected(), expected())
    if tag:
        choose(page, "tag", tag)
    if status:
        choose(page, "status", status)
    assert shown(page) == (want, want)
    # The state is in the address, and a fresh visit to it shows the same view.
    address = page.url
    assert (f"tag={tag}" in address) == bool(tag)
    assert (f"status={status}" in address) == bool(status)
    again = browser.new_page()
    again.goto(address, wait_until="load")
    assert shown(again) == (want, want)
    count = again.text_content(".xp-filters__state") or ""
    assert f"{len(want)} of {len(expected())}" in count
    chosen = again.eval_on_selector_all(
        '.xp-filters a[aria-current="true"]', "els => els.map(e => e.dataset.value)"
    )
    assert sorted(chosen) == sorted(v for v in (tag, status) if v)
    again.close()
    # Back undoes the last choice; "Show all events" clears every one.
    page.go_back()
    assert shown(page)[0] == (expected(tag) if status else expected())
    page.go_forward()
    assert shown(page)[0] == want
    page.click(".xp-filters button")
    assert shown(page) == (expected(), expected())
    assert "tag=" not in page.url and "status=" not in page.url
    page.close()


def test_choosing_the_chosen_value_again_removes_it_and_years_left_empty_hide(
    browser: Any, seed_base: str
) -> None:
    page = browser.new_page()
    page.goto(seed_base + "timeline/?tag=mediation", wait_until="load")
    assert shown(page)[0] == expected("mediation")
    # 1997 has no mediation: its heading goes with its entries.
    assert page.is_hidden("h2[id='1997']")
    choose(page, "tag", "mediation")
    assert shown(page)[0] == expected()
    assert page.is_visible("h2[id='1997']")
    page.close()


def test_the_filters_work_from_the_keyboard(browser: Any, seed_base: str) -> None:
    page = browser.new_page()
    page.goto(seed_base + "timeline/", wait_until="load")
    page.focus('.xp-filters a[data-filter="status"][data-value="reported"]')
    page.keyboard.press("Enter")
    assert shown(page)[0] == expected(status="reported")
    assert "status=reported" in page.url
    page.close()


def test_without_javascript_the_filters_are_links_to_pages_listing_those_events(
    browser: Any, seed_base: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_base + "timeline/", wait_until="load")
    page.click('.xp-filters a[data-filter="tag"][data-value="talks"]')
    assert page.url.endswith("/tags/talks/")
    listed = page.eval_on_selector_all(
        ".xp-index li a[href*='events/']", "els => els.map(e => e.getAttribute('href'))"
    )
    assert {href.rstrip("/").rsplit("/", 1)[-1] for href in listed} == expected("talks")
    page.go_back()
    page.click('.xp-filters a[data-filter="status"][data-value="reported"]')
    assert page.url.endswith("/timeline/status/reported/")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "name",
    ["tags/talks/", "tags/", "timeline/?tag=talks&status=reported", "timeline/status/reported/"],
)
def test_no_accessibility_violations(browser: Any, seed_base: str, name: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(seed_base + name, wait_until="load")
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected_scheme
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = name.strip("/").replace("/", "-").replace("?", "-").replace("&", "-").replace("=", "-")
    page.screenshot(path=SCREENSHOTS / f"filters-{shot}-{scheme}.png", full_page=True)
    violations = axe_violations(page)
    context.close()
    assert violations == []


def test_an_actor_filter_unfolds_the_actors_and_combines_with_a_kind(
    browser: Any, seed_base: str
) -> None:
    events = yaml.safe_load(SEED.read_text(encoding="utf-8"))["events"]
    with_qatar = {e["id"] for e in events if any(p["actor"] == "qatar" for p in e["participants"])}
    page = browser.new_page()
    page.goto(seed_base + "timeline/", wait_until="load")
    assert not page.evaluate("document.querySelector('details.xp-filter--folded').open")
    page.goto(seed_base + "timeline/?actor=qatar&status=reported", wait_until="load")
    assert page.evaluate("document.querySelector('details.xp-filter--folded').open")
    assert shown(page)[0] == with_qatar & expected(status="reported")
    page.close()
