"""Excel workbooks and CSV files as bytes (the PDFs are in `municipality` and `meeting`); every text cell
neutralised, data attributed: each export credits the sources of the indicators it shows (`credit_lines`),
never a fixed list."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from numbers import Number

import pandas as pd

from benchlearn.exports import Decimals, csv_dialect, neutralise, safe_csv, safe_frame
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


def _number_formats(writer: pd.ExcelWriter, sheet: str, frame: pd.DataFrame, decimals: Decimals) -> None:
    """Give the `decimals` columns' cells a number format with that many places (the values stay exact)."""
    formats: dict[int, object] = {}

    def number_format(places: int) -> object:
        if places not in formats:
            formats[places] = writer.book.add_format({"num_format": "#,##0" + ("." + "0" * places if places else "")})
        return formats[places]

    worksheet = writer.sheets[sheet]
    for column, spec in decimals.items():
        if column not in frame.columns or not pd.api.types.is_numeric_dtype(frame[column]):
            continue
        index = list(frame.columns).index(column)
        if isinstance(spec, Number):
            worksheet.set_column(index, index, None, number_format(int(spec)))
            continue
        for row, (value, places) in enumerate(zip(frame[column], spec, strict=True), start=1):
            if pd.notna(value):
                worksheet.write_number(row, index, float(value), number_format(int(places)))


def excel_bytes(sheets: dict[str, pd.DataFrame], attribution: Sequence[str] = (), lang: str = "en",
                decimals: Mapping[str, Decimals] | None = None) -> bytes:
    """One sheet per frame (text neutralised, numbers stay numbers; the columns of `decimals[sheet]` formatted
    with their places), plus a Source sheet named in `lang` with the attribution lines (`credit_lines`) when
    there are any."""
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
            _number_formats(writer, sheet, frame, (decimals or {}).get(name, {}))
        if attribution:
            source = t("download.source_sheet", lang)
            pd.DataFrame({source: [neutralise(line) for line in attribution]}).to_excel(
                writer, sheet_name=_sheet_name(source, used), index=False)
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame, attribution: Sequence[str] = (), lang: str = "en",
              decimals: Decimals | None = None) -> bytes:
    """The frame as CSV for Excel in `lang`'s separator and decimal mark, numbers of the `decimals` columns
    rounded (`exports.safe_csv`), then a blank line and one line per attribution line, as statistics portals
    end their CSV files with the source."""
    table = safe_csv(frame, lang, decimals)
    if not attribution:
        return table
    notes = io.StringIO()
    writer = csv.writer(notes, delimiter=csv_dialect(lang)[0], lineterminator="\r\n")
    writer.writerow([])
    writer.writerows([neutralise(line)] for line in attribution)
    return table + notes.getvalue().encode("utf-8")
