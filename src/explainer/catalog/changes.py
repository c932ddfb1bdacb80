"""How the story changed: every addition, update and correction, newest first.

The updates page, the home page's latest updates and the Atom feed all list these, so they
are gathered once here, with a key for each that stays the same from one build to the next
(the feed's entry ids are made from it).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from explainer.story.dates import StoryDate
from explainer.story.model import Actor, Event, Story

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
        """ "event", "actor" or "story"."""
        return "story" if self.record is None else type(self.record).__name__.lower()

    @property
    def label(self) -> str:
        """What the change is called (in English, the pages' words table translates it):
        the explainer's own addition is its publication."""
        if self.kind == "added" and self.record is None:
            return "Published"
        return {"added": "Added", "updated": "Updated", "corrected": "Corrected"}[self.kind]

    @property
    def key(self) -> str:
        """Names this change for as long as it is in the story: 'event/doha-talks/
        corrected/2025-03-08/1'. (A record's id is its lasting address too.)"""
        who = self.what if self.record is None else f"{self.what}/{self.record.id}"
        tail = f"/{self.number}" if self.number else ""
        return f"{who}/{self.kind}/{self.date.text}{tail}"

    @property
    def anchor(self) -> str:
        """The HTML id of this change where its record's page shows it: 'corrected-
        2025-03-08-1' (prefixed with the record's id, for a page that tells several)."""
        who = "story" if self.record is None else self.record.id
        text = f"{who}-{self.kind}-{self.date.text}-{self.number or ''}"
        anchor = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        if not re.fullmatch(r"[0-9-]+", self.date.text):
            # "2025-02~" and "2025-02?" would read alike: the key tells them apart.
            anchor += "-" + hashlib.sha1(self.key.encode()).hexdigest()[:6]
        return anchor


def story_changes(
    story: Story, actors: Iterable[Actor], events: Iterable[Event]
) -> tuple[Change, ...]:
    """Every change, newest first."""
    records: list[Story | Actor | Event] = [story, *events, *actors]
    return newest_first([c for record in records for c in record_changes(record)])


def record_changes(record: Story | Actor | Event) -> tuple[Change, ...]:
    """One record's changes, newest first: what its page shows."""
    owner = None if isinstance(record, Story) else record
    added = record.published if isinstance(record, Story) else record.added
    found = [Change("added", added, None, owner)] if added else []
    if record.updated:
        found.append(Change("updated", record.updated.date, record.updated.note, owner))
    same_day: dict[str, int] = {}
    for correction in record.corrections:
        day = correction.date.text
        number = same_day[day] = same_day.get(day, 0) + 1
        found.append(Change("corrected", correction.date, correction.text, owner, number))
    return newest_first(found)


def newest_first(changes: list[Change]) -> tuple[Change, ...]:
    order = sorted(enumerate(changes), key=lambda i_c: _newest_first(i_c[1], i_c[0]))
    return tuple(change for _, change in order)


def _newest_first(change: Change, index: int) -> tuple[object, ...]:
    latest, earliest = change.date.latest, change.date.earliest
    return (
        tuple(-n for n in latest),
        tuple(-n for n in earliest),
        KIND_ORDER[change.kind],
        index,
    )
