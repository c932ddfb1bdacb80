"""Tags resolved: each event's tags as the pages show them, and each tag's events.

An event's tag is the id of a tag declared at the top of the file (with a name, a
description and a colour) or any short label, which keeps its text as its name. Either
kind gets a page, `tags/<id>/`: an undeclared label's id is made from its text, so that
"Hostage deal" and "hostage deal" are one tag, and a label in another script keeps its
letters ("عريضة"). A label one typo away from a declared id is most likely that tag: a
warning says so (strict builds fail on it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from explainer.story.ids import RESERVED_IDS, is_id, slugify
from explainer.story.model import Event, Prose, Story
from explainer.story.problems import Problems, closest


@dataclass(frozen=True)
class TagInfo:
    """A tag as the pages show it, declared or not."""

    id: str
    name: str
    description: Prose | None = None
    colour: str | None = None
    declared: bool = False


@dataclass(frozen=True)
class Tags:
    #: Every tag: declared ones in the file's order, then labels in order of first use. A
    #: tuple, not a mapping: the pages list them in this order, and a page that read them
    #: must be rendered again when the order changes (render/reuse.py values a mapping
    #: regardless of its order).
    tags: tuple[TagInfo, ...]
    #: Each tag's events, in timeline order.
    tagged: dict[str, tuple[Event, ...]]
    #: Each event's tags, in the order it lists them (each once).
    event_tags: dict[str, tuple[TagInfo, ...]]


def tag_id(text: str) -> str:
    """The page id of a tag written as `text`: itself when it is an id, else its words
    joined by hyphens, in ASCII where the text is Latin ('Hostage deal' → 'hostage-deal')
    and in its own letters where it is not ('عريضة')."""
    text = text.strip()
    if is_id(text):
        return text
    found = slugify(text)
    if not found:
        words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
        found = "-".join(w.replace("_", "-").strip("-") for w in words) or "tag"
    # A label such as "Index" must not take the tags index's own address.
    return f"{found}-tag" if found in RESERVED_IDS else found


def resolve_tags(
    story: Story,
    timeline: tuple[Event, ...],
    problems: Problems,
    check_prose: Callable[[Prose | None], None],
) -> Tags:
    declared: dict[str, TagInfo] = {}
    for tag in story.tags:
        if tag.id in declared:
            problems.add(
                tag.mark,
                f"duplicate tag id '{tag.id}'",
                "declare each tag once; give the other a different id",
            )
            continue
        check_prose(tag.description)
        declared[tag.id] = TagInfo(
            tag.id, tag.name or tag.id, tag.description, tag.colour, declared=True
        )
    tags = dict(declared)
    tagged: dict[str, list[Event]] = {tag_id: [] for tag_id in declared}
    event_tags: dict[str, tuple[TagInfo, ...]] = {}
    for event in timeline:
        own: dict[str, TagInfo] = {}
        for text in event.tags:
            key = text if text in declared else tag_id(text)
            if key not in tags:
                meant = closest(text, declared) if declared else None
                if meant:
                    problems.warn(
                        event.mark,
                        f"event '{event.id}' has the tag '{text}', which is not declared",
                        f"did you mean '{meant}'? To keep it as a tag of its own, declare it "
                        "under tags",
                    )
                tags[key] = TagInfo(key, text)
                tagged[key] = []
            if key not in own:
                own[key] = tags[key]
                tagged[key].append(event)
        event_tags[event.id] = tuple(own.values())
    return Tags(tuple(tags.values()), {k: tuple(v) for k, v in tagged.items()}, event_tags)
