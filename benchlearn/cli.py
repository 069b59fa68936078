"""The command-line interface: a stable contract that scripts and acceptance checks rely on.

Exit codes: 0 success (one-line summary on stdout); 1 invalid input (each problem on stderr as
FILE:ROW:COLUMN: message, nothing written); 2 usage or environment problems. Never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from benchlearn import api
from benchlearn.api import backup
from benchlearn.errors import BenchlearnError, InputError, StoreLockedError
from benchlearn.ingest import IngestOptions
from benchlearn.model import BatchResult, Kind
from benchlearn.store import Store, default_path, open_store, reads
from benchlearn.store import batches as batch_ledger

log = logging.getLogger("benchlearn")
COMMANDS: dict[str, Callable[[argparse.Namespace, Store], int]] = {}
#: commands that must not hold the database open themselves
WITHOUT_STORE: dict[str, Callable[[argparse.Namespace], int]] = {}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors: keep it, in one line
        self.exit(2, f"{self.prog}: error: {message}\n")


def command(name: str) -> Callable:
    """Register a subcommand handler."""
    def register(func: Callable[[argparse.Namespace, Store], int]) -> Callable:
        COMMANDS[name] = func
        return func
    return register


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (each takes --db)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None, help="database file (default: $BENCHLEARN_DB or data/benchlearn.duckdb)")
    parser = _Parser(prog="python -m benchlearn", description="Benchlearn: municipal indicator store and comparisons")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("init", parents=[common], help="create or migrate the database")
    sub.add_parser("demo", parents=[common], help="load the shipped real demo data (Lithuania, Latvia)")
    ing = sub.add_parser("ingest", parents=[common], help="validate and load a CSV file as one batch")
    ing.add_argument("file")
    ing.add_argument("--kind", choices=[k.value for k in Kind], default=Kind.VALUES.value)
    ing.add_argument("--network", help="network the upload is for: indicators and members must belong to it")
    ing.add_argument("--user", help="who loads the file (recorded on the batch)")
    ing.add_argument("--period", help="period of a wide file that has no period column")
    ing.add_argument("--encoding", help="override the detected encoding (utf-8, utf-16, cp1257, …)")
    ing.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    ing.add_argument("--max-bytes", type=int, default=IngestOptions.max_bytes,
                     help="refuse files larger than this (default 50 MB)")
    ing.add_argument("--json", action="store_true", help="print the result as JSON")
    bat = sub.add_parser("batches", parents=[common], help="list the latest batches")
    bat.add_argument("--limit", type=int, default=50)
    bat.add_argument("--json", action="store_true")
    und = sub.add_parser("undo", parents=[common], help="undo a batch exactly")
    und.add_argument("batch_id", type=int)
    und.add_argument("--user")
    bak = sub.add_parser("backup", parents=[common], help="export a consistent copy of the whole store")
    bak.add_argument("--to", help="folder for the backup (default: backups/ beside the database)")
    res = sub.add_parser("restore", parents=[common], help="rebuild the database from a backup folder")
    res.add_argument("source", help="a folder written by `backup`")
    for extend in EXTENSIONS:
        extend(sub, common)
    return parser


#: functions adding further subcommands (the engine's, users, backup) to the parser, registered by their modules
EXTENSIONS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = []


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command in WITHOUT_STORE:
            return WITHOUT_STORE[args.command](args)
        extra = (str(Path(args.to).resolve()),) if getattr(args, "to", None) else ()
        store = open_store(args.db or default_path(), extra_dirs=extra)
        try:
            return COMMANDS[args.command](args, store)
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


def _summary(result: BatchResult) -> str:
    counts = f"{result.rows_in} rows: {result.inserted} new, {result.updated} changed, {result.unchanged} unchanged"
    if result.dry_run:
        return f"dry run of {result.file_name} ({result.kind}): {counts}; nothing written"
    if result.batch_id is None:
        return f"{result.file_name}: nothing changed ({counts}); no batch written"
    return f"batch {result.batch_id}: loaded {result.file_name} ({result.kind}): {counts}"


@command("init")
def _init(args: argparse.Namespace, store: Store) -> int:
    with store.cursor() as cur:
        print(f"database {store.path} ready (schema version {store.schema_version}); {reads.counts(cur)}")
    return 0


@command("demo")
def _demo(args: argparse.Namespace, store: Store) -> int:
    outcomes = api.load_demo(store)
    written = [o.result for o in outcomes if o.result.batch_id is not None]
    with store.cursor() as cur:
        held = reads.counts(cur)
    print(f"demo data: {len(written)} batches written ({len(outcomes) - len(written)} files unchanged); "
          f"{held['municipalities']} municipalities, {held['indicators']} indicators, "
          f"{held['observations']} observations")
    return 0


@command("ingest")
def _ingest(args: argparse.Namespace, store: Store) -> int:
    options = IngestOptions(kind=Kind(args.kind), network=args.network, period=args.period, encoding=args.encoding,
                            max_bytes=args.max_bytes)
    outcome = api.ingest_path(store, args.file, options, user=args.user, dry_run=args.dry_run)
    result = outcome.result
    if args.json:
        print(json.dumps({"ok": True, "batch_id": result.batch_id, "kind": result.kind, "file": result.file_name,
                          "sha256": result.sha256, "rows": result.rows_in, "inserted": result.inserted,
                          "updated": result.updated, "unchanged": result.unchanged, "dry_run": result.dry_run,
                          "notes": list(result.notes), "dialect": outcome.parsed.dialect.__dict__}))
    else:
        print(_summary(result))
    return 0


@command("batches")
def _batches(args: argparse.Namespace, store: Store) -> int:
    with store.cursor() as cur:
        frame = batch_ledger.listing(cur, args.limit)
    if args.json:
        print(frame.to_json(orient="records", date_format="iso"))
    elif frame.empty:
        print("no batches yet")
    else:
        print(frame.drop(columns=["sha256"]).to_string(index=False))
    return 0


@command("undo")
def _undo(args: argparse.Namespace, store: Store) -> int:
    print(api.undo_batch(store, args.batch_id, args.user))
    return 0



@command("backup")
def _backup(args: argparse.Namespace, store: Store) -> int:
    if args.to:
        Path(args.to).mkdir(parents=True, exist_ok=True)
    target = backup.backup(store, args.to)
    print(f"backup written to {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    db = args.db or default_path()
    counts = backup.restore(args.source, db)
    print(f"restored {db} from {args.source}: {sum(counts.values())} rows in {len(counts)} tables")
    return 0


WITHOUT_STORE["restore"] = _restore


# Modules that add commands (each appends to EXTENSIONS and registers handlers with @command).
from benchlearn import cli_engine, cli_users  # noqa: E402, F401
