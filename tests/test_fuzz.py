"""Property-based tests: generated valid stories compile and every internal link resolves;
mutated stories give a clean located error (or still compile), never a crash.

The budget is fixed (examples per test, no deadline) so the test command stays fast.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.pipeline.compile import compile_story
from explainer.render.html_page import MARK
from explainer.site.downloads import DOWNLOADS, FEED
from explainer.site.filters import filtered_pages
from explainer.site.urls import page_url
from explainer.story.model import ACTOR_KINDS, ROLES, STATUSES
from explainer.story.problems import StoryError

BUDGET = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples on every run and machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True).filter(
    lambda s: s not in ("index", "con", "prn", "aux", "nul")
)
text = st.one_of(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"), whitelist_characters="\n"
        ),
        min_size=1,
        max_size=30,
    ),
    # Text that YAML would read as a number, if the dump did not quote it.
    st.from_regex(r"[+-]?\d{1,4}(\.\d{1,2}0?)?", fullmatch=True),
).filter(lambda s: s.strip() != "")
words = st.lists(st.sampled_from(["talks", "Doha", "ceasefire", "*bold*", "`code`", "said"]))


@st.composite
def edtf_dates(draw: Any) -> str:
    year = draw(st.integers(-3000, 2100))
    sign, digits = ("-", -year) if year < 0 else ("", year)
    text = f"{sign}{digits:04d}"
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision != "year":
        text += f"-{draw(st.integers(1, 12)):02d}"
    if precision == "day":
        text += f"-{draw(st.integers(1, 28)):02d}"
    return text + draw(st.sampled_from(["", "", "~", "?"]))


@st.composite
def stories(draw: Any) -> dict[str, Any]:
    actor_ids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    source_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    event_ids = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    actors = []
    for i, actor_id in enumerate(actor_ids):
        actor: dict[str, Any] = {
            "id": actor_id,
            "name": draw(text),
            "kind": draw(st.sampled_from(ACTOR_KINDS)),
            "description": " ".join(draw(words)) or "An actor.",
            "aliases": draw(st.lists(text, max_size=2)),
        }
        if i > 0 and draw(st.booleans()):  # affiliations point backwards: no loops
            actor["affiliations"] = [{"actor": actor_ids[i - 1], "role": draw(text)}]
        actors.append(actor)
    events = []
    for event_id in event_ids:
        body_links = draw(st.lists(st.sampled_from(actor_ids + event_ids), max_size=2))
        body = (
            " ".join(draw(words))
            + " "
            + " ".join(
                f"[see](actor:{t})" if t in actor_ids else f"[see](event:{t})" for t in body_links
            )
        )
        events.append(
            {
                "id": event_id,
                "date": draw(edtf_dates()),
                "title": draw(text),
                "body": body.strip() or "Something happened.",
                "participants": [
                    {"actor": a, "role": draw(st.sampled_from(ROLES))}
                    for a in draw(st.lists(st.sampled_from(actor_ids), max_size=3, unique=True))
                ],
                "status": draw(st.sampled_from(STATUSES)),
                "sources": draw(
                    st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True)
                ),
                "quotes": [
                    {"speaker": draw(st.sampled_from(actor_ids)), "text": draw(text)}
                    for _ in range(draw(st.integers(0, 1)))
                ],
                # Corrections on any date, two on one day: each gets its own anchor.
                "corrections": [
                    {"date": day, "text": draw(text)}
                    for day in draw(st.lists(edtf_dates(), max_size=2))
                    for _ in range(draw(st.integers(1, 2)))
                ],
            }
        )
    return {
        "story": {
            "title": draw(text),
            "summary": draw(text),
            "sections": [{"question": draw(text), "body": " ".join(draw(words)) or "Because."}],
        },
        "actors": actors,
        "events": events,
        "sources": [{"id": s, "title": draw(text)} for s in source_ids],
    }


LINK = re.compile(r"\]\(([^)\s]+)\)")
ANCHOR = re.compile(r'(?:\{ #| id=")([\w-]+)')  # { #id } in Markdown, id="…" in HTML
PROSE = re.compile(r'<div class="xp-prose">(.*?)</div>', re.S)
HREF = re.compile(r'href="([^"]*)"')


def dangling_links(pages: dict[str, str]) -> list[str]:
    """Links in `pages` to neither a page (and anchor) nor a data file the site publishes."""
    data_files = {d.path for d in DOWNLOADS} | {FEED}
    anchors = {path: set(ANCHOR.findall(text)) for path, text in pages.items()}
    by_url = {page_url(path, True): path for path in pages}
    dangling = []
    for path, text in pages.items():
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue  # http(s) and mailto: not ours to resolve
            page, _, fragment = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), page))
            if resolved in data_files and not fragment:
                continue
            if resolved not in pages or (fragment and fragment not in anchors[resolved]):
                dangling.append(f"{path} → {target}")
        # The prose, and every page written as HTML, is HTML that MkDocs does not check:
        # its links are final URLs.
        written_as_html = MARK in text
        for block in [text] if written_as_html else PROSE.findall(text):
            for target in HREF.findall(block):
                if re.match(r"[a-z]+:", target):
                    continue
                address, _, fragment = urljoin("/" + page_url(path, True), target).partition("#")
                if address.lstrip("/") in data_files and not fragment:
                    continue
                resolved = by_url.get(address.lstrip("/"), "")
                if resolved not in pages or (fragment and fragment not in anchors[resolved]):
                    where = "" if written_as_html else " (in prose)"
                    dangling.append(f"{path} → {target}{where}")
    return dangling


@BUDGET
@given(story=stories())
def test_generated_stories_compile_and_every_link_resolves(tmp_path: Path, story: Any) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(story, allow_unicode=True, sort_keys=False), encoding="utf-8")
    compiled = compile_story(path)
    # The filters' pages: a page per status and kind of actor in use (site/filters.py).
    filtering = [p for p in compiled.pages if p.startswith(("timeline/status/", "timeline/kind/"))]
    assert len(filtering) == len(filtered_pages(compiled.catalog))
    own = len(compiled.pages) - len(filtering) - sum(p.startswith("tags/") for p in compiled.pages)
    assert own == 6 + len(story["actors"]) + len(story["events"])  # with updates.md
    assert dangling_links(compiled.pages) == []


SEED_TEXT = (Path(__file__).parent / "data" / "small" / "events.yaml").read_text(encoding="utf-8")
NOISE = [
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "\t",
    "#",
    "&a",
    "*a",
    "!!",
    "|",
    ">",
    "\n",
    "  ",
    "---",
    "\x00",
    "Ìý",
    "é",
    "\u200b",
    "-0043",
    "2025-02-30",
    "actor: nobody",
]


@st.composite
def mutated(draw: Any) -> str:
    text = SEED_TEXT
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "drop-line"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(NOISE)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 12)) :]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i : i + 1] = [lines[i]] * 2 if action == "duplicate-line" else []
            text = "\n".join(lines)
    return text


@settings(BUDGET, max_examples=150)
@given(text=mutated())
def test_mutated_stories_fail_cleanly_with_a_location(tmp_path: Path, text: str) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        compile_story(path)
    except StoryError as error:
        assert error.problems
        lines = text.count("\n") + 1
        for problem in error.problems:
            assert problem.mark is not None, problem
            assert 1 <= problem.mark.line <= lines + 1, problem
            assert problem.message
        assert "Traceback" not in str(error)
