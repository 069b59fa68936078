"""Excel workbooks and CSV files as bytes (the PDFs are in `municipality` and `meeting`); every text cell
neutralised, data attributed: each export credits the sources of the indicators it shows (`credit_lines`),
never a fixed list."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

import pandas as pd

from benchlearn.exports import neutralise, safe_csv, safe_frame
from benchlearn.i18n import t


def credit_lines(sources: Iterable[object], lang: str, map_data: bool = False) -> list[str]:
    """The attribution of data from `sources` in `lang`: one "Source: A; B." line (none without a source), and
    the map data's licence when a map is shown (`map_data`)."""
    named = [s.strip().rstrip(".") for s in sources if isinstance(s, str) and s.strip()]
    lines = [t("footer.source", lang, sources="; ".join(dict.fromkeys(named)))] if named else []
    if map_data:
        lines.append(t("footer.map", lang))
    return lines


def _sheet_name(name: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ ; unique within the workbook
    clean = "".join("_" if c in '[]:*?/\\' else c for c in str(name))[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate.lower() in used:
        candidate = f"{clean[:28]}~{n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def excel_bytes(sheets: dict[str, pd.DataFrame], attribution: Sequence[str] = ()) -> bytes:
    """One sheet per frame (text neutralised, numbers stay numbers), plus a "Source" sheet with the attribution
    lines (`credit_lines`) when there are any."""
    buffer = io.BytesIO()
    used: set[str] = set()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        # xlsxwriter would turn text starting with "=" into a live formula: never let it
        writer.book.strings_to_formulas = False
        writer.book.strings_to_urls = False
        for name, frame in sheets.items():
            sheet = _sheet_name(name, used)
            safe_frame(frame).to_excel(writer, sheet_name=sheet, index=False)
            writer.sheets[sheet].freeze_panes(1, 0)
        if attribution:
            pd.DataFrame({"Source": [neutralise(line) for line in attribution]}).to_excel(
                writer, sheet_name=_sheet_name("Source", used), index=False)
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame, attribution: Sequence[str] = ()) -> bytes:
    """The frame as CSV for Excel (`exports.safe_csv`), then a blank line and one line per attribution line, as
    statistics portals end their CSV files with the source."""
    if not attribution:
        return safe_csv(frame)
    notes = io.StringIO()
    writer = csv.writer(notes, lineterminator="\r\n")
    writer.writerow([])
    writer.writerows([neutralise(line)] for line in attribution)
    return safe_csv(frame) + notes.getvalue().encode("utf-8")
