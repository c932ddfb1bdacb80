"""A source's author: an actor's id links to the actor; any other text is a name, shown
as written; an id-shaped author that is close to an actor's id is taken for a typo."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from explainer.pipeline.compile import check_story, compile_story
from explainer.render.data_files import SiteUrls, story_json
from explainer.render.page_meta import PageFacts, PageMetadata
from explainer.story.problems import StoryError
from tests.conftest import MINIMAL

#: The author's value is on line 19, column 13 of the story below.
AUTHOR_AT = (19, 13)


def with_author(value: str) -> str:
    story = MINIMAL.replace("    title: A report\n", f"    title: A report\n    author: {value}\n")
    assert story.splitlines()[AUTHOR_AT[0] - 1].index(value) + 1 == AUTHOR_AT[1]
    return story


@pytest.mark.parametrize(
    ("value", "actor", "text"),
    [
        ("alice", "alice", "alice"),  # an actor's id
        ("Tacitus", None, "Tacitus"),  # a name
        ("anonymous", None, "anonymous"),  # shaped like an id, but close to no actor's
        ("Alice", None, "Alice"),  # the actor's name, not its id: a name as written
        ("1997", None, "1997"),  # YAML would read a number
        ('"  Pliny the Elder "', None, "Pliny the Elder"),
    ],
)
def test_an_author_is_an_actor_or_a_name(
    story_file: Callable[[str], Path], value: str, actor: str | None, text: str
) -> None:
    catalog = check_story(story_file(with_author(value))).catalog
    source = catalog.sources["report"]
    assert source.author is not None and source.author.text == text
    found = catalog.author(source)
    assert (found.id if found else None) == actor


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        (
            "alicee",
            "the source's author 'alicee' is not an actor id",
            "did you mean 'alice'? To show a name instead, write it as readers should see "
            "it, such as 'Tacitus'",
        ),
        ('"  "', "the source 'author' is empty", "write the text or remove the key"),
        ("[a, b]", "the source 'author' should be text, not a list", ""),
        (
            "yes",
            "the source 'author' should be text, not the boolean true",
            "write the text after the colon",
        ),
    ],
)
def test_a_wrong_author_is_located_and_explained(
    story_file: Callable[[str], Path], value: str, message: str, hint: str
) -> None:
    with pytest.raises(StoryError) as error:
        check_story(story_file(with_author(value)))
    [problem] = error.value.problems
    assert (problem.mark, problem.message, problem.hint) == (AUTHOR_AT, message, hint)


def test_the_author_is_shown_linked_to_the_actor(story_file: Callable[[str], Path]) -> None:
    story = with_author("alice") + (
        "  - id: annals\n    title: Annals\n    author: Tacitus <b>\n    outlet: alice\n"
    )
    compiled = compile_story(
        story_file(story.replace("sources: [report]", "sources: [report, annals]"))
    )
    sources = compiled.pages["sources.md"]
    assert '<p class="xp-meta">by <a href="../actors/alice/">Alice</a></p>' in sources
    # A name is escaped, and the outlet is still named after it.
    assert 'by Tacitus &lt;b&gt; · <a href="../actors/alice/">Alice</a>' in sources
    event = compiled.pages["events/meeting.md"]
    assert '<li>A report by <a href="../../actors/alice/">Alice</a></li>' in event

    urls = SiteUrls(compiled.catalog, compiled.layout)
    data = {s["id"]: s for s in json.loads(story_json(compiled.catalog, urls))["sources"]}
    assert data["report"]["author"] == {"id": "alice", "name": "Alice"}
    assert data["annals"]["author"] == {"id": None, "name": "Tacitus <b>"}

    graph = PageMetadata(urls, "Site").json_ld(PageFacts("events/meeting.md", "t", "d"))
    cited = {work["name"]: work for work in graph["subjectOf"]}
    assert cited["A report"]["author"] == {
        "@type": "Person",
        "name": "Alice",
        "url": "../../actors/alice/",
    }
    assert cited["Annals"]["creditText"] == "Tacitus <b>"
