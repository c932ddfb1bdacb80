"""Pictures made by Pillow for the tests: a camera photo with GPS position, camera details,
XMP and an orientation, a transparent PNG, and files that must be refused."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image

#: Where a photo's EXIF says it was taken: Doha (what must never reach the site).
GPS = {1: "N", 2: (25.0, 17.0, 7.0), 3: "E", 4: (51.0, 31.0, 51.0)}
SERIAL = "SN-4711-SECRET"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description photoshop:City="Doha-XMP-SECRET" xmlns:photoshop='
    b'"http://ns.adobe.com/photoshop/1.0/"/></rdf:RDF></x:xmpmeta>'
)
RED, BLUE = (220, 20, 20), (20, 20, 220)


def camera_photo(path: Path, size: tuple[int, int] = (1800, 1000), orientation: int = 6) -> Path:
    """A JPEG as a phone writes it: the sensor's pixels as stored (left half red, right
    half blue), and EXIF saying to turn them a quarter clockwise (orientation 6) to see
    them upright: red on top. With GPS position, camera serial number and XMP."""
    width, height = size
    picture = Image.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "Test Camera Maker"  # Make
    exif[0xA431] = SERIAL  # BodySerialNumber
    exif[0x8825] = GPS  # GPSInfo
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "JPEG", exif=exif.tobytes(), xmp=XMP, quality=90)
    return path


def transparent_png(path: Path, size: tuple[int, int] = (300, 200)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGBA", size, (0, 120, 0, 128)).save(path, "PNG")
    return path


def small_jpeg(path: Path, shade: int, size: tuple[int, int] = (64, 48)) -> Path:
    """A small JPEG, different for each `shade` below 4,096: its bits as a row of black
    and white blocks (near colours alone can compress to the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    picture = Image.new("RGB", size, (128, 128, 128))
    for bit in range(12):
        colour = (255, 255, 255) if shade >> bit & 1 else (0, 0, 0)
        picture.paste(colour, (bit * 5, 0, bit * 5 + 5, 16))
    picture.save(path)
    return path


def bomb_png(path: Path, width: int = 30_000, height: int = 30_000) -> Path:
    """A tiny PNG whose header claims 900 megapixels: a small Pillow PNG with its IHDR
    chunk rewritten (and its checksum made right), as a decompression bomb would be."""
    small = path.with_suffix(".small.png")
    Image.new("L", (8, 8)).save(small, "PNG")
    data = bytearray(small.read_bytes())
    small.unlink()
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(data))
    return path


def truncated_jpeg(path: Path) -> Path:
    """A Pillow JPEG cut off halfway, as an interrupted download leaves it."""
    camera_photo(path, (800, 600), orientation=1)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path
