"""CLI commands for whole-store copies: backup (while the store is ours) and restore (without opening it)."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchlearn.api import backup as backups
from benchlearn.store import Store, default_path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add backup and restore to the command parser."""
    bak = sub.add_parser("backup", parents=[common], help="export a consistent copy of the whole store")
    bak.add_argument("--to", help="folder for the backup (default: backups/ beside the database)")
    bak.set_defaults(run=_backup)
    res = sub.add_parser("restore", parents=[common], help="rebuild the database from a backup folder")
    res.add_argument("source", help="a folder written by `backup`")
    # restore replaces the file: it must not hold the database open itself
    res.set_defaults(run=_restore, needs_store=False)


def _backup(args: argparse.Namespace, store: Store) -> int:
    if args.to:
        Path(args.to).mkdir(parents=True, exist_ok=True)
    target = backups.backup(store, args.to)
    print(f"backup written to {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    db = args.db or default_path()
    counts = backups.restore(args.source, db)
    print(f"restored {db} from {args.source}: {sum(counts.values())} rows in {len(counts)} tables")
    return 0
