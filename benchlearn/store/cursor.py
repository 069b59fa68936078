"""What the store's SQL modules need of a cursor, on either backend: DuckDB's cursor, or `PgCursor`.

A module annotated with `StoreCursor` instead of DuckDB's connection type has SQL that runs on both stores
(its tests run on both); docs/SCALING.md lists which modules are there yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: opening a store must not import pandas (0.4 s a process)
    import pandas as pd


class StoreCursor(Protocol):
    """A cursor taking DuckDB-style parameters (`?`, `$name`) whose `execute` returns itself."""

    @property
    def description(self) -> Any:
        """Column descriptions of the last result, name first."""

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = ..., /) -> Any:
        """Run one statement with bound parameters; the result is fetched from what it returns."""

    def fetchall(self) -> list[Any]:
        """Every row of the last result."""

    def df(self) -> pd.DataFrame:
        """The last result as a DataFrame."""

    def register(self, name: str, frame: pd.DataFrame, /) -> Any:
        """The frame as a relation `name` of this cursor only, until `unregister`."""

    def unregister(self, name: str, /) -> Any:
        """Forget the relation `register` made."""
