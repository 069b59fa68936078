"""One error family: every message here is meant for a user, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass

from benchlearn.i18n.problems import problem_message, shorten


class BenchlearnError(Exception):
    """Base of every error Benchlearn reports to a user (exit 1 or 2 in the CLI)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(BenchlearnError):
    """Bad command-line usage or environment (exit 2)."""

    exit_code = 2


class StoreLockedError(BenchlearnError):
    """The database file is held read-write by another process (usually the dashboard)."""

    exit_code = 2

    def __init__(self, path: str, pid: int | None) -> None:
        who = f"PID {pid}" if pid else "another process"
        super().__init__(
            f"the database {path} is open in another process ({who}), probably the dashboard; "
            "upload through the app or stop it first"
        )
        self.pid = pid


class ServerUnavailable(BenchlearnError):
    """The database server cannot be reached (stopped, restarting, network): nothing was written; retry later."""

    exit_code = 2


class ConflictError(BenchlearnError):
    """Another writer changed the same rows at the same moment; the caller may retry."""

    exit_code = 2


class NotFoundError(BenchlearnError):
    """An unknown code, period or batch was asked for (exit 1)."""

    exit_code = 1


class PermissionDenied(BenchlearnError):
    """The user's role or networks do not allow this action."""

    exit_code = 1


class BackupError(BenchlearnError):
    """A backup folder is incomplete or was altered after it was written: refused, nothing replaced (exit 1)."""

    exit_code = 1


@dataclass(frozen=True)
class InputProblem:
    """One problem in an uploaded file, located as a spreadsheet shows it (header = row 1).

    `row` is None for file-level problems, `column` is None when no single column is at fault.
    `code` is a stable identifier of the rule and `form` the variant of it that applied; with `params` they
    are all the problem says: its wording is `upload.problem.<code>[.<form>]` in the catalogues, and
    `message` (the English the CLI prints) is filled in from there. Only a form field's check (targets,
    practices) still passes a `message` of its own; its page words it from `<area>.problem.<code>`.
    """

    file: str
    row: int | None
    column: str | None
    message: str = ""
    value: str | None = None
    expected: str | None = None
    code: str = "invalid"
    suggestion: str | None = None
    params: tuple[tuple[str, object], ...] = ()
    form: str = ""

    def __post_init__(self) -> None:
        if not self.message:
            object.__setattr__(self, "message", self.text("en"))

    def fields(self) -> dict[str, object]:
        """What the message may fill in: the (shortened) value, the column and the params."""
        return {"value": shorten(self.value), "column": self.column or "", **dict(self.params)}

    def text(self, lang: str) -> str:
        """The problem's message in `lang` (en, lt or lv), from the catalogue."""
        return problem_message(self.code, self.form, self.fields(), lang)

    def __str__(self) -> str:
        row = "" if self.row is None else str(self.row)
        column = self.column or ""
        return f"{self.file}:{row}:{column}: {self.message}"


class InputError(BenchlearnError):
    """An upload was rejected: it carries every problem found (up to a cap) and the total count."""

    exit_code = 1

    def __init__(self, problems: list[InputProblem], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = len(self.problems) if total is None else total
        head = str(self.problems[0]) if self.problems else "invalid input"
        more = f" (and {self.total - 1} more)" if self.total > 1 else ""
        super().__init__(head + more)

    def lines(self) -> list[str]:
        """Every problem as `FILE:ROW:COLUMN: message`, plus a count line when capped."""
        out = [str(p) for p in self.problems]
        if self.total > len(self.problems):
            out.append(f"… {self.total - len(self.problems)} more problems not shown ({self.total} in all)")
        return out
