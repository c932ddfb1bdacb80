"""How the story changed: every addition, update and correction, newest first.

The updates page, the home page's latest updates and the Atom feed all list these, so they
are gathered once here, with a key for each that stays the same from one build to the next
(the feed's entry ids are made from it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explainer.story.dates import StoryDate
from explainer.story.model import Actor, Correction, Event, Story, Update

#: The order of changes made on the same day: a correction is news before an update, and
#: an update before the addition it follows.
KIND_ORDER = {"corrected": 0, "updated": 1, "added": 2}


@dataclass(frozen=True)
class Change:
    """One entry of the updates page and the feed."""

    #: "added", "updated" or "corrected".
    kind: str
    date: StoryDate
    #: The update's note or the correction's text (an addition has none).
    text: str | None
    #: The actor or event that changed; None for the explainer itself.
    record: Actor | Event | None = None
    #: A correction's number among the record's corrections of the same day (1, 2, …), so
    #: that adding a correction on another day changes no other entry's key.
    number: int = 0

    @property
    def what(self) -> str:
        """"event", "actor" or "story"."""
        return "story" if self.record is None else type(self.record).__name__.lower()

    @property
    def key(self) -> str:
        """Names this change for as long as it is in the story: 'event/doha-talks/
        corrected/2025-03-08/1'. (A record's id is its lasting address too.)"""
        who = self.what if self.record is None else f"{self.what}/{self.record.id}"
        tail = f"/{self.number}" if self.number else ""
        return f"{who}/{self.kind}/{self.date.text}{tail}"


def story_changes(
    story: Story, actors: Iterable[Actor], events: Iterable[Event]
) -> tuple[Change, ...]:
    """Every change, newest first."""
    found: list[Change] = []
    if story.published:
        found.append(Change("added", story.published, None))
    found.extend(_of(None, story.updated, story.corrections))
    records: list[Actor | Event] = [*events, *actors]
    for record in records:
        if record.added:
            found.append(Change("added", record.added, None, record))
        found.extend(_of(record, record.updated, record.corrections))
    order = sorted(enumerate(found), key=lambda i_c: _newest_first(i_c[1], i_c[0]))
    return tuple(change for _, change in order)


def _of(
    record: Actor | Event | None,
    updated: Update | None,
    corrections: tuple[Correction, ...],
) -> list[Change]:
    changes = []
    if updated:
        changes.append(Change("updated", updated.date, updated.note, record))
    same_day: dict[str, int] = {}
    for correction in corrections:
        number = same_day[correction.date.text] = same_day.get(correction.date.text, 0) + 1
        changes.append(Change("corrected", correction.date, correction.text, record, number))
    return changes


def _newest_first(change: Change, index: int) -> tuple[object, ...]:
    latest, earliest = change.date.latest, change.date.earliest
    return (
        tuple(-n for n in latest),
        tuple(-n for n in earliest),
        KIND_ORDER[change.kind],
        index,
    )
