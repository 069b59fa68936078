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


def list_agg(expr: str, dialect: str) -> str:
    """The distinct values of `expr` in the group as a list (an array on PostgreSQL)."""
    return f"array_agg(DISTINCT {expr})" if dialect == POSTGRESQL else f"list(DISTINCT {expr})"


def contains(array: str, item: str, dialect: str) -> str:
    """True when the list `array` holds `item`."""
    return f"({item} = ANY({array}))" if dialect == POSTGRESQL else f"list_contains({array}, {item})"


def overlaps(left: str, right: str, dialect: str) -> str:
    """True when the lists share an element."""
    return f"({left} && {right})" if dialect == POSTGRESQL else f"list_has_any({left}, {right})"


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
