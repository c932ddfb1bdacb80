"""Pages written as HTML: the headings and table of contents Python-Markdown would give, and
a built page that reaches the theme as it was written."""

from __future__ import annotations

import html
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from explainer.adapters.written_html import metadata_read_quickly, take_html
from explainer.markdown.sanitize import clean_html
from explainer.render.html_page import MARK, Headings, html_body
from tests.test_site import build, make_project, page

HEADINGS = [
    (1, "Caesar is assassinated"),
    (2, "Who took part"),
    (2, "Sources"),
    (2, "Sources"),  # the same words twice: the second anchor gets "_1", as in Markdown
    (3, "Ceasefire &amp; hostages"),
    (3, "Zoë 🕊️ Naïve"),
    (2, '<bdi lang="ar" dir="rtl">حماس</bdi>'),  # no Latin letters: an anchor of its own
    (2, "حماس"),
    (3, "x&lt;/title&gt;&lt;script&gt;"),
    (2, "1.50 -- that's it --&gt;"),
]


def python_markdown(headings: list[tuple[int, str]]) -> tuple[str, list[dict[str, object]]]:
    """What MkDocs' Markdown pass made of the same headings (mkdocs.yml's toc settings)."""
    md = markdown.Markdown(
        extensions=["toc", "attr_list"], extension_configs={"toc": {"permalink": True}}
    )
    source = "\n\n".join(f"{'#' * level} {words}" for level, words in headings)
    return md.convert(source), md.toc_tokens  # type: ignore[attr-defined]


def strip(tokens: list[dict[str, object]]) -> list[dict[str, object]]:
    return [
        {
            "level": t["level"],
            "id": t["id"],
            "name": t["name"],
            "children": strip(t["children"]),  # type: ignore[arg-type]
        }
        for t in tokens
    ]


def test_headings_are_the_ones_python_markdown_gave() -> None:
    headings = Headings()
    written = "\n".join(headings(level, words) for level, words in HEADINGS)
    converted, tokens = python_markdown(HEADINGS)
    assert written == converted
    found = html_body(headings.finish("---\ntitle: x\n---\n\n" + written))
    assert found is not None
    body, toc = found
    assert body.rstrip().endswith(clean_html(written))  # as cleaned when rendered
    assert strip(toc) == strip(tokens)


def test_a_fixed_anchor_is_kept_and_not_given_again() -> None:
    headings = Headings()
    assert headings(3, "Talks", id="doha").startswith('<h3 id="doha">Talks<a class="headerlink"')
    assert headings(2, "Doha").startswith('<h2 id="doha_1">')


def test_a_markdown_page_is_not_taken_for_html() -> None:
    assert html_body("# Title\n\nText.\n") is None
    assert html_body(f"# Title\n\nText {MARK}[]\n") is None  # not on a line of its own


def test_nothing_in_a_heading_closes_the_mark() -> None:
    headings = Headings()
    headings(2, html.escape("a --> <!-- b"))
    text = headings.finish("<p>Body</p>")
    last = text.splitlines()[-1]
    assert last.startswith(MARK) and last.count("-->") == 1
    found = html_body(text)
    assert found is not None
    assert found[0] == "<p>Body</p>\n"
    assert strip(found[1]) == [
        {"level": 2, "id": "a-b", "name": "a --&gt; &lt;!-- b", "children": []}
    ]


@pytest.mark.e2e
def test_an_event_page_reaches_the_theme_as_written(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for built in site.rglob("*.html"):
        assert "explainer:html" not in built.read_text(encoding="utf-8"), built
    event = page(site, "events/trump-inauguration")
    # The headings with their permalinks, and the theme's "On this page" built from them.
    assert (
        '<h2 id="who-took-part">Who took part<a class="headerlink" href="#who-took-part"' in event
    )
    assert '<a href="#who-took-part" class="md-nav__link">' in event
    assert '<a href="#sources" class="md-nav__link">' in event
    # Links are the site's final addresses, as MkDocs would have rewritten them.
    assert 'href="../../actors/donald-trump/"' in event


def test_a_page_is_cleaned_once_when_rendered_and_keeps_its_front_matter() -> None:
    # nh3 is the last line of defence: a page written as HTML reaches the theme unconverted,
    # so it is cleaned as it is rendered (and kept clean by the render memo while serving).
    text = Headings().finish(
        '---\ntitle: "A <b>"\n---\n\n<p onclick="steal()">Hi</p><script>steal()</script>\n'
    )
    assert text.startswith('---\ntitle: "A <b>"\n---\n')
    body, _ = html_body(text.split("---\n", 2)[2]) or ("", [])
    assert body.strip() == "<p>Hi</p>"


def test_a_page_lets_go_of_its_body_once_given_to_the_theme() -> None:
    # The function that gives the theme a page's HTML holds the body: kept on the page, it
    # kept every page's HTML uncompressed to the end of a clean build (about 270 MB more at
    # 10,000 longform events than memory.py's compressed copies).
    page = SimpleNamespace(file=SimpleNamespace(src_uri="events/a.md"))
    body = take_html(page, Headings().finish("<p>Body</p>"))  # type: ignore[arg-type]
    assert body == "<p>Body</p>\n" and "render" in vars(page)
    page.render(None, None)
    assert page.content == body
    assert "render" not in vars(page)


PAGE_TEXTS = [
    "",
    "\n",
    "\n\n<p>After blank lines</p>",
    "  \t\n<h1>A first line of spaces</h1>",
    '<h1 id="a">A page written as HTML</h1>\n<p>Text: with a colon</p>\n',
    "title: A MultiMarkdown title\nsummary: and more\n    continued\n\nThe body",
    "Title:x\nbody",
    "    an indented first line\nnext",
    "Windows\r\nline ends\r\n",
    "old\rMac\rline ends",
    "key: value\r\n\r\nbody",
    "---\ntitle: YAML\n---\nThe body",
    "---\nnot: closed",
    "- a list item\n- another",
    "-- two dashes: x",
    "\r\n\r\n<p>x</p>",
    "no newline at all",
    "ümlaut: not a key\nbody",
]


@pytest.mark.parametrize("text", PAGE_TEXTS)
def test_metadata_is_read_as_mkdocs_reads_it(text: str) -> None:
    assert metadata_read_quickly(text) == get_data(text)


@given(st.text(alphabet=" \t\r\n:-abK<>1_.ü", max_size=40))
def test_metadata_is_read_as_mkdocs_reads_it_for_any_text(text: str) -> None:
    assert metadata_read_quickly(text) == get_data(text)
