"""Pictures: every refusal located, with its fix, and nothing of a refused build in site/;
what is published is upright and carries no metadata; every <img> has alt, width and
height; a rebuild reprocesses nothing. The pictures are made by Pillow here (tests/pictures.py)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from explainer.media.images import MAX_PIXELS
from explainer.pipeline.compile import check_story, compile_story
from explainer.story.problems import StoryError
from tests.pictures import (
    SERIAL,
    bomb_png,
    camera_photo,
    small_jpeg,
    transparent_png,
    truncated_jpeg,
)
from tests.test_site import build, make_project

STORY = """\
story:
  title: A story with pictures
  summary: Something happened.
  image:
    file: {lead}
    alt: A field of red above blue
    credit: Test Camera
actors:
  - id: alice
    name: Alice
    kind: person
    image: {{file: media/badge.png, alt: A green badge, credit: Alice's office}}
events:
  - id: meeting
    date: "2025-03-05"
    title: Alice meets
    body: They met.
    image:
      file: media/photo.jpg
      alt: Red above blue, seen from above
      caption: The field on the day.
      credit: Test Camera
      license: CC BY 4.0
      source: https://example.org/photo
    embed:
      url: https://www.youtube.com/watch?v=abc
      poster: media/badge.png
      alt: A green badge
      credit: Alice's channel
    participants:
      - actor: alice
        role: party
    sources: [report]
sources:
  - id: report
    title: A report
"""


def pictured_story(folder: Path, lead: str = "media/photo.jpg") -> Path:
    camera_photo(folder / "media" / "photo.jpg")
    transparent_png(folder / "media" / "badge.png")
    path = folder / "events.yaml"
    path.write_text(STORY.format(lead=lead), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[tuple[int, int, str, str]]:
    with pytest.raises(StoryError) as caught:
        check_story(path)
    return [
        (p.mark.line, p.mark.column, p.message, p.hint) for p in caught.value.problems if p.mark
    ]


def mark_of(path: Path, text: str) -> tuple[int, int]:
    """Line and column where `text` first stands in the story file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} is not in {path}")


# ---- Every refusal, located, with its fix ---------------------------------------------


def _svg(folder: Path, name: str) -> None:
    (folder / "media").mkdir(exist_ok=True)
    (folder / "media" / name).write_text(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    )


def _not_a_picture(folder: Path, name: str) -> None:
    (folder / "media").mkdir(exist_ok=True)
    (folder / "media" / name).write_text("Notes from the meeting, not a picture.\n")


def _outside_link(folder: Path, name: str) -> None:
    secret = folder.parent / f"{folder.name}-outside.jpg"
    camera_photo(secret)
    (folder / "media").mkdir(exist_ok=True)
    os.symlink(secret, folder / "media" / name)


REFUSALS = [
    # (case, file: as written, make the file, what the message says, what the hint says)
    ("remote address", "https://example.org/photo.jpg", None, "web address", "download it into media/"),
    ("protocol-relative address", "//cdn.example.org/a.jpg", None, "web address", "credit it"),
    ("path outside the project", "../../etc/photo.jpg", None, "outside the story's project", "copy the file into media/"),
    ("absolute path", "/etc/photo.jpg", None, "outside the story's project", "media/"),
    ("link leading outside", "media/link.jpg", _outside_link, "leads outside the story's project", "copy the file itself"),
    ("missing file", "media/nowhere.jpg", None, "does not exist", "download the picture into media/"),
    ("misspelt file", "media/Photo.jpg", None, "does not exist", "did you mean 'media/photo.jpg'?"),
    ("not an image", "media/notes.jpg", _not_a_picture, "is not a picture explainer can publish", "export it as JPEG"),
    ("SVG", "media/drawing.svg", _svg, "SVG drawing, which can hold scripts", "export it as PNG"),
    ("SVG named .png", "media/drawing.png", _svg, "SVG drawing", "export it as PNG"),
    ("decompression bomb", "media/bomb.png", lambda f, n: bomb_png(f / "media" / n), "over the limit of 64 megapixels", "export a smaller copy"),
    ("bomb under Pillow's own limit", "media/bomb.png", lambda f, n: bomb_png(f / "media" / n, 10_000, 10_000), "10,000 × 10,000 pixels", "export a smaller copy"),
    ("truncated file", "media/cut.jpg", lambda f, n: truncated_jpeg(f / "media" / n), "cut short or damaged", "download or export it again"),
    ("a folder", "media", None, "is a folder", "name the picture's file"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "make", "message", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in REFUSALS],
)
def test_each_refusal_is_located_with_its_fix(
    tmp_path: Path, written: str, make, message: str, hint: str
) -> None:
    path = pictured_story(tmp_path, lead=written)
    if make is not None:
        make(tmp_path, Path(written).name)
    line, column = mark_of(path, f"file: {written}")
    problems = problems_of(path)
    assert [(p[0], p[1]) for p in problems] == [(line, column + len("file: "))]
    _, _, said, fix = problems[0]
    # The reader names the key ("the image 'file'"); the media stage, the file and whose
    # image it is ("the image 'media/x.jpg' of the story").
    assert said.startswith("the image '") and message in said
    assert hint in fix


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = pictured_story(tmp_path, lead="https://example.org/a.jpg")
    text = path.read_text(encoding="utf-8")
    text = text.replace("file: media/badge.png", "file: media/missing.png")
    text = text.replace("poster: media/badge.png", "poster: media/drawing.svg")
    path.write_text(text, encoding="utf-8")
    _svg(tmp_path, "drawing.svg")
    said = [p[2] for p in problems_of(path)]
    assert len(said) == 3
    assert "web address" in said[0]
    assert "the image 'media/missing.png' of the actor 'alice' does not exist" in said[1]
    assert "the embed poster 'media/drawing.svg' of the event 'meeting' is an SVG" in said[2]


def site_state(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.e2e
def test_a_refused_picture_leaves_the_built_site_as_it_was(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", "")
    pictured_story(project)
    first = build(project)
    assert first.returncode == 0, first.stderr
    before = site_state(project / "site")
    assert any(p.startswith("assets/explainer/images/") for p in before)
    good = (project / "events.yaml").read_text(encoding="utf-8")
    for _, written, make, message, _hint in REFUSALS:
        for leftover in (project / "media").iterdir():
            if leftover.name not in ("photo.jpg", "badge.png"):
                leftover.unlink() if not leftover.is_dir() else shutil.rmtree(leftover)
        if make is not None:
            make(project, Path(written).name)
        (project / "events.yaml").write_text(
            good.replace(
                "file: media/photo.jpg\n    alt: A field", f"file: {written}\n    alt: A field"
            ),
            encoding="utf-8",
        )
        result = build(project)
        assert result.returncode != 0, written
        line, column = mark_of(project / "events.yaml", f"file: {written}")
        assert f"events.yaml:{line}:{column + 6}: the " in result.stderr
        assert message in result.stderr
        assert "Traceback" not in result.stderr
        assert site_state(project / "site") == before, f"site/ changed for {written}"
        assert not [p for p in project.glob(".site.*") if p.name != ".site.lock"]


# ---- What is published ----------------------------------------------------------------


def test_outputs_are_upright_and_carry_no_metadata(tmp_path: Path) -> None:
    compiled = compile_story(pictured_story(tmp_path))
    files = compiled.media.files
    assert len(files) == 3 * 2 + 2  # the photo at 3 widths, the badge at its own; 2 formats
    for site_path, cached in files.items():
        data = cached.read_bytes()
        with Image.open(io.BytesIO(data)) as picture:
            assert not picture.getexif(), site_path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(
                picture.info
            ), site_path
            if "photo" in site_path:
                # Stored 1800 × 1000 with orientation 6: upright it is portrait, red on top.
                assert picture.height > picture.width
                rgb = picture.convert("RGB")
                top = rgb.getpixel((picture.width // 2, picture.height // 8))
                bottom = rgb.getpixel((picture.width // 2, picture.height * 7 // 8))
                assert isinstance(top, tuple) and isinstance(bottom, tuple)
                assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
        for secret in (SERIAL.encode(), b"Test Camera Maker", b"Doha-XMP-SECRET", b"Exif"):
            assert secret not in data, f"{secret!r} in {site_path}"


def test_the_widths_never_exceed_the_picture_and_keep_its_shape(tmp_path: Path) -> None:
    compiled = compile_story(pictured_story(tmp_path))
    photo = compiled.media.pictures["media/photo.jpg"].processed
    assert [v.width for v in photo.modern] == [480, 960, 1000]
    assert [v.width for v in photo.fallback] == [480, 960, 1000]
    assert [v.mime for v in photo.modern] == ["image/webp"] * 3
    assert [v.mime for v in photo.fallback] == ["image/jpeg"] * 3
    assert photo.height == 1800
    badge = compiled.media.pictures["media/badge.png"].processed
    assert [(v.width, v.height, v.mime) for v in badge.fallback] == [(300, 200, "image/png")]
    with Image.open(
        compiled.media.files[next(p for p in compiled.media.files if p.endswith(".png"))]
    ) as png:
        assert png.mode == "RGBA"  # the transparency is kept


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []
        self.frames = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.found.append(dict(attrs))
        self.frames += tag in ("iframe", "embed", "object", "video", "audio")


@pytest.mark.e2e
def test_every_img_has_alt_width_and_height_and_lazy_below_the_fold(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", "")
    pictured_story(project)
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("site_url: !ENV SITE_URL", "site_url: https://example.org/story/"),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    counted = 0
    for page in site.rglob("*.html"):
        parser = Images()
        parser.feed(page.read_text(encoding="utf-8"))
        for img in parser.found:
            assert img.get("alt") is not None, (page, img)
            assert str(img.get("width", "")).isdigit() and str(img.get("height", "")).isdigit()
            for url in [img["src"] or "", *re.findall(r"(\S+) \d+w", img.get("srcset") or "")]:
                assert (page.parent / url).resolve().is_file(), (page, url)
        counted += len(parser.found)
    assert counted >= 5
    event = (site / "events" / "meeting" / "index.html").read_text(encoding="utf-8")
    parser = Images()
    parser.feed(event)
    main, poster = [img for img in parser.found if "images/" in (img["src"] or "")]
    assert main["alt"] == "Red above blue, seen from above" and "loading" not in main
    assert (main["width"], main["height"]) == ("1000", "1800")
    assert poster["loading"] == "lazy"  # the embed, below the text
    assert 'srcset="../../assets/explainer/images/photo-' in event
    assert '<source type="image/webp"' in event
    assert "The field on the day." in event and "Credit: Test Camera · CC BY 4.0" in event
    # The embed: a link to the original around a local poster, and nothing that loads it.
    assert parser.frames == 0
    assert '<a class="xp-embed__link" href="https://www.youtube.com/watch?v=abc">' in event
    assert "Open on youtube.com" in event
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'class="xp-thumb"' in timeline and 'loading="lazy"' in timeline
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="xp-card-picture"' in home
    assert (
        '<meta property="og:image" content="https://example.org/story/assets/explainer/images/photo-'
        in home
    )
    assert '<meta property="og:image:alt" content="A field of red above blue">' in home
    assert '<meta name="twitter:card" content="summary_large_image">' in home
    # The event page's preview shows its own picture, with its own alt text.
    assert '<meta name="twitter:image:alt" content="Red above blue, seen from above">' in event
    # The data files carry each picture with its credit.
    story = json.loads((site / "data" / "story.json").read_text(encoding="utf-8"))
    image = story["events"][0]["image"]
    assert image["url"].startswith("https://example.org/story/assets/explainer/images/photo-")
    assert (image["alt"], image["credit"], image["license"]) == (
        "Red above blue, seen from above",
        "Test Camera",
        "CC BY 4.0",
    )
    assert story["events"][0]["embed"]["url"] == "https://www.youtube.com/watch?v=abc"
    slides = json.loads((site / "data" / "timelinejs.json").read_text(encoding="utf-8"))
    media = slides["events"][0]["media"]
    assert set(media) == {"url", "caption", "credit", "alt"}
    assert media["caption"] == "The field on the day."
    events_csv = (site / "data" / "events.csv").read_text(encoding="utf-8-sig")
    assert "image_alt" in events_csv.splitlines()[0] and "Test Camera" in events_csv


# ---- Processed once ------------------------------------------------------------------


def test_a_story_with_300_pictures_rebuilds_without_processing_them(tmp_path: Path) -> None:
    events = []
    for i in range(300):
        small_jpeg(tmp_path / "media" / f"p{i:03}.jpg", i)
        events.append(
            f"""  - id: e{i:03}
    date: "2025-03-{1 + i % 28:02}"
    title: Event {i}
    image: {{file: media/p{i:03}.jpg, alt: Picture {i}, credit: Test}}
    sources: [report]
"""
        )
    path = tmp_path / "events.yaml"
    path.write_text(
        "story: {title: Many pictures, summary: Three hundred.}\nactors: []\nevents:\n"
        + "".join(events)
        + "sources:\n  - id: report\n    title: A report\n",
        encoding="utf-8",
    )
    first = compile_story(path)
    assert first.media.made == 300
    cache = tmp_path / ".cache" / "explainer" / "images"
    times = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    # A new process (no memory of the first build): everything comes from the cache.
    again = compile_story(path)
    assert again.media.made == 0
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == times
    assert again.media.files == first.media.files
    # Changing one picture makes that one again, and gives it new addresses.
    small_jpeg(tmp_path / "media" / "p007.jpg", 999)
    changed = compile_story(path)
    assert changed.media.made == 1
    assert set(changed.media.files) ^ set(first.media.files)


def test_while_serving_an_unchanged_picture_is_not_even_read(tmp_path: Path, monkeypatch) -> None:
    from explainer.media import library

    path = pictured_story(tmp_path)
    memo = library.MediaMemo()
    compile_story(path, media_memo=memo)
    calls: list[str] = []
    real = library.process
    monkeypatch.setattr(library, "process", lambda *a: calls.append(a[1]) or real(*a))
    compile_story(path, media_memo=memo)
    assert calls == []
    camera_photo(tmp_path / "media" / "photo.jpg", (1600, 900))  # saved again, changed
    compile_story(path, media_memo=memo)
    assert calls == ["photo.jpg"]


def test_the_pixel_limit_is_one_a_photo_stays_under() -> None:
    assert 6000 * 4000 < MAX_PIXELS < 10_000 * 10_000


# ---- Export and the sanitiser ------------------------------------------------------


def test_export_writes_the_processed_pictures_beside_the_pages(tmp_path: Path) -> None:
    from explainer.adapters.export import export_project

    path = pictured_story(tmp_path / "project")
    exported = export_project(path, tmp_path / "out")
    docs = tmp_path / "out" / "docs"
    pictures = [p for p in exported.files if p.startswith("assets/explainer/images/")]
    assert len(pictures) == 8
    assert all((docs / p).is_file() for p in pictures)
    page = (docs / "events" / "meeting.md").read_text(encoding="utf-8")
    assert all(f"/{Path(p).name} " in page or f'/{Path(p).name}"' in page for p in pictures)


def pictures_resolve(site: Path) -> int:
    """How many <img> the site's pages have, after checking that each one's `src` and
    every `srcset` candidate (of the <img> and its <source>) is a file of the site."""
    count = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        count += text.count("<img ")
        for url in re.findall(r'(?:src="|srcset="|, )([^"\s,]+)(?: \d+w)?', text):
            if "assets/explainer/images/" in url:
                assert (page.parent / url).resolve().is_file(), (page, url)
    return count


@pytest.mark.e2e
@pytest.mark.parametrize("generator", ["zensical", "mkdocs"])
def test_an_exported_site_shows_the_pictures(tmp_path: Path, generator: str) -> None:
    from tests.test_builders import export, require, run

    if generator == "zensical":
        require("zensical")
    path = pictured_story(tmp_path / "project")
    out = export(path, tmp_path / "out", "--for", generator)
    result = run(generator, "build", "--strict", "-f", str(out / "mkdocs.yml"), cwd=out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert pictures_resolve(out / "site") >= 5


@pytest.mark.parametrize(
    ("fragment", "kept"),
    [
        ('<img src="a.jpg" srcset="a-480.jpg 480w, a-960.jpg 960w" alt="x">', True),
        ('<img src="a.jpg" srcset="a.jpg 1x, https://tracker.example/p.gif 2x" alt="x">', False),
        ('<picture><source srcset="//tracker.example/p.webp" type="image/webp"></picture>', False),
    ],
)
def test_the_sanitiser_keeps_local_srcsets_only(fragment: str, kept: bool) -> None:
    from explainer.markdown.sanitize import clean_html

    cleaned = clean_html(fragment)
    assert ("srcset=" in cleaned) is kept
    assert "tracker.example" not in cleaned


def test_the_pictures_json_ld_is_schema_org_image_objects(tmp_path: Path) -> None:
    from explainer.render.page_meta import PageFacts, PageMetadata
    from explainer.site.urls import SiteUrls
    from tests.test_exports import schema_problems, schema_validator

    compiled = compile_story(pictured_story(tmp_path))
    urls = SiteUrls(compiled.catalog, compiled.layout, site_url="https://example.org/")
    metadata = PageMetadata(urls, "Site", compiled.media)
    validator = schema_validator()
    images = {}
    for path in ("index.md", "events/meeting.md", "actors/alice.md"):
        graph = metadata.json_ld(PageFacts(path, "Title", "Summary"))
        assert list(schema_problems(graph, validator, path)) == []
        images[path] = graph["image"]
    event = images["events/meeting.md"]
    assert event["@type"] == "ImageObject"
    assert event["contentUrl"].startswith("https://example.org/assets/explainer/images/photo-")
    assert (event["description"], event["creditText"], event["acquireLicensePage"]) == (
        "Red above blue, seen from above",
        "Test Camera",
        "https://example.org/photo",
    )
    assert images["actors/alice.md"]["contentUrl"].endswith("-300.png")
