"""Plotly figures as PNG images for the PDFs: kaleido with ONE headless Chromium for a whole document, on its
own thread with a deadline, so a Chromium that cannot start leaves a PDF of tables that says why."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import TYPE_CHECKING

import kaleido

if TYPE_CHECKING:
    import plotly.graph_objects as go

log = logging.getLogger("benchlearn.reports")
IMAGE_TIMEOUT_S = 30
RENDER_TIMEOUT_S = 180
IMAGE_WIDTH = 1000  # px; the dashboard's charts take the page width, the report's a fixed one
IMAGE_HEIGHT = 460


async def _render(figures: dict[str, go.Figure]) -> dict[str, bytes]:
    # One browser for the whole report: starting Chromium costs ~3 s, each image then ~0.3 s.
    async with kaleido.Kaleido(n=1, timeout=IMAGE_TIMEOUT_S, mathjax=False) as engine:
        return {key: await engine.calc_fig(fig, opts={"format": "png", "width": fig.layout.width or IMAGE_WIDTH,
                                                      "height": fig.layout.height or IMAGE_HEIGHT, "scale": 1.5})
                for key, fig in figures.items()}


def render_images(figures: dict[str, go.Figure]) -> tuple[dict[str, bytes], str | None]:
    """(key → PNG, None), or ({}, why) when Chromium cannot start or rendering fails or takes too long.

    kaleido's start_sync_server() is not used: when Chromium is missing its server thread dies and every
    later call waits forever. Here the whole rendering runs on its own thread with a deadline.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["images"] = asyncio.run(_render(figures))
        except Exception as exc:  # noqa: BLE001 — any failure means "tables only", reported in the PDF
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="report-images", daemon=True)
    worker.start()
    worker.join(RENDER_TIMEOUT_S)
    if "images" in outcome:
        return outcome["images"], None  # type: ignore[return-value]
    error = outcome.get("error")
    reason = f"{type(error).__name__}: {error}" if error else f"no answer within {RENDER_TIMEOUT_S} s"
    log.warning("report charts could not be drawn: %s", reason)
    return {}, reason.splitlines()[0][:200]
