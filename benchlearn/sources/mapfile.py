"""The mapping file (`kind,source,target`): read and checked, merged with a saved mapping, written as a draft.

kind=dimension: the source is a dimension (its id or label), the target `entity`, `period`, `indicator` or
`keep:CODE`. kind=entity|indicator|status: the source is a key, the target our code or status, or `-` to skip
the key's rows (a status may also be `flag`: keep the symbol beside the value). Rows with an empty target say
nothing (an unedited draft's unknown keys); columns beyond the three (a draft's `note`) are ignored.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from benchlearn.errors import InputError
from benchlearn.exports import FORMULA_START
from benchlearn.ingest.problems import Problems
from benchlearn.model import Status
from benchlearn.sources.symbols import FLAG, SKIP
from benchlearn.sources.table import decode_text

COLUMNS = ("kind", "source", "target")
KINDS = ("dimension", "entity", "indicator", "status")
ROLES = ("entity", "period", "indicator")
EMPTY = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})


def read_mapping(data: bytes, file_name: str) -> pd.DataFrame:
    """A mapping file → its rows (kind, source, target); InputError naming each bad row, nothing imported."""
    problems = Problems(file_name)
    reader = csv.reader(io.StringIO(decode_text(data), newline=""))
    header = [c.strip().casefold() for c in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        problems.fail(1, None, "bad_mapping", expected="kind,source,target", form="columns", missing=missing)
    at = {c: header.index(c) for c in COLUMNS}
    rows = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        kind, source, target = (_unquoted(cells[at[c]].strip()) for c in COLUMNS)
        if not target:
            continue
        form = _check(kind, source, target)
        if form is not None:
            column = "kind" if kind not in KINDS else "target"
            problems.add(reader.line_num, column, "bad_mapping", value=kind if column == "kind" else target,
                         form=form, statuses=sorted({str(s) for s in Status} | {FLAG, SKIP}))
            continue
        rows.append((kind, source, target))
    problems.raise_if_any()
    frame = pd.DataFrame(rows, columns=list(COLUMNS)) if rows else EMPTY.copy()
    return frame.drop_duplicates(["kind", "source"], keep="last").reset_index(drop=True)


def _unquoted(cell: str) -> str:
    """A cell as written before a download neutralised it for spreadsheets (`'=x` → `=x`, `'-` → `-`)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_START else cell


def _check(kind: str, source: str, target: str) -> str | None:
    """The form of `upload.problem.bad_mapping` the row breaks, or None when it is a usable row."""
    if kind not in KINDS:
        return "kind"
    if not source:
        return "source"
    if kind == "dimension" and target not in ROLES and not (target.startswith("keep:") and target[5:]):
        return "dimension"
    if kind == "status" and target not in {str(s) for s in Status} | {FLAG, SKIP}:
        return "status"
    return None


def merged(saved: pd.DataFrame, given: pd.DataFrame | None) -> pd.DataFrame:
    """The saved mapping overridden, key by key, by the one given now."""
    frames = [f for f in (saved, given) if f is not None and len(f)]
    if not frames:
        return EMPTY.copy()
    both = pd.concat([f[list(COLUMNS)] for f in frames], ignore_index=True)
    return both.drop_duplicates(["kind", "source"], keep="last").reset_index(drop=True)


def to_csv(frame: pd.DataFrame) -> bytes:
    """A mapping or draft as UTF-8 CSV bytes (with its note column when it has one)."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def bad_mapping(file_name: str, form: str, **params: object) -> InputError:
    """A mapping that cannot apply to this file (`upload.problem.bad_mapping.<form>`, e.g. a missing dimension)."""
    problems = Problems(file_name)
    problems.add(None, None, "bad_mapping", form=form, **params)
    return InputError(problems.shown())
