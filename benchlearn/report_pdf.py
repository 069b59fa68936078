"""The one-municipality report as a PDF (fpdf2, shipped DejaVu font) and as an Excel workbook of its tables.

Both take a `ReportData` (benchlearn.api.reports) and a language; neither touches the store, and both show
the same labelled tables. Charts become PNG images through kaleido with ONE headless Chromium for the whole
report. When Chromium cannot start the report still builds, with tables only, and says why on its first
page. The data attribution is in the footer of every PDF page and on the workbook's Source sheet.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
import math
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import kaleido
import pandas as pd
from fpdf import FPDF, FontFace

from benchlearn.charts import profile as profile_charts
from benchlearn.charts import ranking as ranking_charts
from benchlearn.charts import trends as trend_charts
from benchlearn.charts.text import chart_t
from benchlearn.i18n import LANGUAGE_NAMES, fmt_number, localized, t, tn
from benchlearn.report import credit_lines, excel_bytes

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from benchlearn.api.reports import ReportData

log = logging.getLogger("benchlearn.report")
FONT_DIR = Path(__file__).resolve().parents[1] / "data" / "fonts"
FONT = "DejaVu"
IMAGE_TIMEOUT_S = 30
RENDER_TIMEOUT_S = 180
TOP_ROWS = 5
IMAGE_WIDTH = 1000  # px; the dashboard's charts take the page width, the report's a fixed one
IMAGE_HEIGHT = 460
TREND_ROWS = 10
MARKS = {"higher_better": "↑ ", "lower_better": "↓ "}
_HEAD = FontFace(emphasis="BOLD", fill_color=(225, 232, 243))


# --- words and numbers -----------------------------------------------------------------------------------

def _word(prefix: str, value: object, lang: str) -> str:
    return t(f"{prefix}.{value}", lang) if isinstance(value, str) and value else ""


def band_word(band: object, polarity: object, lang: str) -> str:
    """The quartile band in words: a judgement ("Top quarter") only where the indicator has a better
    direction; a position ("Highest quarter") on a neutral one, as the profile page says it."""
    if polarity == "neutral" and band in ("top", "upper_middle", "lower_middle", "bottom"):
        return t(f"profile.position.{band}", lang)
    return _word("band", band, lang)


def _meta(data: ReportData) -> pd.DataFrame:
    return data.indicators.set_index("code")


def indicator_name(data: ReportData, code: str, lang: str, mark: bool = False) -> str:
    """The indicator's name in `lang` (English where the data has no translation), with ↑/↓ if `mark`."""
    row = _meta(data).loc[code]
    name = localized({"code": code, **row.to_dict()}, "name", lang)
    return (MARKS.get(row["polarity"], "") if mark else "") + name


def _decimals(data: ReportData, code: str) -> int:
    value = _meta(data).loc[code, "decimals"]
    return int(value) if pd.notna(value) else 1


def _num(value: object, lang: str, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    return fmt_number(float(value), lang, decimals)


def peer_label(data: ReportData, lang: str) -> str:
    """The peer set in words, as the dashboard's peer picker names it (the spec itself where it has no name)."""
    kind, _, rest = data.peers.spec.partition(":")
    if kind == "all":
        return t("pick.peers.all", lang)
    if kind == "country":
        return t("pick.peers.country", lang, country=rest)
    if kind in ("network", "group") and data.peers_name:
        return t(f"pick.peers.{kind}", lang, name=data.peers_name)
    if kind == "nearest" and rest.count(":") >= 1 and rest.split(":")[1].isdigit():
        return tn("pick.peers.similar", int(rest.split(":")[1]), lang, k=int(rest.split(":")[1]))
    return data.peers.spec


def peers_text(data: ReportData, lang: str) -> str:
    """'<peer set> (n municipalities)' for the title page and the chart subtitles."""
    return tn("exports.report.peers_value", len(data.peers.codes), lang, peers=peer_label(data, lang))


# --- the labelled tables (PDF and workbook) --------------------------------------------------------------

def profile_sheet(data: ReportData, lang: str) -> pd.DataFrame:
    """The profile with translated headers and words; numbers stay numbers."""
    p = data.profile
    return pd.DataFrame({
        t("exports.col.code", lang): p["indicator_code"],
        t("exports.col.indicator", lang): [indicator_name(data, c, lang) for c in p["indicator_code"]],
        t("exports.col.unit", lang): p["unit"],
        t("exports.col.polarity", lang): [_word("polarity", v, lang) for v in p["polarity"]],
        t("exports.col.value", lang): p["value"],
        t("exports.col.peer_median", lang): p["peer_median"],
        t("exports.col.percentile", lang): p["percentile"],
        t("exports.col.band", lang): [band_word(b, q, lang) for b, q in zip(p["band"], p["polarity"], strict=True)],
        t("exports.col.rank", lang): p["rank"],
        t("exports.col.peer_n", lang): p["peer_n"],
        t("exports.col.peer_missing", lang): p["peer_missing"],
        t("exports.col.gap_to_median", lang): p["gap_to_median"],
        t("exports.col.previous_period", lang): p["previous_period"],
        t("exports.col.previous_value", lang): p["previous_value"],
        t("exports.col.change", lang): p["change"],
        t("exports.col.direction", lang): [_word("exports.direction", v, lang) for v in p["direction"]],
        t("exports.col.status", lang): [_word("status", v, lang) for v in p.get("status", pd.Series(index=p.index))],
    })


def ranking_sheet(data: ReportData, code: str, lang: str) -> pd.DataFrame:
    """Every peer on one indicator, ranked, with translated headers, bands and reasons for missing values."""
    table, polarity = data.rankings[code].table, data.rankings[code].indicator["polarity"]
    out = pd.DataFrame({t("exports.col.code", lang): code,
                        t("exports.col.indicator", lang): indicator_name(data, code, lang)}, index=table.index)
    for column in ("entity_code", "entity_name", "value", "rank", "percentile", "z", "mad_score", "band",
                   "gap_to_median", "gap_to_best", "peer_median", "peer_mean", "peer_mad", "status"):
        values = table[column] if column in table else pd.Series(pd.NA, index=table.index)
        if column == "band":
            values = values.map(lambda v: band_word(v, polarity, lang))
        elif column == "status":
            values = values.map(lambda v: _word("status", v, lang))
        out[t(f"exports.col.{column}", lang)] = values
    return out


def trend_sheet(data: ReportData, code: str, lang: str) -> pd.DataFrame:
    """The entity against the peer median and p25–p75 over every period, with translated headers."""
    series = data.trends[code]
    out = pd.DataFrame({t("exports.col.code", lang): code,
                        t("exports.col.indicator", lang): indicator_name(data, code, lang)}, index=series.index)
    for column in ("period", "value", "median", "p25", "p75", "n", "gap_to_median"):
        out[t(f"exports.col.{column}", lang)] = series[column]
    return out


def contents_sheet(data: ReportData, lang: str) -> pd.DataFrame:
    """What the workbook is about and what each sheet holds."""
    rows = [
        (t("exports.col.entity_name", lang), f"{data.entity_name} ({data.entity})"),
        (t("pick.period", lang), data.period),
        (t("pick.peers", lang), peers_text(data, lang)),
        (t("sidebar.language", lang), LANGUAGE_NAMES[lang]),
        (t("exports.sheet.profile", lang), t("exports.contents.profile", lang)),
    ]
    for i, code in enumerate(data.rankings, start=1):
        name = indicator_name(data, code, lang)
        rows.append((t("exports.sheet.ranking", lang, i=i), t("exports.contents.ranking", lang, indicator=name)))
        rows.append((t("exports.sheet.trend", lang, i=i), t("exports.contents.trend", lang, indicator=name)))
    return pd.DataFrame(rows, columns=[t("exports.contents.item", lang), t("exports.contents.value", lang)])


def report_sheets(data: ReportData, lang: str) -> dict[str, pd.DataFrame]:
    """Sheet name → table: contents, profile, then a ranking and a trend per chosen indicator."""
    sheets = {t("exports.sheet.contents", lang): contents_sheet(data, lang),
              t("exports.sheet.profile", lang): profile_sheet(data, lang)}
    for i, code in enumerate(data.rankings, start=1):
        sheets[t("exports.sheet.ranking", lang, i=i)] = ranking_sheet(data, code, lang)
        sheets[t("exports.sheet.trend", lang, i=i)] = trend_sheet(data, code, lang)
    return sheets


def report_credits(data: ReportData, lang: str) -> list[str]:
    """The attribution of the report: the sources of the indicators it shows (no map is drawn in it)."""
    return credit_lines(data.indicators["source"], lang)


def municipality_workbook(data: ReportData, lang: str) -> bytes:
    """The report's tables as an .xlsx (formula-like text neutralised, numbers numeric, attribution sheet)."""
    return excel_bytes(report_sheets(data, lang), attribution=report_credits(data, lang))


# --- charts ----------------------------------------------------------------------------------------------

def profile_figures(data: ReportData, lang: str) -> dict[str, go.Figure]:
    """The profile page's percentile charts: 'profile:performance' (indicators with a better direction) and
    'profile:position' (neutral ones), each only when it has indicators."""
    peers = peer_label(data, lang)
    table = data.profile.assign(label=[indicator_name(data, c, lang) for c in data.profile["indicator_code"]])
    if "status" not in table.columns:
        table["status"] = "not_available"
    figures = {}
    for key, neutral in (("performance", False), ("position", True)):
        part = table[(table["polarity"] == "neutral") == neutral]
        if part.empty:
            continue
        text = ranking_charts.ChartText(
            title=chart_t(f"profile.chart.{key}", lang, entity=data.entity_name, period=data.period),
            subtitle=chart_t(f"profile.chart.{key}_sub", lang, peers=peers), axis=t("profile.axis", lang),
            median=t("profile.median", lang), lang=lang)
        figures[f"profile:{key}"] = profile_charts.percentile_bars(
            part, text, ranking_charts.band_names(lang, neutral), ranking_charts.reasons(lang), neutral)
    return figures


def report_figures(data: ReportData, lang: str) -> dict[str, go.Figure]:
    """The profile charts, then 'ranking:<code>' and 'trend:<code>' (trends only with two or more periods),
    drawn by the same builders as the dashboard pages."""
    peers = peer_label(data, lang)
    figures = profile_figures(data, lang)
    for code, comparison in data.rankings.items():
        meta = comparison.indicator
        text = ranking_charts.texts(lang, meta, data.period, peers, comparison.summary["n"], len(comparison.table))
        figures[f"ranking:{code}"] = ranking_charts.ranked_bars(
            comparison.table, data.entity, text, ranking_charts.is_neutral(meta), ranking_charts.decimals_of(meta))
        series = data.trends[code]
        if series["period"].nunique() >= 2:
            text = ranking_charts.ChartText(
                title=chart_t("trends.chart_title", lang, indicator=indicator_name(data, code, lang),
                              entity=data.entity_name),
                subtitle=chart_t("trends.subtitle", lang, polarity=t(f"polarity.{meta['polarity']}", lang),
                                 peers=peers),
                axis=chart_t("trends.axis", lang, unit=meta["unit"]), median=t("trends.median", lang), lang=lang)
            names = trend_charts.SeriesNames(entity=data.entity_name, median=t("trends.median", lang),
                                             band=t("trends.band", lang))
            figures[f"trend:{code}"] = trend_charts.trend_band(series, text, names)
    return figures


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


# --- the PDF ---------------------------------------------------------------------------------------------

class _ReportPDF(FPDF):
    """A4 portrait, DejaVu Sans, the attribution and the page number in every page's footer."""

    def __init__(self, attribution: str, page_label: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.attribution, self.page_label = attribution, page_label
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=24)
        self.set_margins(12, 12, 12)

    def footer(self) -> None:
        """The data attribution and the page number (fpdf2 calls this on every page)."""
        self.set_y(-20)
        self.set_font(FONT, size=7)
        self.set_text_color(90, 90, 90)
        self.multi_cell(0, 3.2, self.attribution, align="L")
        # "{nb}" is fpdf2's alias for the page count, filled in when the document is closed
        self.cell(0, 3.2, self.page_label.replace("{page}", str(self.page_no())), align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 13) -> None:
        """A bold heading on its own lines, kept with at least a little of what follows."""
        if self.get_y() > self.h - 60:
            self.add_page()
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)
        self.set_font(FONT, size=9)

    def para(self, text: str, size: float = 9) -> None:
        """A paragraph of plain text."""
        self.set_font(FONT, size=size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def picture(self, png: bytes) -> None:
        """An image at full text width, shrunk to fit one page, on a new page if it does not fit here."""
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            px_w, px_h = image.size
        usable = self.h - self.t_margin - self.b_margin
        width = self.epw
        height = width * px_h / px_w
        if height > usable:
            width, height = width * usable / height, usable
        if self.get_y() + height > self.h - self.b_margin:
            self.add_page()
        self.image(io.BytesIO(png), x=self.l_margin + (self.epw - width) / 2, w=width, h=height)
        self.ln(2)

    def grid(self, header: list[str], rows: list[list[str]], widths: tuple[float, ...],
             align: tuple[str, ...]) -> None:
        """A table with a bold header row repeated on every page it spans."""
        self.set_font(FONT, size=7.5)
        with self.table(col_widths=widths, text_align=align, headings_style=_HEAD, line_height=4,
                        padding=0.8, first_row_as_headings=True) as table:
            table.row(header)
            for row in rows:
                table.row(row)
        self.ln(3)


def municipality_report(data: ReportData, lang: str, charts_on: bool = True, today: dt.date | None = None) -> bytes:
    """The PDF report of one municipality in `lang`: title, summary, profile, rankings, trends.

    `charts_on=False` leaves the images out (tables only), as a Chromium that cannot start does.
    """
    images, failure = render_images(report_figures(data, lang)) if charts_on else ({}, None)
    pdf = _ReportPDF(" ".join(report_credits(data, lang)), t("exports.report.page", lang, page="{page}", total="{nb}"))
    pdf.set_title(t("exports.report.title", lang, name=data.entity_name))
    pdf.set_author("Benchlearn")
    pdf.set_lang(lang)
    pdf.add_page()
    _title(pdf, data, lang, today or dt.date.today(), failure)
    _summary(pdf, data, lang)
    _profile(pdf, data, lang, images)
    for code in data.rankings:
        _ranking(pdf, data, code, lang, images)
    for code in data.trends:
        _trend(pdf, data, code, lang, images)
    return bytes(pdf.output())


def _title(pdf: _ReportPDF, data: ReportData, lang: str, today: dt.date, failure: str | None) -> None:
    pdf.heading(t("exports.report.title", lang, name=data.entity_name), size=17)
    for line in (f"{t('pick.period', lang)}: {data.period}",
                 f"{t('pick.peers', lang)}: {peers_text(data, lang)}",
                 f"{t('sidebar.language', lang)}: {LANGUAGE_NAMES[lang]}",
                 t("exports.report.generated", lang, date=today.isoformat(), code=data.entity)):
        pdf.para(line, size=10)
    if failure:
        pdf.set_text_color(160, 40, 0)
        pdf.para(t("exports.report.no_charts", lang, reason=failure))
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _summary(pdf: _ReportPDF, data: ReportData, lang: str) -> None:
    pdf.heading(t("exports.report.summary", lang))
    if data.strongest.empty and data.weakest.empty:
        pdf.para(t("exports.report.none_judged", lang))
        return
    for key, frame in (("strongest", data.strongest), ("weakest", data.weakest)):
        if frame.empty:
            continue
        lines = [t("exports.report.strength_line", lang, name=indicator_name(data, row.indicator_code, lang),
                   percentile=_num(row.percentile, lang, 0), band=band_word(row.band, row.polarity, lang))
                 for row in frame.itertuples()]
        pdf.para(f"{t(f'exports.report.{key}', lang)}: " + "; ".join(lines))


def _profile(pdf: _ReportPDF, data: ReportData, lang: str, images: dict[str, bytes]) -> None:
    pdf.heading(t("exports.report.profile", lang))
    pdf.para(t("exports.report.profile_explain", lang))
    for key in ("profile:performance", "profile:position"):
        if key in images:
            pdf.picture(images[key])
    rows = []
    for row in data.profile.itertuples():
        decimals = _decimals(data, row.indicator_code)
        rows.append([
            f"{indicator_name(data, row.indicator_code, lang, mark=True)} ({row.unit})",
            _num(row.value, lang, decimals), _num(row.peer_median, lang, decimals),
            _num(row.percentile, lang, 0),
            band_word(row.band, row.polarity, lang) if pd.notna(row.value) else _missing_reason(row, lang),
            _word("exports.direction", row.direction, lang) or "–",
        ])
    header = [t(f"exports.col.{c}", lang) for c in ("indicator", "value", "peer_median", "percentile", "band",
                                                    "direction")]
    pdf.grid(header, rows, (70, 22, 22, 18, 30, 28), ("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "LEFT"))


def _missing_reason(row: object, lang: str) -> str:
    # Why the municipality has no value (no data, suppressed, not applicable), where the profile says so.
    return _word("status", getattr(row, "status", None), lang) or t("band.no_data", lang)


def _ranking(pdf: _ReportPDF, data: ReportData, code: str, lang: str, images: dict[str, bytes]) -> None:
    comparison = data.rankings[code]
    table, summary, decimals = comparison.table, comparison.summary, _decimals(data, code)
    unit, polarity = str(comparison.indicator["unit"]), comparison.indicator["polarity"]
    pdf.heading(t("exports.report.ranking", lang, indicator=indicator_name(data, code, lang), period=data.period))
    pdf.para(t(f"polarity.{polarity}", lang).capitalize() + f" · {unit}")
    own = table[table["entity_code"] == data.entity]
    if not own.empty and pd.notna(own.iloc[0]["value"]):
        r = own.iloc[0]
        pdf.para(t("exports.report.ranking_line", lang, name=data.entity_name, rank=int(r["rank"]),
                   n=summary["n"], value=_num(r["value"], lang, decimals), percentile=_num(r["percentile"], lang, 0),
                   band=band_word(r["band"], polarity, lang)))
    elif not own.empty:
        pdf.para(t("exports.report.no_value", lang, name=data.entity_name,
                   reason=_word("status", own.iloc[0].get("status"), lang)))
    pdf.para(t("exports.report.peer_stats", lang, median=_num(summary["median"], lang, decimals),
               p25=_num(summary["p25"], lang, decimals), p75=_num(summary["p75"], lang, decimals),
               best=_num(summary["best"], lang, decimals), n=summary["n"]))
    if summary["missing"]:
        counts = table.loc[table["value"].isna(), "status"].value_counts()
        reasons = ", ".join(f"{_word('status', s, lang)} {n}" for s, n in counts.items())
        pdf.para(t("exports.report.missing", lang, count=summary["missing"], reasons=reasons))
    if f"ranking:{code}" in images:
        pdf.picture(images[f"ranking:{code}"])
    shown = pd.concat([table.head(TOP_ROWS), own]).drop_duplicates("entity_code")
    rows = [[str(r.rank) if pd.notna(r.rank) else "–", str(r.entity_name), _num(r.value, lang, decimals),
             _num(r.gap_to_median, lang, decimals), band_word(r.band, polarity, lang)] for r in shown.itertuples()]
    pdf.para(t("exports.report.top_rows", lang, n=TOP_ROWS, name=data.entity_name), size=8)
    header = [t(f"exports.col.{c}", lang) for c in ("rank", "entity_name", "value", "gap_to_median", "band")]
    pdf.grid(header, rows, (14, 76, 30, 34, 36), ("RIGHT", "LEFT", "RIGHT", "RIGHT", "LEFT"))


def _trend(pdf: _ReportPDF, data: ReportData, code: str, lang: str, images: dict[str, bytes]) -> None:
    series, change, decimals = data.trends[code], data.changes[code], _decimals(data, code)
    pdf.heading(t("exports.report.trend", lang, indicator=indicator_name(data, code, lang)))
    if series["period"].nunique() < 2 or change["last"] is None:
        pdf.para(t("exports.report.one_period", lang))
    else:
        pct = change["change_pct"]
        growth = change["cagr"]
        pdf.para(t("exports.report.trend_line", lang, first=change["first"], last=change["last"],
                   change=_num(change["change"], lang, decimals),
                   pct=f"{_num(pct, lang, 1)} %" if pct is not None and pd.notna(pct) else "–",
                   cagr=f"{_num(growth * 100, lang, 1)} %" if growth is not None and pd.notna(growth) else "–",
                   direction=_word("exports.direction", change["direction"], lang) or "–"))
    if f"trend:{code}" in images:
        pdf.picture(images[f"trend:{code}"])
    recent = series.tail(TREND_ROWS)
    if len(series) > TREND_ROWS:
        pdf.para(t("exports.report.recent_rows", lang, n=TREND_ROWS), size=8)
    rows = [[str(r.period), _num(r.value, lang, decimals), _num(r.median, lang, decimals),
             _num(r.p25, lang, decimals), _num(r.p75, lang, decimals), _num(r.gap_to_median, lang, decimals)]
            for r in recent.itertuples()]
    header = [t(f"exports.col.{c}", lang) for c in ("period", "value", "median", "p25", "p75", "gap_to_median")]
    pdf.grid(header, rows, (26, 32, 32, 32, 32, 36), ("LEFT",) + ("RIGHT",) * 5)
