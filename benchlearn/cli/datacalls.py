"""CLI commands for data calls (issue 15.2–3, 15.5): datacall open | close | list | status | publish (writes
audited).

`datacall status --format csv|json` is a contract: one row per member × indicator whose first columns are
`entity_code, indicator_code, state` (state: missing, submitted, flagged, confirmed); more columns follow.
"""

from __future__ import annotations

import argparse

import pandas as pd

from benchlearn.api import data_calls, publication
from benchlearn.cli.auditing import operator
from benchlearn.store import Store

_WHEN_OPEN = "run data calls on the Data calls page in the dashboard"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `datacall` and its subcommands (open, close, list, status, publish) to the command parser."""
    call = sub.add_parser("datacall", help="data calls: ask a network's members for indicators of a period")
    actions = call.add_subparsers(dest="datacall_command", required=True, metavar="ACTION",
                                  help="open, close, list, status or publish")
    who = {"help": "an existing account to record as the one who acts (default: the operating-system user)"}
    opening = actions.add_parser("open", parents=[common], help="open a call for a network and a period")
    opening.add_argument("--network", required=True, help="the network's code")
    opening.add_argument("--period", required=True, help="the period asked for (2024, 2016-17, 2024-Q2)")
    opening.add_argument("--indicators", required=True, help="comma-separated indicator codes of the network")
    opening.add_argument("--deadline", required=True, help="the last day to send values, YYYY-MM-DD")
    opening.add_argument("--message", default="", help="a message to the members (optional)")
    opening.add_argument("--user", **who)
    closing = actions.add_parser("close", parents=[common], help="close a network's call for a period")
    closing.add_argument("--network", required=True, help="the network's code")
    closing.add_argument("--period", required=True, help="the call's period")
    closing.add_argument("--user", **who)
    listing = actions.add_parser("list", parents=[common], help="list calls as CSV (one network or all)")
    listing.add_argument("--network", default=None, help="only this network's calls")
    status = actions.add_parser("status", parents=[common], help="completeness: one row per member × indicator")
    status.add_argument("--network", required=True, help="the network's code")
    status.add_argument("--period", required=True, help="the call's period")
    status.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json")
    publish = actions.add_parser("publish", parents=[common], help="publish a call's values (again after a "
                                 "correction): public visitors see them, final")
    publish.add_argument("--network", required=True, help="the network's code")
    publish.add_argument("--period", required=True, help="the call's period")
    publish.add_argument("--user", **who)
    for leaf in (opening, closing, listing, status, publish):
        leaf.set_defaults(run=_datacall, when_open=_WHEN_OPEN)


def _datacall(args: argparse.Namespace, store: Store) -> int:
    if args.datacall_command == "open":
        who = operator(store, args.user)
        call = data_calls.open_as(store, who.actor, args.network.strip(), args.period,
                                  data_calls.codes_of(args.indicators), args.deadline, args.message, who.detail)
        print(f"data call {call['network_code']} {call['period']} opened: {','.join(call['indicators'])} "
              f"by {call['deadline']}")
    elif args.datacall_command == "close":
        who = operator(store, args.user)
        call = data_calls.close_as(store, who.actor, args.network.strip(), args.period.strip(), who.detail)
        print(f"data call {call['network_code']} {call['period']} closed")
    elif args.datacall_command == "publish":
        who = operator(store, args.user)
        done = publication.publish_as(store, who.actor, args.network.strip(), args.period.strip(), who.detail)
        again = "republished" if done["republished"] else "published"
        print(f"data call {done['network_code']} {done['period']} {again}: values up to batch "
              f"{done['up_to_batch']} are public ({done['released']} were preliminary)")
    elif args.datacall_command == "list":
        print(_listing(store, args.network).to_csv(index=False), end="")
    else:
        cells = data_calls.status_of(store, args.network.strip(), args.period.strip())
        if args.format == "json":
            print(cells.to_json(orient="records", date_format="iso", force_ascii=False))
        else:
            print(cells.to_csv(index=False), end="")
    return 0


def _listing(store: Store, network: str | None) -> pd.DataFrame:
    found = data_calls.calls(store, None if network is None else [network.strip()])
    return found[["network_code", "period", "state", "deadline", "indicators", "opened_by", "opened_at",
                  "closed_at", "message"]]
