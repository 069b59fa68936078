"""The few SQL forms that differ between DuckDB and PostgreSQL, in one place.

A store module writes SQL that runs on both engines where one form exists (`IN (SELECT unnest(?::VARCHAR[]))`,
`?::VARCHAR IS NULL`, an alias on every subquery). Where none does, it asks here for the form of its cursor's
engine. The DuckDB forms are the ones the store used before PostgreSQL existed, unchanged, so the file store keeps
its plans and speed.
"""

from __future__ import annotations

from typing import Any

DUCKDB, POSTGRESQL = "duckdb", "postgresql"
DIALECTS = (DUCKDB, POSTGRESQL)


def of(cur: Any) -> str:
    """The engine a cursor speaks: `PgCursor.dialect`, else DuckDB (its cursors carry no such attribute)."""
    return getattr(cur, "dialect", DUCKDB)


def median_low(expr: str, dialect: str) -> str:
    """The lower of the two middle values of `expr` (the middle one for an odd count), NULLs ignored."""
    if dialect == POSTGRESQL:
        return f"percentile_disc(0.5) WITHIN GROUP (ORDER BY {expr})"
    return f"quantile_disc({expr}, 0.5)"


def arg_min(value: str, key: str, dialect: str) -> str:
    """`value` of the row with the smallest `key` in the group."""
    if dialect == POSTGRESQL:
        return f"(array_agg({value} ORDER BY {key}))[1]"
    return f"arg_min({value}, {key})"


def arg_max(value: str, key: str, dialect: str) -> str:
    """`value` of the row with the largest `key` in the group (NULL keys last on PostgreSQL, ignored on DuckDB)."""
    if dialect == POSTGRESQL:
        return f"(array_agg({value} ORDER BY {key} DESC NULLS LAST))[1]"
    return f"arg_max({value}, {key})"


def contains(array: str, item: str, dialect: str) -> str:
    """True when the list `array` holds `item`."""
    return f"({item} = ANY({array}))" if dialect == POSTGRESQL else f"list_contains({array}, {item})"


def overlaps(left: str, right: str, dialect: str) -> str:
    """True when the lists share an element."""
    return f"({left} && {right})" if dialect == POSTGRESQL else f"list_has_any({left}, {right})"


def in_list(column: str, parameter: str, dialect: str, sql_type: str = "VARCHAR") -> str:
    """True when `column` is one of the list bound as `$parameter`. DuckDB joins the unnested list (its plan of
    old); PostgreSQL asks `= ANY`, which an index answers, where a sub-select under an OR (`$p IS NULL OR …`)
    became a subplan tested against every row of a sequential scan: 20 ms for one entity's values of a period."""
    if dialect == POSTGRESQL:
        return f"{column} = ANY(${parameter}::{sql_type}[])"
    return f"{column} IN (SELECT unnest(${parameter}::{sql_type}[]))"


def in_list_or_all(column: str, parameter: str, dialect: str, sql_type: str = "VARCHAR") -> str:
    """`in_list`, where a NULL `$parameter` means every value."""
    return f"(${parameter}::{sql_type}[] IS NULL OR {in_list(column, parameter, dialect, sql_type)})"


def length(array: str, dialect: str) -> str:
    """The number of elements of the list `array`."""
    return f"cardinality({array})" if dialect == POSTGRESQL else f"len({array})"


def star_except(column: str, dialect: str) -> str:
    """`*` without `column` on DuckDB; `*` on PostgreSQL (no EXCLUDE there: the caller drops it with `without`)."""
    return "*" if dialect == POSTGRESQL else f"* EXCLUDE ({column})"


def without(frame: Any, column: str) -> Any:
    """The frame without `column` when it is there (PostgreSQL's half of `star_except`)."""
    return frame.drop(columns=column) if column in frame.columns else frame


def split(text: str, separator: str, dialect: str) -> str:
    """The list of the parts of `text` between `separator`s (an empty text: [''] on DuckDB, [] on PostgreSQL)."""
    if dialect == POSTGRESQL:  # varchar[], as the store's list parameters are typed: && wants equal types
        return f"string_to_array({text}, {separator})::VARCHAR[]"
    return f"string_split({text}, {separator})"


def insertion_order(dialect: str) -> str:
    """A column ordering an append-only table's rows as they were inserted: DuckDB's rowid, PostgreSQL's ctid.

    ctid is a row's place in the heap. In a table whose rows are never updated or deleted a new row goes after
    the last one, so ctid orders them as inserted; only space left by rolled-back inserts, once vacuumed, can be
    filled again out of that order (callers order by a time first and use this only among equal times).
    """
    return "ctid" if dialect == POSTGRESQL else "rowid"


def insert_arrow(cur: Any, table: str, rows: Any) -> None:
    """Append an Arrow table's rows to `table`: a DuckDB relation, or one CSV COPY on PostgreSQL."""
    if of(cur) == POSTGRESQL:
        cur.copy_arrow(table, rows)
    else:
        cur.from_arrow(rows).insert_into(table)


def register_like(cur: Any, name: str, frame: Any, table: str) -> None:
    """Register `frame` as `name`, its columns typed as `table`'s on PostgreSQL (DuckDB infers them itself)."""
    if of(cur) == POSTGRESQL:
        cur.register(name, frame, like=table)
    else:
        cur.register(name, frame)


def json_list(items: str, dialect: str) -> str:
    """The text values `items` (comma-separated SQL) as a compact JSON array text, e.g. ["a","b"] on both."""
    return f"to_json(ARRAY[{items}])::TEXT" if dialect == POSTGRESQL else f"to_json([{items}])::VARCHAR"


def json_record(fields: dict[str, str], dialect: str) -> str:
    """A compact JSON object {"name":value,…} of SQL expressions, the same text on both engines."""
    if dialect == POSTGRESQL:  # json_build_object would put spaces around ':' and after ','
        return f"(SELECT to_json(j) FROM (SELECT {', '.join(f'{v} AS {k}' for k, v in fields.items())}) j)"
    pairs = ", ".join(f"'{k}', {v}" for k, v in fields.items())
    return f"json_object({pairs})"


def characters(text: str, dialect: str) -> str:
    """Set-returning: one row per character of `text` (callers drop the '' an empty text may give)."""
    return f"regexp_split_to_table({text}, '')" if dialect == POSTGRESQL else f"unnest(string_split({text}, ''))"


def quartiles(expr: str, dialect: str) -> str:
    """The continuous 25th, 50th and 75th percentiles of `expr` in the group, as a list."""
    if dialect == POSTGRESQL:
        return f"percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY {expr})"
    return f"quantile_cont({expr}, [0.25, 0.5, 0.75])"
