"""A second story generator, shaped unlike `synthetic.py`'s, so that no layout decision is
tuned to one generator only.

`longform_story(events=1_000, actors=100)` writes a valid story file's text where
`synthetic_story` writes a light one:

- event bodies of 40–160 words in 1–3 paragraphs, with emphasis, lists and explicit links
  to actors, earlier events and sources; one event in twenty has a long body (400–900
  words in 5–9 paragraphs);
- 2–6 participants, 1–3 sources and 1–3 tags per event, a place with its location; a
  quote on one event in five;
- many sources (one per five events), each with an outlet, a date, most with an author;
- deep affiliation chains: person → party → coalition → state → bloc (five levels);
- bursty dates: a quarter of the events fall in a few crisis months, so that some months
  have far more events than a timeline page holds.

The same arguments always give the same text.
"""

from __future__ import annotations

import random
from typing import Any

import yaml

from devtools.synthetic import _FIRST, _LAST, _PLACES, location
from explainer.story.model import ROLES

_VOCABULARY = (
    "ministers negotiators envoys ceasefire corridor convoy border crossing agreement "
    "proposal framework guarantees observers delegation parliament coalition statement "
    "sanctions aid shipment hostages prisoners exchange deadline mediation summit vote "
    "budget inquiry hearing tribunal ruling appeal protest strike blockade withdrawal "
    "reconstruction election referendum amendment charter council assembly communique"
)
_WORDS = _VOCABULARY.split()
_LINKERS = (
    "after weeks of",
    "despite",
    "in response to",
    "ahead of",
    "following",
    "amid renewed",
    "as part of",
    "without",
)
_OPENERS = (
    "According to officials,",
    "In a statement,",
    "Later that day,",
    "Reports suggest that",
    "Diplomats said that",
    "Critics argued that",
)
_QUOTES = (
    "We will not accept an agreement that leaves our people without guarantees.",
    "The door to negotiation remains open, but time is running out.",
    "This is a first step, not the end of the road.",
    "Nobody here believes the deadline will hold.",
    "We have done everything that was asked of us.",
)
_TAGS = ("talks", "aid", "ceasefire", "hostages", "elections", "courts", "protests", "sanctions")
_OUTLETS = ("Gazette", "Herald", "Courier", "Observer", "Review", "Post", "Chronicle")


def longform_story(events: int, actors: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    actor_list = _actors(actors, rng)
    people = [a for a in actor_list if a["kind"] == "person"]
    media = [a for a in actor_list if a["kind"] == "media"] or actor_list[:1]
    sources = [_source(i, rng, media, people, events) for i in range(max(5, events // 5))]
    dates = _dates(events, rng)
    event_list: list[dict[str, Any]] = []
    for i, date in enumerate(dates):
        who = rng.sample(actor_list, k=min(len(actor_list), rng.randint(2, 6)))
        cited = [s["id"] for s in rng.sample(sources, k=min(len(sources), rng.randint(1, 3)))]
        long = i % 20 == 7
        event: dict[str, Any] = {
            "id": f"e{i}-{rng.choice(_WORDS)}",
            "date": date,
            "title": f"{who[0]['name']} and {who[1]['name']}: {rng.choice(_WORDS)} "
            f"{rng.choice(_LINKERS)} {rng.choice(_WORDS)}",
            "body": _body(rng, who, event_list, cited, long),
            "participants": [{"actor": a["id"], "role": rng.choice(ROLES)} for a in who],
            "place": (place := rng.choice(_PLACES)),
            "location": location(place),
            "status": rng.choice(["confirmed", "confirmed", "confirmed", "reported", "disputed"]),
            "sources": cited,
            "tags": rng.sample(_TAGS, k=rng.randint(1, 3)),
        }
        if i % 5 == 0:
            event["quotes"] = [
                {"speaker": who[0]["id"], "text": rng.choice(_QUOTES), "source": cited[0]}
            ]
        event_list.append(event)
    story = {
        "story": {
            "title": f"A long-form story of {events} events",
            "summary": "Generated for the benchmark: long bodies, many sources, deep chains.",
            "updated": "2025-03-06",
            "sections": [
                {
                    "question": "What is this?",
                    "body": _paragraph(rng, actor_list[:3], event_list[:3], 60) + "\n",
                },
                {
                    "question": "Who is involved?",
                    "body": _paragraph(rng, actor_list[-3:], event_list[-3:], 80) + "\n",
                },
            ],
            "sources": [sources[0]["id"]],
        },
        "actors": actor_list,
        "events": event_list,
        "sources": sources,
    }
    return yaml.dump(story, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def _actors(count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Tiers from the top down, each affiliated to the tier above: a chain is
    person → party → coalition → state → bloc, and some people also work for an outlet."""
    count = max(count, 10)
    tiers = [
        ("bloc", "organisation", max(1, count // 50)),
        ("state", "state", max(1, count // 25)),
        ("coalition", "organisation", max(1, count // 20)),
        ("party", "political-party", max(1, count // 10)),
        ("outlet", "media", max(1, count // 10)),
        ("group", "armed-group", max(1, count // 50)),
    ]
    actor_list: list[dict[str, Any]] = []
    above: dict[str, list[dict[str, Any]]] = {}
    parent = {"state": "bloc", "coalition": "state", "party": "coalition"}
    for tier, kind, number in tiers:
        above[tier] = []
        for i in range(number):
            name = f"{tier.title()} of {rng.choice(_PLACES)} {len(actor_list)}"
            if kind == "media":
                name = f"The {rng.choice(_PLACES)} {_OUTLETS[i % len(_OUTLETS)]} {i}"
            actor: dict[str, Any] = {"id": f"{tier}-{i}", "name": name, "kind": kind}
            if tier in parent:
                up = rng.choice(above[parent[tier]])
                actor["affiliations"] = [{"actor": up["id"], "role": "Member"}]
                actor["description"] = f"{name} belongs to [{up['name']}](actor:{up['id']})."
            else:
                actor["description"] = f"{name} is one of the *{tier}s* of this story."
            above[tier].append(actor)
            actor_list.append(actor)
    for i in range(count - len(actor_list)):
        name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i * 5) % len(_LAST)]} {i}"
        party = rng.choice(above["party"])
        affiliations: list[dict[str, Any]] = [
            {"actor": party["id"], "role": rng.choice(["Leader", "Member", "Spokesperson"])}
        ]
        if i % 4 == 0:
            outlet = rng.choice(above["outlet"])
            affiliations.append({"actor": outlet["id"], "role": "Columnist", "date": "2019"})
        person: dict[str, Any] = {
            "id": f"person-{i}",
            "name": name,
            "kind": "person",
            "description": f"{name}, of [{party['name']}](actor:{party['id']}), "
            f"has spoken on **{rng.choice(_WORDS)}** since {2000 + i % 20}.",
            "affiliations": affiliations,
        }
        if i % 6 == 0:
            # Unique, as a real story's must be (a name shared by two actors is a warning).
            person["aliases"] = [f"{name.split()[0][0]}. {name.split()[1]} {i}"]
        if i % 9 == 0:
            person["links"] = [{"title": "Profile", "url": f"https://example.org/people/{i}"}]
        actor_list.append(person)
    return actor_list


def _source(
    i: int, rng: random.Random, media: list[dict[str, Any]], people: list[dict[str, Any]], n: int
) -> dict[str, Any]:
    source: dict[str, Any] = {
        "id": f"src-{i}",
        "title": f"{rng.choice(_OPENERS)[:-1]} {rng.choice(_WORDS)} {rng.choice(_WORDS)} ({i})",
        "outlet": rng.choice(media)["id"],
        "url": f"https://example.org/{rng.choice(_WORDS)}/{i}",
        "date": f"{2025 - _years(n) + rng.randint(0, _years(n) - 1):04d}-{rng.randint(1, 12):02d}",
    }
    if i % 3 == 0 and people:
        source["author"] = rng.choice(people)["id"]
    elif i % 3 == 1:
        source["author"] = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    if i % 7 == 0:
        source["note"] = "Cited by another outlet; not consulted directly."
    return source


def _years(events: int) -> int:
    return max(2, events // 800)


def _dates(events: int, rng: random.Random) -> list[str]:
    """In order of time, but a quarter of them in a few crisis months."""
    years = _years(events)
    start = 2025 - years
    months = years * 12
    crises = rng.sample(range(months), k=max(1, years * 2))
    dates = []
    for i in range(events):
        month = rng.choice(crises) if rng.random() < 0.25 else i * months // max(events, 1)
        year, month_of_year = start + month // 12, month % 12 + 1
        day = rng.randint(1, 28)
        style = rng.random()
        if style < 0.7:
            dates.append(f"{year:04d}-{month_of_year:02d}-{day:02d}")
        elif style < 0.85:
            dates.append(f"{year:04d}-{month_of_year:02d}")
        elif style < 0.92:
            dates.append(f"{year:04d}-{month_of_year:02d}-{day:02d}~")
        elif style < 0.97:
            end = min(12, month_of_year + rng.randint(1, 4))
            dates.append(f"{year:04d}-{month_of_year:02d}-{day:02d}/{year:04d}-{end:02d}-28")
        else:
            dates.append(f"{year:04d}")
    return dates


def _body(
    rng: random.Random,
    who: list[dict[str, Any]],
    earlier: list[dict[str, Any]],
    cited: list[str],
    long: bool,
) -> str:
    paragraphs = rng.randint(5, 9) if long else rng.randint(1, 3)
    words = rng.randint(400, 900) if long else rng.randint(40, 160)
    parts = []
    for p in range(paragraphs):
        share = words // paragraphs
        if p == 1 and rng.random() < 0.5:
            parts.append(_list(rng, who, cited))
        else:
            parts.append(_paragraph(rng, who, earlier[-50:], share))
    return "\n\n".join(parts) + "\n"


def _paragraph(
    rng: random.Random, who: list[dict[str, Any]], earlier: list[dict[str, Any]], words: int
) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        actor = rng.choice(who)
        subject = f"[{actor['name']}](actor:{actor['id']})" if rng.random() < 0.3 else actor["name"]
        topic = rng.sample(_WORDS, 3)
        emphasis = rng.choice(["*{}*", "**{}**", "{}", "{}"]).format(topic[1])
        sentence = (
            f"{rng.choice(_OPENERS)} {subject} {rng.choice(_LINKERS)} {topic[0]} "
            f"pressed for {emphasis} and the {topic[2]}"
        )
        if earlier and rng.random() < 0.25:
            before = rng.choice(earlier)
            sentence += f", as [before](event:{before['id']})"
        sentences.append(sentence + ".")
        count += len(sentence.split())
    return " ".join(sentences)


def _list(rng: random.Random, who: list[dict[str, Any]], cited: list[str]) -> str:
    items = [
        f"- {rng.choice(_WORDS)} for [{a['name']}](actor:{a['id']})"
        for a in rng.sample(who, k=min(3, len(who)))
    ]
    items.append(f"- as [reported](source:{cited[0]}), the {rng.choice(_WORDS)}")
    return "The main points:\n\n" + "\n".join(items)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Multi-line text as literal blocks (`|`), as an author writes it."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)
