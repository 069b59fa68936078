"""Turning a long or wide values table into one stacked set of columns, each row still locatable.

Long: one row per (entity, indicator, period) already. Wide: one entity column plus one column per indicator
(by code or name); every cell of an indicator column becomes one observation, located at its row and under
that indicator's header. Text columns are dictionary-encoded here, so later steps resolve each distinct
code, name or period once (a Python loop over hundreds of values, never over a million rows).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from benchlearn.ingest.contract import Rows
from benchlearn.ingest.headers import ColumnMap


@dataclass
class Coded:
    """A text column as indices into its distinct values, with the header position of each row's cell."""

    index: np.ndarray  # int32 per row
    distinct: list[str]
    position: np.ndarray  # int64 per row (header position, for the problem's COLUMN)


@dataclass
class Stacked:
    """Stacked observations before validation: one element per future row of the observation frame."""

    entity: Coded
    indicator: Coded
    period: Coded | None  # None when the period was given for the whole file
    value: pa.ChunkedArray
    value_position: np.ndarray
    status: Coded | None
    rows: np.ndarray
    wide_columns: list[int]  # wide: header positions of the indicator columns (problems at the header row)


def encode(column: pa.ChunkedArray, position: int | np.ndarray, length: int) -> Coded:
    """Dictionary-encode a text column."""
    if not isinstance(column, pa.ChunkedArray):
        column = pa.chunked_array([column])
    if column.num_chunks == 0:
        column = pa.chunked_array([pa.array([], pa.string())])
    # one shared dictionary over the chunks: cheaper than copying them into one array first
    given = pa.types.is_dictionary(column.type)
    encoded = (column if given else pc.dictionary_encode(column)).unify_dictionaries()
    index = np.concatenate([np.asarray(c.indices.to_numpy(zero_copy_only=False), dtype=np.int32)
                            for c in encoded.chunks])
    distinct = encoded.chunks[0].dictionary.to_pylist()
    if given:  # read encoded (splitting): merge texts equal after trimming, drop those of dropped blank rows
        index, distinct = _merged(index, distinct)
    where = (np.broadcast_to(np.int64(position), (length,)) if np.ndim(position) == 0
             else np.asarray(position, dtype=np.int64))
    return Coded(index, distinct, where)


def stack_long(rows: Rows, mapping: ColumnMap) -> Stacked:
    """The columns of a long file, encoded (their text is released from `rows`: only the codes are read again)."""
    cols, n = mapping.columns, len(rows)
    period = _encoded(rows, cols["period"]) if "period" in cols else None
    status = _encoded(rows, cols["status"]) if "status" in cols else None
    return Stacked(
        entity=_encoded(rows, cols["entity_code"]),
        indicator=_encoded(rows, cols["indicator_code"]),
        period=period, value=rows.cells[cols["value"]],
        value_position=np.full(n, cols["value"], dtype=np.int64), status=status,
        rows=rows.lines, wide_columns=[],
    )


def stack_wide(rows: Rows, mapping: ColumnMap, indicator_columns: list[int]) -> Stacked:
    """One element per (row, indicator column); the indicator is the column's header text."""
    cols, n, k = mapping.columns, len(rows), len(indicator_columns)
    entity = _encoded(rows, cols["entity_code"])
    period = _encoded(rows, cols["period"]) if "period" in cols else None
    status = _encoded(rows, cols["status"]) if "status" in cols else None
    chunks = [chunk for p in indicator_columns for chunk in rows.cells[p].chunks]
    indicator = Coded(np.repeat(np.arange(k, dtype=np.int32), n), [rows.header[p] for p in indicator_columns],
                      np.repeat(np.asarray(indicator_columns, dtype=np.int64), n))
    return Stacked(
        entity=_tiled(entity, k), indicator=indicator, period=_tiled(period, k) if period else None,
        value=pa.chunked_array(chunks, pa.string()), value_position=indicator.position,
        status=_tiled(status, k) if status else None, rows=np.tile(rows.lines, k),
        wide_columns=list(indicator_columns),
    )


def _merged(index: np.ndarray, distinct: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each text once, in order of first appearance, as dictionary_encode would have given them."""
    used = np.bincount(index, minlength=len(distinct)) > 0
    first: dict[str, int] = {}
    remap = np.full(len(distinct), -1, dtype=np.int32)
    for k, text in enumerate(distinct):
        if used[k]:
            remap[k] = first.setdefault(text, len(first))
    if len(first) == len(distinct):
        return index, distinct
    return remap[index], list(first)


def _encoded(rows: Rows, position: int) -> Coded:
    """Encode one column of `rows` and drop its text there: a national file's codes would otherwise be held
    twice, as text and as indices, through validation and the write."""
    coded = encode(rows.cells[position], position, len(rows))
    rows.cells[position] = pa.chunked_array([], pa.string())
    return coded


def _tiled(coded: Coded, k: int) -> Coded:
    return Coded(np.tile(coded.index, k), coded.distinct, np.tile(coded.position, k))
