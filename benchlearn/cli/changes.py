"""CLI command `changes`: what changed between two batches or dates (issue 16.3), with the effect on ranks."""

from __future__ import annotations

import argparse

import pandas as pd

from benchlearn.api import changes as what
from benchlearn.cli.engine import _emit
from benchlearn.errors import UsageError
from benchlearn.model import SPEC_HELP
from benchlearn.store import Store, as_of

MOMENT = f"{as_of.HELP}, or now"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `changes` to the command parser."""
    cmd = sub.add_parser("changes", parents=[common], help="values added, revised and undone between two moments",
                         description="CSV columns: " + ", ".join(what.COLUMNS) + ". rank_before and rank_after "
                                     "are the value's rank among the peers at each moment (1 = best).")
    cmd.add_argument("--from", dest="since", required=True, metavar="X", help=f"the earlier moment: {MOMENT}")
    cmd.add_argument("--to", dest="until", default="now", metavar="Y", help=f"the later moment: {MOMENT} (default)")
    cmd.add_argument("--peers", default="all", help=f"peer set of the ranks: {SPEC_HELP} (default all)")
    cmd.add_argument("--indicator", help="only these indicators, comma-separated (default all)")
    cmd.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    cmd.set_defaults(run=_changes, when_open="open What changed in the dashboard")


def _moment(point: as_of.Point) -> dict:
    return {"batch_id": point.batch_id, "at": None if not point.text else point.cut_at.isoformat(),
            "as_given": point.text or "now"}


def _changes(args: argparse.Namespace, store: Store) -> int:
    codes = [c.strip() for c in args.indicator.split(",") if c.strip()] if args.indicator else None
    try:
        found = what.what_changed(store, args.since, args.until, args.peers, codes)
    except UsageError as exc:  # the moments' parser speaks of --as-of, the option of the other commands
        raise UsageError(exc.message.replace("--as-of", "--from and --to")) from None
    meta = {"from": _moment(found.before), "to": _moment(found.after), "peers": args.peers,
            "unranked_pairs": found.unranked}
    # times as ISO text in both formats (JSON would otherwise print epoch milliseconds)
    table = found.table.assign(changed_at=[None if pd.isna(v) else pd.Timestamp(v).isoformat()
                                           for v in found.table["changed_at"]])
    _emit(table, args.format, meta)
    return 0
