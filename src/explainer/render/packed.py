"""The generated pages of a clean build, each kept compressed until MkDocs reads it.

A story of 10,000 events makes thousands of pages, about 90 MB of Markdown (twice that
in memory where a page holds one character beyond Latin-1), and MkDocs reads them one at
a time. Compressed (zlib, level 1: about a tenth of the size, at a fraction of the
default level's time) they stop being the largest thing a build holds. Reading a page
gives its text back exactly as rendered.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, MutableMapping


class PackedPages(MutableMapping[str, str]):
    """{page path: Markdown}, each page stored compressed, in the order it was added."""

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}

    def __getitem__(self, path: str) -> str:
        return zlib.decompress(self._packed[path]).decode("utf-8")

    def __setitem__(self, path: str, text: str) -> None:
        self._packed[path] = zlib.compress(text.encode("utf-8"), 1)

    def __delitem__(self, path: str) -> None:
        del self._packed[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, path: object) -> bool:
        return path in self._packed  # without decompressing the page

    def __repr__(self) -> str:
        return f"PackedPages({len(self)} pages)"
