"""Prose helpers: actor names linked on first mention, explicit links resolved, text escaped."""

from __future__ import annotations

import pytest

from explainer.markdown.prose import (
    NameLinker,
    demote_headings,
    escape,
    plain_excerpt,
    resolve_links,
    scope_references,
)

LINKER = NameLinker(
    [("Hamas", "hamas"), ("United States", "us"), ("US", "us"), ("Adam Boehler", "boehler")]
)


def url(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Hamas met the US.", "[Hamas](actors/hamas.md) met the [US](actors/us.md)."),
        ("Hamas and Hamas.", "[Hamas](actors/hamas.md) and Hamas."),
        (
            "Hamas.\n\nHamas again.",
            "[Hamas](actors/hamas.md).\n\n[Hamas](actors/hamas.md) again.",
        ),
        ("The United States", "The [United States](actors/us.md)"),
        ("HamasX and xHamas", "HamasX and xHamas"),
        (
            "[the group](https://x.org) and Hamas",
            "[the group](https://x.org) and [Hamas](actors/hamas.md)",
        ),
        ("`Hamas` in code", "`Hamas` in code"),
        ("<span title='Hamas'>x</span>", "<span title='Hamas'>x</span>"),
        ("```\nHamas\n```", "```\nHamas\n```"),
        ("Envoy Adam Boehler", "Envoy [Adam Boehler](actors/boehler.md)"),
        # Found in review: never link inside link labels, references, headings or code.
        (
            "[talks with\nHamas](event:x) and Hamas",
            "[talks with\nHamas](event:x) and [Hamas](actors/hamas.md)",
        ),
        ("[a [nested] Hamas](https://x.org)", "[a [nested] Hamas](https://x.org)"),
        ("See [Hamas] here.", "See [Hamas] here."),
        (
            "## Hamas's position\n\nHamas said",
            "## Hamas's position\n\n[Hamas](actors/hamas.md) said",
        ),
        (
            "```\nHamas\n\nHamas\n```\nafter Hamas",
            "```\nHamas\n\nHamas\n```\nafter [Hamas](actors/hamas.md)",
        ),
        ("`` Hamas ` `` and Hamas", "`` Hamas ` `` and [Hamas](actors/hamas.md)"),
    ],
)
def test_first_mention_in_each_paragraph_is_linked(text: str, linked: str) -> None:
    assert LINKER.link(text, url) == linked


def test_an_actor_page_does_not_link_to_itself() -> None:
    assert LINKER.link("Hamas met the US.", url, skip="hamas") == (
        "Hamas met the [US](actors/us.md)."
    )


def test_explicit_links_resolve_and_unknown_ones_stay() -> None:
    def target(kind: str, target_id: str) -> str | None:
        return f"{kind}s/{target_id}.md" if target_id == "known" else None

    text = '[a](actor:known) [b](event:known#x) [c](event:missing) `[d](actor:known)` [e](actor:known "T")'
    assert (
        resolve_links(text, target)
        == '[a](actors/known.md) [b](events/known.md#x) [c](event:missing) `[d](actor:known)` [e](actors/known.md "T")'
    )


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


@pytest.mark.parametrize(
    ("text", "scoped"),
    [
        (
            "See [the report][1].\n\n[1]: https://a.example/",
            "See [the report][e-1].\n\n[e-1]: https://a.example/",
        ),
        (
            "See [1][] and [1].\n\n[1]: https://a.example/",
            "See [1][e-1] and [1][e-1].\n\n[e-1]: https://a.example/",
        ),
        (
            "A [Note][NOTE] here.\n\n  [note]: https://a.example/",
            "A [Note][e-NOTE] here.\n\n  [e-note]: https://a.example/",
        ),
        (
            "![map][m]\n\n[m]: https://a.example/m.png",
            "![map][e-m]\n\n[e-m]: https://a.example/m.png",
        ),
        (
            "Plain [brackets] and [a link](https://a.example/) stay.",
            "Plain [brackets] and [a link](https://a.example/) stay.",
        ),
        (
            "[x][other] is not ours.\n\n[1]: https://a.example/",
            "[x][other] is not ours.\n\n[e-1]: https://a.example/",
        ),
    ],
)
def test_reference_links_get_labels_of_their_own(text: str, scoped: str) -> None:
    assert scope_references(text, "e") == scoped


@pytest.mark.parametrize(
    ("text", "demoted"),
    [
        ("# Background\n\nText.", "#### Background\n\nText."),
        ("## Why\n### How\n###### Deep", "##### Why\n###### How\n###### Deep"),
        ("#hashtag and # in text", "#hashtag and # in text"),
        ("```\n# a comment in code\n```\n# After", "```\n# a comment in code\n```\n#### After"),
    ],
)
def test_headings_of_a_text_told_under_a_heading_go_below_it(text: str, demoted: str) -> None:
    # Found in review: an event's "# Heading" became an h1 in the middle of a timeline page.
    assert demote_headings(text, 3) == demoted
