"""A psycopg cursor that behaves like the DuckDB cursor the store's modules were written for.

It takes DuckDB-style markers (`?`, `$1`, `$name`; see `paramstyle`), returns itself from `execute` so calls
chain (`cur.execute(…).fetchall()`), and builds `.df()` frames through DuckDB's own conversion, so a column has
the same pandas dtype on both stores (str, datetime64, float64 for integers with NULLs …).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import duckdb
import pandas as pd
import psycopg
import pyarrow as pa
import pyarrow.csv as pa_csv
from psycopg import sql

from benchlearn.errors import ServerUnavailable
from benchlearn.store.paramstyle import to_psycopg

#: PostgreSQL type name → Arrow type, for the frames `.df()` builds; others are inferred from the values
_ARROW = {
    "int2": pa.int16(), "int4": pa.int32(), "int8": pa.int64(), "float4": pa.float32(), "float8": pa.float64(),
    "numeric": pa.float64(), "bool": pa.bool_(), "text": pa.string(), "varchar": pa.string(),
    "bpchar": pa.string(), "name": pa.string(), "json": pa.string(), "jsonb": pa.string(),
    "date": pa.date32(), "timestamp": pa.timestamp("us"), "timestamptz": pa.timestamp("us", tz="UTC"),
    "_text": pa.list_(pa.string()), "_varchar": pa.list_(pa.string()), "_int8": pa.list_(pa.int64()),
    "_int4": pa.list_(pa.int32()), "_float8": pa.list_(pa.float64()),
}
#: pandas dtype kind → the column type of a registered frame's temp table (anything else is text)
_COLUMN = {"f": "DOUBLE PRECISION", "i": "BIGINT", "u": "BIGINT", "b": "BOOLEAN", "M": "TIMESTAMP"}
_SERVER_GONE = (psycopg.errors.AdminShutdown, psycopg.errors.CrashShutdown, psycopg.errors.CannotConnectNow)
#: pandas' inferred kind of an object column → its temp table type (DuckDB's register reads dates as DATE)
_INFERRED = {"date": "DATE", "datetime": "TIMESTAMP", "datetime64": "TIMESTAMP", "integer": "BIGINT",
             "floating": "DOUBLE PRECISION", "mixed-integer-float": "DOUBLE PRECISION", "boolean": "BOOLEAN"}
# an in-memory DuckDB per thread turns Arrow tables into frames (DuckDB refuses concurrent calls on one)
_converter = threading.local()


class PgCursor:
    """One pooled PostgreSQL connection seen through DuckDB's cursor methods."""

    dialect = "postgresql"
    #: what its statements raise (DuckDB's cursors raise duckdb.Error): lets callers catch either without psycopg
    error = psycopg.Error

    def __init__(self, connection: psycopg.Connection) -> None:
        self.connection = connection
        self._cur = connection.cursor()

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None) -> PgCursor:
        """Run one statement with bound parameters; return self so a fetch can follow."""
        query, params = to_psycopg(sql, parameters)
        try:
            self._cur.execute(query, params)
        except psycopg.OperationalError as exc:
            # the server went away under this statement (shut down, restarted, network): a state of the
            # deployment, not a bug; the transaction is lost with the connection, so nothing was written
            if self.connection.broken or isinstance(exc, _SERVER_GONE):
                raise ServerUnavailable("the database server went away during the request; nothing was "
                                        "written, try again in a moment") from exc
            raise
        return self

    def fetchall(self) -> list[tuple]:
        """Every row of the last result (an empty list after a statement without one)."""
        return self._cur.fetchall() if self._cur.description else []

    def fetchone(self) -> tuple | None:
        """The next row of the last result, or None."""
        return self._cur.fetchone() if self._cur.description else None

    @property
    def description(self) -> list[tuple] | None:
        """Column descriptions of the last result (name first), as DB-API gives them."""
        return None if self._cur.description is None else [tuple(c) for c in self._cur.description]

    def df(self) -> pd.DataFrame:
        """The last result as a DataFrame with the dtypes DuckDB's `.df()` would give."""
        columns = self._cur.description or []
        rows = self._cur.fetchall() if columns else []
        names = [c.name for c in columns]
        arrays = [_arrow_column([row[i] for row in rows], _type_name(self.connection, c.type_code))
                  for i, c in enumerate(columns)]
        table = pa.Table.from_arrays(arrays, names=_unique(names))
        frame = _duckdb().from_arrow(table).df()
        frame.columns = names  # DuckDB would have kept repeated names as they were
        return frame

    def register(self, name: str, frame: pd.DataFrame | pa.Table, like: str | None = None) -> PgCursor:
        """DuckDB's `register`: the frame (or Arrow table) as a temp table `name` on this connection, filled with
        COPY; with `like`, its columns take that table's types (a frame's empty column has none of its own).

        The table lives on the borrowed connection only; `unregister` drops it, and so does the pool's reset
        when the connection returns (`PgStore`). `name` and `like` are identifiers of the store's code, never data.
        """
        self._cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(name)))
        names = [str(c) for c in (frame.column_names if isinstance(frame, pa.Table) else frame.columns)]
        if like is not None:
            self._cur.execute(sql.SQL("CREATE TEMP TABLE {} AS SELECT {} FROM {} WITH NO DATA").format(
                sql.Identifier(name), sql.SQL(", ").join(map(sql.Identifier, names)), sql.Identifier(like)))
        else:
            types = _arrow_types(frame) if isinstance(frame, pa.Table) else _frame_types(frame)
            columns = [sql.SQL("{} {}").format(sql.Identifier(c), sql.SQL(t))
                       for c, t in zip(names, types, strict=True)]
            self._cur.execute(sql.SQL("CREATE TEMP TABLE {} ({})").format(sql.Identifier(name),
                                                                          sql.SQL(", ").join(columns)))
        if isinstance(frame, pa.Table):
            self.copy_arrow(name, frame)
            return self
        # NaN and pd.NA are NULL, as DuckDB reads them from a registered frame
        rows = frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None)
        with self._cur.copy(sql.SQL("COPY {} FROM STDIN").format(sql.Identifier(name))) as copy:
            for row in rows:
                copy.write_row(row)
        return self

    def copy_arrow(self, table: str, rows: pa.Table) -> PgCursor:
        """Append an Arrow table's rows to `table` (columns by name) with one CSV COPY.

        CSV, written by Arrow in C, is far faster than a row loop in Python. Arrow writes floats in their
        shortest exact form, strings quoted (so "" stays an empty string) and NULL as an unquoted empty field.
        """
        plain = pa.table({n: _decoded(rows.column(n)) for n in rows.column_names})
        data = io.BytesIO()
        pa_csv.write_csv(plain, data, pa_csv.WriteOptions(include_header=False))
        statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, rows.column_names)))
        with self._cur.copy(statement) as copy:
            copy.write(data.getbuffer())
        return self

    def unregister(self, name: str) -> PgCursor:
        """Drop the temp table `register` made."""
        if self.connection.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
            # a failed statement aborted the transaction: its rollback drops the table, and a DROP now would
            # only hide the statement's own error behind "current transaction is aborted"
            return self
        self._cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(name)))
        return self

    def begin(self) -> None:
        """Open a transaction (the connection is in autocommit mode otherwise)."""
        self._cur.execute("BEGIN")

    def commit(self) -> None:
        """Commit the open transaction."""
        self._cur.execute("COMMIT")

    def rollback(self) -> None:
        """Roll the open transaction back."""
        self._cur.execute("ROLLBACK")

    def close(self) -> None:
        """Close the psycopg cursor (the connection goes back to the pool with the store's context)."""
        self._cur.close()


def _frame_types(frame: pd.DataFrame) -> list[str]:
    types = []
    for column in frame.columns:
        kind = frame[column].dtype.kind
        inferred = pd.api.types.infer_dtype(frame[column], skipna=True) if kind == "O" else ""
        types.append(_COLUMN.get(kind) or _INFERRED.get(inferred, "TEXT"))
    return types


def _arrow_types(table: pa.Table) -> list[str]:
    types = []
    for field in table.schema:
        kind = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
        types.append("DOUBLE PRECISION" if pa.types.is_floating(kind) else "BIGINT" if pa.types.is_integer(kind)
                     else "BOOLEAN" if pa.types.is_boolean(kind) else "TIMESTAMP" if pa.types.is_timestamp(kind)
                     else "DATE" if pa.types.is_date(kind) else "TEXT")
    return types


def _decoded(column: pa.ChunkedArray) -> pa.ChunkedArray:
    # Arrow's CSV writer takes no dictionary-encoded column (the parser's text columns are)
    return column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column


def _type_name(connection: psycopg.Connection, oid: int) -> str:
    info = connection.adapters.types.get(oid)
    if info is None:
        return ""
    # psycopg files an array type under its element's TypeInfo: name it as PostgreSQL does (_float8, _text)
    return f"_{info.name}" if oid == info.array_oid else info.name


def _arrow_column(values: list[Any], type_name: str) -> pa.Array:
    kind = _ARROW.get(type_name)
    if type_name == "numeric":  # sums and averages of integers: DuckDB gives them as floats or integers
        values = [float(v) if isinstance(v, Decimal) else v for v in values]
    return pa.array(values, type=kind) if kind is not None else pa.array(values)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _duckdb() -> duckdb.DuckDBPyConnection:
    con = getattr(_converter, "con", None)
    if con is None:
        con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": "false",
                                                 "autoload_known_extensions": "false"})
        con.execute("SET TimeZone = 'UTC'")  # the store's times are UTC on both backends
        con.execute("SET enable_external_access = false")  # it only ever converts frames
        _converter.con = con
    return con
