"""Prose: the story's Markdown fields, parsed once as CommonMark and shown as HTML.

The unit tests render through the same code the pages use (NameLinker.linked, to_html);
the tests at the end go further, through the compiled pages and Python-Markdown with the
site's extensions, as MkDocs converts them.
"""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import urljoin

import markdown
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explainer.markdown.markup import markup, to_html
from explainer.markdown.prose import NameLinker, _names_pattern, escape, plain_excerpt
from explainer.pipeline.compile import compile_story
from explainer.render.html_page import html_body
from explainer.site.urls import page_url
from tests.conftest import MINIMAL

LINKER = NameLinker(
    [("Hamas", "hamas"), ("United States", "us"), ("US", "us"), ("Adam Boehler", "boehler")]
)


def url_for(kind: str, target: str) -> str | None:
    """Fake URLs that show what was asked for; ids starting 'missing' are unknown."""
    return None if target.startswith("missing") else f"/{kind}/{target}"


def html(text: str, skip: str | None = None, under: int = 0) -> str:
    return to_html(LINKER.linked(text).parts, url_for, skip=skip, under=under)


def a(name: str, actor_id: str) -> str:
    return f'<a href="/actor/{actor_id}">{name}</a>'


HAMAS = a("Hamas", "hamas")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Hamas met the US.", f"<p>{HAMAS} met the {a('US', 'us')}.</p>\n"),
        ("Hamas and Hamas.", f"<p>{HAMAS} and Hamas.</p>\n"),
        ("Hamas.\n\nHamas again.", f"<p>{HAMAS}.</p>\n<p>{HAMAS} again.</p>\n"),
        ("The United States", f"<p>The {a('United States', 'us')}</p>\n"),
        ("HamasX and xHamas", "<p>HamasX and xHamas</p>\n"),
        ("Envoy Adam Boehler", f"<p>Envoy {a('Adam Boehler', 'boehler')}</p>\n"),
        (
            "[the group](https://x.org) and Hamas",
            f'<p><a href="https://x.org">the group</a> and {HAMAS}</p>\n',
        ),
        # Never inside a link's words, code or a heading.
        (
            "[talks with\nHamas](event:x) and Hamas",
            f'<p><a href="/event/x">talks with\nHamas</a> and {HAMAS}</p>\n',
        ),
        (
            "[a [nested] Hamas](https://x.org)",
            '<p><a href="https://x.org">a &#91;nested&#93; Hamas</a></p>\n',
        ),
        (
            "See [Hamas].\n\n[Hamas]: https://x.org",
            '<p>See <a href="https://x.org">Hamas</a>.</p>\n',
        ),
        ("`Hamas` in code", "<p><code>Hamas</code> in code</p>\n"),
        ("`` Hamas ` `` and Hamas", f"<p><code>Hamas &#96;</code> and {HAMAS}</p>\n"),
        ("## Hamas's position\n\nHamas said", f"<h2>Hamas's position</h2>\n<p>{HAMAS} said</p>\n"),
        # A fence is code, as the renderer shows it: nothing linked in it, even across a
        # blank line (the regex scanners once agreed on this while the renderer did not).
        (
            "```\nHamas\n\nHamas\n```\nafter Hamas",
            f"<pre><code>Hamas\n\nHamas\n</code></pre>\n<p>after {HAMAS}</p>\n",
        ),
        # Each list item is a paragraph of its own.
        ("- Hamas\n- Hamas", f"<ul>\n<li>{HAMAS}</li>\n<li>{HAMAS}</li>\n</ul>\n"),
    ],
)
def test_first_mention_in_each_paragraph_is_linked(text: str, shown: str) -> None:
    assert html(text) == shown


def test_an_actor_page_does_not_link_to_itself() -> None:
    assert html("Hamas met the US.", skip="hamas") == f"<p>Hamas met the {a('US', 'us')}.</p>\n"


def test_explicit_links_resolve_and_unknown_ones_keep_their_words() -> None:
    text = '[a](actor:known) [b](event:known#x) [c](event:missing) `[d](actor:known)` [e](actor:known "T")'
    assert html(text) == (
        '<p><a href="/actor/known">a</a> <a href="/event/known#x">b</a> c'
        ' <code>&#91;d&#93;(actor:known)</code> <a href="/actor/known" title="T">e</a></p>\n'
    )


def test_links_the_check_sees_are_the_links_the_renderer_makes() -> None:
    text = "See [a](actor:one).\n\n```\n[b](actor:two)\n```\n\n`[c](event:three)` and\n[d](source:four)"
    assert [(link.kind, link.target, link.line) for link in markup(text).links] == [
        ("actor", "one", 0),
        ("source", "four", 6),
    ]


def test_reference_links_belong_to_their_own_text() -> None:
    # Two events told on one page, each with its own [1] (found in review: the page's last
    # definition once won for both). Each text is rendered alone, so each keeps its own.
    first = html("See [the first report][1].\n\n[1]: https://a.example/one")
    second = html("See [the second report][1].\n\n[1]: https://b.example/two")
    assert '<a href="https://a.example/one">the first report</a>' in first
    assert '<a href="https://b.example/two">the second report</a>' in second


@pytest.mark.parametrize(
    ("text", "demoted"),
    [
        ("# Background\n\nText.", "<h4>Background</h4>\n<p>Text.</p>\n"),
        ("## Why\n### How\n###### Deep", "<h5>Why</h5>\n<h6>How</h6>\n<h6>Deep</h6>\n"),
        ("#hashtag and # in text", "<p>#hashtag and # in text</p>\n"),
        (
            "```\n# a comment in code\n```\n# After",
            "<pre><code># a comment in code\n</code></pre>\n<h4>After</h4>\n",
        ),
    ],
)
def test_headings_of_a_text_told_under_a_heading_go_below_it(text: str, demoted: str) -> None:
    # Found in review: an event's "# Heading" became an h1 in the middle of a timeline page.
    assert html(text, under=3) == demoted


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("*bold* [link](x)", r"\*bold\* \[link\](x)"),
        ("AT&T", "AT&amp;T"),
        ("al-Qanou", "al-Qanou"),
    ],
)
def test_plain_text_is_escaped(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_plain_excerpt_is_one_line_without_markup() -> None:
    assert plain_excerpt("A *b* [c](d)\nnext.\n\nSecond.") == "A b c next."
    assert plain_excerpt("`a*b*` and 3 > 2 #1") == "a*b* and 3 > 2 #1"


# --- Through the pages, as MkDocs converts them ----------------------------------------


def converted(page: str) -> str:
    """A generated page's HTML as the theme gets it: as written, or as MkDocs'
    Python-Markdown makes it HTML with the extensions the site configures (front matter
    off, as MkDocs takes it off)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S)
    written = html_body(body)  # a page written as HTML reaches the theme as it is
    if written is not None:
        return written[0]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc"])


def pages_with(story_file: object, body: str, description: str = "A person.") -> dict[str, str]:
    indented = "".join(f"      {line}\n" for line in body.split("\n"))
    text = MINIMAL.replace(
        "    title: Alice meets\n", f"    title: Alice meets\n    body: |\n{indented}"
    ).replace(
        "    kind: person\n", f"    kind: person\n    description: {json.dumps(description)}\n"
    )
    return compile_story(story_file(text)).pages  # type: ignore[operator]


def test_a_fence_is_code_on_the_page_and_its_links_are_not_checked(story_file) -> None:
    # A review showed a fenced <img onerror> reaching the page's HTML: the scanners took
    # the fence for code and let it be, but the site's Markdown has no fenced_code.
    pages = pages_with(
        story_file,
        "Before Alice.\n\n```\nAn example:\n\n<img src=x onerror=alert(1)>\n\n[x](actor:nobody)\n```\n\nAfter.",
    )
    page = converted(pages["events/meeting.md"])
    assert "<img" not in page
    code = re.search(r"<pre><code>(.*?)</code></pre>", page, re.S)
    assert code is not None  # the reader sees the fence's text exactly, as code
    assert unescape(code[1]) == (
        "An example:\n\n<img src=x onerror=alert(1)>\n\n[x](actor:nobody)\n"
    )
    assert "actor:nobody" not in re.findall(r'href="([^"]*)"', page)


def test_an_excerpt_within_a_line_shows_its_text_as_written(story_file) -> None:
    # Inline HTML in a list item is not raw to Python-Markdown: the text between its tags
    # is Markdown again, so the renderer writes *, _, `, [, {, | as character references.
    description = r"Uses \*stars\*, `a*b*`, a | pipe, [x]\(y) and { .attr } <b>."
    pages = pages_with(story_file, "Something.", description)
    page = converted(pages["actors/index.md"])
    item = next(line for line in page.splitlines() if "alice/" in line or "alice.md" in line)
    shown = re.sub(r"<(?!/?code)[^>]*>", "", item)
    # (as the characters themselves, or their references where Python-Markdown reads them)
    shown = unescape(shown.replace("<code>", "\0").replace("</code>", "\1"))
    assert "Uses *stars*, \0a*b*\1, a | pipe" in shown
    assert "[x](y) and { .attr } <b>." in shown
    assert "<em>" not in item


def test_a_body_reads_the_same_wherever_it_is_shown(story_file) -> None:
    body = 'Alice met *the* [envoy](actor:alice "T") — see [the report](source:report).\n\n- one\n- two'
    pages = pages_with(story_file, body)

    def prose(path: str) -> str:
        page = converted(pages[path])
        block = re.search(r'<div class="xp-prose">\n(.*?)</div>', page, re.S)
        assert block, path
        base = "https://site.example/" + page_url(path, True)
        # Links as absolute addresses: each page's own relative URLs are the one difference.
        return re.sub(
            r'href="([^"]*)"', lambda m: f'href="{urljoin(base, m.group(1))}"', block.group(1)
        )

    event, timeline = prose("events/meeting.md"), prose("timeline.md")
    assert event.startswith(timeline)  # the timeline shows the first paragraph
    assert timeline == (
        '<p><a href="https://site.example/actors/alice/">Alice</a> met <em>the</em>'
        ' <a href="https://site.example/actors/alice/" title="T">envoy</a> — see'
        ' <a href="https://site.example/sources/#report">the report</a>.</p>\n'
    )
    assert event.endswith("<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")


# -- the names' pattern: a trie that finds what a plain alternation finds -------------------

_NAME_CHARACTERS = "ab c-@é/\nAç"


@given(
    names=st.sets(st.text(_NAME_CHARACTERS, min_size=1, max_size=4), min_size=1, max_size=6),
    text=st.text(_NAME_CHARACTERS, max_size=40),
)
@settings(max_examples=400, deadline=None)
def test_names_pattern_matches_what_an_alternation_of_the_names_matches(
    names: set[str], text: str
) -> None:
    names = {n.strip() for n in names if n.strip()}
    assume(names)
    # The rule as it was first written: the longest name first, as a whole word.
    ordered = sorted(names, key=len, reverse=True)
    plain = re.compile(r"(?<![\w@/-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w])")
    trie = _names_pattern(names)
    assert trie is not None
    found = [(m.start(), m.group(1)) for m in trie.finditer(text)]
    assert found == [(m.start(), m.group(1)) for m in plain.finditer(text)]


def test_names_pattern_prefers_the_longer_name_and_backs_off_at_a_word() -> None:
    pattern = _names_pattern(["US", "US Army", "US Arm"])
    assert pattern is not None
    assert [m.group(1) for m in pattern.finditer("the US Army, the US Armada, xUS, US")] == [
        "US Army",
        "US",
        "US",
    ]
    assert _names_pattern([]) is None


@pytest.mark.parametrize(
    "text",
    [
        "Hamas met the US.\n\nThen Hamas left; the US *stayed*.",
        "One block only, about Hamas.",
        "- Hamas\n- US\n\nAfter the list, Hamas again.\n\n## A heading\n\nHamas.",
        "See [the report][1].\n\n[1]: https://a.example/one",
        "> Hamas said so.\n\nThe US did not.",
    ],
)
def test_a_texts_opening_and_its_rest_are_the_whole_text(text: str) -> None:
    # A long story's timeline indexes each event's opening and shows the rest unindexed:
    # shown one after the other, they are the text, its names linked as in one piece.
    linked = LINKER.linked(text)
    assert linked.parts[: len(linked.first)] == linked.first
    rest = linked.parts[len(linked.first) :]
    whole = to_html(linked.parts, url_for, under=3)
    assert to_html(linked.first, url_for, under=3) + to_html(rest, url_for, under=3) == whole
    assert (rest == ()) == ("\n\n" not in text.strip() or text.endswith("/one"))
