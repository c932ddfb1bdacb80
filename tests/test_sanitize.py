"""Markdown fields cannot carry code into the site: a table of classic payloads."""

from __future__ import annotations

import pytest

from explainer.markdown.markup import markup, to_html
from explainer.markdown.sanitize import clean_html, is_safe_target


def rendered(text: str) -> str:
    """A Markdown field as the pages show it (the local links' URLs made visible)."""

    def url_for(kind: str, target: str) -> str:
        return f"/{kind}/{target}"

    return to_html(markup(text).parts, url_for)


@pytest.mark.parametrize(
    ("markdown", "safe"),
    [
        ("Hi <script>alert(1)</script>", "<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"),
        ("<!-- hidden -->", "<p>&lt;!-- hidden --&gt;</p>\n"),
        ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n"),
        ("[x](javascript:alert(1))", "<p>x</p>\n"),
        ("[x](JaVa&#x53;cript:alert(1))", "<p>x</p>\n"),
        ("[x](java\tscript:alert(1))", "<p>&#91;x&#93;(java\tscript:alert(1))</p>\n"),
        ("[x](vbscript:msgbox(1))", "<p>x</p>\n"),
        ("[x](data:text/html,<script>)", "<p>x</p>\n"),
        ("[a [nested] label](javascript:x)", "<p>a &#91;nested&#93; label</p>\n"),
        ("[r] here\n\n[r]: javascript:alert(1)", "<p>r here</p>\n"),
        ("![x](javascript:alert(1))", "<p>x</p>\n"),
        ('para { onclick="alert(1)" }', '<p>para &#123; onclick="alert(1)" &#125;</p>\n'),
        (
            "![tracker](https://evil.example/t.png)",
            '<p><a href="https://evil.example/t.png">tracker</a></p>\n',
        ),
        # What stays as it is:
        ("a < b and 3<4", "<p>a &lt; b and 3&lt;4</p>\n"),
        (
            "[ok](https://example.org/a_(b))",
            '<p><a href="https://example.org/a_(b)">ok</a></p>\n',
        ),
        ("[ok](mailto:desk@example.org)", '<p><a href="mailto:desk@example.org">ok</a></p>\n'),
        (
            "[ok](actor:hamas) [ok](event:doha-talks#x)",
            '<p><a href="/actor/hamas">ok</a> <a href="/event/doha-talks#x">ok</a></p>\n',
        ),
        # A field is shown on pages at different depths: its paths are from the site's root.
        ("[ok](../timeline.md#x)", '<p><a href="/local/timeline.md#x">ok</a></p>\n'),
        ("![local](img/map.png)", '<p><img src="/local/img/map.png" alt="local"></p>\n'),
        ("`<b>code</b>`", "<p><code>&lt;b&gt;code&lt;/b&gt;</code></p>\n"),
        (
            "```\n<script>\n```\nafter <i>",
            "<pre><code>&lt;script&gt;\n</code></pre>\n<p>after &lt;i&gt;</p>\n",
        ),
        # An unclosed fence runs to the end of the text, as code.
        (
            "```\nnever closed <img src=x onerror=alert(1)>",
            "<pre><code>never closed &lt;img src=x onerror=alert(1)&gt;</code></pre>\n",
        ),
        (
            "<https://example.org/x> and <mailto:a@b.c>",
            '<p><a href="https://example.org/x">https://example.org/x</a> and'
            ' <a href="mailto:a@b.c">mailto:a@b.c</a></p>\n',
        ),
        (
            "<https://x.org/a onclick=y> <javascript:x>",
            "<p>&lt;https://x.org/a onclick=y&gt; &lt;javascript:x&gt;</p>\n",
        ),
    ],
)
def test_markdown_is_neutralised(markdown: str, safe: str) -> None:
    assert rendered(markdown) == safe


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org", True),
        ("mailto:a@b.c", True),
        ("../x.md", True),
        ("#a", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_link_targets(url: str, safe: bool) -> None:
    assert is_safe_target(url) is safe


@pytest.mark.parametrize(
    ("fragment", "cleaned"),
    [
        ('<p onclick="x">a</p>', "<p>a</p>"),
        ("<script>alert(1)</script><p>b</p>", "<p>b</p>"),
        ('<iframe src="https://x.org"></iframe>', ""),
        ('<a href="javascript:alert(1)">j</a>', "<a>j</a>"),
        ('<img src="https://tracker.example/p.gif">', "<img>"),
        ('<img src="../map.png" alt="Map">', '<img src="../map.png" alt="Map">'),
        (
            '<span class="xp-status" title="t">Reported</span>',
            '<span class="xp-status" title="t">Reported</span>',
        ),
        (
            '<time datetime="2025-03-05">5 March</time>',
            '<time datetime="2025-03-05">5 March</time>',
        ),
        (
            '<nav class="xp-pager" aria-label="Other events"><a href="../x/">x</a></nav>',
            '<nav class="xp-pager" aria-label="Other events"><a href="../x/">x</a></nav>',
        ),
    ],
)
def test_generated_html_is_reduced_to_the_allow_list(fragment: str, cleaned: str) -> None:
    assert clean_html(fragment) == cleaned
