"""CLI commands for whole-store copies: backup (while the store is ours) and restore (without opening it)."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchlearn.api import backup as backups
from benchlearn.cli.auditing import operator, write_entry
from benchlearn.store import Store, default_path, open_store

RESTORED = "restored"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add backup and restore to the command parser."""
    bak = sub.add_parser("backup", parents=[common], help="export a consistent copy of the whole store")
    bak.add_argument("--to", help="folder for the backup (default: backups/ beside the database)")
    bak.set_defaults(run=_backup, when_open="an admin takes the backup on Administration → Backups in the dashboard")
    res = sub.add_parser("restore", parents=[common], help="rebuild the database from a backup folder")
    res.add_argument("source", help="a folder written by `backup`")
    # restore replaces the file: it must not hold the database open itself
    res.set_defaults(run=_restore, needs_store=False, when_open=None)


def _backup(args: argparse.Namespace, store: Store) -> int:
    who = operator(store)
    target = backups.backup(store, args.to)
    write_entry(store, who, backups.BACKUP_TAKEN, str(target))
    print(f"backup written to {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    db = args.db or default_path()
    counts = backups.restore(args.source, db)
    # the entry goes into the restored file: the log that is kept from now on says where its data came from
    store = open_store(db)
    try:
        write_entry(store, operator(store), RESTORED, f"from {Path(args.source).resolve()}: "
                                                      f"{sum(counts.values())} rows in {len(counts)} tables")
    finally:
        store.close()
    print(f"restored {db} from {args.source}: {sum(counts.values())} rows in {len(counts)} tables")
    return 0
