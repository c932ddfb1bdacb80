"""Deterministic synthetic stories of any size, for tests and the benchmark.

`synthetic_story(events=300, actors=60)` writes a valid story file's text: actors of every
kind with affiliations, events spread over years with day, month and approximate dates
and a few ranges, participants with roles, quotes, sources and places (each with its
location: three spots in each of eight cities). The same arguments always
give the same text.
"""

from __future__ import annotations

import random
from typing import Any

import yaml

from explainer.story.model import ACTOR_KINDS, ROLES

_FIRST = [
    "Amal",
    "Ben",
    "Chiara",
    "Dov",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Karim",
    "Lea",
    "Maya",
    "Nadim",
    "Omar",
    "Priya",
    "Rami",
    "Sara",
    "Tomas",
    "Yara",
]
_LAST = [
    "Haddad",
    "Cohen",
    "Rossi",
    "Levi",
    "Demir",
    "Nasser",
    "Okafor",
    "Tanaka",
    "Silva",
    "Berg",
    "Khalil",
    "Moreau",
    "Azoulay",
    "Barakat",
    "Abbas",
    "Nair",
    "Saleh",
    "Ali",
]
_PLACES = ["Doha", "Cairo", "Geneva", "Amman", "Oslo", "Washington", "Gaza", "Jerusalem"]
#: Where each place is (decimal degrees), for the maps.
LOCATIONS = {
    "Doha": (25.2854, 51.531),
    "Cairo": (30.0444, 31.2357),
    "Geneva": (46.2044, 6.1432),
    "Amman": (31.9539, 35.9106),
    "Oslo": (59.9139, 10.7522),
    "Washington": (38.8977, -77.0365),
    "Gaza": (31.5017, 34.4668),
    "Jerusalem": (31.7683, 35.2137),
}


def location(place: str, venue: int = 0) -> dict[str, float]:
    """Where `place` is; venues 1, 2… are other spots in the same city, about 3 km apart
    (events at one city are then several places on the map, close together)."""
    lat, lon = LOCATIONS[place]
    return {"lat": round(lat + 0.03 * venue, 4), "lon": round(lon + 0.03 * venue, 4)}


_VERBS = [
    "meets",
    "talks with",
    "criticises",
    "welcomes",
    "rejects",
    "negotiates with",
    "reports on",
    "calls",
]
_SENTENCES = [
    "Officials described the meeting as constructive, though no agreement was announced.",
    "The talks focused on the release of captives and on humanitarian aid.",
    "Observers said the move reflected a change in approach.",
    "A spokesperson declined to comment on the details.",
    "The statement was published late in the evening.",
]


def synthetic_story(events: int, actors: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    people = max(1, actors * 3 // 5)
    actor_list: list[dict[str, Any]] = []
    for i in range(actors):
        kind = "person" if i < people else ACTOR_KINDS[1 + (i % (len(ACTOR_KINDS) - 1))]
        if kind == "person":
            name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i * 7) % len(_LAST)]} {i}"
        else:
            name = f"{kind.replace('-', ' ').title()} {i}"
        actor_list.append(
            {
                "id": f"actor-{i}",
                "name": name,
                "kind": kind,
                "description": f"{name} is one of the actors of this story.",
            }
        )
    bodies = [a["id"] for a in actor_list if a["kind"] != "person"] or [actor_list[0]["id"]]
    for actor in actor_list[:people]:
        if rng.random() < 0.7:
            actor["affiliations"] = [{"actor": rng.choice(bodies), "role": "Spokesperson"}]
    sources = [
        {
            "id": f"source-{i}",
            "title": f"Report number {i}",
            "url": f"https://example.org/reports/{i}",
        }
        for i in range(max(3, events // 10))
    ]
    event_list = []
    start_year = 2025 - max(1, events // 120)
    for i in range(events):
        year = start_year + i * (2025 - start_year + 1) // max(events, 1)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        style = rng.random()
        if style < 0.6:
            date = f"{year:04d}-{month:02d}-{day:02d}"
        elif style < 0.85:
            date = f"{year:04d}-{month:02d}"
        elif style < 0.95:
            date = f"{year:04d}-{month:02d}~"
        else:
            end_month = min(12, month + rng.randint(1, 3))
            date = f"{year:04d}-{month:02d}/{year:04d}-{end_month:02d}"
        who = rng.sample(actor_list, k=min(len(actor_list), rng.randint(2, 4)))
        speaker = who[0]
        event_list.append(
            {
                "id": f"event-{i}",
                "date": date,
                "title": f"{who[0]['name']} {rng.choice(_VERBS)} {who[1]['name']}"
                if len(who) > 1
                else f"{who[0]['name']} speaks",
                "body": " ".join(rng.sample(_SENTENCES, 2)),
                "participants": [{"actor": a["id"], "role": rng.choice(ROLES[:6])} for a in who],
                "place": (place := rng.choice(_PLACES)),
                "location": location(place, venue=i % 3),
                "status": rng.choice(["confirmed", "confirmed", "reported", "disputed"]),
                "sources": [rng.choice(sources)["id"]],
                "quotes": [
                    {
                        "speaker": speaker["id"],
                        "text": rng.choice(_SENTENCES),
                        "source": rng.choice(sources)["id"],
                    }
                ]
                if rng.random() < 0.3
                else [],
                "tags": [rng.choice(["talks", "aid", "ceasefire", "hostages"])],
            }
        )
    story = {
        "story": {
            "title": f"A synthetic story of {events} events",
            "summary": "Generated for tests and benchmarks.",
            "updated": "2025-03-06",
            "sections": [{"question": "What is this?", "body": " ".join(_SENTENCES)}],
        },
        "actors": actor_list,
        "events": event_list,
        "sources": sources,
    }
    return yaml.safe_dump(story, allow_unicode=True, sort_keys=False, width=100)
