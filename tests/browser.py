"""Headless Chromium for the browser tests: Debian's chromium, driven by Playwright.

Outside CI, on a machine without Chromium, the browser tests skip and say why; with
CI=true they never skip (scripts/test installs chromium first).
"""

from __future__ import annotations

import os
import shutil

import pytest
from devtools.localserver import serve

__all__ = ["CHROMIUM_ARGS", "chromium_path", "require_chromium", "serve"]

# As the machine's notes say: no sandbox as root, and no background traffic to Google's
# hosts, which the closed network would refuse (and which we test for).
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        reason = "no Chromium on this machine (scripts/test installs Debian's chromium as root)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; with CI=true the browser tests must run")
        pytest.skip(reason)
    return path
