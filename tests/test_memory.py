"""What a clean build holds: pages kept compressed until MkDocs reads them, the same text
given back; serving keeps plain text (its memo holds the pages anyway)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.pipeline.compile import LastBuild, compile_story
from explainer.render.packed import PackedPages
from tests.conftest import SMALL


@given(st.dictionaries(st.text(min_size=1), st.text()))
def test_packed_pages_give_back_each_text_as_written_in_order(pages: dict[str, str]) -> None:
    packed = PackedPages()
    packed.update(pages)
    assert list(packed) == list(pages)
    assert dict(packed.items()) == pages
    assert len(packed) == len(pages)


@pytest.mark.parametrize(
    "text",
    ["# Title\n\nPlain ASCII.\n", "حماس – «Doha» 🇶🇦\n", "", "x" * 200_000],
)
def test_a_packed_page_is_stored_compressed_and_read_back(text: str) -> None:
    packed = PackedPages()
    packed["events/a.md"] = text
    stored = packed._packed["events/a.md"]
    assert zlib.decompress(stored).decode("utf-8") == text
    if len(text) > 1000:
        assert len(stored) < len(text) // 10
    assert "events/a.md" in packed and "events/b.md" not in packed
    assert packed.pop("events/a.md") == text
    assert not packed


def test_a_clean_compile_packs_its_pages_and_serving_keeps_them_plain() -> None:
    clean = compile_story(Path(SMALL))
    served = compile_story(Path(SMALL), last=LastBuild())
    assert isinstance(clean.pages, PackedPages)
    assert type(served.pages) is dict
    assert list(clean.pages) == list(served.pages)
    assert dict(clean.pages.items()) == served.pages
