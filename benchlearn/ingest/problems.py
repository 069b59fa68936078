"""Collecting every problem of an upload (capped, but counted in full) in the order a reader meets them.

Vectorised checks can fail on a million rows at once, so a bulk entry keeps only the failing row numbers and
a function that builds one problem; only the problems that will be shown (the first `cap` by row) are built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from benchlearn.errors import InputError, InputProblem


@dataclass
class _Bulk:
    rows: np.ndarray
    positions: np.ndarray
    build: Callable[[int], InputProblem]
    seq: int


class Problems:
    """A problem list for one file: add single or bulk problems, then `raise_if_any()`."""

    def __init__(self, file_name: str, cap: int = 200) -> None:
        self.file = file_name
        self.cap = max(1, cap)
        self._single: list[tuple[int, int, int, InputProblem]] = []
        self._bulk: list[_Bulk] = []
        self._seq = 0
        self._warnings: list[tuple[np.ndarray, Callable[[int], InputProblem]]] = []

    def __len__(self) -> int:
        return len(self._single) + sum(len(b.rows) for b in self._bulk)

    def problem(self, row: int | None, column: str | None, code: str, *, value: str | None = None,
                expected: str | None = None, suggestion: str | None = None, form: str = "",
                **params: object) -> InputProblem:
        """Build an InputProblem of this file: `upload.problem.<code>[.<form>]` words it with `params`."""
        return InputProblem(self.file, row, column, "", value, expected, code, suggestion, pairs(params), form)

    def add(self, row: int | None, column: str | None, code: str, *, position: int = 0, **fields: object) -> None:
        """Record one problem; `position` (the column's index) orders problems within a row."""
        self.add_problem(self.problem(row, column, code, **fields), position)

    def add_problem(self, problem: InputProblem, position: int = 0) -> None:
        """Record an already built problem."""
        self._seq += 1
        self._single.append((-1 if problem.row is None else problem.row, position, self._seq, problem))

    def add_many(self, rows: np.ndarray, build: Callable[[int], InputProblem],
                 positions: np.ndarray | int = 0) -> None:
        """Record one problem per element of `rows`; `build(i)` makes the i-th only if it will be shown."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return
        pos = np.broadcast_to(np.asarray(positions, dtype=np.int64), rows.shape)
        self._seq += 1
        self._bulk.append(_Bulk(rows, pos, build, self._seq))

    def shown(self) -> list[InputProblem]:
        """The first `cap` problems, ordered by row, then column, then the order the rules ran."""
        keyed: list[tuple[int, int, int, int, object]] = [(r, p, s, 0, x) for r, p, s, x in self._single]
        for bulk in self._bulk:
            order = np.lexsort((bulk.positions, bulk.rows))[: self.cap]
            keyed.extend((int(bulk.rows[i]), int(bulk.positions[i]), bulk.seq, int(i), bulk) for i in order)
        keyed.sort(key=lambda k: k[:4])
        out = []
        for *_, index, item in keyed[: self.cap]:
            out.append(item.build(index) if isinstance(item, _Bulk) else item)
        return out

    def warn_many(self, rows: np.ndarray, build: Callable[[int], InputProblem]) -> None:
        """Record one warning per element of `rows` (told to the user, nothing refused); built only if shown."""
        if len(rows):
            self._warnings.append((np.asarray(rows, dtype=np.int64), build))

    @property
    def warning_count(self) -> int:
        """How many warnings were recorded (all, not only the shown)."""
        return sum(len(rows) for rows, _ in self._warnings)

    def warnings(self) -> tuple[InputProblem, ...]:
        """The first `cap` warnings, ordered by row."""
        keyed = [(int(rows[i]), n, int(i)) for n, (rows, _) in enumerate(self._warnings)
                 for i in np.argsort(rows, kind="stable")[: self.cap]]
        keyed.sort()
        return tuple(self._warnings[n][1](i) for _, n, i in keyed[: self.cap])

    def raise_if_any(self) -> None:
        """Raise InputError with the shown problems and the total count, if there is any problem."""
        if len(self):
            raise InputError(self.shown(), len(self))

    def fail(self, row: int | None, column: str | None, code: str, **fields: object) -> None:
        """Record a problem that stops reading the file, and raise everything found so far."""
        self.add(row, column, code, **fields)
        self.raise_if_any()


def pairs(params: dict[str, object]) -> tuple[tuple[str, object], ...]:
    """A problem's params as stored: texts, and lists (tuples of texts) a message joins in its language."""
    return tuple((k, tuple(str(i) for i in v) if isinstance(v, tuple | list) else str(v)) for k, v in params.items())


def human_size(n: int) -> str:
    """A byte count as a user reads it (MB above one megabyte)."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{n} bytes"


def quote(text: object) -> str:
    """A cell value shown in a message: in double quotes, shortened when long."""
    text = str(text)
    return '"' + (text if len(text) <= 60 else text[:57] + "…") + '"'


def listing(items: list[str], last: str = "or") -> str:
    """'a, b or c' for messages."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
