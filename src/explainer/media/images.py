"""One picture, made fit for the web once: checked, turned upright, stripped of every piece of
metadata, and written at a few widths in a modern format (WebP) with a fallback (JPEG, or
PNG where it has transparent parts), into a cache named by the picture's content.

Why each step:

- Only the formats a newsroom's pictures come in are opened (never EPS, which Pillow
  would hand to Ghostscript), and SVG is refused: it is a document that can hold script.
- The size is checked from the file's header, before any pixel is decoded, so that a small
  file claiming billions of pixels (a decompression bomb) costs nothing.
- Every pixel is decoded before anything is written, so that a file cut short is refused
  instead of published half grey.
- The camera's orientation (EXIF) is applied to the pixels, then every piece of metadata
  is left behind: EXIF (GPS position, camera serial number, time), XMP, IPTC, comments.
  A colour profile is applied first (the pixels become sRGB), so that the colours stay.
- The outputs are named by the source's content (SHA-256) and written each to a temporary
  name, then renamed: a cache entry is whole or absent, and a rebuild finds it whole.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

#: The widths made (never wider than the picture itself): a phone, a tablet or laptop
#: column, and a high-density screen.
WIDTHS = (480, 960, 1600)
#: Formats opened; anything else is refused as "not a picture explainer takes".
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "AVIF")
#: Larger pictures are refused before decoding: 64 megapixels is more than any camera's
#: ordinary output (a 24-megapixel photo is 6000 × 4000) and takes 256 MB to decode.
MAX_PIXELS = 64_000_000
#: Larger files are refused before they are read.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Part of every cache entry's name: change it when the outputs change, so that old
#: entries are no longer used.
VERSION = 1
WEBP_QUALITY, JPEG_QUALITY = 80, 82


class PictureProblem(Exception):
    """Why a file cannot be published as a picture, and how to fix that."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Variant:
    """One processed file: its name in the cache, its pixel size and its media type."""

    name: str
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Processed:
    """A picture made fit for the web: `digest` names its content; `modern` and `fallback`
    hold the same widths, narrowest first."""

    digest: str
    modern: tuple[Variant, ...]
    fallback: tuple[Variant, ...]

    @property
    def width(self) -> int:
        return self.fallback[-1].width

    @property
    def height(self) -> int:
        return self.fallback[-1].height

    def files(self) -> tuple[Variant, ...]:
        return self.modern + self.fallback


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def cached(digest: str, cache: Path) -> Processed | None:
    """The picture of this content processed by an earlier build, if its files are all
    still there."""
    manifest = cache / f"{digest}-v{VERSION}.json"
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        found = Processed(
            digest,
            tuple(Variant(**v) for v in recorded["modern"]),
            tuple(Variant(**v) for v in recorded["fallback"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if all((cache / v.name).is_file() for v in found.files()):
        return found
    return None


def process(data: bytes, name: str, cache: Path) -> tuple[Processed, bool]:
    """The web versions of the picture `data` (a file called `name`), and whether they
    were made now (False: found in the cache); raises PictureProblem when it cannot be
    published."""
    digest = digest_of(data)
    found = cached(digest, cache)
    if found is not None:
        return found, False
    picture = _upright_srgb(_decoded(data, name))
    made = _write_all(picture, digest, cache)
    manifest = {
        "modern": [v.__dict__ for v in made.modern],
        "fallback": [v.__dict__ for v in made.fallback],
    }
    _write(cache / f"{digest}-v{VERSION}.json", json.dumps(manifest).encode("utf-8"))
    return made, True


def _looks_like_svg(name: str, data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return name.lower().endswith((".svg", ".svgz")) or head.startswith((b"<?xml", b"<svg"))


def _decoded(data: bytes, name: str) -> Image.Image:
    """Every pixel of the picture, or the reason it cannot be used."""
    if _looks_like_svg(name, data):
        raise PictureProblem(
            "is an SVG drawing, which can hold scripts that would run in readers' browsers",
            "export it as PNG (Inkscape: File → Export; a browser: open it and take a "
            "screenshot) and name the PNG instead",
        )
    try:
        with warnings.catch_warnings():
            # Pillow warns about large pictures; the limit below refuses them outright.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data), formats=FORMATS)
        if picture.width * picture.height > MAX_PIXELS:
            raise _too_large(picture.size)
        # A JPEG decodes at 1/2, 1/4 or 1/8 of its size when that still leaves the side
        # that will be the width (the height, for a photo stored sideways) at least as
        # wide as the widest output: a 24-megapixel photo decodes in a quarter of the time.
        sideways = picture.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        picture.draft(None, (1, WIDTHS[-1]) if sideways else (WIDTHS[-1], 1))
        picture.load()
    except Image.DecompressionBombError as error:
        raise _too_large(None) from error
    except UnidentifiedImageError as error:
        raise PictureProblem(
            "is not a picture explainer can publish",
            "use a JPEG, PNG, WebP, GIF, TIFF or AVIF file (open it in an image editor "
            "and export it as JPEG)",
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise PictureProblem(
            f"is cut short or damaged ({error})",
            "download or export it again, and check that it opens in an image viewer",
        ) from error
    return picture


def _too_large(size: tuple[int, int] | None) -> PictureProblem:
    claims = f"{size[0]:,} × {size[1]:,} pixels" if size else "more pixels than that"
    return PictureProblem(
        f"claims {claims}, over the limit of {MAX_PIXELS // 1_000_000} megapixels "
        "(a file this large, or one made to look it, would exhaust the build's memory)",
        "export a smaller copy: 3000 pixels wide is more than any page shows",
    )


_SRGB = ImageCms.createProfile("sRGB")


def _upright_srgb(picture: Image.Image) -> Image.Image:
    """The pixels as they should be seen (the camera's orientation applied, colours in
    sRGB), in RGB or RGBA, with no metadata at all."""
    if getattr(picture, "n_frames", 1) > 1:
        picture.seek(0)  # an animation: its first frame
    upright = ImageOps.exif_transpose(picture) or picture
    transparent = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    mode = "RGBA" if transparent else "RGB"
    profile = upright.info.get("icc_profile")
    if profile and upright.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                upright, source, _SRGB, outputMode=mode if upright.mode != "L" else "RGB"
            )
            if converted is not None:
                upright = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels as they are
    clean = upright.convert(mode)
    # A new image of the pixels alone: nothing of the source's info, EXIF or XMP follows.
    bare = Image.new(mode, clean.size)
    bare.paste(clean)
    return bare


def _write_all(picture: Image.Image, digest: str, cache: Path) -> Processed:
    transparent = picture.mode == "RGBA"
    widths = sorted({min(w, picture.width) for w in WIDTHS})
    modern: list[Variant] = []
    fallback: list[Variant] = []
    sized = picture
    # Widest first, each from the one before: every step shrinks by at most a few times,
    # where Lanczos keeps its quality, at a fraction of resizing the original each time.
    for width in reversed(widths):
        height = max(1, round(picture.height * width / picture.width))
        if width != sized.width:
            sized = sized.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        webp = Variant(f"{digest}-{width}.webp", width, height, "image/webp")
        _write(cache / webp.name, _encoded(sized, "WEBP", quality=WEBP_QUALITY, method=4))
        modern.append(webp)
        if transparent:
            png = Variant(f"{digest}-{width}.png", width, height, "image/png")
            _write(cache / png.name, _encoded(sized, "PNG", optimize=True))
            fallback.append(png)
        else:
            jpeg = Variant(f"{digest}-{width}.jpg", width, height, "image/jpeg")
            _write(
                cache / jpeg.name,
                _encoded(sized, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True),
            )
            fallback.append(jpeg)
    return Processed(digest, tuple(reversed(modern)), tuple(reversed(fallback)))


def _encoded(picture: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    picture.save(out, kind, **options)
    return out.getvalue()


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all: a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
