"""Every internal link of a built site, checked as a crawler of the published site would.

Used by the end-to-end tests and by the benchmark, which checks its largest site with it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin


def internal_links_that_lead_nowhere(site: Path) -> list[str]:
    """Every href and src in the built site that points inside it, checked to exist
    (anchors included): what a crawler of the published site would report."""
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served at any address, so its links are absolute by design
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"]+)"', text):
            target = html.unescape(target)
            if re.match(r"[a-z]+:|//|#$", target):
                continue  # another site, mailto:, or the page's own top
            base = "file://" + page.as_posix()
            address, fragment = urldefrag(urljoin(base, target))
            path = Path(unquote(address.removeprefix("file://")))
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(site)} → {target}")
            elif fragment and path.suffix == ".html":
                if path not in ids:
                    ids[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text("utf-8")))
                if fragment not in ids[path]:
                    broken.append(f"{page.relative_to(site)} → {target} (no such anchor)")
    return broken
