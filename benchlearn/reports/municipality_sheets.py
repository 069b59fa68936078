"""The one-municipality report's labelled tables and words, shared by its PDF (`municipality`) and its Excel
workbook (`municipality_workbook` here). Input is a `ReportData` (benchlearn.api.reports) and a language;
nothing here touches the store. The workbook's Source sheet credits the sources of the indicators shown.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from benchlearn.i18n import LANGUAGE_NAMES, fmt_number, localized, t, tn
from benchlearn.model import PeerSpec
from benchlearn.reports.spreadsheet import credit_lines, excel_bytes

if TYPE_CHECKING:
    from benchlearn.api.reports import ReportData

MARKS = {"higher_better": "↑ ", "lower_better": "↓ "}


# --- words and numbers -----------------------------------------------------------------------------------

def word(prefix: str, value: object, lang: str) -> str:
    return t(f"{prefix}.{value}", lang) if isinstance(value, str) and value else ""


def band_word(band: object, polarity: object, lang: str) -> str:
    """The quartile band in words: a judgement ("Top quarter") only where the indicator has a better
    direction; a position ("Highest quarter") on a neutral one, as the profile page says it."""
    if polarity == "neutral" and band in ("top", "upper_middle", "lower_middle", "bottom"):
        return t(f"profile.position.{band}", lang)
    return word("band", band, lang)


def _meta(data: ReportData) -> pd.DataFrame:
    return data.indicators.set_index("code")


def indicator_name(data: ReportData, code: str, lang: str, mark: bool = False) -> str:
    """The indicator's name in `lang` (English where the data has no translation), with ↑/↓ if `mark`."""
    row = _meta(data).loc[code]
    name = localized({"code": code, **row.to_dict()}, "name", lang)
    return (MARKS.get(row["polarity"], "") if mark else "") + name


def unit_of(data: ReportData, code: str, lang: str) -> str:
    """The indicator's unit in `lang` (English where the data has no translation)."""
    return localized(_meta(data).loc[code].to_dict(), "unit", lang)


def decimals_of(data: ReportData, code: str) -> int:
    value = _meta(data).loc[code, "decimals"]
    return int(value) if pd.notna(value) else 1


def num(value: object, lang: str, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    return fmt_number(float(value), lang, decimals)


def peer_label(data: ReportData, lang: str) -> str:
    """The peer set in words, as the dashboard's peer picker names it (the spec itself where it has no name)."""
    peers = PeerSpec.read(data.peers.spec)
    kind = peers.kind if peers is not None else ""
    if kind == "all":
        return t("pick.peers.all", lang)
    if kind == "country":
        return t("pick.peers.country", lang, country=peers.code)
    if kind in ("network", "group") and data.peers_name:
        return t(f"pick.peers.{kind}", lang, name=localized(data.peers_names, "name", lang) or data.peers_name)
    if kind == "nearest":
        return tn("pick.peers.similar", peers.k, lang, k=peers.k)
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
        t("exports.col.unit", lang): [unit_of(data, c, lang) for c in p["indicator_code"]],
        t("exports.col.polarity", lang): [word("polarity", v, lang) for v in p["polarity"]],
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
        t("exports.col.direction", lang): [word("exports.direction", v, lang) for v in p["direction"]],
        t("exports.col.status", lang): [word("status", v, lang) for v in p.get("status", pd.Series(index=p.index))],
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
            values = values.map(lambda v: word("status", v, lang))
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


def report_decimals(data: ReportData, lang: str) -> dict[str, dict[str, int | list[int]]]:
    """Sheet → column → decimal places of the workbook's numbers: each indicator's own for its values and gaps
    (one per row on the profile), whole percentiles, two places for the scores."""
    def columns(places: int | list[int], *names: str) -> dict[str, int | list[int]]:
        return {t(f"exports.col.{name}", lang): places for name in names}

    per_row = [decimals_of(data, c) for c in data.profile["indicator_code"]]
    out = {t("exports.sheet.profile", lang): columns(per_row, "value", "peer_median", "gap_to_median",
                                                     "previous_value", "change") | columns(0, "percentile")}
    for i, code in enumerate(data.rankings, start=1):
        places = decimals_of(data, code)
        out[t("exports.sheet.ranking", lang, i=i)] = (
            columns(places, "value", "gap_to_median", "gap_to_best", "peer_median", "peer_mean", "peer_mad")
            | columns(0, "percentile") | columns(2, "z", "mad_score"))
        out[t("exports.sheet.trend", lang, i=i)] = columns(places, "value", "median", "p25", "p75", "gap_to_median")
    return out


def municipality_workbook(data: ReportData, lang: str) -> bytes:
    """The report's tables as an .xlsx (formula-like text neutralised, numbers numeric with the indicators'
    decimals, the attribution sheet in `lang`)."""
    return excel_bytes(report_sheets(data, lang), attribution=report_credits(data, lang), lang=lang,
                       decimals=report_decimals(data, lang))
