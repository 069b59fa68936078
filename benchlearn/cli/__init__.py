"""The command-line interface: a stable contract that scripts and acceptance checks rely on.

Exit codes: 0 success (one-line summary on stdout); 1 invalid input (each problem on stderr as
FILE:ROW:COLUMN: message, nothing written); 2 usage or environment problems; 141 (128 + SIGPIPE, as the
shell reports any program ended by a closed pipe) when the reader of stdout went away, e.g. `| head -1`.
Never a traceback.

Each module of this package adds its commands with `register(subparsers, common)`: a command's parser
sets `run=handler(args, store) -> int` (or `needs_store=False` for a handler of `args` alone) and
`when_open=` what to do instead in the dashboard while it holds the database (None: nothing there).
A new command family is one module added to MODULES.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchlearn.cli import backup, changes, data, datacalls, engine, explain, imports, open_data, users
from benchlearn.errors import BenchlearnError, InputError, InputProblem, StoreLockedError
from benchlearn.ingest.problems import human_size, pairs
from benchlearn.store import default_path, open_store

log = logging.getLogger("benchlearn")
#: the exit code of a command whose output pipe was closed by its reader (128 + SIGPIPE)
CLOSED_PIPE = 141
#: the modules whose `register(subparsers, common)` adds commands, in the order `--help` lists them
MODULES = (data, datacalls, imports, backup, engine, explain, changes, open_data, users)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors: keep it, in one line
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (each takes --db)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None, help="database file (default: $BENCHLEARN_DB or data/benchlearn.duckdb)")
    parser = _Parser(prog="python -m benchlearn", description="Benchlearn: municipal indicator store and comparisons")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in MODULES:
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        code = _run(args)
        sys.stdout.flush()  # a closed pipe shows here, while we can still handle it, not at interpreter exit
        return code
    except BrokenPipeError:
        # the reader stopped (`| head -1`): a normal end. Point stdout at devnull, as the Python docs advise,
        # so that flushing what is left at exit cannot raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLOSED_PIPE
    except InputError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        if getattr(args, "json", False):
            print(json.dumps({"ok": False, "problems": [str(p) for p in exc.problems], "total": exc.total}))
        return 1
    except StoreLockedError as exc:
        where = Path(args.db or default_path()).resolve()
        print(f"error: {locked(exc, where, getattr(args, 'when_open', None))}", file=sys.stderr)
        return exc.exit_code
    except BenchlearnError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted: nothing was written by the unfinished command", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 — the contract: never a traceback; the details go to the log
        where = _log_failure(exc)
        print(f"error: unexpected failure ({type(exc).__name__}); nothing was written; details in {where}",
              file=sys.stderr)
        return 2


def _log_failure(exc: BaseException) -> Path:
    """Append the traceback to the CLI's error log (never the terminal) and return the log's path.

    Python's last-resort logging handler would print the traceback on stderr: a file handler is attached
    for this one record instead, in $BENCHLEARN_LOG or the temporary folder.
    """
    path = Path(os.environ.get("BENCHLEARN_LOG") or Path(tempfile.gettempdir()) / "benchlearn-cli.log")
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.propagate = False
    try:
        log.error("unexpected failure", exc_info=exc)
    finally:
        log.removeHandler(handler)
        handler.close()
    return path


def _run(args: argparse.Namespace) -> int:
    if not getattr(args, "needs_store", True):
        return args.run(args)
    extra = (str(Path(args.to).resolve()),) if getattr(args, "to", None) else ()
    store = open_store(args.db or default_path(), extra_dirs=extra)
    try:
        return args.run(args, store)
    except InputError as exc:
        raise _too_large(exc, args) from None
    finally:
        store.close()


def locked(exc: StoreLockedError, path: Path, when_open: str | None) -> str:
    """The refusal for a database held by another process: what to do instead, for the command refused."""
    holder = f"PID {exc.pid}" if exc.pid else "another process"
    stop = f"stop it ({holder}) and run the command again"
    return (f"the database {path} is open in another process ({holder}), probably the dashboard; "
            + (f"{when_open}, or {stop}" if when_open else stop))


def _too_large(exc: InputError, args: argparse.Namespace) -> InputError:
    """The size refusal in one line naming the file, its size, the limit and --max-bytes (nothing was read)."""
    first = exc.problems[0] if exc.problems else None
    if first is None or first.code != "file_too_large" or not getattr(args, "max_bytes", None):
        return exc
    size = Path(args.file).stat().st_size
    shown = human_size(size) + ("" if size < 1024 else f" ({size} bytes)")
    params = pairs({"limit": human_size(args.max_bytes), "size": size})
    return _FileLevel([InputProblem(first.file, None, None, value=shown, code=first.code, params=params,
                                    form="cli")])


class _FileLevel(InputError):
    """A refusal of the whole file before any row was read: `FILE: message`, no empty row and column."""

    def lines(self) -> list[str]:
        """One `FILE: message` line per problem."""
        return [f"{p.file}: {p.message}" for p in self.problems]
