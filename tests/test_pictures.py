"""The pictures, without a browser: dates on the axis, breaks, label overlaps, determinism,
escaping and colour contrast."""

from __future__ import annotations

import datetime
import html
import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest
from devtools.synthetic import synthetic_story
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.catalog.crossref import Catalog
from explainer.pipeline.compile import check_story
from explainer.render.charts import svg
from explainer.render.charts.network import MAX_NODES, links, network
from explainer.render.charts.network_draw import LINE_KINDS
from explainer.render.charts.periods import Bar, period_svg
from explainer.render.charts.time_scale import civil as _civil
from explainer.render.charts.time_scale import day_number, segments, spans, ticks
from explainer.render.charts.timeline import timeline_svg
from tests.conftest import MINIMAL, SEED, child_env

CSS = Path(__file__).parent.parent / "src" / "explainer" / "render" / "assets" / "explainer.css"
BCE = Path(__file__).parent / "data" / "bce" / "events.yaml"
ARABIC = Path(__file__).parent.parent / "examples" / "arabic" / "events.yaml"


def drawings(chart: str) -> tuple[str, str]:
    """The timeline's two drawings: time across (wide screens), time down (phones)."""
    wide, tall, rest = chart.split("</svg>")
    assert rest == "" and "xp-timeline--wide" in wide and "xp-timeline--tall" in tall
    return wide + "</svg>", tall + "</svg>"


@pytest.fixture(scope="module")
def seed() -> Catalog:
    return check_story(SEED).catalog


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    path = tmp_path_factory.mktemp("large") / "events.yaml"
    path.write_text(synthetic_story(events=300, actors=60), encoding="utf-8")
    return check_story(path).catalog


@pytest.mark.parametrize(
    "day", [(1970, 1, 1), (2025, 3, 5), (2000, 2, 29), (1, 1, 1), (1600, 12, 31)]
)
def test_day_numbers_match_the_calendar(day: tuple[int, int, int]) -> None:
    expected = datetime.date(*day).toordinal() - datetime.date(1970, 1, 1).toordinal()
    assert day_number(day) == expected
    assert _civil(expected) == day


@pytest.mark.parametrize("day", [(-43, 3, 15), (0, 2, 29), (-1000, 12, 31)])
def test_days_before_the_common_era_round_trip(day: tuple[int, int, int]) -> None:
    assert _civil(day_number(day)) == day
    assert day_number(day) < day_number((1, 1, 1))


def test_the_long_gap_before_2025_is_cut_out(seed: Catalog) -> None:
    groups = segments(spans(seed.timeline))
    assert len(groups) == 2
    assert [s.event.id for s in groups[0].members] == ["us-designates-hamas"]
    chart = timeline_svg(seed.timeline, lambda e: e.id, chart_id="t", title="T")
    for drawing in drawings(chart):
        assert drawing.count('class="xp-break"') == 1
        assert ">1997<" in drawing and ">1 Jan 2025<" in drawing


def test_evenly_spread_events_get_no_break(large: Catalog) -> None:
    assert len(segments(spans(large.timeline))) == 1


def test_each_date_is_drawn_at_its_precision(seed: Catalog) -> None:
    chart, tall = drawings(
        timeline_svg(seed.timeline, lambda e: f"events/{e.id}/", chart_id="t", title="T")
    )
    marks = dict(
        re.findall(r'<a href="events/([^/]+)/"[^>]*><title[^>]*>[^<]*</title><(circle|rect)', chart)
    )
    assert marks["doha-talks"] == "circle"  # known to the day: a dot
    assert marks["february-talks"] == "rect"  # known to the month: a bar
    assert marks["us-designates-hamas"] == "rect"  # known to the year: a bar
    assert 'class="xp-band xp-band--open-start' in chart  # the ceasefire's first phase
    assert ">First phase of the Gaza ceasefire</text>" in chart
    assert len(re.findall(r'<a href="events/', chart)) == len(seed.timeline)  # every event
    assert len(re.findall(r'<a href="events/', tall)) == len(seed.timeline)


def tick_boxes(chart: str) -> list[tuple[float, float]]:
    boxes = []
    for x, label in re.findall(r'class="xp-tick-label" x="([\d.]+)"[^>]*>([^<]+)<', chart):
        width = svg.text_width(label, 12)
        boxes.append((float(x) - width / 2, float(x) + width / 2))
    return sorted(boxes)


@pytest.mark.parametrize("story", ["seed", "large", "one month"])
def test_axis_labels_do_not_overlap(story: str, request: pytest.FixtureRequest) -> None:
    catalog = request.getfixturevalue("large" if story == "one month" else story)
    events = catalog.timeline
    if story == "one month":  # a timeline page of a busy month: a tick right at the edge
        month = events[40].date.earliest[:2]
        events = tuple(e for e in events if e.date.earliest[:2] == month)
    chart, _ = drawings(timeline_svg(events, lambda e: e.id, chart_id="t", title="T"))
    boxes = tick_boxes(chart)
    assert len(boxes) >= 3
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(boxes))
    assert boxes[0][0] >= 0 and boxes[-1][1] <= 720  # no label cut at the chart's edges


def label_boxes(chart: str) -> list[tuple[float, float, float, float]]:
    boxes = []
    pattern = r'<text class="xp-node-label" x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">([^<]*)<'
    for x, y, anchor, label in re.findall(pattern, chart):
        width = svg.text_width(label.replace("&amp;", "&"), 12)
        left = float(x) - {"start": 0, "middle": width / 2, "end": width}[anchor]
        boxes.append((left, float(y) - 12, left + width, float(y) + 3))
    return boxes


@pytest.mark.parametrize("story", ["seed", "large", "seed, around Hamas"])
def test_network_labels_do_not_overlap(story: str, request: pytest.FixtureRequest) -> None:
    catalog = request.getfixturevalue(story.split(",")[0])
    focus = catalog.actors["hamas"] if "Hamas" in story else None
    height = max(540, 12 * min(len(catalog.actors), 60))  # as the actors page draws it
    net = network(
        catalog, links(catalog), lambda a: a.id, chart_id="n", title="N", height=height, focus=focus
    )
    wide, compact, rest = net.svg.split("</svg>")
    assert rest == "" and "xp-network--wide" in wide and "xp-network--compact" in compact
    for drawing in (wide, compact):
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', drawing)[1])  # type: ignore[index]
        boxes = label_boxes(drawing)
        nodes = len(re.findall(r"<a class=", drawing))
        # The most connected actors, as many as the actors page has room for
        # (site/weight.py's NETWORK_BYTES): about 30 of the large story's 60.
        assert nodes >= min(len(catalog.actors), 60) * 0.5 or focus
        # Every node keeps its tooltip, link and table row; a label only where it fits next
        # to the node: all of them in the seed story (nearly all on a phone), most of them
        # in a dense tangle.
        share = 0.5 if story == "large" else 0.9 if drawing is compact else 1
        assert len(boxes) >= share * nodes
        for a, b in itertools.combinations(boxes, 2):
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        assert all(box[0] >= 0 and box[2] <= width for box in boxes)


def test_the_network_legend_names_each_kind_of_line_drawn(seed: Catalog) -> None:
    net = network(seed, links(seed), lambda a: a.id, chart_id="n", title="N")
    for drawing in net.svg.split("</svg>")[:2]:
        legend = drawing.split('<g class="xp-legend"', 1)[1]
        drawn = set(re.findall(r'<(?:line|path) class="xp-edge xp-edge--(\w+) xp-e', drawing))
        assert drawn == {"affiliation", "mediation", "shared"}
        for kind, name in LINE_KINDS:
            assert f'class="xp-edge xp-edge--{kind}"' in legend and f">{name}</text>" in legend


def test_each_line_is_numbered_with_its_two_ends_for_the_highlight(seed: Catalog) -> None:
    # The stylesheet makes actor k's own lines stand out while it is hovered or focused:
    # each line must carry the numbers of its two ends, and the stylesheet have a rule for
    # every number a picture can use.
    hamas = seed.actors["hamas"]
    net = network(seed, links(seed), lambda a: a.id, chart_id="n", title="N", focus=hamas)
    wide = net.svg.split("</svg>")[0]
    numbers = dict(re.findall(r'<a class="xp-n(\d+)" href="([^"]+)"', wide))
    hamas_number = {v: k for k, v in numbers.items()}["hamas"]
    lines = re.findall(r'class="xp-edge xp-edge--\w+ xp-e(\d+) xp-e(\d+)"', wide)
    assert len(lines) == len(numbers) - 1  # an actor's picture: its own lines only
    assert all(hamas_number in ends for ends in lines)
    css = CSS.read_text(encoding="utf-8")
    for k in range(MAX_NODES):
        assert f".xp-network:has(.xp-n{k}:hover, .xp-n{k}:focus-visible) .xp-e{k}" in css


def test_an_actors_neighbourhood_centres_on_them(seed: Catalog) -> None:
    hamas = seed.actors["hamas"]
    net = network(seed, links(seed), lambda a: a.id, chart_id="n", title="N", focus=hamas)
    assert 'class="xp-node xp-kind-armed-group xp-node--focus"' in net.svg
    neighbours = {
        other.id for actor, others in net.rows if actor.id == "hamas" for other, _ in others
    }
    assert {"abd-al-latif-al-qanou", "hazam-qassem", "israel", "qatar"} <= neighbours
    described = dict((o.id, how) for a, others in net.rows if a.id == "hamas" for o, how in others)
    assert "Spokesperson of Hamas" in described["hazam-qassem"]


def test_the_same_story_gives_the_same_pictures_in_any_process() -> None:
    # Different hash seeds change the order of sets and dicts of strings: the pictures
    # must not depend on it.
    program = (
        "import hashlib; from pathlib import Path; from explainer.pipeline.compile import compile_story\n"
        f"pages = compile_story(Path({str(SEED)!r})).pages\n"
        "text = pages['actors/index.md'] + pages['timeline.md'] + pages['actors/hamas.md']\n"
        "print(hashlib.sha256(text.encode()).hexdigest())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            env=child_env(PYTHONHASHSEED=seed),
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_names_in_pictures_are_escaped(story_file) -> None:
    story = MINIMAL.replace("name: Alice", 'name: "<script>x</script>"').replace(
        "title: Alice meets", 'title: "<img src=x onerror=alert(1)>"'
    )
    catalog = check_story(story_file(story)).catalog
    chart = timeline_svg(catalog.timeline, lambda e: e.id, chart_id="t", title="T")
    assert "<img" not in chart and "&lt;img src=x onerror=alert(1)&gt;" in chart


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted([luminance(a), luminance(b)], reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Material's backgrounds: white, and slate = hsl(225deg 15% 14%).
BACKGROUNDS = {"default": "#ffffff", "slate": "#1e2129"}


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_picture_colours_keep_4_5_to_1_contrast_in_both_palettes(scheme: str) -> None:
    css = CSS.read_text(encoding="utf-8")
    opening = '[data-md-color-scheme="slate"] {' if scheme == "slate" else ":root {"
    block = css.split(opening, 1)[1].split("}", 1)[0]
    colours = dict(re.findall(r"--(xp-[a-z-]+):\s*(#[0-9a-fA-F]{6})", block))
    assert len(colours) >= 11
    low = {
        name: round(contrast(c, BACKGROUNDS[scheme]), 2)
        for name, c in colours.items()
        if contrast(c, BACKGROUNDS[scheme]) < 4.5
    }
    assert low == {}


# ---- Labels on the timeline's marks ---------------------------------------------------

Box = tuple[float, float, float, float]


def text_boxes(drawing: str, cls: str) -> list[tuple[str, Box]]:
    """Each `cls` text's words and box (left, top, right, bottom), as the browser would
    lay it out from its anchor and direction, with the estimated width."""
    found = []
    pattern = rf'<text class="{cls}" x="([\d.-]+)" y="([\d.-]+)"([^>]*)>([^<]*)</text>'
    for x, y, rest, words in re.findall(pattern, drawing):
        plain = html.unescape(words)
        width = svg.text_width(plain, 12)
        anchor = re.search(r'text-anchor="(\w+)"', rest)
        side = anchor[1] if anchor else "start"
        if 'direction="rtl"' in rest:  # right to left, "start" is the right-hand end
            side = {"start": "end", "end": "start"}.get(side, side)
        left = float(x) - {"start": 0, "middle": width / 2, "end": width}[side]
        found.append((plain, (left, float(y) - 12, left + width, float(y) + 3)))
    return found


def labelled(drawing: str) -> dict[str, str]:
    """Each mark's link and the label it shows ("" for none; the lines of a label that
    wraps, joined)."""
    return {
        href: " ".join(
            html.unescape(t)
            for t in re.findall(r'<text class="xp-(?:mark|band)-label"[^>]*>([^<]*)<', inner)
        )
        for href, inner in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', drawing)
    }


def mark_boxes(drawing: str) -> list[Box]:
    boxes = [
        (float(cx) - 5, float(cy) - 5, float(cx) + 5, float(cy) + 5)
        for cx, cy in re.findall(
            r'<circle class="xp-mark[^"]*" cx="([\d.]+)" cy="([\d.]+)"', drawing
        )
    ]
    pattern = r'<rect class="xp-(?:mark|band)[^"]*" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"'
    for x, y, w, h in re.findall(pattern, drawing):
        boxes.append((float(x), float(y), float(x) + float(w), float(y) + float(h)))
    return boxes


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def chart_of(catalog: Catalog) -> str:
    key = [a.id for a in catalog.key_actors]
    return timeline_svg(catalog.timeline, lambda e: e.id, chart_id="t", title="T", key_actors=key)


@pytest.fixture(scope="module")
def bce() -> Catalog:
    return check_story(BCE).catalog


@pytest.fixture(scope="module")
def arabic() -> Catalog:
    return check_story(ARABIC).catalog


@pytest.mark.parametrize("story", ["seed", "large", "bce", "arabic"])
@pytest.mark.parametrize("which", ["wide", "tall"])
def test_timeline_labels_overlap_no_label_and_no_mark(
    story: str, which: str, request: pytest.FixtureRequest
) -> None:
    catalog = request.getfixturevalue(story)
    drawing = dict(zip(["wide", "tall"], drawings(chart_of(catalog)), strict=True))[which]
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', drawing)[1])  # type: ignore[index]
    labels = text_boxes(drawing, "xp-mark-label") + text_boxes(drawing, "xp-band-label")
    marks = mark_boxes(drawing)
    assert len(marks) == len(catalog.timeline)
    assert len(labels) >= min(len(catalog.timeline), 10)
    for (text, box), (other, box2) in itertools.combinations(labels, 2):
        assert not overlap(box, box2), f"{text!r} overlaps {other!r}"
    for text, box in labels:
        assert box[0] >= 0 and box[2] <= width, f"{text!r} leaves the chart"
        # A band's own label is written on the band; no other mark is under any label.
        hits = [m for m in marks if overlap(box, m)]
        assert len(hits) <= (1 if text in dict(text_boxes(drawing, "xp-band-label")) else 0)
    # The chart says how many marks have no label.
    note = re.search(r'class="xp-unlabelled"[^>]*>(\d+) marks unlabelled', drawing)
    unlabelled = sum(not text for text in labelled(drawing).values())
    assert (int(note[1]) if note else 0) == unlabelled
    if story in ("seed", "bce", "arabic") and which == "wide":
        assert unlabelled <= 0.1 * len(catalog.timeline)


def test_the_most_important_events_keep_their_labels(story_file) -> None:
    # 120 events of one day, more than either drawing has room to label: the key actor's
    # event and the confirmed one keep their labels, though others come before them by id.
    events = "".join(
        f"""
  - id: e{i:03}
    date: "2025-03-05"
    title: Event number {i}
    status: {"confirmed" if i == 60 else "reported"}
    participants: [{{actor: {"alice" if i == 119 else "bob"}, role: party}}]
    sources: [report]"""
        for i in range(120)
    )
    story = (
        MINIMAL.replace("events:\n", "events:" + events + "\n")
        .replace(
            "    kind: person\n",
            "    kind: person\n  - id: bob\n    name: Bob\n    kind: person\n",
            1,
        )
        .replace(
            "summary: Something happened.", "summary: Something happened.\n  key_actors: [alice]"
        )
    )
    story = story.replace(
        'date: "2025-03-05"\n    title: Alice meets', 'date: "2025-02-05"\n    title: Alice meets'
    )
    catalog = check_story(story_file(story)).catalog
    wide, tall = drawings(chart_of(catalog))
    for drawing in (wide, tall):
        shown = set(labelled(drawing).values())
        assert {"Event number 119", "Event number 60"} <= shown
        assert "Alice meets" in shown  # confirmed too, and earliest
        assert len(shown) < 100 and "marks unlabelled" in drawing


@pytest.mark.parametrize(
    ("title", "width", "expected"),
    [
        ("US and Hamas hold talks in Doha", 400, "US and Hamas hold talks in Doha"),
        ("US and Hamas hold talks in Doha", 120, "US and Hamas…"),
        ("US and Hamas hold talks in Doha", 20, ""),
        ("Caesar, Pompey and Crassus form a pact", 70, "Caesar…"),  # the comma goes
        ("Unbreakablewordwithoutanyspace", 100, ""),
        ("مجلس المدينة يناقش الميزانية", 110, "مجلس المدينة…"),
        ("東京で会議が開かれる", 60, "東京で…"),
    ],
)
def test_labels_are_shortened_at_a_word_boundary(title: str, width: float, expected: str) -> None:
    assert svg.shorten(title, width, 12) == expected
    assert svg.text_width(expected, 12) <= width


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text(st.characters(codec="utf-8", categories=["L"]), min_size=1), min_size=1),
    width=st.floats(0, 400),
)
def test_a_shortened_label_is_whole_words_of_the_title(words: list[str], width: float) -> None:
    title = " ".join(words)
    short = svg.shorten(title, width, 12)
    assert svg.text_width(short, 12) <= width
    if short and short != title:
        opening = short.removesuffix("…")
        assert title.startswith(opening)
        rest = title[len(opening) :]
        assert rest[0] == " " or ord(opening[-1]) >= 0x2E80


@settings(max_examples=300, deadline=None)
@given(
    title=st.text(st.sampled_from("ab Mw,;:-–.\t\u3000東京حم"), max_size=40),
    width=st.floats(-5, 300),
)
def test_a_shortened_label_is_the_longest_opening_that_fits(title: str, width: float) -> None:
    """No longer opening at a word boundary fits: the search for the cut never stops short
    (nor overshoots: the label itself fits)."""
    short = svg.shorten(title, width, 12)
    assert svg.text_width(short, 12) <= width or not short
    if short == title:
        return
    kept = len(short.removesuffix("…"))
    room = width - svg.text_width("…", 12)
    for end in range(1, len(title)):
        if title[end].isspace() or (ord(title[end - 1]) >= 0x2E80 and not title[end - 1].isspace()):
            opening = title[:end].rstrip().rstrip(",;:–—-")
            if len(opening) > kept:
                assert svg.text_width(opening, 12) > room


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ((2025, 3, 2), (2025, 3, 9), "5 Mar"),  # a week: every day
        ((2025, 1, 1), (2025, 5, 20), "Mar"),  # some months: months
        ((-99, 1, 1), (-41, 1, 1), "60 BCE"),  # decades before the era: years
    ],
)
def test_ticks_use_the_finest_unit_the_span_allows(
    first: tuple[int, int, int], last: tuple[int, int, int], expected: str
) -> None:
    found = [label for _, label in ticks(day_number(first), day_number(last), 660, first)]
    assert expected in found, found


# ---- A long timeline's index chart ----------------------------------------------------


def month_bars() -> list[Bar]:
    """Three years of monthly pages, one much busier month in each year."""
    bars = []
    for year in (2022, 2023, 2024):
        for month in range(1, 13):
            busy = {2022: 3, 2023: 7, 2024: 11}[year] == month
            label = f"{datetime.date(year, month, 1):%B} {year}"
            bars.append(
                Bar(label, 40 + year % 10 if busy else 5 + month % 4, f"{month}/", str(year))
            )
    return bars


def test_the_index_chart_names_its_years_and_busiest_periods() -> None:
    wide, tall = drawings(period_svg(month_bars(), chart_id="p", title="P"))
    ticks = [label for label, _ in text_boxes(wide, "xp-tick-label")]
    assert ticks == ["2022", "2023", "2024"]
    named = [label for label, _ in text_boxes(wide, "xp-callout")]
    for busiest in ("March 2022: 42 events", "July 2023: 43 events", "November 2024: 44 events"):
        assert busiest in named
    # The busiest first: no quieter month is named while a busier one is not.
    counts = sorted((int(n.split(": ")[1].split()[0]) for n in named), reverse=True)
    assert counts[:3] == [44, 43, 42]
    boxes = text_boxes(wide, "xp-callout") + text_boxes(wide, "xp-tick-label")
    for (a, box), (b, box2) in itertools.combinations(boxes, 2):
        assert not overlap(box, box2), (a, b)
    assert all(box[0] >= 0 and box[2] <= 720 for _, box in boxes)
    # On a phone, each bar is a row with its period's name and its count.
    names = [label for label, _ in text_boxes(tall, "xp-tick-label")]
    assert names == [bar.label for bar in month_bars()]
    assert len(re.findall("<a ", tall)) == 36


def test_many_years_are_labelled_every_few_years() -> None:
    bars = [Bar(str(y), 10, f"{y}/", str(y)) for y in range(1900, 2000)]
    wide, _ = drawings(period_svg(bars, chart_id="p", title="P"))
    ticks = [int(label) for label, _ in text_boxes(wide, "xp-tick-label")]
    assert ticks[0] == 1900 and len(ticks) >= 5
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1 and steps.pop() in (2, 5, 10, 20)
