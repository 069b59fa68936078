"""Excel workbooks (and, in `report_pdf`, PDF reports) as bytes; every text cell neutralised, data attributed."""

from __future__ import annotations

import io

import pandas as pd

from benchlearn.exports import neutralise, safe_frame

ATTRIBUTION = (
    "Source: Statistics Lithuania; Official Statistics Portal of Latvia (CSP). "
    "Map data © OpenStreetMap contributors, available under the Open Database License (ODbL) 1.0."
)


def _sheet_name(name: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ ; unique within the workbook
    clean = "".join("_" if c in '[]:*?/\\' else c for c in str(name))[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate.lower() in used:
        candidate = f"{clean[:28]}~{n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def excel_bytes(sheets: dict[str, pd.DataFrame], attribution: str = ATTRIBUTION) -> bytes:
    """One sheet per frame (text neutralised, numbers stay numbers), plus a "Source" sheet with the attribution."""
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
        pd.DataFrame({"Source": [neutralise(attribution)]}).to_excel(
            writer, sheet_name=_sheet_name("Source", used), index=False)
    return buffer.getvalue()
