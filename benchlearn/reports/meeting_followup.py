"""The meeting pack's follow-up sections: "what was agreed last time, and what happened" (the improvement actions
agreed at earlier meetings, each with its indicator's change since and its target's status, issue 15.6), which
opens the pack, and the members' notes on their own numbers (issue 15.4) — as workbook sheets and PDF sections.
Input is a `benchlearn.api.meeting.MeetingPack`; nothing here touches the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from benchlearn.i18n import fmt_date, fmt_number, t
from benchlearn.reports.document import ReportDocument

if TYPE_CHECKING:
    from benchlearn.api.meeting import MeetingPack

NOTE_CHARS = 600  # a note in the PDF (the workbook keeps it whole)


def _indicator(pack: MeetingPack, code: str, lang: str) -> str:
    from benchlearn.reports.meeting import indicator_name  # the pack's own naming; it imports this module

    return indicator_name(pack, code, lang)


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _num(value: object, lang: str) -> str:
    return "–" if value is None or pd.isna(value) else fmt_number(float(value), lang, 2)


def _day(value: object, lang: str) -> str:
    return fmt_date(pd.Timestamp(value).date(), lang) if value is not None and pd.notna(value) else ""


def _learns_from(row: dict) -> str:
    return " · ".join(x for x in (_text(row.get("practice_title")), _text(row.get("peer_name"))) if x)


def _improved(value: object, lang: str) -> str:
    key = "none" if value is None or pd.isna(value) else "yes" if value else "no"
    return t(f"meeting.improved_since.{key}", lang)


def _status(value: object, lang: str) -> str:
    return t(f"targets.status.{value}", lang) if isinstance(value, str) else ""


def actions_sheet(pack: MeetingPack, lang: str) -> pd.DataFrame:
    """The actions agreed at earlier meetings: member, indicator, the gap, what it learns from, the action, owner,
    due date, state, the value then and the latest, the change, improved or not, the target's status."""
    rows = pack.actions.to_dict("records")
    return pd.DataFrame({
        t("meeting.col.entity", lang): [r["entity_name"] for r in rows],
        t("meeting.col.code", lang): [r["entity_code"] for r in rows],
        t("meeting.col.indicator", lang): [_indicator(pack, r["indicator_code"], lang) for r in rows],
        t("meeting.col.agreed_at", lang): [r["period"] for r in rows],
        t("meeting.col.gap", lang): [_text(r["gap"]) for r in rows],
        t("meeting.col.learns_from", lang): [_learns_from(r) for r in rows],
        t("meeting.col.action", lang): [r["action"] for r in rows],
        t("meeting.col.owner", lang): [_text(r["owner"]) for r in rows],
        t("meeting.col.due", lang): [_day(r["due"], lang) for r in rows],
        t("meeting.col.state", lang): [t(f"actions.state.{r['state']}", lang) for r in rows],
        t("meeting.col.value_then", lang): [r["value_then"] for r in rows],
        t("meeting.col.latest_period", lang): [r["latest_period"] for r in rows],
        t("meeting.col.latest", lang): [r["latest_value"] for r in rows],
        t("meeting.col.change", lang): [r["change"] for r in rows],
        t("meeting.col.improved", lang): [_improved(r["improved"], lang) for r in rows],
        t("meeting.col.target_status", lang): [_status(r["target_status"], lang) for r in rows],
    })


def notes_sheet(pack: MeetingPack, lang: str) -> pd.DataFrame:
    """The members' notes on their values of the period, in their own words, with author and date."""
    rows = pack.notes.to_dict("records")
    return pd.DataFrame({
        t("meeting.col.entity", lang): [r["entity_name"] for r in rows],
        t("meeting.col.code", lang): [r["entity_code"] for r in rows],
        t("meeting.col.indicator", lang): [_indicator(pack, r["indicator_code"], lang) for r in rows],
        t("meeting.col.note", lang): [r["text"] for r in rows],
        t("meeting.col.note_by", lang): [t("notes.byline", lang, author=_text(r["author"]) or "–",
                                           date=_day(r["written_at"], lang)) for r in rows],
    })


def actions_section(pdf: ReportDocument, pack: MeetingPack, lang: str) -> None:
    """The section the pack opens with: each action agreed earlier with what happened since."""
    pdf.heading(t("meeting.actions", lang))
    if pack.actions.empty:
        pdf.para(t("meeting.actions_none", lang))
        return
    pdf.para(t("meeting.actions_note", lang))
    rows = []
    for row in pack.actions.to_dict("records"):
        what = row["action"] + (f" ({t('meeting.col.learns_from', lang)}: {_learns_from(row)})"
                                if _learns_from(row) else "")
        who = " · ".join(x for x in (_text(row["owner"]), _day(row["due"], lang)) if x)
        since = (f"{_num(row['value_then'], lang)} ({row['period']}) → {_num(row['latest_value'], lang)} "
                 f"({row['latest_period'] or '–'}): {_improved(row['improved'], lang)}")
        rows.append([f"{row['entity_name']} — {_indicator(pack, row['indicator_code'], lang)}", what, who,
                     t(f"actions.state.{row['state']}", lang), since, _status(row["target_status"], lang)])
    header = [t(f"meeting.col.{c}", lang) for c in ("member_indicator", "action", "owner_due", "state",
                                                      "change_since", "target_status")]
    pdf.grid(header, rows, (36, 46, 26, 18, 38, 22), align=("LEFT",) * 6)  # justified short cells gape


def notes_section(pdf: ReportDocument, pack: MeetingPack, lang: str) -> None:
    """The members' notes on their numbers of the period, each marked as the municipality's own words."""
    pdf.heading(t("meeting.notes", lang, period=pack.period))
    if pack.notes.empty:
        pdf.para(t("meeting.notes_none", lang))
        return
    pdf.para(t("meeting.notes_note", lang))
    for row in notes_sheet(pack, lang).itertuples(index=False):
        entity, _code, indicator, note, by = (str(v) for v in row)
        note = note if len(note) <= NOTE_CHARS else note[:NOTE_CHARS - 1] + "…"
        pdf.para(f"{entity} — {indicator}", size=9, bold=True)
        pdf.para(t("notes.label", lang, note=note, byline=by), size=8.5)
