"""The data files published with the site: where each goes, and how the About page names it.

One table, read by the About page's links and by the code that writes the files
(`exports.py`), so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

STORY_JSON = "data/story.json"
EVENTS_CSV = "data/events.csv"
ACTORS_CSV = "data/actors.csv"
CALENDAR = "data/events.ics"
TIMELINE_JSON = "data/timelinejs.json"
#: The Atom feed of every addition, update and correction, at the site's root, where
#: feed readers look for it; every page's <head> links to it.
FEED = "feed.xml"


@dataclass(frozen=True)
class Download:
    path: str
    label: str
    what: str


DOWNLOADS = (
    Download(
        STORY_JSON,
        "The whole story (JSON)",
        "every actor, event, quote and source, with ids resolved and each page's address",
    ),
    Download(EVENTS_CSV, "Events (CSV)", "one row per event, for a spreadsheet"),
    Download(ACTORS_CSV, "Actors (CSV)", "one row per actor, for a spreadsheet"),
    Download(
        CALENDAR,
        "Calendar (iCalendar)",
        "the events known to the day, for a calendar app",
    ),
    Download(
        TIMELINE_JSON,
        "TimelineJS data (JSON)",
        "the events in the format of Knight Lab's TimelineJS",
    ),
)
