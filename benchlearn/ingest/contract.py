"""The ingestion contract: what the caller passes in (Reference, IngestOptions) and what comes out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa

from benchlearn.errors import InputProblem
from benchlearn.ingest.problems import Problems
from benchlearn.model import Kind


@dataclass(frozen=True)
class Reference:
    """What the store knows that validation needs (built by the caller; ingest never reads the store).

    entities: code, name, aliases ('|'-separated or None), kind, parent_code, country, valid_from, valid_to,
    successor_code. indicators: code, name_en, name_lt, name_lv, unit, polarity, min_value, max_value,
    decimals, numerator_code, denominator_code, multiplier. groups: code, kind ('network' | 'peer_group').
    network_indicators / network_members: the given network's codes (None when no network was given).
    frequencies: each stored indicator's period frequency, 'year' | 'split' | 'quarter' (ingest/frequency.py), or
    a function that answers it for a list of indicator codes (the store is then asked about the file's only).
    """

    entities: pd.DataFrame
    indicators: pd.DataFrame
    groups: pd.DataFrame | None = None
    network_indicators: frozenset[str] | None = None
    network_members: frozenset[str] | None = None
    frequencies: Mapping[str, str] | Callable[[list[str]], Mapping[str, str]] | None = None


@dataclass(frozen=True)
class IngestOptions:
    """How to read one upload; every field but `kind` is optional (detected when None)."""

    kind: Kind = Kind.VALUES
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    period: str | None = None
    network: str | None = None
    max_bytes: int = 50 * 1024 * 1024
    max_problems: int = 200
    #: a values file larger than this is read, checked and staged in chunks of about this many bytes (None:
    #: ingest/chunked.py's default, or BENCHLEARN_CHUNK_BYTES)
    chunk_bytes: int | None = None


@dataclass(frozen=True)
class Dialect:
    """How the file was written, as detected (or overridden): shown to the user beside the preview."""

    encoding: str
    bom: bool
    delimiter: str
    decimal: str
    header_row: int
    layout: str  # 'long' | 'wide'


@dataclass
class Rows:
    """A table as text, the common input of the mapping and validation steps.

    `header` holds the header cells as written; `cells` one pyarrow string column per header cell (trimmed,
    '' for empty, never null); `lines` the spreadsheet row number of each data row; `problems` the file's
    problem collector, already holding what reading found (ragged rows, excluded from `cells`; cells over
    the length cap). A CSV goes through `read_rows`; another reader (an .xlsx sheet) builds the same object
    with `rows_from_lists` and calls `parse_rows`.
    """

    header: list[str]
    header_row: int
    cells: list[pa.ChunkedArray]
    lines: np.ndarray
    problems: Problems

    def __len__(self) -> int:
        return len(self.lines)


@dataclass
class Parsed:
    """A validated upload: canonical rows (`row` = spreadsheet row of the source) plus notes for the user.

    `table` holds the rows as built: for values an Arrow table whose text columns are dictionary-encoded (a
    few bytes a row, staged into DuckDB without a copy), else a DataFrame. `frame` is them as a DataFrame.
    """

    kind: Kind
    file_name: str
    sha256: str
    dialect: Dialect
    table: pd.DataFrame | pa.Table
    notes: list[str]
    #: what the user is told but nothing refuses (an exact duplicate row), the first ones, and their count
    warnings: tuple[InputProblem, ...] = ()
    warning_count: int = 0

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The canonical rows as a DataFrame (text columns as plain strings), converted once when asked for."""
        if isinstance(self.table, pd.DataFrame):
            return self.table
        columns = {}
        for name, column in zip(self.table.column_names, self.table.columns, strict=True):
            if pa.types.is_dictionary(column.type):
                column = pa.chunked_array([c.dictionary.take(c.indices) for c in column.chunks], pa.string())
            columns[name] = column.to_pandas()
        return pd.DataFrame(columns, copy=False)

    @property
    def rows(self) -> int:
        """How many canonical rows (without building the DataFrame)."""
        return len(self.table) if isinstance(self.table, pd.DataFrame) else self.table.num_rows
