"""Municipal boundaries for the map page: the shipped GeoJSON of Lithuania, read once per process.

Each feature's `properties.iso_3166_2` is the entity code (LT-01 … LT-60). There is no boundary file for
Latvia, so a page asks `mapped_codes` which members of a peer set it can draw and says plainly when none.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from benchlearn.errors import NotFoundError

BOUNDARIES = Path(__file__).resolve().parents[2] / "data" / "lt_municipalities.geojson"
CODE_PROPERTY = "iso_3166_2"
FEATURE_ID_KEY = f"properties.{CODE_PROPERTY}"
# The plot area a page gives the map, in CSS pixels, beside its colour bar (a conservative guess: too small
# only zooms out a little, too large cuts the edges off).
_MAP_PIXELS = (500.0, 460.0)
# MapLibre draws the whole world 512 px wide at zoom 0.
_WORLD_PIXELS = 512.0


class SharedCoordinates(list):
    """A geometry's coordinates, read once and never changed, so a deep copy may return the same object.

    Plotly deep-copies every trace when a figure is built and again when it is serialised: on 53 000 boundary
    points that cost 0.8 s per page run; sharing the (read-only) coordinates makes it 0.05 s.
    """

    def __deepcopy__(self, memo: dict) -> SharedCoordinates:
        return self


@cache
def _features(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    features = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        shared = {"type": geometry["type"], "coordinates": SharedCoordinates(geometry["coordinates"])}
        features[feature["properties"][CODE_PROPERTY]] = {**feature, "geometry": shared}
    return features


def mapped_codes(codes: Iterable[str], path: Path = BOUNDARIES) -> list[str]:
    """The entity codes among `codes` that have a boundary to draw, in the order given."""
    features = _features(str(path))
    return [code for code in codes if code in features]


def boundaries(codes: Iterable[str], path: Path = BOUNDARIES) -> dict:
    """A GeoJSON FeatureCollection of the given entities' boundaries (unknown codes are skipped)."""
    features = _features(str(path))
    return {"type": "FeatureCollection", "features": [features[c] for c in codes if c in features]}


def _points(geometry: dict) -> Iterable[tuple[float, float]]:
    rings = geometry["coordinates"] if geometry["type"] == "Polygon" else [
        ring for polygon in geometry["coordinates"] for ring in polygon]
    for ring in rings:
        yield from ((float(lon), float(lat)) for lon, lat, *_ in ring)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view(codes: Iterable[str], path: Path = BOUNDARIES) -> tuple[dict[str, float], float]:
    """(centre, zoom) that fit the given entities' boundaries into the map area (Web Mercator)."""
    mapped = tuple(sorted(set(mapped_codes(codes, path))))
    if not mapped:
        raise NotFoundError("none of these entities has a boundary to draw")
    return _view(mapped, str(path))


@lru_cache(maxsize=256)
def _view(codes: tuple[str, ...], path: str) -> tuple[dict[str, float], float]:
    features = _features(path)
    points = [p for code in codes for p in _points(features[code]["geometry"])]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    lon_share = max(east - west, 1e-6) / 360
    lat_share = max(_mercator_y(north) - _mercator_y(south), 1e-6) / (2 * math.pi)
    width, height = _MAP_PIXELS
    zoom = min(math.log2(width / (_WORLD_PIXELS * lon_share)),
               math.log2(height / (_WORLD_PIXELS * lat_share)))
    centre_y = (_mercator_y(north) + _mercator_y(south)) / 2
    centre = {"lon": (west + east) / 2, "lat": math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)}
    return centre, round(min(max(zoom, 1.0), 12.0), 2)
