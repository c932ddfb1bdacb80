"""The pictures' share of a build: how long processing one picture takes (cold: decoded,
turned upright, written at three widths in two formats) and how long a rebuild spends on
one that its cache already holds (read and hashed, nothing decoded).

The pictures are made here by Pillow at a phone camera's size (4000 × 3000), with smooth
structure and fine grain as photos have (pure noise would be far slower to encode than any
photo, flat colour far quicker), half of them stored sideways with EXIF orientation 6.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from explainer.media.library import CACHE_FOLDER, prepare_media
from explainer.pipeline.compile import check_story
from explainer.story.problems import Problems

PICTURES = 8
SIZE = (4000, 3000)


@dataclass(frozen=True)
class PictureTiming:
    pictures: int
    megapixels: float
    #: Seconds to process one picture with an empty cache, on average: wall and CPU (on a
    #: shared machine the CPU time is the steadier figure).
    cold_per_picture: float
    cold_cpu_per_picture: float
    #: Seconds a rebuild spends on one picture already in the cache.
    warm_per_picture: float
    source_mb: float
    published_mb: float


def photo_like(path: Path, seed: int) -> None:
    width, height = SIZE
    channels = [
        Image.effect_noise((width // 16, height // 16), 60 + 10 * c + seed).resize(
            SIZE, Image.Resampling.BICUBIC
        )
        for c in range(3)
    ]
    grain = Image.effect_noise(SIZE, 8)
    picture = Image.merge("RGB", [Image.blend(ch, grain, 0.06) for ch in channels])
    exif = Image.Exif()
    exif[0x0112] = 6 if seed % 2 else 1
    picture.save(path, "JPEG", quality=90, exif=exif.tobytes())


def picture_timing(work: Path) -> PictureTiming:
    project = work / "pictures"
    shutil.rmtree(project, ignore_errors=True)
    (project / "media").mkdir(parents=True)
    events = []
    for i in range(PICTURES):
        photo_like(project / "media" / f"photo-{i}.jpg", i)
        events.append(
            f"  - id: e{i}\n    date: '2025-03-0{i + 1}'\n    title: Event {i}\n"
            f"    image: {{file: media/photo-{i}.jpg, alt: A photo, credit: Bench}}\n"
            "    sources: [report]\n"
        )
    story = project / "events.yaml"
    story.write_text(
        "story: {title: Pictures, summary: Bench.}\nactors: []\nevents:\n"
        + "".join(events)
        + "sources:\n  - id: report\n    title: A report\n",
        encoding="utf-8",
    )
    cpu = time.process_time()
    checked = check_story(story)  # an empty cache: every picture processed
    cpu = time.process_time() - cpu
    assert checked.media.made == PICTURES
    started = time.perf_counter()
    again = prepare_media(checked.catalog.story, project, Problems())
    warm = time.perf_counter() - started
    assert again.made == 0
    sources = sum(p.stat().st_size for p in (project / "media").iterdir())
    published = sum(p.stat().st_size for p in again.files.values())
    result = PictureTiming(
        PICTURES,
        SIZE[0] * SIZE[1] / 1e6,
        checked.media.seconds / PICTURES,
        cpu / PICTURES,
        warm / PICTURES,
        sources / 2**20,
        published / 2**20,
    )
    shutil.rmtree(project / CACHE_FOLDER.parts[0], ignore_errors=True)
    return result


def picture_lines(timing: PictureTiming | None) -> list[str]:
    if timing is None:
        return ["Not measured in this run."]
    return [
        f"{timing.pictures} photos of {timing.megapixels:.0f} megapixels, each made into WebP "
        "and JPEG at 3 widths.",
        "",
        "| per picture | wall seconds | CPU seconds |",
        "|---|---|---|",
        f"| processed (empty cache) | {timing.cold_per_picture:.2f} "
        f"| {timing.cold_cpu_per_picture:.2f} |",
        f"| rebuilt (in the cache: read and hashed) | {timing.warm_per_picture:.3f} | – |",
        "",
        f"The photos weigh {timing.source_mb:.1f} MB; what the site publishes of them, "
        f"{timing.published_mb:.1f} MB.",
    ]
