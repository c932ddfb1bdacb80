"""How much HTML an event adds to the timeline page that lists it, and an actor to the
actors page, estimated from the story alone, before any page is rendered, so that the
layout can cut the timeline and the lists of actors into pages that stay light whatever
the events and actors are like; and how much the whole story's network weighs, so that
it is drawn no bigger than its share of the actors page.

An event shows on its timeline page in four places, and its title in most of them:

- its entry (render/templates/_timeline.html.j2: `timeline_entry`, or `full_entry` in a story
  without event pages): heading, date line, the opening of its body (all of it when told
  in full), who took part, its sources (in full: title, author, outlet, date), quotes, tags,
  its picture (a thumbnail; in full, a figure with its credit, and its embed's card);
- the page's table of contents (the theme's: a list item with the title);
- the chart, drawn twice (across for wide screens, down the page for phones): a mark in
  each, a visible label beside each, and the title once more as the links' name and
  tooltip (render/charts/timeline.py, timeline_tall.py);
- the page's structured data (JSON-LD): title, address, dates, a line of summary.

The figures below were measured on built pages (`devtools/longform.py`'s stories and
stories of very long titles, both with and without event pages) and rounded up: the
estimate errs on the heavy side, so that a page cut by it is not heavier than thought.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from explainer.catalog.crossref import Catalog
from explainer.story.model import Actor, Event, Source

#: The markup an entry costs whatever it shows: heading and permalink, date line and
#: status, the excerpt's wrappers and "Read more" (told in full: the wrappers that keep
#: who took part and the sources out of search, fewer bytes), its line in the table of
#: contents, its chart mark and its JSON-LD item.
#: Measured: the two drawings' marks and labels take 618 bytes an event, 360 more than
#: one unlabelled drawing did (devtools' synthetic story, 60 events), 340 of them markup.
ENTRY_BYTES = 1250
#: A title is shown six times: heading, table of contents, the two charts' labels, their
#: links' name and tooltip (one <title> for both), structured data (a band's label is a
#: seventh, short enough to leave to the rounding up).
TITLE_TIMES = 6
#: An event's id is in the heading's anchor and permalink, the table of contents, the
#: links to its page (both charts, "Read more", structured data), both charts' marks for
#: the filters (data-event) and the id that names both charts' links.
ID_TIMES = 11
#: Markdown turned into HTML grows: a link's address is written out as a relative URL,
#: names of actors are linked where they are mentioned, emphasis becomes tags. Linked
#: prose (`devtools/longform.py`: a link or a name in every sentence) grows by a third;
#: more names in fewer words grow more, hence the room above that.
PROSE_GROWTH = 1.5
#: A link to an actor or a source, beyond its name and id: `<a href="../../actors/…/">`,
#: `</a>` and the comma after it.
LINK_BYTES = 40
#: The line of summary in the structured data, at most this many characters
#: (render/page_meta.py's SHORT_DESCRIPTION), and the plain date shown in each place.
SUMMARY_BYTES = 170
DATE_BYTES = 100
#: The filters' attributes on an entry (`data-status="…" data-kinds="…"` and the names of
#: the others); each actor adds its id and, at most, its kind.
FILTER_DATA_BYTES = 80
#: A picture (render/pictures.py): <picture>, <source> and <img> with six addresses of up
#: to 100 bytes each (a file name of up to 40 characters, its digest and width), `sizes`
#: twice, `width`, `height` and `loading`; the alt text is added to it.
PICTURE_BYTES = 1200
#: A figure's or card's wrappers and credit line beyond the picture, and an embed's link.
CAPTION_BYTES = 300


def event_weight(event: Event, catalog: Catalog, full: bool) -> int:
    """Bytes of HTML `event` adds to its timeline page; `full`: told in full there (a
    story without event pages), else by its opening with a link to its own page."""
    weight = ENTRY_BYTES + DATE_BYTES + TITLE_TIMES * _bytes(event.title)
    weight += ID_TIMES * len(event.id) + _bytes(event.place or "")
    if event.body:
        text = event.body.text if full else _first_block(event.body.text)
        weight += int(PROSE_GROWTH * _bytes(text)) + SUMMARY_BYTES
    for taking_part in event.participants:
        actor = catalog.actors.get(taking_part.actor.id)
        if actor is not None:
            weight += _link(actor.name, actor.id)
            if full:
                weight += _bytes(taking_part.role) + 3
    for ref in event.sources:
        source = catalog.sources.get(ref.id)
        if source is not None:
            weight += _link(source.title, source.id)
            if full:
                weight += _source_details(source, catalog)
    if full:
        for said in event.quotes:
            speaker = catalog.actors.get(said.speaker.id)
            weight += 2 * LINK_BYTES + int(PROSE_GROWTH * _bytes(said.text))
            weight += _bytes(speaker.name) + len(speaker.id) if speaker else 0
            source = catalog.sources.get(said.source.id) if said.source else None
            weight += _link(source.title, source.id) if source else 0
    # Every entry links its tags (their name, and their id in the address and in the
    # filters' data-tags) and carries its actors' ids and kinds for the filters.
    weight += sum(LINK_BYTES + 3 * _bytes(tag) for tag in event.tags)
    weight += FILTER_DATA_BYTES + sum(len(p.actor.id) + 12 for p in event.participants)
    if event.image:
        weight += PICTURE_BYTES + _bytes(event.image.alt)
        if full:
            image = event.image
            written = (image.caption, image.credit, image.license, image.source)
            weight += CAPTION_BYTES + sum(_bytes(text or "") for text in written)
    if event.embed and full:
        embed = event.embed
        weight += PICTURE_BYTES + CAPTION_BYTES + 2 * _bytes(embed.url) + _bytes(embed.alt)
        weight += _bytes(embed.caption or "") + _bytes(embed.credit)
    return weight


#: The actors page: the whole story's network (its two drawings and the table that says
#: the same in text) takes at most NETWORK_BYTES, the lines of actors listed below it
#: the rest of ACTORS_PAGE_BYTES; when they would take more, they are listed on pages of
#: their own (site/layout.py's actor_lists), each of at most ACTORS_PAGE_BYTES of lines.
#: With the theme's own (17-20 KB) and room for the estimate's error, no actors page
#: passes 150 KB. (Before the network was weighed, 60 actors and 262 connections drawn
#: twice, with their table, weighed 135 KB, and their page 189 KB.)
ACTORS_PAGE_BYTES = 120_000
NETWORK_BYTES = 75_000
#: The network's frame in both drawings (title, description, legend) and its table's.
NETWORK_FRAME_BYTES = 6_500
#: An actor in the network, beyond its name and id: in each drawing a numbered link
#: with its mark and its label (200 bytes measured), and its row of the table (45).
NETWORK_ACTOR_BYTES = 2 * 220 + 60
#: A connection, beyond the names and ids of its ends and its description: a line in
#: each drawing (class, ends, width: 135-145 bytes measured), and twice in the table
#: (under each end, a link to the other and the brackets around how they are joined).
NETWORK_LINK_BYTES = 2 * 150 + 2 * 30
#: An actor's line in a list of actors, beyond its name, id and description: its kind's
#: icon (an inline SVG, 177-197 bytes), the link, the count of its events (40) and the
#: list item around them.
ACTOR_LINE_BYTES = 260
#: A description's opening, as HTML in a line, grows less than an event's prose: names
#: are not linked there, only explicit links, whose address is written out.
LINE_GROWTH = 1.25


#: An event listed on the page of a tag, a status or a kind, beyond its title and id: its
#: line (date, link, status with its explanation: 200 bytes measured) and its marks and
#: labels in the page's chart, drawn twice (as on a timeline page: 618 bytes).
LISTED_EVENT_BYTES = 850


def listed_event_weight(event: Event) -> int:
    """Bytes of HTML `event` adds to the page of a tag, status or kind that lists it: the
    title in its line, both charts' labels and their links' name; the id in its link,
    both charts' links and their marks' data-event."""
    return LISTED_EVENT_BYTES + 4 * _bytes(event.title) + 5 * len(event.id)


def network_weight(actors: Sequence[Actor], connections: Iterable[tuple[Actor, Actor, str]]) -> int:
    """Bytes of HTML the whole story's network of `actors` adds to the actors page: both
    drawings and the table; `connections` are the pairs joined and how (described as
    the table says it)."""
    weight = NETWORK_FRAME_BYTES
    for actor in actors:
        # The name three times in each drawing and once in the table; the id in each
        # drawing's link and in the table's.
        weight += NETWORK_ACTOR_BYTES + 7 * _bytes(actor.name) + 3 * len(actor.id)
    for a, b, how in connections:
        # In the table each end links the other, with the description.
        weight += NETWORK_LINK_BYTES + 2 * _bytes(how)
        weight += _bytes(a.name) + len(a.id) + _bytes(b.name) + len(b.id)
    return weight


def actor_line_weight(actor: Actor) -> int:
    """Bytes of HTML `actor`'s line adds to a list of actors: icon, link to its page,
    the opening of its description, its count of events."""
    weight = ACTOR_LINE_BYTES + _link(actor.name, actor.id)
    if actor.description:
        weight += int(LINE_GROWTH * _bytes(_first_block(actor.description.text)))
    return weight


def _source_details(source: Source, catalog: Catalog) -> int:
    """What a source's line adds in an event told in full: its own address as the link,
    author, outlet and date (`source_line`)."""
    weight = 2 * _bytes(source.url or "") + DATE_BYTES
    if source.author:
        writer = catalog.actors.get(source.author.text)
        weight += _link(writer.name, writer.id) if writer else _bytes(source.author.text) + 5
    if source.outlet:
        outlet = catalog.actors.get(source.outlet.id)
        weight += _link(outlet.name, outlet.id) if outlet else 0
    return weight


def _link(text: str, target_id: str) -> int:
    return LINK_BYTES + _bytes(text) + len(target_id)


def _first_block(text: str) -> str:
    """The opening a timeline entry shows: the body's first block (up to its first blank
    line; a block that holds blank lines, like a fenced example, is rare enough)."""
    return text.strip().split("\n\n", 1)[0]


def _bytes(text: str) -> int:
    # HTML is measured in bytes: a letter outside ASCII takes two or three.
    return len(text.encode("utf-8"))
