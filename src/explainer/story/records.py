"""What each record's keys hold, declared once.

The reader (reader.py) walks these tables to check a file and build the model: which keys
exist, which are required, the did-you-mean for a misspelt one, and how each value is
read (each field's type, in fields.py). `schema.py` turns the same tables into the
editor's JSON Schema. So adding a field to a record is one line in its table, plus the
attribute of its dataclass in model.py. The help texts are what an editor shows on hover.
"""

from __future__ import annotations

from explainer.story.coordinates import Number
from explainer.story.fields import (
    Choice,
    Colour,
    Date,
    Field,
    Id,
    Language,
    ListOf,
    ProjectFile,
    Record,
    Text,
    TextOrId,
    TimeZone,
    Url,
)
from explainer.story.language import DIRECTIONS
from explainer.story.load import Mapping, Scalar
from explainer.story.model import (
    ACTOR_KINDS,
    ROLES,
    STATUSES,
    Actor,
    Affiliation,
    Correction,
    Embed,
    Event,
    Image,
    Link,
    Location,
    Participant,
    Quote,
    Section,
    Source,
    Tag,
    Update,
)
from explainer.story.problems import Problems

TEXT, MARKDOWN, DATE, URL = Text(), Text(markdown=True), Date(), Url()
ACTOR_REF, SOURCE_REF = Id("actor"), Id("source")

LAT = Number(-90, 90, "a latitude", "degrees north are positive, south negative: lat: 25.2854")
LON = Number(-180, 180, "a longitude", "degrees east are positive, west negative: lon: 51.531")


def lat_lon_swapped(mapping: Mapping, problems: Problems) -> bool:
    """A latitude beyond ±90 with a longitude that would fit as one is most likely a
    location written the wrong way round (lat: 139.69, lon: 35.69 is Tokyo): the range
    error then says so. (lat: 51.531, lon: 25.2854 cannot be told from a real place.)"""
    lat, lon = mapping.get("lat"), mapping.get("lon")
    if not (isinstance(lat, Scalar) and isinstance(lon, Scalar)):
        return True
    numbers = [v.value for v in (lat, lon) if isinstance(v.value, int | float)]
    numbers = [n for n in numbers if not isinstance(n, bool)]
    if len(numbers) == 2 and 90 < abs(numbers[0]) <= 180 and abs(numbers[1]) <= 90:
        problems.add(
            lat.mark,
            f"the location 'lat' is {lat.text}, but {LAT.noun} is from -90 to 90",
            f"lat and lon look swapped: write lat: {lon.text}, lon: {lat.text}",
        )
        return False
    return True


LOCATION = Record(
    "a location",
    {
        "lat": Field(LAT, "Latitude in decimal degrees, north positive: 25.2854.", required=True),
        "lon": Field(LON, "Longitude in decimal degrees, east positive: 51.531.", required=True),
    },
    Location,
    check=lat_lon_swapped,
)
SECTION = Record(
    "a section",
    {
        "question": Field(TEXT, 'The heading, e.g. "What happens next?"', required=True),
        "body": Field(MARKDOWN, "The answer, in Markdown.", required=True),
    },
    Section,
)
AFFILIATION = Record(
    "an affiliation",
    {
        "actor": Field(ACTOR_REF, "The id of the organisation, state or group.", required=True),
        "role": Field(
            TEXT, "The role, e.g. Presidential envoy for hostage affairs.", required=True
        ),
        "date": Field(DATE, "Since when, or when (an EDTF date)."),
    },
    Affiliation,
)
LINK = Record(
    "a link",
    {
        "title": Field(TEXT, "The link's text.", required=True),
        "url": Field(URL, "An http://, https:// or mailto: address.", required=True),
    },
    Link,
)
PARTICIPANT = Record(
    "a participant",
    {
        "actor": Field(ACTOR_REF, "The actor's id.", required=True),
        "role": Field(Choice(ROLES), "How the actor takes part.", required=True),
    },
    Participant,
)
QUOTE = Record(
    "a quote",
    {
        "speaker": Field(ACTOR_REF, "The id of the actor who said it.", required=True),
        "text": Field(TEXT, "The exact words, as published.", required=True),
        "source": Field(SOURCE_REF, "The id of the source that reports it."),
    },
    Quote,
)
PICTURE_FILE = ProjectFile()
IMAGE = Record(
    "an image",
    {
        "file": Field(
            PICTURE_FILE,
            "A JPEG, PNG, WebP, GIF, TIFF or AVIF file in the story's project, such as "
            "media/ever-given.jpg; never a web address.",
            required=True,
        ),
        "alt": Field(
            TEXT,
            "What the picture shows, for readers who cannot see it (screen readers).",
            required=True,
        ),
        "credit": Field(TEXT, "Who made the picture: a photographer, an agency.", required=True),
        "caption": Field(TEXT, "What the picture means here, shown under it."),
        "license": Field(TEXT, "Its licence, such as CC BY 4.0."),
        "source": Field(URL, "Where it came from: an http(s) address, linked from the credit."),
    },
    Image,
)
EMBED = Record(
    "an embed",
    {
        "url": Field(
            URL,
            "The video or post on another site; readers open it there, the page never loads it.",
            required=True,
        ),
        "poster": Field(
            PICTURE_FILE,
            "A still of it, as a file in the story's project (media/NAME.jpg), shown on the card.",
            required=True,
        ),
        "alt": Field(TEXT, "What the poster shows.", required=True),
        "credit": Field(TEXT, "Who made the video or post.", required=True),
        "caption": Field(TEXT, "What it shows or says, under the card."),
    },
    Embed,
)
UPDATE = Record(
    "an update",
    {
        "date": Field(DATE, "When it was updated (an EDTF date).", required=True),
        "note": Field(TEXT, "What changed, e.g. Hamas confirmed that the talks took place."),
    },
    Update,
    shorthand="date",
)
CORRECTION = Record(
    "a correction",
    {
        "date": Field(DATE, "When it was corrected (an EDTF date).", required=True),
        "text": Field(TEXT, "What was wrong and what is right.", required=True),
    },
    Correction,
)


def changes(what: str) -> dict[str, Field]:
    """The keys that record how a record changed (the updates page and feed list them)."""
    return {
        "added": Field(DATE, f"When the {what} entered the explainer (an EDTF date)."),
        "updated": Field(
            UPDATE, f'The {what}\'s latest update: a date, or "date" and "note" (what changed).'
        ),
        "corrections": Field(ListOf(CORRECTION), "Each correction: its date and text."),
    }


STORY = Record(
    "story",
    {
        "title": Field(TEXT, "The headline of the explainer.", required=True),
        "summary": Field(
            TEXT,
            "One paragraph shown under the title; also the home page's description.",
            required=True,
        ),
        "published": Field(DATE, "When the explainer was published (an EDTF date)."),
        **{k: f for k, f in changes("explainer").items() if k != "added"},  # added: published
        "sections": Field(ListOf(SECTION), "The narrative: questions and their answers."),
        "method": Field(MARKDOWN, "How the explainer was made, in Markdown (the About page)."),
        "sources": Field(
            ListOf(SOURCE_REF), "Ids of the sources the explainer as a whole relies on."
        ),
        "key_actors": Field(
            ListOf(ACTOR_REF),
            "Ids of the actors shown as cards on the home page (by default the six most involved).",
        ),
        "language": Field(
            Language(),
            "The language the story is written in, as a BCP 47 tag: en (the default), ar, "
            "fr, pt-BR. The site's own words, dates and counts follow it.",
        ),
        "direction": Field(
            Choice(DIRECTIONS), "rtl or ltr; by default, the language's own direction."
        ),
        "timezone": Field(
            TimeZone(),
            "The time zone the story's times of day are shown in, as an IANA name: "
            "Africa/Cairo, Asia/Gaza, UTC. By default each time is shown with its own offset.",
        ),
        "image": Field(
            IMAGE, "The lead image: on the home page, and the picture of link previews."
        ),
    },
)
ACTOR = Record(
    "an actor",
    {
        "id": Field(
            Id(), "Lowercase letters, digits and single hyphens; the page's address.", required=True
        ),
        "name": Field(TEXT, "The name readers see.", required=True),
        "kind": Field(
            Choice(ACTOR_KINDS), "What the actor is; the actors page groups by kind.", required=True
        ),
        "description": Field(MARKDOWN, "A sentence or two, in Markdown."),
        "aliases": Field(
            ListOf(TEXT, each="an alias"),
            "Other names, also in their own script; linked in prose like names.",
        ),
        "affiliations": Field(
            ListOf(AFFILIATION), "Organisations, states or groups the actor belongs to."
        ),
        "links": Field(ListOf(LINK), "Further reading."),
        "location": Field(
            LOCATION,
            "Where the actor is based, for the maps: {lat: 38.8977, lon: -77.0365}.",
        ),
        "image": Field(IMAGE, "A picture of the actor: on their page and their cards."),
        **changes("actor"),
    },
    Actor,
)
EVENT = Record(
    "an event",
    {
        "id": Field(
            Id(), "Lowercase letters, digits and single hyphens; the page's address.", required=True
        ),
        "date": Field(
            DATE,
            'When it happened, only as precisely as known (EDTF): "2025-03-05", "2025-02", '
            '"1997", "2025-02~", "2025-01-19/2025-03-02", "-0043" (44 BCE).',
            required=True,
        ),
        "title": Field(TEXT, "A short headline.", required=True),
        "body": Field(
            MARKDOWN, "What happened, in Markdown; the timeline shows its first paragraph."
        ),
        "participants": Field(ListOf(PARTICIPANT), "The actors taking part, with their roles."),
        "place": Field(TEXT, "Where it happened, in words: the map labels it so."),
        "location": Field(
            LOCATION,
            "Where it happened, for the maps, in decimal degrees: {lat: 25.2854, lon: 51.531}.",
        ),
        "status": Field(
            Choice(STATUSES),
            "confirmed (the default), reported (known only through another outlet) or "
            "disputed (accounts conflict).",
            default="confirmed",
        ),
        "sources": Field(
            ListOf(SOURCE_REF, non_empty=True, when_empty="cites no source"),
            "Ids of the sources (at least one).",
            required=True,
        ),
        "quotes": Field(ListOf(QUOTE), "What was said, shown here and on the speaker's page."),
        "tags": Field(
            ListOf(TEXT, each="a tag"),
            "Categories: ids of tags declared under tags, or short labels (shown as written).",
        ),
        "image": Field(IMAGE, "A picture: on the event's page, and small on its timeline entry."),
        "embed": Field(
            EMBED, "A video or post on another site, shown as a card with a local poster."
        ),
        **changes("event"),
    },
    Event,
)
SOURCE = Record(
    "a source",
    {
        "id": Field(Id(), "Lowercase letters, digits and single hyphens.", required=True),
        "title": Field(TEXT, "The title of the article, post or report.", required=True),
        "outlet": Field(ACTOR_REF, "The id of the actor that published it."),
        "author": Field(
            TextOrId(names="actor"),
            "Who wrote it, when not its outlet: an actor's id (linked to the actor's page) "
            'or a name shown as written, e.g. "Tacitus".',
        ),
        "url": Field(URL, "An http://, https:// or mailto: address."),
        "date": Field(DATE, "When it was published (an EDTF date)."),
        "note": Field(TEXT, 'For example, "Cited by the article; not consulted directly."'),
    },
    Source,
)
TAG = Record(
    "a tag",
    {
        "id": Field(
            Id(),
            "Lowercase letters, digits and single hyphens; events list it in their tags, "
            "and it is the tag page's address.",
            required=True,
        ),
        "name": Field(TEXT, "The name readers see (by default, the id)."),
        "description": Field(MARKDOWN, "What the tag gathers, in Markdown (its page)."),
        "colour": Field(
            Colour(),
            'The colour of its events\' marks in the charts, in quotes: "#1f77b4". It must '
            "keep 3:1 contrast with both palettes' backgrounds.",
        ),
    },
    Tag,
)
STORY_FILE = Record(
    "the file",
    {
        "story": Field(STORY, "The explainer's title, summary and narrative.", required=True),
        "actors": Field(
            ListOf(ACTOR), "People, organisations, states, groups, media.", required=True
        ),
        "events": Field(ListOf(EVENT), "Dated events, each with its sources.", required=True),
        "sources": Field(ListOf(SOURCE), "Articles, posts and reports cited.", required=True),
        "tags": Field(ListOf(TAG), "Categories of events, each with a name, page and colour."),
    },
)
