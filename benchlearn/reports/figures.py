"""The dashboard's plotly figures laid out for an A4 page and drawn as PNG images for the PDFs.

`for_print` makes a figure legible on paper: it is drawn at a fixed width that maps to the page's text width,
with fonts sized in points on paper, axes that grow their margins to fit every label (`automargin`, with the
plotly template pinned: importing streamlit makes its own template the default, one without automargin, and the
dashboard's 10 px margins then cut every name to its last letters), long labels wrapped, and a title on every
axis. `print_charts` renders them with kaleido, ONE headless Chromium for a whole document, on its own thread
with a deadline, so a Chromium that cannot start leaves a PDF of tables that says why; each image comes with a
caption naming its axes, so the PDF's text layer says what the chart shows.
"""

from __future__ import annotations

import asyncio
import html
import logging
import textwrap
import threading

import kaleido
import plotly.graph_objects as go
import plotly.io as pio

from benchlearn.i18n import t

log = logging.getLogger("benchlearn.reports")
IMAGE_TIMEOUT_S = 30
RENDER_TIMEOUT_S = 180
IMAGE_HEIGHT = 460  # px, for a figure that sets no height
SCALE = 2  # device pixels per layout pixel in the PNG: sharp lines and letters when printed
PAGE_WIDTH_MM = 186  # the text width of the A4 page (210 mm less 12 mm margins, document.ReportDocument)
PRINT_WIDTH = 800  # layout px drawn across that width: 1 px = 0.2325 mm on paper
MAX_HEIGHT = 1100  # layout px (256 mm): the tallest chart still fits one page whole, unshrunk
FONT_PX = 12  # ≈ 7.9 pt on paper
TITLE_PX = 16  # ≈ 10.5 pt
MIN_TICK_PX = 10  # ≈ 6.6 pt: the smallest label a dense axis (60 municipalities) gets
WRAP_CHARS = 32  # a category label longer than this is wrapped onto lines of at most this many characters
FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif"  # the PDF's own text is DejaVu Sans
Charts = dict[str, tuple[bytes, str]]  # key → (PNG, caption), as `print_charts` returns them
AXIS_ROOM = 70  # px under a plot for its axis labels and title
LEGEND_ROOM = 40  # px under those for a one-line legend
_PLOT_ROOM = 260  # px of a figure's height outside its plot area (title, axis labels, legend), roughly


def points(px: float) -> float:
    """The size in typographic points on paper of `px` layout pixels of a chart drawn by `for_print`."""
    return px * PAGE_WIDTH_MM / PRINT_WIDTH / (25.4 / 72)


def _wrap(label: str) -> str:
    # Labels are already literal (charts.text): entities have no spaces and words are never broken, so no
    # entity is cut in two; a label plotly already wraps (<br>) is left as it is.
    if "<br>" in label or len(label) <= WRAP_CHARS:
        return label
    return "<br>".join(textwrap.wrap(label, WRAP_CHARS, break_long_words=False, break_on_hyphens=False))


def _wrap_axis(axis: go.layout.XAxis | go.layout.YAxis) -> int:
    """Wrap the axis's category labels in place; returns how many categories it has (0 when not categorical)."""
    if axis.ticktext:
        axis.ticktext = [_wrap(str(label)) for label in axis.ticktext]
        return len(axis.ticktext)
    if axis.categoryarray is not None and len(axis.categoryarray):
        labels = [str(c) for c in axis.categoryarray]
        axis.tickvals, axis.ticktext = labels, [_wrap(label) for label in labels]
        return len(labels)
    return 0


def for_print(fig: go.Figure, x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """A copy of `fig` laid out for an A4 page: fixed width, fonts in print sizes, margins that fit every label
    (plotly's template pinned, automargin on), long category labels wrapped, and `x_title`/`y_title` on an axis
    that has no title (chart markup: make user values literal first, as `chart_t` does)."""
    out = go.Figure(fig)
    height = min(MAX_HEIGHT, out.layout.height or IMAGE_HEIGHT)
    out.update_layout(template=pio.templates["plotly"], width=PRINT_WIDTH, height=height,
                      font={"size": FONT_PX, "family": FONT_FAMILY}, title_font_size=TITLE_PX,
                      title_subtitle_font_size=FONT_PX, legend_font_size=FONT_PX)
    for axis, title in ((out.layout.xaxis, x_title), (out.layout.yaxis, y_title)):
        if title and not axis.title.text:
            axis.title.text = title
    _wrap_axis(out.layout.xaxis)
    rows = _wrap_axis(out.layout.yaxis)
    # a dense category axis gets the largest font its rows leave room for, never less than MIN_TICK_PX
    tick = max(MIN_TICK_PX, min(FONT_PX, int(0.8 * (height - _PLOT_ROOM) / rows))) if rows else FONT_PX
    out.update_xaxes(automargin=True, tickfont_size=FONT_PX, title_font_size=FONT_PX)
    out.update_yaxes(automargin=True, tickfont_size=tick, title_font_size=FONT_PX, title_standoff=8)
    out.update_traces(textfont_size=tick, selector={"type": "bar"})
    legend = out.layout.legend
    if legend.orientation == "h" and legend.yref != "container":
        # a legend hung under the plot (in plot fractions) lands on the axis title the print adds: it goes to
        # the figure's bottom edge instead, in a bottom margin kept free for it below the labels and title
        out.update_layout(legend={"y": 0, "yref": "container", "yanchor": "bottom"},
                          margin_b=max(out.layout.margin.b or 0, AXIS_ROOM) + LEGEND_ROOM)
    return out


def _plain(markup: object) -> str:
    # chart markup to PDF text: line breaks become spaces, entities their characters
    return html.unescape(str(markup or "").replace("<br>", " ")).strip()


def caption(fig: go.Figure, lang: str) -> str:
    """The figure's axis titles (and its colour scale's) as one sentence under the image, in `lang`."""
    layout = fig.layout
    text = t("reports.chart.axes", lang, x=_plain(layout.xaxis.title.text) or "–",
             y=_plain(layout.yaxis.title.text) or "–")
    colour = next((_plain(trace.colorbar.title.text) for trace in fig.data
                   if getattr(trace, "colorbar", None) is not None and trace.colorbar.title.text), "")
    return f"{text} {t('reports.chart.colour', lang, title=colour)}" if colour else text


async def _render(figures: dict[str, go.Figure]) -> dict[str, bytes]:
    # One browser for the whole report: starting Chromium costs ~3 s, each image then ~0.3 s.
    async with kaleido.Kaleido(n=1, timeout=IMAGE_TIMEOUT_S, mathjax=False) as engine:
        return {key: await engine.calc_fig(fig, opts={"format": "png", "width": fig.layout.width or PRINT_WIDTH,
                                                      "height": fig.layout.height or IMAGE_HEIGHT, "scale": SCALE})
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


def print_charts(figures: dict[str, go.Figure], lang: str) -> tuple[Charts, str | None]:
    """(key → (PNG, caption), None) for figures laid out by `for_print`, or ({}, why) as `render_images`."""
    images, failure = render_images(figures)
    return {key: (png, caption(figures[key], lang)) for key, png in images.items()}, failure
