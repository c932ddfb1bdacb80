"""Hosting: the GitHub Pages workflow, and the site published under a subpath.

The subpath tests build the seed site with site_url https://example.org/news/gaza-talks/,
serve it locally under /news/gaza-talks/ only (as a static host would: 404.html for a
missing page, nothing outside the path), and fetch everything a reader's browser or a
crawler would: every href, src, srcset, CSS url(), the search index and worker, the
sitemap's addresses, and the 404 page's own links.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml

from tests.browser import serve
from tests.conftest import ROOT, child_env
from tests.test_site import make_project

pytestmark = pytest.mark.e2e

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
SITE_URL = "https://example.org/news/gaza-talks/"
PREFIX = "/news/gaza-talks/"


# ---- GitHub Pages -------------------------------------------------------------------


def test_the_pages_workflow_is_valid() -> None:
    # check-jsonschema bundles the GitHub Actions workflow schema: no network needed.
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_check_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "pages.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1)
    broken.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(broken),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1


def test_the_workflow_builds_strictly_and_deploys_the_built_folder() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"] + deploy["steps"]]
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages", "checkout"):
        pinned = [u for u in uses if u.startswith(f"actions/{action}@")]
        assert len(pinned) == 1 and re.fullmatch(r"actions/[a-z-]+@v\d+", pinned[0]), uses
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert runs == ["./scripts/build"]  # which builds with --strict
    assert "mkdocs build --strict" in (ROOT / "scripts" / "build").read_text(encoding="utf-8")
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    site_dir = yaml.safe_load(
        re.sub(r"!ENV\b", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    )["site_dir"]
    assert upload["with"]["path"] == site_dir
    # The published address (a subpath for a project site) reaches the build.
    build_step = next(s for s in build["steps"] if s.get("run") == "./scripts/build")
    assert "steps.pages.outputs.base_url" in build_step["env"]["SITE_URL"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"


# ---- A site under a subpath ---------------------------------------------------------


def build_with_site_url(project: Path, site_url: str | None) -> None:
    env = child_env()
    if site_url:
        env["SITE_URL"] = site_url  # mkdocs.yml: site_url: !ENV SITE_URL
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("subpath"))
    build_with_site_url(project, SITE_URL)
    with serve(project / "site", PREFIX) as base:
        yield base


class _References(HTMLParser):
    """The addresses an HTML page makes a browser or crawler fetch or follow."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.ids: set[str] = set()
        self.config: str | None = None
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        for name in ("href", "src", "xlink:href", "poster", "data"):
            if values.get(name):
                self.found.append(values[name])
        if values.get("srcset"):
            self.found += [c.strip().split()[0] for c in values["srcset"].split(",") if c.strip()]
        self.found += css_urls(values.get("style", ""))
        self._in = "config" if values.get("id") == "__config" else tag

    def handle_data(self, data: str) -> None:
        if self._in == "config":
            self.config = data
        elif self._in == "style":
            self.found += css_urls(data)

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def css_urls(text: str) -> list[str]:
    return [m.strip("'\" ") for m in re.findall(r"url\(([^)]*)\)", text)]


def material_script_urls(config: str) -> list[str]:
    """Material's page config names the search worker and, through `base`, the index."""
    settings = json.loads(config)
    return [settings["search"], settings["base"] + "/search/search_index.json"]


def get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get_content_type()


def crawl(base: str, site_url: str, starts: list[str]) -> list[str]:
    """Fetch `starts` and everything they lead to inside the site; return what fails.

    Absolute addresses under `site_url` (sitemap, canonical links) are fetched from
    `base` instead; other hosts are left alone (tests/test_site.py checks there are no
    requests to them)."""
    parts = urlsplit(base)
    server = f"{parts.scheme}://{parts.netloc}"
    problems: list[str] = []
    ids: dict[str, set[str]] = {}
    wanted: list[tuple[str, str]] = [(start, "(start)") for start in starts]
    seen: set[str] = set()
    fragments: list[tuple[str, str, str]] = []
    while wanted:
        url, referrer = wanted.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, kind = get(url)
        expected = 404 if referrer == "(start)" and "no/such/page" in url else 200
        if status != expected:
            problems.append(f"{status} {url.removeprefix(server)} (from {referrer})")
            continue
        references: list[str] = []
        if kind == "text/html":
            parser = _References()
            parser.feed(body.decode("utf-8"))
            ids[url] = parser.ids
            references = parser.found
            if parser.config:
                references += material_script_urls(html.unescape(parser.config))
        elif kind == "text/css":
            references = css_urls(body.decode("utf-8"))
        elif url.endswith("sitemap.xml"):
            references = re.findall(r"<loc>([^<]+)</loc>", body.decode("utf-8"))
        for reference in references:
            if reference.startswith(site_url):
                reference = base + reference.removeprefix(site_url)
            target = urljoin(url, reference)
            if not target.startswith(server + "/"):
                continue  # another host, mailto:, data: or the like
            address, fragment = urldefrag(target)
            short = url.removeprefix(server)
            wanted.append((address, short))
            if fragment:
                fragments.append((address, fragment, short))
    for address, fragment, referrer in fragments:
        if address in ids and fragment not in ids[address]:
            problems.append(f"no #{fragment} on {address.removeprefix(server)} (from {referrer})")
    return sorted(set(problems))


STARTS = ["", "sitemap.xml", "no/such/page/"]


def test_under_a_subpath_everything_the_site_refers_to_loads(subpath_site: str) -> None:
    assert crawl(subpath_site, SITE_URL, [subpath_site + s for s in STARTS]) == []


def test_the_subpath_crawl_reaches_every_page_and_asset(subpath_site: str) -> None:
    # The crawl above is only as good as what it reaches: check it reaches the things a
    # broken subpath would break first.
    status, body, _ = get(subpath_site + "sitemap.xml")
    addresses = re.findall(r"<loc>([^<]+)</loc>", body.decode("utf-8"))
    assert status == 200 and len(addresses) >= 40
    assert all(a.startswith(SITE_URL) for a in addresses)
    home = get(subpath_site)[1].decode("utf-8")
    config = json.loads(html.unescape(re.search(r'id="__config"[^>]*>([^<]*)<', home)[1]))
    index = get(urljoin(subpath_site, config["base"] + "/search/search_index.json"))
    assert index[0] == 200 and b"actors/hamas/" in index[1]
    assert get(urljoin(subpath_site, config["search"]))[0] == 200
    # The page a host shows for a missing address, with the site's own chrome.
    missing = get(subpath_site + "no/such/page/")
    assert missing[0] == 404 and f'href="{PREFIX}assets/' in missing[1].decode("utf-8")
    # And nothing is served outside the subpath.
    assert get(subpath_site.removesuffix(PREFIX) + "/index.html")[0] == 404


def test_without_its_site_url_a_subpath_site_has_broken_links(tmp_path: Path) -> None:
    # Why site_url matters, and proof that the crawl can fail: built without it, the 404
    # page points at /assets/…, outside the subpath.
    project = make_project(tmp_path / "p")
    build_with_site_url(project, None)
    with serve(project / "site", PREFIX) as base:
        problems = crawl(base, SITE_URL, [base + s for s in STARTS])
    assert any(p.startswith("404 /assets/") and "no/such/page" in p for p in problems), problems
