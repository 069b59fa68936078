"""CLI command `explain`: one figure's value, peers, exclusions, formulas and source batches (issue 16).

The numbers are those of `compare` for the same peers; `--as-of` explains the store as it was after a batch or
at a date (the values, peers and source batches of then).
"""

from __future__ import annotations

import argparse
import json

from benchlearn.api import explain as explanation
from benchlearn.cli.engine import ENTITY, PERIOD, as_of_option, past
from benchlearn.model import SPEC_HELP
from benchlearn.store import Store


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `explain` to the command parser."""
    exp = sub.add_parser("explain", parents=[common, as_of_option()],
                         help="explain one entity's figures on one indicator",
                         description="value, status, the peers used and left out, n, median, MAD, MAD score, rank, "
                                     "percentile, band, the formulas with their numbers, and the batch that "
                                     "wrote each value used")
    exp.add_argument("--entity", required=True, help=ENTITY)
    exp.add_argument("--indicator", required=True, help="indicator code (see the catalogue)")
    exp.add_argument("--period", required=True, help=PERIOD)
    exp.add_argument("--peers", default="all", help=f"peer set: {SPEC_HELP} (default all)")
    exp.add_argument("--format", choices=["json", "text"], default="json", help="output format (default json)")
    exp.set_defaults(run=_explain, when_open="open Explain on the Indicator ranking page of the dashboard")


def _explain(args: argparse.Namespace, store: Store) -> int:
    found = explanation.explain(past(store, args), args.entity, args.indicator, args.period, args.peers)
    if args.format == "json":
        print(json.dumps(found, ensure_ascii=False, default=str))
    else:
        print(explanation.as_text(found))
    return 0
