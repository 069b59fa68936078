"""CLI command `export --to DIR`: the public data as a Frictionless Data Package (issue 16.6)."""

from __future__ import annotations

import argparse

from benchlearn.api.open_data import PACKAGE, export_package
from benchlearn.store import Store


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `export` to the command parser."""
    exp = sub.add_parser("export", parents=[common], help="write the public data as a Frictionless Data Package",
                         description="values with status, indicators, entities, networks, peer groups and their "
                                     "members, attribution: CSV files described by datapackage.json, with Parquet "
                                     "copies; never accounts, sessions, the audit log, batches or screening notes")
    exp.add_argument("--to", required=True, help="folder to write into (created if missing)")
    exp.set_defaults(run=_export, when_open="stop the dashboard for the export")


def _export(args: argparse.Namespace, store: Store) -> int:
    done = export_package(store, args.to)
    rows = ", ".join(f"{n} {name}" for name, n in done.rows.items())
    print(f"data package written to {done.directory / PACKAGE}: {rows}")
    return 0
