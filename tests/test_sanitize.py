"""Markdown fields cannot carry code into the site: a table of classic payloads."""

from __future__ import annotations

import pytest

from explainer.markdown.sanitize import clean_html, is_safe_target, neutralise_markdown


@pytest.mark.parametrize(
    ("markdown", "safe"),
    [
        ("Hi <script>alert(1)</script>", "Hi &lt;script>alert(1)&lt;/script>"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)>"),
        ("<!-- hidden -->", "&lt;!-- hidden -->"),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)>"),
        ("[x](javascript:alert(1))", "x"),
        ("[x](JaVa&#x53;cript:alert(1))", "x"),
        ("[x](vbscript:msgbox(1))", "x"),
        ("[x](data:text/html,<script>)", "x"),
        ("[a [nested] label](javascript:x)", "a [nested] label"),
        ("[r]: javascript:alert(1)", "[r]: #"),
        ('para { onclick="alert(1)" }', 'para \\{ onclick="alert(1)" }'),
        ("![tracker](https://evil.example/t.png)", "[tracker](https://evil.example/t.png)"),
        # What stays as it is:
        ("a < b and 3<4", "a < b and 3<4"),
        ("[ok](https://example.org/a_(b))", "[ok](https://example.org/a_(b))"),
        ("[ok](mailto:desk@example.org)", "[ok](mailto:desk@example.org)"),
        (
            "[ok](actor:hamas) [ok](event:doha-talks#x)",
            "[ok](actor:hamas) [ok](event:doha-talks#x)",
        ),
        ("[ok](../timeline.md#x)", "[ok](../timeline.md#x)"),
        ("![local](img/map.png)", "![local](img/map.png)"),
        ("`<b>code</b>`", "`<b>code</b>`"),
        ("```\n<script>\n```\nafter <i>", "```\n<script>\n```\nafter &lt;i>"),
        (
            "```\nnever closed <img src=x onerror=alert(1)>",
            "```\nnever closed &lt;img src=x onerror=alert(1)>",
        ),
        (
            "<https://example.org/x> and <mailto:a@b.c>",
            "<https://example.org/x> and <mailto:a@b.c>",
        ),
        (
            "<https://x.org/a onclick=y> <javascript:x>",
            "&lt;https://x.org/a onclick=y> &lt;javascript:x>",
        ),
    ],
)
def test_markdown_is_neutralised(markdown: str, safe: str) -> None:
    assert neutralise_markdown(markdown) == safe


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
