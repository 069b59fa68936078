"""The one-municipality report as a PDF: title, summary, profile, rankings and trends, with the same labelled
tables as its workbook (`municipality_sheets`) and the dashboard's charts as images.

Input is a `ReportData` (benchlearn.api.reports) and a language; nothing here touches the store. Charts become
PNG images laid out for the A4 page (`figures.for_print`), through kaleido with ONE headless Chromium for the whole
report. When
Chromium cannot start the report still builds, with tables only, and says why on its first page. The data
attribution is in the footer of every page.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from benchlearn.charts import profile as profile_charts
from benchlearn.charts import ranking as ranking_charts
from benchlearn.charts import trends as trend_charts
from benchlearn.charts.marks import value_text
from benchlearn.charts.text import chart_t
from benchlearn.compare import rank_label
from benchlearn.compare.summary import profile_sentences
from benchlearn.i18n import LANGUAGE_NAMES, fmt_date, fmt_percent, localized_meta, t
from benchlearn.reports.document import ReportDocument
from benchlearn.reports.figures import Charts, for_print, print_charts
from benchlearn.reports.municipality_sheets import (
    band_word,
    decimals_of,
    indicator_name,
    num,
    peer_label,
    peers_text,
    report_credits,
    unit_of,
    word,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from benchlearn.api.reports import ReportData

TOP_ROWS = 5
TREND_ROWS = 10


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
        meta = localized_meta(comparison.indicator, lang)
        text = ranking_charts.texts(lang, meta, data.period, peers, comparison.summary["n"], len(comparison.table))
        figures[f"ranking:{code}"] = ranking_charts.ranked_bars(
            comparison.table, data.entity, text, ranking_charts.is_neutral(meta), ranking_charts.decimals_of(meta),
            comparison.references)
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


def print_figures(data: ReportData, lang: str) -> dict[str, go.Figure]:
    """`report_figures` laid out for the A4 page, each axis titled (indicators, municipalities, periods)."""
    titles = {"profile": (None, t("exports.col.indicator", lang)),
              "ranking": (None, t("exports.col.entity_name", lang)), "trend": (t("exports.col.period", lang), None)}
    return {key: for_print(fig, *titles[key.split(":")[0]]) for key, fig in report_figures(data, lang).items()}


# --- the PDF ---------------------------------------------------------------------------------------------

def municipality_report(data: ReportData, lang: str, charts_on: bool = True, today: dt.date | None = None) -> bytes:
    """The PDF report of one municipality in `lang`: title, summary, profile, rankings, trends.

    `charts_on=False` leaves the images out (tables only), as a Chromium that cannot start does.
    """
    images, failure = print_charts(print_figures(data, lang), lang) if charts_on else ({}, None)
    pdf = ReportDocument(" ".join(report_credits(data, lang)),
                         t("exports.report.page", lang, page="{page}", total="{nb}"),
                         t("exports.report.title", lang, name=data.entity_name), lang)
    pdf.add_page()
    _title(pdf, data, lang, today or dt.date.today(), failure)
    _summary(pdf, data, lang)
    _profile(pdf, data, lang, images)
    for code in data.rankings:
        _ranking(pdf, data, code, lang, images)
    for code in data.trends:
        _trend(pdf, data, code, lang, images)
    return bytes(pdf.output())


def _title(pdf: ReportDocument, data: ReportData, lang: str, today: dt.date, failure: str | None) -> None:
    pdf.heading(t("exports.report.title", lang, name=data.entity_name), size=17)
    for line in (f"{t('pick.period', lang)}: {data.period}",
                 f"{t('pick.peers', lang)}: {peers_text(data, lang)}",
                 f"{t('sidebar.language', lang)}: {LANGUAGE_NAMES[lang]}",
                 t("exports.report.generated", lang, date=fmt_date(today, lang), code=data.entity)):
        pdf.para(line, size=10)
    if failure:
        pdf.set_text_color(160, 40, 0)
        pdf.para(t("exports.report.no_charts", lang, reason=failure))
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _summary(pdf: ReportDocument, data: ReportData, lang: str) -> None:
    pdf.heading(t("exports.report.summary", lang))
    # the profile in plain words (issue 16.5), with the same rules as the profile page
    pdf.para(" ".join(profile_sentences(data.profile, data.entity_name, data.period, lang)))
    if data.strongest.empty and data.weakest.empty:
        pdf.para(t("exports.report.none_judged", lang))
        return
    for key, frame in (("strongest", data.strongest), ("weakest", data.weakest)):
        if frame.empty:
            continue
        lines = [t("exports.report.strength_line", lang, name=indicator_name(data, row.indicator_code, lang),
                   percentile=num(row.percentile, lang, 0), band=band_word(row.band, row.polarity, lang))
                 for row in frame.itertuples()]
        pdf.para(f"{t(f'exports.report.{key}', lang)}: " + "; ".join(lines))


def _profile(pdf: ReportDocument, data: ReportData, lang: str, images: Charts) -> None:
    pdf.heading(t("exports.report.profile", lang))
    pdf.para(t("exports.report.profile_explain", lang))
    for key in ("profile:performance", "profile:position"):
        if key in images:
            pdf.picture(*images[key])
    rows = []
    for row in data.profile.itertuples():
        decimals = decimals_of(data, row.indicator_code)
        rows.append([
            f"{indicator_name(data, row.indicator_code, lang, mark=True)} ({unit_of(data, row.indicator_code, lang)})",
            value_text(row.value, getattr(row, "status", None), lang, decimals) or "–",
            num(row.peer_median, lang, decimals),
            num(row.percentile, lang, 0),
            band_word(row.band, row.polarity, lang) if pd.notna(row.value) else _missing_reason(row, lang),
            word("exports.direction", row.direction, lang) or "–",
        ])
    header = [t(f"exports.col.{c}", lang) for c in ("indicator", "value", "peer_median", "percentile", "band",
                                                    "direction")]
    pdf.grid(header, rows, (70, 22, 22, 18, 30, 28), ("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "LEFT"))


def _missing_reason(row: object, lang: str) -> str:
    # Why the municipality has no value (no data, suppressed, not applicable), where the profile says so.
    return word("status", getattr(row, "status", None), lang) or t("band.no_data", lang)


def _ranking(pdf: ReportDocument, data: ReportData, code: str, lang: str, images: Charts) -> None:
    comparison = data.rankings[code]
    table, summary, decimals = comparison.table, comparison.summary, decimals_of(data, code)
    unit, polarity = unit_of(data, code, lang), comparison.indicator["polarity"]
    pdf.heading(t("exports.report.ranking", lang, indicator=indicator_name(data, code, lang), period=data.period))
    pdf.para(t(f"polarity.{polarity}", lang).capitalize() + f" · {unit}")
    own = table[table["entity_code"] == data.entity]
    if not own.empty and pd.notna(own.iloc[0]["value"]) and pd.isna(own.iloc[0]["rank"]):
        pdf.para(t("explain.small", lang))  # shown, not ranked: a denominator below the minimum (issue 16.2)
    elif not own.empty and pd.notna(own.iloc[0]["value"]):
        r = own.iloc[0]
        pdf.para(t("exports.report.ranking_line", lang, name=data.entity_name, rank=int(r["rank"]),
                   n=summary["n"], value=num(r["value"], lang, decimals), percentile=num(r["percentile"], lang, 0),
                   band=band_word(r["band"], polarity, lang)))
    elif not own.empty:
        pdf.para(t("exports.report.no_value", lang, name=data.entity_name,
                   reason=word("status", own.iloc[0].get("status"), lang)))
    pdf.para(t("exports.report.peer_stats", lang, median=num(summary["median"], lang, decimals),
               p25=num(summary["p25"], lang, decimals), p75=num(summary["p75"], lang, decimals),
               best=num(summary["best"], lang, decimals), n=summary["n"]))
    if summary["missing"]:
        counts = table.loc[table["value"].isna(), "status"].value_counts()
        reasons = ", ".join(f"{word('status', s, lang)} {n}" for s, n in counts.items())
        pdf.para(t("exports.report.missing", lang, count=summary["missing"], reasons=reasons))
    if f"ranking:{code}" in images:
        pdf.picture(*images[f"ranking:{code}"])
    shown = pd.concat([table.head(TOP_ROWS), own]).drop_duplicates("entity_code")
    # a shared rank "=4", a provisional value marked, a confidential one named (issue 16.2)
    rows = [[rank_label(r.rank, bool(getattr(r, "tied", False))) or "–", str(r.entity_name),
             value_text(r.value, getattr(r, "status", None), lang, decimals) or "–",
             num(r.gap_to_median, lang, decimals), band_word(r.band, polarity, lang)] for r in shown.itertuples()]
    pdf.para(t("exports.report.top_rows", lang, n=TOP_ROWS, name=data.entity_name), size=8)
    header = [t(f"exports.col.{c}", lang) for c in ("rank", "entity_name", "value", "gap_to_median", "band")]
    pdf.grid(header, rows, (14, 76, 30, 34, 36), ("RIGHT", "LEFT", "RIGHT", "RIGHT", "LEFT"))


def _trend(pdf: ReportDocument, data: ReportData, code: str, lang: str, images: Charts) -> None:
    series, change, decimals = data.trends[code], data.changes[code], decimals_of(data, code)
    pdf.heading(t("exports.report.trend", lang, indicator=indicator_name(data, code, lang)))
    if series["period"].nunique() < 2 or change["last"] is None:
        pdf.para(t("exports.report.one_period", lang))
    else:
        pct = change["change_pct"]
        growth = change["cagr"]
        pdf.para(t("exports.report.trend_line", lang, first=change["first"], last=change["last"],
                   change=num(change["change"], lang, decimals),
                   pct=fmt_percent(pct, lang, 1), cagr=fmt_percent(None if growth is None else growth * 100, lang, 1),
                   direction=word("exports.direction", change["direction"], lang) or "–"))
    if f"trend:{code}" in images:
        pdf.picture(*images[f"trend:{code}"])
    recent = series.tail(TREND_ROWS)
    if len(series) > TREND_ROWS:
        pdf.para(t("exports.report.recent_rows", lang, n=TREND_ROWS), size=8)
    rows = [[str(r.period), value_text(r.value, getattr(r, "status", None), lang, decimals) or "–",
             num(r.median, lang, decimals),
             num(r.p25, lang, decimals), num(r.p75, lang, decimals), num(r.gap_to_median, lang, decimals)]
            for r in recent.itertuples()]
    header = [t(f"exports.col.{c}", lang) for c in ("period", "value", "median", "p25", "p75", "gap_to_median")]
    pdf.grid(header, rows, (26, 32, 32, 32, 32, 36), ("LEFT",) + ("RIGHT",) * 5)
