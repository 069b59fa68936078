"""The validation report: every problem of a rejected file as a table a coordinator can fix in Excel.

Problems are shown in the user's language: each rule has a stable `code` (and `form` and `params`) and its
message is `upload.problem.<code>[.<form>]` in the catalogue, filled in with the problem's value, column and
params. Row, column and value are shown as they are; a suggested entity or indicator by its name and code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from benchlearn.errors import InputError, InputProblem
from benchlearn.exports import safe_csv
from benchlearn.i18n import t
from benchlearn.i18n.problems import joined
from benchlearn.ui.plain_text import plain

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

REPORT_COLUMNS = ("row", "column", "value", "problem", "suggestion")


@dataclass(frozen=True)
class Rejection:
    """What the page keeps of a rejected upload: the problems as plain data and their count.

    Never the InputError itself: its traceback holds the frames of the whole parse (the upload's bytes and
    every parsed column), and the frame that caught it holds the error back, a cycle only the garbage
    collector frees — a 20 MB, 15 000-column CSV kept about 0.9 GB per session that way.
    """

    problems: tuple[InputProblem, ...]
    total: int

    @classmethod
    def of(cls, error: InputError) -> Rejection:
        """The problems and count of `error`, nothing else of it."""
        return cls(tuple(error.problems), error.total)


def problem_text(problem: InputProblem, lang: str) -> str:
    """The problem's message in `lang`, from the catalogue."""
    return problem.text(lang)


def suggestion_text(problem: InputProblem, lang: str) -> str:
    """What the problem suggests instead, as a reader recognises it: 'Akmenė d. mun. (LT-01)' or the code."""
    named = dict(problem.params).get("suggested")
    if named and problem.suggestion:
        return joined(named, "or", lang)
    return problem.suggestion or ""


def report_frame(error: InputError | Rejection, lang: str) -> pd.DataFrame:
    """One row per problem: row, column, value, problem, suggestion (headers in `lang`)."""
    rows = [
        ("" if p.row is None else str(p.row), p.column or "", p.value or "", problem_text(p, lang),
         suggestion_text(p, lang))
        for p in error.problems
    ]
    frame = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    return frame.rename(columns={c: t(f"upload.report.{c}", lang) for c in REPORT_COLUMNS})


def show_warnings(ctx: PageContext, warnings: tuple[InputProblem, ...], total: int) -> None:
    """What the preview tells but does not refuse (an exact duplicate row: its message names both rows)."""
    if not warnings:
        return
    lines = [f"- {plain(w.text(ctx.lang))}" for w in warnings]
    if total > len(warnings):
        lines.append(ctx.t("upload.warnings_total", shown=len(warnings), total=total))
    st.warning("\n".join([ctx.t("upload.warnings"), *lines]))


def show_report(ctx: PageContext, error: InputError | Rejection, key: str) -> None:
    """The rejection message, the problems as a table, and a download of the table as CSV."""
    st.error(ctx.t("upload.rejected", count=error.total))
    if error.total > len(error.problems):
        st.caption(ctx.t("upload.report.capped", shown=len(error.problems), total=error.total))
    frame = report_frame(error, ctx.lang)
    st.table(frame, hide_index=True)
    st.download_button(ctx.t("upload.report.download"), safe_csv(frame), file_name="validation-report.csv",
                       mime="text/csv", key=f"{key}_report_download", on_click="ignore")
