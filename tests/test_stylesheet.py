"""The site's stylesheet is read by browsers as CSS: a block left open (a merge that drops
a closing brace) silently moves every later rule inside it, e.g. into `@media print`, so
the pictures' screen rules would apply only on paper. A real CSS parser (tinycss2, the
one WeasyPrint uses) reads it here as a browser would."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2

ASSETS = Path(__file__).parent.parent / "src" / "explainer" / "render" / "assets"
STYLESHEETS = sorted(ASSETS.glob("*.css"))


def test_there_is_a_stylesheet() -> None:
    assert STYLESHEETS


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_every_block_is_closed_and_every_rule_is_read(path: Path) -> None:
    css = path.read_text(encoding="utf-8")
    rules = tinycss2.parse_stylesheet(css)
    dropped = [rule for rule in rules if rule.type == "error"]
    assert not dropped, [f"line {r.source_line}: {r.message}" for r in dropped]
    # tinycss2 closes a block left open at the end of the file; writing the rules back
    # out then differs from the file, which is how an unclosed block shows.
    assert tinycss2.serialize(rules) == css, f"{path.name}: a block is left open"


def test_an_unclosed_block_is_caught() -> None:
    css = ".a { color: red; }\n@media print {\n  .b { color: black; }\n.c { color: blue; }\n"
    assert tinycss2.serialize(tinycss2.parse_stylesheet(css)) != css
