"""The network meeting pack as a PDF (fpdf2, the shipped DejaVu font: every Lithuanian and Latvian letter) and
as an Excel workbook of the same tables; both carry the data attribution.

Input is a `benchlearn.api.meeting.MeetingPack` and a language; nothing here touches the store. Charts (the
heatmap and each ranking) become images laid out for the A4 page (`figures.for_print`) through kaleido when
Chromium can start (one browser for the whole pack); the tables carry all the content, so a pack without
images loses nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from benchlearn.charts import marks
from benchlearn.charts import network as network_charts
from benchlearn.charts import ranking as ranking_charts
from benchlearn.charts.text import chart_t
from benchlearn.compare import rank_label
from benchlearn.i18n import LANGUAGE_NAMES, fmt_date, fmt_number, localized, localized_meta, t, tn
from benchlearn.ingest.practice_form import as_list
from benchlearn.reports import meeting_followup as followup
from benchlearn.reports.document import ReportDocument
from benchlearn.reports.figures import Charts, for_print, print_charts
from benchlearn.reports.meeting_summary import summary_section
from benchlearn.reports.spreadsheet import credit_lines, excel_bytes

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from benchlearn.api.meeting import MeetingPack

HEATMAP_COLUMNS = 6  # indicators per heatmap table in the PDF (a wider table would not fit the page)
BODY_CHARS = 700


# --- words and numbers -------------------------------------------------------------------------------------

def network_name(pack: MeetingPack, lang: str) -> str:
    """The network's name in `lang` (its English name where the data has no translation)."""
    return localized(pack.network_names, "name", lang) or pack.network_name


def _meta(pack: MeetingPack, code: str) -> dict:
    return pack.indicators.set_index("code").loc[code].to_dict() | {"code": code}


def indicator_name(pack: MeetingPack, code: str, lang: str) -> str:
    """The indicator's name in `lang` (English where the data has no translation)."""
    return localized(_meta(pack, code), "name", lang) if code in set(pack.indicators["code"]) else code


def _decimals(pack: MeetingPack, code: str) -> int:
    return ranking_charts.decimals_of(_meta(pack, code)) if code in set(pack.indicators["code"]) else 1


def _num(value: object, lang: str, decimals: int) -> str:
    return "–" if value is None or pd.isna(value) else fmt_number(float(value), lang, decimals)


def _status(value: object, lang: str) -> str:
    return t(f"targets.status.{value}", lang) if isinstance(value, str) else ""


def _aim(row: dict, lang: str, decimals: int) -> str:
    if row["kind"] == "absolute":
        return _num(row["value"], lang, decimals)
    return t(f"targets.kind.{row['kind']}", lang) + f" ({_num(row['target_value'], lang, decimals)})"


# --- the tables (workbook sheets; the PDF shows the same rows) ---------------------------------------------

def heatmap_sheet(pack: MeetingPack, lang: str) -> pd.DataFrame:
    """Members (best mean percentile first) × directional indicators: percentiles 0–100."""
    names = pack.members.set_index("entity_code")["entity_name"]
    out = pd.DataFrame({t("meeting.col.entity", lang): [names.get(c, c) for c in pack.matrix.index],
                        t("meeting.col.code", lang): list(pack.matrix.index)})
    for code in pack.matrix.columns:
        out[indicator_name(pack, code, lang)] = pack.matrix[code].round(1).to_numpy()
    return out


def ranking_sheet(pack: MeetingPack, code: str, lang: str) -> pd.DataFrame:
    """Every member on one indicator, best first, with its band and the reason for a missing value."""
    comparison = pack.rankings[code]
    table, neutral = comparison.table, ranking_charts.is_neutral(comparison.indicator)
    bands, reasons = ranking_charts.band_names(lang, neutral), ranking_charts.reasons(lang)
    return pd.DataFrame({
        t("meeting.col.indicator", lang): indicator_name(pack, code, lang),
        t("meeting.col.rank", lang): table["rank"], t("meeting.col.entity", lang): table["entity_name"],
        t("meeting.col.code", lang): table["entity_code"],
        t("meeting.col.value_unit", lang, unit=localized(comparison.indicator, "unit", lang)): table["value"],
        t("meeting.col.percentile", lang): table["percentile"],
        t("meeting.col.band", lang): table["band"].astype(str).map(bands),
        t("meeting.col.gap_to_median", lang): table["gap_to_median"],
        t("meeting.col.status", lang): table["status"].map(reasons),
    })


def improved_sheet(pack: MeetingPack, lang: str) -> pd.DataFrame:
    """The most improved members per directional indicator (improvement > 0, largest first)."""
    rows = pack.improved
    return pd.DataFrame({
        t("meeting.col.indicator", lang): [indicator_name(pack, c, lang) for c in rows["indicator_code"]],
        t("meeting.col.entity", lang): rows["entity_name"], t("meeting.col.code", lang): rows["entity_code"],
        t("meeting.col.previous_period", lang): rows["previous_period"],
        t("meeting.col.previous_value", lang): rows["previous_value"],
        t("meeting.col.value", lang): rows["value"], t("meeting.col.improvement", lang): rows["improvement"],
    })


def gaps_sheet(pack: MeetingPack, lang: str) -> pd.DataFrame:
    """The biggest gaps to the network median (worst first by the gap relative to the median)."""
    rows = pack.gaps
    return pd.DataFrame({
        t("meeting.col.entity", lang): rows["entity_name"], t("meeting.col.code", lang): rows["entity_code"],
        t("meeting.col.indicator", lang): [indicator_name(pack, c, lang) for c in rows["indicator_code"]],
        t("meeting.col.value", lang): rows["value"], t("meeting.col.median", lang): rows["peer_median"],
        t("meeting.col.gap_to_median", lang): rows["gap_to_median"],
        t("meeting.col.gap_pct", lang): rows["gap_pct"],
    })


def targets_sheet(pack: MeetingPack, lang: str) -> pd.DataFrame:
    """The members' targets with their status now."""
    rows = pack.targets
    return pd.DataFrame({
        t("meeting.col.entity", lang): rows["entity_name"], t("meeting.col.code", lang): rows["entity_code"],
        t("meeting.col.indicator", lang): [indicator_name(pack, c, lang) for c in rows["indicator_code"]],
        t("meeting.col.kind", lang): [t(f"targets.kind.{k}", lang) for k in rows["kind"]],
        t("meeting.col.target", lang): rows["target_value"], t("meeting.col.by", lang): rows["period"],
        t("meeting.col.baseline", lang): rows["baseline_value"],
        t("meeting.col.latest_period", lang): rows["latest_period"],
        t("meeting.col.latest", lang): rows["latest_value"],
        t("meeting.col.status", lang): [_status(s, lang) for s in rows["status"]],
        t("meeting.col.actions", lang): rows["actions"],
    })


def practices_sheet(pack: MeetingPack, lang: str) -> pd.DataFrame:
    """The practices recorded since the last meeting, newest first."""
    rows = pack.practices
    return pd.DataFrame({
        t("meeting.col.title", lang): rows["title"], t("meeting.col.entity", lang): rows["entity_name"],
        t("meeting.col.code", lang): rows["entity_code"],
        t("meeting.col.indicators", lang): [", ".join(indicator_name(pack, c, lang) for c in as_list(v))
                                            for v in rows["indicator_codes"]],
        t("meeting.col.started", lang): rows["started_period"],
        t("meeting.col.contact", lang): rows["contact"],
        t("meeting.col.links", lang): rows["links"].str.replace("|", " ", regex=False),
        t("meeting.col.recorded", lang): rows["created_at"].astype(str).str[:10],
        t("meeting.col.description", lang): rows["body"],
    })


def contents_sheet(pack: MeetingPack, lang: str, today: dt.date) -> pd.DataFrame:
    """What the pack is about."""
    rows = [(t("meeting.network", lang), f"{network_name(pack, lang)} ({pack.network})"),
            (t("meeting.period", lang), pack.period), (t("meeting.since", lang), fmt_date(pack.since, lang)),
            (t("meeting.members", lang), str(len(pack.members))),
            (t("meeting.language", lang), LANGUAGE_NAMES[lang]),
            (t("meeting.generated", lang), fmt_date(today, lang))]
    return pd.DataFrame(rows, columns=[t("meeting.col.item", lang), t("meeting.col.content", lang)])


def pack_sheets(pack: MeetingPack, lang: str, today: dt.date | None = None) -> dict[str, pd.DataFrame]:
    """Sheet name → table, in the order of the PDF."""
    sheets = {t("meeting.sheet.contents", lang): contents_sheet(pack, lang, today or dt.date.today()),
              t("meeting.sheet.actions", lang): followup.actions_sheet(pack, lang),
              t("meeting.sheet.heatmap", lang): heatmap_sheet(pack, lang)}
    for i, code in enumerate(pack.rankings, start=1):
        sheets[t("meeting.sheet.ranking", lang, i=i)] = ranking_sheet(pack, code, lang)
    sheets[t("meeting.sheet.improved", lang)] = improved_sheet(pack, lang)
    sheets[t("meeting.sheet.gaps", lang)] = gaps_sheet(pack, lang)
    sheets[t("meeting.sheet.targets", lang)] = targets_sheet(pack, lang)
    sheets[t("meeting.sheet.practices", lang)] = practices_sheet(pack, lang)
    sheets[t("meeting.sheet.notes", lang)] = followup.notes_sheet(pack, lang)
    return sheets


def pack_credits(pack: MeetingPack, lang: str) -> list[str]:
    """The attribution of the pack: the sources of the network's indicators it shows (no map is drawn in it)."""
    return credit_lines(pack.indicators["source"], lang)


def meeting_workbook(pack: MeetingPack, lang: str, today: dt.date | None = None) -> bytes:
    """The pack as .xlsx: a sheet per table (text neutralised, numbers numeric) and the attribution sheet."""
    return excel_bytes(pack_sheets(pack, lang, today), attribution=pack_credits(pack, lang), lang=lang)


# --- charts ------------------------------------------------------------------------------------------------

def heatmap_numbers(pack: MeetingPack) -> dict[str, str]:
    """Indicator code → the number that stands for it under the printed heatmap, when its names would not fit
    (more than HEATMAP_COLUMNS indicators); empty when the names are printed whole."""
    columns = list(pack.matrix.columns)
    return {code: str(i) for i, code in enumerate(columns, start=1)} if len(columns) > HEATMAP_COLUMNS else {}


def pack_cells(pack: MeetingPack, lang: str) -> pd.DataFrame:
    """The heatmap's cell marks (provisional flags, confidential), from the statuses in the pack's rankings."""
    statuses = pd.concat([c.table[["entity_code", "status"]].assign(indicator_code=code)
                          for code, c in pack.rankings.items()] or [pd.DataFrame(
                              columns=["entity_code", "status", "indicator_code"])])
    return network_charts.cell_marks(pack.matrix, statuses, lang)


def pack_figures(pack: MeetingPack, lang: str, numbers: dict[str, str] | None = None) -> dict[str, go.Figure]:
    """'heatmap' (when there are directional indicators) and 'ranking:<code>' for each indicator; the heatmap's
    columns are labelled by `numbers` (code → number) where given, else by the indicators' names."""
    figures: dict[str, go.Figure] = {}
    names = pack.members.set_index("entity_code")["entity_name"].to_dict()
    peers = tn("meeting.peers", len(pack.members), lang, network=network_name(pack, lang))
    if not pack.matrix.empty and len(pack.matrix.columns):
        text = ranking_charts.ChartText(chart_t("meeting.heatmap_title", lang, period=pack.period),
                                        chart_t("meeting.heatmap_subtitle", lang, network=network_name(pack, lang)),
                                        t("meeting.col.percentile", lang), "", lang)
        hover = pack.matrix.map(lambda v: _num(v, lang, 0))
        indicator_names = numbers or {c: indicator_name(pack, c, lang) for c in pack.matrix.columns}
        figures["heatmap"] = network_charts.percentile_heatmap(pack.matrix, hover, None, names,
                                                               indicator_names, text, pack_cells(pack, lang))
    for code, comparison in pack.rankings.items():
        meta = localized_meta(comparison.indicator, lang)
        text = ranking_charts.texts(lang, meta, pack.period, peers, comparison.summary["n"],
                                    len(comparison.table))
        figures[f"ranking:{code}"] = ranking_charts.ranked_bars(
            comparison.table, None, text, ranking_charts.is_neutral(meta), ranking_charts.decimals_of(meta),
            comparison.references)
    return figures


def print_figures(pack: MeetingPack, lang: str) -> dict[str, go.Figure]:
    """`pack_figures` laid out for the A4 page, axes titled; a wide heatmap's columns numbered (`heatmap_numbers`)."""
    member, indicator = t("meeting.col.entity", lang), t("meeting.col.indicator", lang)
    return {key: for_print(fig, indicator if key == "heatmap" else None, member)
            for key, fig in pack_figures(pack, lang, heatmap_numbers(pack)).items()}


# --- the PDF -----------------------------------------------------------------------------------------------

def meeting_pdf(pack: MeetingPack, lang: str, charts_on: bool = True, today: dt.date | None = None) -> bytes:
    """The pack as a PDF in `lang`: title, heatmap, each ranking, most improved, gaps, targets, practices.

    `charts_on=False` leaves the images out (tables only), as a Chromium that cannot start does.
    """
    images, failure = print_charts(print_figures(pack, lang), lang) if charts_on else ({}, None)
    pdf = ReportDocument(" ".join(pack_credits(pack, lang)), t("meeting.page", lang, page="{page}", total="{nb}"),
                         t("meeting.pdf_title", lang, network=network_name(pack, lang)), lang)
    pdf.add_page()
    _title(pdf, pack, lang, today or dt.date.today(), failure)
    followup.actions_section(pdf, pack, lang)  # the pack opens with what was agreed last time (issue 15.6)
    _heatmap(pdf, pack, lang, images)
    summary_section(pdf, pack, lang)  # each member in plain words (issue 16.5)
    for code in pack.rankings:
        _ranking(pdf, pack, code, lang, images)
    for key, sheet in (("improved", improved_sheet), ("gaps", gaps_sheet)):
        _table_section(pdf, t(f"meeting.{key}", lang), t(f"meeting.{key}_note", lang), sheet(pack, lang),
                       lang, t(f"meeting.{key}_none", lang))
    _targets(pdf, pack, lang)
    followup.notes_section(pdf, pack, lang)  # the members' own words on their numbers (issue 15.4)
    _practices(pdf, pack, lang)
    return bytes(pdf.output())


def _title(pdf: ReportDocument, pack: MeetingPack, lang: str, today: dt.date, failure: str | None) -> None:
    pdf.heading(t("meeting.pdf_title", lang, network=network_name(pack, lang)), size=17)
    for item, value in contents_sheet(pack, lang, today).itertuples(index=False):
        pdf.para(f"{item}: {value}", size=10)
    if failure:
        pdf.para(t("meeting.no_charts", lang, reason=failure))


def _heatmap(pdf: ReportDocument, pack: MeetingPack, lang: str, images: Charts) -> None:
    if "heatmap" in images:  # the heading and its note stay on the heatmap's page, not alone at a page's foot
        pdf.room_for(min(pdf.picture_size(images["heatmap"][0])[1] + 22, (pdf.h - pdf.t_margin - pdf.b_margin) * 0.7))
    pdf.heading(t("meeting.heatmap", lang))
    if pack.matrix.empty or not len(pack.matrix.columns):
        pdf.para(t("meeting.heatmap_none", lang))
        return
    pdf.para(t("meeting.heatmap_note", lang))
    if "heatmap" in images:
        pdf.picture(*images["heatmap"])
        if numbers := heatmap_numbers(pack):
            legend = "; ".join(f"{n} – {indicator_name(pack, code, lang)}" for code, n in numbers.items())
            pdf.para(t("reports.chart.numbered", lang, legend=legend), size=7.5)
    sheet, cells = heatmap_sheet(pack, lang), pack_cells(pack, lang).to_numpy()
    fixed, codes = list(sheet.columns[:1]), list(sheet.columns[2:])
    for start in range(0, len(codes), HEATMAP_COLUMNS):
        chunk = codes[start:start + HEATMAP_COLUMNS]
        part = sheet[fixed + chunk].itertuples(index=False)
        # a cell's mark (provisional flag, confidential) after its percentile, as in the chart (issue 16.2)
        rows = [[str(r[0])] + [" ".join(x for x in (_num(v, lang, 0) if pd.notna(v) else "", cells[i][start + j])
                                        if x) or "–" for j, v in enumerate(r[1:])] for i, r in enumerate(part)]
        width = (pdf.epw - 50) / len(chunk)
        pdf.grid(fixed + chunk, rows, (50, *([width] * len(chunk))))
    if any(flag in cells for flag in (marks.flag(s, lang) for s in marks.PROVISIONAL)):
        pdf.para(marks.flag_key(lang), size=7.5)


def _ranking(pdf: ReportDocument, pack: MeetingPack, code: str, lang: str, images: Charts) -> None:
    comparison, decimals = pack.rankings[code], _decimals(pack, code)
    meta, summary = comparison.indicator, comparison.summary
    pdf.heading(t("meeting.ranking", lang, indicator=indicator_name(pack, code, lang), period=pack.period))
    stats = t("meeting.ranking_stats", lang, median=_num(summary["median"], lang, decimals), n=summary["n"],
              missing=summary["missing"])
    pdf.para(t(f"polarity.{meta['polarity']}", lang).capitalize() + f" · {localized(meta, 'unit', lang)} · {stats}")
    if f"ranking:{code}" in images:
        pdf.picture(*images[f"ranking:{code}"])
    sheet = ranking_sheet(pack, code, lang)
    # a shared rank "=4", a provisional value marked, a confidential one named, as on the page (issue 16.2)
    table = comparison.table
    rows = [[rank_label(r[1], tie), str(r[2]), marks.value_text(r[4], status, lang, decimals), _num(r[5], lang, 0),
             str(r[6]), _num(r[7], lang, decimals), str(r[8]) if pd.isna(r[4]) or marks.is_provisional(status) else ""]
            for r, status, tie in zip(sheet.itertuples(index=False), table["status"],
                                      table.get("tied", pd.Series(False, index=table.index)), strict=True)]
    header = [sheet.columns[i] for i in (1, 2, 4, 5, 6, 7, 8)]
    pdf.grid(header, rows, (12, 50, 24, 20, 28, 28, 24))


def _cell(value: object, lang: str) -> str:
    if isinstance(value, float):
        return _num(value, lang, 2)
    return "" if value is None or pd.isna(value) else str(value)


def _table_section(pdf: ReportDocument, heading: str, note: str, sheet: pd.DataFrame, lang: str,
                   empty: str) -> None:
    pdf.heading(heading)
    if sheet.empty:
        pdf.para(empty)
        return
    pdf.para(note)
    rows = [[_cell(v, lang) for v in row] for row in sheet.itertuples(index=False)]
    pdf.grid(list(sheet.columns), rows, tuple([pdf.epw / len(sheet.columns)] * len(sheet.columns)))


def _targets(pdf: ReportDocument, pack: MeetingPack, lang: str) -> None:
    pdf.heading(t("meeting.targets", lang))
    if pack.targets.empty:
        pdf.para(t("meeting.targets_none", lang))
        return
    pdf.para(t("meeting.targets_note", lang))
    rows = []
    for row in pack.targets.to_dict("records"):
        decimals = _decimals(pack, row["indicator_code"])
        rows.append([str(row["entity_name"]), indicator_name(pack, row["indicator_code"], lang),
                     _aim(row, lang, decimals), str(row["period"]),
                     f"{_num(row['latest_value'], lang, decimals)} ({row['latest_period'] or '–'})",
                     _status(row["status"], lang), _cell(row["actions"], lang)])
    columns = ("entity", "indicator", "target", "by", "latest", "status", "actions")
    header = [t(f"meeting.col.{c}", lang) for c in columns]
    pdf.grid(header, rows, (30, 40, 26, 13, 24, 20, 33))


def _practices(pdf: ReportDocument, pack: MeetingPack, lang: str) -> None:
    pdf.heading(t("meeting.practices", lang, since=fmt_date(pack.since, lang)))
    if pack.practices.empty:
        pdf.para(t("meeting.practices_none", lang))
        return
    for row in practices_sheet(pack, lang).to_dict("records"):
        values = list(row.values())
        pdf.para(str(values[0]), size=10, bold=True)
        labels = list(row)
        for label, value in zip(labels[1:-1], values[1:-1], strict=True):
            if isinstance(value, str) and value:
                pdf.para(f"{label}: {value}", size=8.5)
        body = values[-1] if isinstance(values[-1], str) else ""
        if body:
            pdf.para(body if len(body) <= BODY_CHARS else body[:BODY_CHARS - 1] + "…", size=8.5)
        pdf.ln(2)
