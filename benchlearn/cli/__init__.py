"""The command-line interface: a stable contract that scripts and acceptance checks rely on.

Exit codes: 0 success (one-line summary on stdout); 1 invalid input (each problem on stderr as
FILE:ROW:COLUMN: message, nothing written); 2 usage or environment problems. Never a traceback.

Each module of this package adds its commands with `register(subparsers, common)`: a command's parser
sets `run=handler(args, store) -> int` (or `needs_store=False` for a handler of `args` alone).
A new command family is one module added to MODULES.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from benchlearn.cli import backup, data, engine, imports, users
from benchlearn.errors import BenchlearnError, InputError, StoreLockedError
from benchlearn.store import default_path, open_store

log = logging.getLogger("benchlearn")
#: the modules whose `register(subparsers, common)` adds commands, in the order `--help` lists them
MODULES = (data, imports, backup, engine, users)


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
        if not getattr(args, "needs_store", True):
            return args.run(args)
        extra = (str(Path(args.to).resolve()),) if getattr(args, "to", None) else ()
        store = open_store(args.db or default_path(), extra_dirs=extra)
        try:
            return args.run(args, store)
        finally:
            store.close()
    except InputError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        if getattr(args, "json", False):
            print(json.dumps({"ok": False, "problems": [str(p) for p in exc.problems], "total": exc.total}))
        return 1
    except StoreLockedError as exc:
        hint = ""
        if args.command == "backup":  # the running app can export itself: no need to stop it
            hint = "; while the dashboard runs, an admin takes the backup on its Administration page (Backups tab)"
        print(f"error: {exc.message}{hint}", file=sys.stderr)
        return exc.exit_code
    except BenchlearnError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted: nothing was written by the unfinished command", file=sys.stderr)
        return 2
    except Exception as exc:  # the contract: never a traceback; the details go to the log
        log.exception("unexpected failure")
        print(f"error: unexpected failure ({type(exc).__name__}); nothing was written", file=sys.stderr)
        return 2
