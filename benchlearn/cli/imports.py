"""CLI command `import`: a statistics portal's file (CSV, SDMX, JSON-stat, PC-Axis, Eurostat, Kolada) through a
mapping, as one values batch. Exit codes and --json as for `ingest`; `--write-mapping` drafts and stops."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchlearn.api import imports
from benchlearn.api.coordination import UPLOAD
from benchlearn.cli.screening import as_json, print_flags
from benchlearn.errors import UsageError
from benchlearn.model import BatchResult
from benchlearn.sources import FORMATS
from benchlearn.sources.mapfile import read_mapping, to_csv
from benchlearn.store import Store
from benchlearn.store import audit as audit_trail


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `import` to the command parser."""
    imp = sub.add_parser("import", parents=[common], help="import a statistics portal's file through a mapping",
                         description="Formats: " + "; ".join(f"{k}: {v}" for k, v in FORMATS.items()))
    imp.add_argument("file", help="the file as the portal gives it")
    imp.add_argument("--mapping", help="MAP.csv with columns kind,source,target (over the one saved for the "
                                       "network and the source)")
    imp.add_argument("--write-mapping", metavar="DRAFT", help="write a draft mapping of every dimension and key "
                                                              "with the best guess, and import nothing")
    imp.add_argument("--format", choices=list(FORMATS), help="the file's format (default: detected)")
    imp.add_argument("--network", help="network the import is for: indicators and members must belong to it")
    imp.add_argument("--user", help="an existing account to record as the one who loads the file "
                                    "(default: the operating-system user)")
    imp.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    imp.add_argument("--json", action="store_true", help="print the result as JSON")
    imp.set_defaults(run=_import, when_open="upload the file on the Upload page of the dashboard")


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def _import(args: argparse.Namespace, store: Store) -> int:
    data, name = _read(args.file), Path(args.file).name
    mapping = read_mapping(_read(args.mapping), Path(args.mapping).name) if args.mapping else None
    if args.write_mapping:
        return _draft(args, store, data, name, mapping)

    def audit(cur: object, result: BatchResult) -> None:  # inside the batch's transaction: both or neither
        audit_trail.record(cur, args.user, UPLOAD, f"batch {result.batch_id}: import {result.file_name} for "
                           f"{args.network or 'no network'} ({result.inserted} new, {result.updated} changed, "
                           f"{result.unchanged} unchanged) [command line]")

    outcome = imports.import_bytes(store, data, name, fmt=args.format, mapping=mapping, network=args.network,
                                   user=args.user, dry_run=args.dry_run, on_commit=audit)
    result, table = outcome.ingest.result, outcome.prepared.table
    print_flags(outcome.ingest.screening, name)  # on stderr: flags never stop an import
    if args.json:
        print(json.dumps({"ok": True, "batch_id": result.batch_id, "kind": result.kind, "file": result.file_name,
                          "format": table.format, "source": table.source, "sha256": result.sha256,
                          "rows": result.rows_in, "inserted": result.inserted, "updated": result.updated,
                          "unchanged": result.unchanged, "skipped": outcome.prepared.applied.skipped,
                          "dry_run": result.dry_run, "notes": list(result.notes),
                          "roles": dict(outcome.prepared.applied.roles),
                          "screening": as_json(outcome.ingest.screening)}, ensure_ascii=False))
        return 0
    counts = f"{result.rows_in} rows: {result.inserted} new, {result.updated} changed, {result.unchanged} unchanged"
    if result.dry_run:
        print(f"dry run of {name} ({table.format}): {counts}; nothing written")
    elif result.batch_id is None:
        print(f"{name}: nothing changed ({counts}); no batch written")
    else:
        print(f"batch {result.batch_id}: imported {name} ({table.format}, {table.source}): {counts}; "
              f"mapping saved for {args.network or 'no network'}")
    return 0


def _draft(args: argparse.Namespace, store: Store, data: bytes, name: str, mapping: object) -> int:
    prepared = imports.prepare(store, data, name, fmt=args.format, mapping=mapping, network=args.network)
    draft = imports.draft(prepared)
    try:
        Path(args.write_mapping).write_bytes(to_csv(draft))
    except OSError as exc:
        raise UsageError(f"cannot write {args.write_mapping}: {exc.strerror}") from None
    open_keys = len(prepared.applied.open)
    if args.json:
        print(json.dumps({"ok": True, "draft": args.write_mapping, "format": prepared.table.format,
                          "source": prepared.table.source, "keys": len(prepared.applied.keys),
                          "open": open_keys}, ensure_ascii=False))
    else:
        print(f"draft mapping written to {args.write_mapping}: {len(draft)} rows, {open_keys} keys to check or "
              "fill in; nothing imported")
    return 0
