"""CLI commands for accounts: user add | list | passwd | role | networks | remove (every change audited).

A password never travels as an argument (it would show in `ps` and the shell history): it comes from
$BENCHLEARN_PASSWORD, else from a prompt asked twice. Without either (no terminal, no variable) the
command stops with exit code 2 before anything is written.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from benchlearn.api import accounts
from benchlearn.auth import AccountError
from benchlearn.cli.auditing import operator
from benchlearn.errors import UsageError
from benchlearn.model import Role
from benchlearn.store import Store

PASSWORD_ENV = "BENCHLEARN_PASSWORD"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `user` and its subcommands (add, list, passwd, remove) to the command parser."""
    user = sub.add_parser("user", help="manage accounts (password from $BENCHLEARN_PASSWORD or a prompt)")
    actions = user.add_subparsers(dest="user_command", required=True, metavar="ACTION",
                                  help="add, list, passwd, role, networks or remove")
    name = {"help": "the account's user name"}
    roles = {"choices": [r.value for r in Role], "help": "analyst (reads), coordinator (uploads for their "
                                                         "networks) or admin (everything)"}
    add = actions.add_parser("add", parents=[common], help="create an account")
    add.add_argument("name", **name)
    add.add_argument("--role", required=True, **roles)
    add.add_argument("--networks", default="", help="comma-separated network codes (coordinators)")
    add.add_argument("--entity", default=None, help="code of the user's municipality or unit")
    listing = actions.add_parser("list", parents=[common], help="list accounts, times in UTC (never hashes)")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    passwd = actions.add_parser("passwd", parents=[common], help="set a new password (also lifts a lock-out)")
    passwd.add_argument("name", **name)
    role = actions.add_parser("role", parents=[common], help="change an account's role (not the last admin's)")
    role.add_argument("name", **name)
    role.add_argument("--role", required=True, **roles)
    nets = actions.add_parser("networks", parents=[common], help="set the networks a coordinator uploads for")
    nets.add_argument("name", **name)
    nets.add_argument("--networks", required=True, help="comma-separated network codes (empty: none)")
    remove = actions.add_parser("remove", parents=[common], help="delete an account (not the last admin)")
    remove.add_argument("name", **name)
    hints = {add: "create accounts", listing: "see the accounts", passwd: "set passwords",
             role: "change roles", nets: "change networks", remove: "remove accounts"}
    for leaf, doing in hints.items():
        leaf.set_defaults(run=_user, when_open=f"{doing} on Administration → Users in the dashboard")


def read_password() -> str:
    """The new password: $BENCHLEARN_PASSWORD if set, else asked twice on the terminal."""
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise UsageError(
            f"no password given: set {PASSWORD_ENV} or run the command in a terminal to be asked"
        )
    try:
        first = getpass.getpass("New password: ")
        second = getpass.getpass("Repeat it: ")
    except EOFError:
        raise UsageError("no password given: the prompt was closed") from None
    if first != second:
        raise AccountError("the two passwords differ; nothing was changed")
    return first


def _user(args: argparse.Namespace, store: Store) -> int:
    actor = operator(store).actor  # cli:<os user>: account changes are made by the operator, not an account
    if args.user_command == "add":
        nets = accounts.add_user(store, args.name, read_password(), args.role, args.networks, args.entity,
                                 actor)
        print(f"user {args.name} added as {args.role} (networks: {','.join(nets) or 'none'})")
    elif args.user_command == "passwd":
        accounts.set_password(store, args.name, read_password(), actor)
        print(f"password of {args.name} changed")
    elif args.user_command == "role":
        accounts.set_role(store, args.name, args.role, actor)
        print(f"user {args.name} is now {args.role}")
    elif args.user_command == "networks":
        nets = accounts.set_networks(store, args.name, args.networks, actor)
        print(f"networks of {args.name}: {','.join(nets or ()) or 'none'}")
    elif args.user_command == "remove":
        accounts.remove_user(store, args.name, actor)
        print(f"user {args.name} removed")
    else:
        _list(store, args.json)
    return 0


def _list(store: Store, as_json: bool) -> None:
    frame = accounts.list_users(store)
    if as_json:
        print(frame.to_json(orient="records", date_format="iso"))
    elif frame.empty:
        print("no users yet: create the first admin with `python -m benchlearn user add NAME --role admin`")
    else:
        for column in ("created_at", "locked_until"):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d %H:%M")
        # a dash, not a blank, so every row splits into the same columns
        print(frame.astype(object).where(frame.notna(), "-").to_string(index=False))
