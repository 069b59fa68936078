"""CLI commands that create and load data: init, demo, ingest, batches, undo (every write audited)."""

from __future__ import annotations

import argparse
import json
import sys

from benchlearn import api
from benchlearn.api.coordination import UNDO, UPLOAD
from benchlearn.cli.auditing import operator, write_entry
from benchlearn.cli.screening import as_json, print_flags
from benchlearn.ingest import IngestOptions, Parsed
from benchlearn.model import BatchResult, Kind
from benchlearn.store import Store, reads
from benchlearn.store import audit as audit_trail
from benchlearn.store import batches as batch_ledger

DEMO_LOADED = "demo_loaded"
_WHO = "an existing account to record as the one who {0} (default: the operating-system user)"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add init, demo, ingest, batches and undo to the command parser."""
    sub.add_parser("init", parents=[common], help="create or migrate the database").set_defaults(
        run=_init, when_open=None)
    demo = sub.add_parser("demo", parents=[common], help="load the shipped real demo data (Lithuania, Latvia)")
    demo.add_argument("--no-examples", action="store_true",
                      help="leave out the worked examples of a network's yearly cycle (data calls, notes, actions)")
    demo.set_defaults(run=_demo, when_open=None)
    ing = sub.add_parser("ingest", parents=[common], help="validate and load a CSV file as one batch")
    ing.add_argument("file", help="the CSV file to load (UTF-8, UTF-16 or Windows-1257; `,` `;` or tab)")
    ing.add_argument("--kind", choices=[k.value for k in Kind], default=Kind.VALUES.value,
                     help="what the file holds: values (default), indicators, entities or members "
                          "(columns in the README)")
    ing.add_argument("--network", help="network the upload is for: indicators and members must belong to it")
    ing.add_argument("--user", help=_WHO.format("loads the file (on the batch and in the audit log)"))
    ing.add_argument("--period", help="period of a wide file that has no period column")
    ing.add_argument("--encoding", help="override the detected encoding (utf-8, utf-16, cp1257, …)")
    ing.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    ing.add_argument("--max-bytes", type=int, default=IngestOptions.max_bytes,
                     help="refuse files larger than this (default 50 MB)")
    ing.add_argument("--json", action="store_true", help="print the result as JSON")
    ing.set_defaults(run=_ingest, when_open="upload the file on the Upload page of the dashboard")
    bat = sub.add_parser("batches", parents=[common], help="list the latest batches")
    bat.add_argument("--limit", type=int, default=50, help="how many batches to list, newest first (default 50)")
    bat.add_argument("--json", action="store_true", help="print the list as JSON")
    bat.set_defaults(run=_batches, when_open="see the batches on the History page of the dashboard")
    und = sub.add_parser("undo", parents=[common], help="undo a batch exactly")
    und.add_argument("batch_id", type=int, help="the batch's number, as `batches` lists it")
    und.add_argument("--user", help=_WHO.format("undoes the batch (in the audit log)"))
    und.set_defaults(run=_undo, when_open="undo the batch on the History page of the dashboard")


def _summary(result: BatchResult) -> str:
    counts = f"{result.rows_in} rows: {result.inserted} new, {result.updated} changed, {result.unchanged} unchanged"
    if result.dry_run:
        return f"dry run of {result.file_name} ({result.kind}): {counts}; nothing written"
    if result.batch_id is None:
        return f"{result.file_name}: nothing changed ({counts}); no batch written"
    return f"batch {result.batch_id}: loaded {result.file_name} ({result.kind}): {counts}"


def print_warnings(parsed: Parsed) -> None:
    """`FILE:ROW:COLUMN: warning: message` per warning (an exact duplicate row), on stderr; nothing refused."""
    for warning in parsed.warnings:
        row = "" if warning.row is None else warning.row
        print(f"{warning.file}:{row}:{warning.column or ''}: warning: {warning.message}", file=sys.stderr)
    if parsed.warning_count > len(parsed.warnings):
        print(f"{parsed.file_name}: … {parsed.warning_count - len(parsed.warnings)} more warnings not shown",
              file=sys.stderr)


def _init(args: argparse.Namespace, store: Store) -> int:
    with store.cursor() as cur:
        print(f"database {store.path} ready (schema version {store.schema_version}); {reads.counts(cur)}")
    return 0


def _demo(args: argparse.Namespace, store: Store) -> int:
    who = operator(store)
    outcomes = api.load_demo(store, with_examples=not args.no_examples)
    written = [o.result for o in outcomes if o.result.batch_id is not None]
    with store.cursor() as cur:
        held = reads.counts(cur)
    summary = (f"demo data: {len(written)} batches written ({len(outcomes) - len(written)} files unchanged); "
               f"{held['municipalities']} municipalities, {held['indicators']} indicators, "
               f"{held['observations']} observations")
    if written:  # the demo's batches are written by the shared upload path, which has no audit hook of its own
        write_entry(store, who, DEMO_LOADED, f"batches {', '.join(str(r.batch_id) for r in written)}")
    print(summary)
    return 0


def _ingest(args: argparse.Namespace, store: Store) -> int:
    options = IngestOptions(kind=Kind(args.kind), network=args.network, period=args.period, encoding=args.encoding,
                            max_bytes=args.max_bytes)
    who = operator(store, args.user)

    def audit(cur: object, result: BatchResult) -> None:  # inside the batch's transaction: both or neither
        audit_trail.record(cur, who.actor, UPLOAD, who.detail(
            f"batch {result.batch_id}: {result.kind} {result.file_name} for {args.network or 'no network'} "
            f"({result.inserted} new, {result.updated} changed, {result.unchanged} unchanged)"))

    outcome = api.ingest_path(store, args.file, options, user=who.actor, dry_run=args.dry_run, on_commit=audit)
    result = outcome.result
    print_flags(outcome.screening, result.file_name)  # on stderr: flags never stop a load
    print_warnings(outcome.parsed)
    if args.json:
        print(json.dumps({"ok": True, "batch_id": result.batch_id, "kind": result.kind, "file": result.file_name,
                          "sha256": result.sha256, "rows": result.rows_in, "inserted": result.inserted,
                          "updated": result.updated, "unchanged": result.unchanged, "dry_run": result.dry_run,
                          "notes": list(result.notes), "dialect": outcome.parsed.dialect.__dict__,
                          "warnings": [str(w) for w in outcome.parsed.warnings],
                          "screening": as_json(outcome.screening)}))
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
    who = operator(store, args.user)
    summary = api.undo_batch(store, args.batch_id, who.actor)
    write_entry(store, who, UNDO, summary)  # as the dashboard's undo does: right after the undo's own transaction
    print(summary)
    return 0
