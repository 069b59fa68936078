"""Font glyphs for the map's labels, made here from the shipped DejaVu Sans, so a label needs no internet.

Plotly draws maps with MapLibre, which writes text only with glyphs fetched as protobuf "ranges" of 256 code
points, each glyph a signed distance field (SDF); plotly's own styles fetch them from fonts.openmaptiles.org.
The dashboard serves them itself (`dashboard.py`, route `GLYPH_ROUTE`) from the font in `data/fonts/`: the
ranges 0–255 and 256–511 hold every letter of Lithuanian, Latvian, Finnish and English; other ranges are empty.

Format (MapLibre's glyphs.proto): glyphs { fontstack stacks = 1 }, fontstack { name = 1, range = 2,
glyph glyphs = 3 }, glyph { id = 1, bitmap = 2, width = 3, height = 4, left = 5 (sint), top = 6 (sint),
advance = 7 }. A bitmap is (width + 6) × (height + 6) bytes (a 3 px border) at 24 px per em; a byte is
255 − 255 × (d / 8 + 0.25) for the signed distance d in pixels (outside positive), so the outline is 191.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

FONT = Path(__file__).resolve().parents[1] / "data" / "fonts" / "DejaVuSans.ttf"
GLYPH_ROUTE = "/glyphs/{fontstack}/{range}.pbf"
SIZE, BORDER, RADIUS, CUTOFF = 24, 3, 8.0, 0.25
SCALE = 4  # glyphs are drawn 4× larger and the distances measured there, for smooth outlines
# MapLibre places a glyph's `top` against its line box this far below the baseline (as for its own local
# glyphs, glyph_manager.ts: top = bearing − 27)
TOP_OFFSET = 27
COVERED = (0, 512)


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, value: int | bytes, signed: bool = False) -> bytes:
    if isinstance(value, bytes):
        return _varint(number << 3 | 2) + _varint(len(value)) + value
    if signed:
        value = (value << 1) ^ (value >> 63)  # zigzag
    return _varint(number << 3) + _varint(value)


def _sdf(mask: np.ndarray, width: int, height: int) -> bytes:
    """The SDF bytes of a glyph whose 4× coverage `mask` spans width × height pixels (border added here)."""
    inside = mask >= 128
    padded = np.zeros(((height + 2 * BORDER) * SCALE, (width + 2 * BORDER) * SCALE), dtype=bool)
    padded[BORDER * SCALE: BORDER * SCALE + inside.shape[0], BORDER * SCALE: BORDER * SCALE + inside.shape[1]] = inside
    # the outline: pixels of the glyph with a neighbour outside it
    shifted = [np.roll(padded, s, axis=a) for a in (0, 1) for s in (1, -1)]
    edge = padded & ~np.logical_and.reduce(shifted)
    ys, xs = np.nonzero(edge)
    rows, cols = height + 2 * BORDER, width + 2 * BORDER
    cy, cx = np.mgrid[0:rows, 0:cols]
    centres = np.stack([(cy.ravel() + 0.5) * SCALE, (cx.ravel() + 0.5) * SCALE], axis=1)
    if len(ys):
        d = np.sqrt(((centres[:, None, :] - np.stack([ys, xs], axis=1)[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
    else:
        d = np.full(len(centres), RADIUS * SCALE)
    hit = padded[np.minimum(centres[:, 0].astype(int), padded.shape[0] - 1),
                 np.minimum(centres[:, 1].astype(int), padded.shape[1] - 1)]
    signed = np.where(hit, -d, d) / SCALE
    return np.clip(np.round(255 - 255 * (signed / RADIUS + CUTOFF)), 0, 255).astype(np.uint8).tobytes()


def _glyph(font: ImageFont.FreeTypeFont, code: int) -> bytes | None:
    """One glyph message, or None where the font has no glyph (MapLibre then skips the character)."""
    char = chr(code)
    if code not in _charmap():
        return None
    advance = round(font.getlength(char) / SCALE)
    left, top, right, bottom = font.getbbox(char, anchor="ls")  # relative to the baseline's start
    if right <= left or bottom <= top:  # a space: an advance and no bitmap
        return (_field(1, code) + _field(3, 0) + _field(4, 0) + _field(5, 0, True)
                + _field(6, -TOP_OFFSET, True) + _field(7, advance))
    width, height = -(-(right - left) // SCALE), -(-(bottom - top) // SCALE)
    canvas = Image.new("L", (width * SCALE, height * SCALE))
    ImageDraw.Draw(canvas).text((-left, -top), char, font=font, fill=255, anchor="ls")
    return (_field(1, code) + _field(2, _sdf(np.asarray(canvas), width, height)) + _field(3, width)
            + _field(4, height) + _field(5, round(left / SCALE), True)
            + _field(6, round(-top / SCALE) - TOP_OFFSET, True) + _field(7, advance))


@lru_cache(maxsize=1)
def _charmap() -> frozenset[int]:
    """The code points the font has a glyph for (control characters have none)."""
    with TTFont(str(FONT), lazy=True) as font:
        return frozenset(c for c in font.getBestCmap() if c >= 32)


@lru_cache(maxsize=4)
def glyph_range(start: int) -> bytes:
    """The protobuf of the 256 code points from `start` (a multiple of 256); empty outside `COVERED`."""
    if start % 256 or start < 0:
        raise ValueError(f"a glyph range starts at a multiple of 256, not {start}")
    font = ImageFont.truetype(str(FONT), SIZE * SCALE, layout_engine=ImageFont.Layout.BASIC)
    glyphs = b""
    if COVERED[0] <= start < COVERED[1]:
        for code in range(start, start + 256):
            glyph = _glyph(font, code)
            if glyph is not None:
                glyphs += _field(3, glyph)
    stack = _field(1, b"DejaVu Sans") + _field(2, f"{start}-{start + 255}".encode()) + glyphs
    return _field(1, stack)


def warm_in_background() -> None:
    """Draw the covered ranges in a daemon thread (a few seconds of CPU once per process)."""
    def warm() -> None:
        for start in range(*COVERED, 256):
            glyph_range(start)
    threading.Thread(target=warm, name="glyphs", daemon=True).start()


async def endpoint(request: Request) -> Response:
    """GET /glyphs/{fontstack}/{start}-{end}.pbf: one range for any font stack (all labels use this font)."""
    match = re.fullmatch(r"(\d{1,5})-(\d{1,5})", request.path_params["range"])
    start = int(match.group(1)) if match else -1
    if not match or start % 256 or int(match.group(2)) != start + 255 or start > 0xFFFF:
        return Response(status_code=404)
    body = await run_in_threadpool(glyph_range, start)  # the first request of a range draws it (~1 s)
    return Response(body, media_type="application/x-protobuf", headers={"Cache-Control": "public, max-age=86400"})
