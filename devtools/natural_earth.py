"""Reduce Natural Earth's country outlines to the small file the maps are drawn from.

The source is the npm package `world-atlas` 2.0.2 (Natural Earth 4.1.0, 1:110m admin-0
countries, as TopoJSON). Natural Earth is in the public domain; world-atlas is ISC-licensed
(its notice is kept beside the reduced file). Run once, by hand, when the data is updated:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m devtools.natural_earth package/countries-110m.json

It decodes the topology into one list of rings per country (shared borders are written
twice, which keeps the reader trivial), rounds every coordinate to a hundredth of a degree
(about 1 km; the 1:110m data is itself only good to about 10 km), drops the points that
the rounding made repeat, and leaves out the names: the maps draw outlines, never
countries' names (whose names and borders are disputed is not the map's to settle).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src/explainer/render/charts/world/countries.json"


def decode(topology: dict[str, Any]) -> list[list[list[int]]]:
    """Every country of the topology's `countries` object as rings of flat, rounded
    coordinates: [lon0, lat0, lon1, lat1, …] in hundredths of a degree."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[tuple[int, int]]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round((x * sx + tx) * 100), round((y * sy + ty) * 100)))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[int]:
        points: list[tuple[int, int]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        return [c for p in kept for c in p]

    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [ring(r) for polygon in polygons for r in polygon]
        countries.append([r for r in rings if len(r) >= 6])
    return countries


def main(source: str) -> None:
    countries = decode(json.loads(Path(source).read_text(encoding="utf-8")))
    OUT.write_text(
        json.dumps(
            {
                "source": "Natural Earth 4.1.0, 1:110m Cultural Vectors, Admin 0 – Countries "
                "(public domain), via the npm package world-atlas 2.0.2 (ISC licence)",
                "units": "hundredths of a degree; each ring is lon0, lat0, lon1, lat1, …",
                "countries": countries,
            },
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
