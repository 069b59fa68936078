"""A member's Excel template for a data call (xlsxwriter): one row per indicator the call asks for, ready to
fill in and upload through the normal values path.

The first sheet is what the upload reads (its first sheet by default): a header on row 1 whose four read
columns keep their code names in every language (`entity_code`, `indicator_code`, `period`, `value`, so the
upload maps them the same way whatever the user's language), and beside them, for reading only, the names in
the user's language, the unit, last period's value, the allowed range and the definition (a values upload
ignores columns it does not know). The value cells alone are unlocked; they carry the indicator's allowed
range as Excel data validation. The second sheet says what the call is: network, period, deadline, message.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

import pandas as pd

from benchlearn.exports import neutralise
from benchlearn.i18n import fmt_number, localized, t

if TYPE_CHECKING:
    import xlsxwriter

READ_COLUMNS = ("entity_code", "indicator_code", "period", "value")
VALUE_COLUMN = 6  # G: entity_code, name, indicator_code, name, unit, period, value


def _number(value: object) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value) else float(value)


def _range_text(low: float | None, high: float | None, lang: str) -> str:
    if low is None and high is None:
        return ""
    return f"{fmt_number(low, lang) if low is not None else '…'} – " \
           f"{fmt_number(high, lang) if high is not None else '…'}"


def _validation(low: float | None, high: float | None, lang: str) -> dict | None:
    """Excel's data validation of a value cell: a number inside the allowed range (None without a range)."""
    if low is None and high is None:
        return None
    rule: dict = {"validate": "decimal", "ignore_blank": True, "error_type": "stop",
                  "error_title": t("datacalls.template.range_title", lang)[:32],
                  "error_message": t("datacalls.template.range_error", lang,
                                     range=_range_text(low, high, lang))[:255]}
    if low is not None and high is not None:
        rule.update(criteria="between", minimum=low, maximum=high)
    elif low is not None:
        rule.update(criteria=">=", value=low)
    else:
        rule.update(criteria="<=", value=high)
    return rule


def template(call: dict, entity_code: str, entity_name: str, rows: pd.DataFrame, lang: str) -> bytes:
    """The workbook for one member: `rows` are the call's indicators with metadata and previous value
    (`store.data_calls.template_rows`); `call` the call (network_code, period, deadline, message)."""
    import xlsxwriter  # only when a template is asked for: the CLI's start-up stays light

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1, "text_wrap": True})
    locked = book.add_format({"text_wrap": True, "valign": "top"})
    fill = book.add_format({"locked": False, "bg_color": "#FFF7D6", "border": 1, "valign": "top"})
    sheet = book.add_worksheet(t("datacalls.template.sheet_values", lang)[:31])
    headers = ["entity_code", t("datacalls.template.entity_name", lang), "indicator_code",
               t("datacalls.template.indicator_name", lang), t("datacalls.template.unit", lang), "period",
               "value", t("datacalls.template.previous_value", lang), t("datacalls.template.previous_period", lang),
               t("datacalls.template.range", lang), t("datacalls.template.definition", lang)]
    sheet.write_row(0, 0, headers, head)
    for i, row in enumerate(rows.to_dict("records"), start=1):
        low, high, previous = _number(row["min_value"]), _number(row["max_value"]), _number(row["previous_value"])
        cells = [entity_code, entity_name, row["indicator_code"], localized(row, "name", lang),
                 localized(row, "unit", lang), call["period"]]
        sheet.write_row(i, 0, [neutralise(c) for c in cells], locked)
        sheet.write_blank(i, VALUE_COLUMN, None, fill)
        if previous is not None:
            sheet.write_number(i, VALUE_COLUMN + 1, previous, locked)
            sheet.write_string(i, VALUE_COLUMN + 2, str(row["previous_period"]), locked)
        sheet.write_string(i, VALUE_COLUMN + 3, _range_text(low, high, lang), locked)
        sheet.write_string(i, VALUE_COLUMN + 4, str(neutralise(row["description"] or "")), locked)
        if (rule := _validation(low, high, lang)) is not None:
            sheet.data_validation(i, VALUE_COLUMN, i, VALUE_COLUMN, rule)
    for column, width in enumerate((12, 24, 16, 40, 14, 9, 14, 14, 12, 16, 50)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    # the codes, names and references stay as sent; only the value cells can be typed in
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True})
    _about(book, call, entity_name, lang)
    book.close()
    return buffer.getvalue()


def _about(book: xlsxwriter.Workbook, call: dict, entity_name: str, lang: str) -> None:
    """The second sheet: what the call asks, of whom, by when, and how to send it back."""
    sheet = book.add_worksheet(t("datacalls.template.sheet_about", lang)[:31])
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    lines = [(t("datacalls.template.network", lang), call["network_code"]),
             (t("datacalls.template.member", lang), entity_name),
             (t("datacalls.period", lang), call["period"]),
             (t("datacalls.deadline", lang), str(call["deadline"])),
             (t("datacalls.message", lang), call.get("message") or ""),
             (t("datacalls.template.how", lang), t("datacalls.template.how_text", lang))]
    for i, (label, text) in enumerate(lines):
        sheet.write_string(i, 0, label, bold)
        sheet.write_string(i, 1, str(neutralise(text)), wrap)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 80)
