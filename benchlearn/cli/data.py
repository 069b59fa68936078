"""CLI commands that create and load data: init, demo, ingest, batches, undo."""

from __future__ import annotations

import argparse
import json

from benchlearn import api
from benchlearn.ingest import IngestOptions
from benchlearn.model import BatchResult, Kind
from benchlearn.store import Store, reads
from benchlearn.store import batches as batch_ledger


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add init, demo, ingest, batches and undo to the command parser."""
    sub.add_parser("init", parents=[common], help="create or migrate the database").set_defaults(run=_init)
    sub.add_parser("demo", parents=[common], help="load the shipped real demo data (Lithuania, Latvia)",
                   ).set_defaults(run=_demo)
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
    ing.set_defaults(run=_ingest)
    bat = sub.add_parser("batches", parents=[common], help="list the latest batches")
    bat.add_argument("--limit", type=int, default=50)
    bat.add_argument("--json", action="store_true")
    bat.set_defaults(run=_batches)
    und = sub.add_parser("undo", parents=[common], help="undo a batch exactly")
    und.add_argument("batch_id", type=int)
    und.add_argument("--user")
    und.set_defaults(run=_undo)


def _summary(result: BatchResult) -> str:
    counts = f"{result.rows_in} rows: {result.inserted} new, {result.updated} changed, {result.unchanged} unchanged"
    if result.dry_run:
        return f"dry run of {result.file_name} ({result.kind}): {counts}; nothing written"
    if result.batch_id is None:
        return f"{result.file_name}: nothing changed ({counts}); no batch written"
    return f"batch {result.batch_id}: loaded {result.file_name} ({result.kind}): {counts}"


def _init(args: argparse.Namespace, store: Store) -> int:
    with store.cursor() as cur:
        print(f"database {store.path} ready (schema version {store.schema_version}); {reads.counts(cur)}")
    return 0


def _demo(args: argparse.Namespace, store: Store) -> int:
    outcomes = api.load_demo(store)
    written = [o.result for o in outcomes if o.result.batch_id is not None]
    with store.cursor() as cur:
        held = reads.counts(cur)
    print(f"demo data: {len(written)} batches written ({len(outcomes) - len(written)} files unchanged); "
          f"{held['municipalities']} municipalities, {held['indicators']} indicators, "
          f"{held['observations']} observations")
    return 0


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


def _undo(args: argparse.Namespace, store: Store) -> int:
    print(api.undo_batch(store, args.batch_id, args.user))
    return 0
