"""The demo's two worked examples of a network's yearly cycle (issue 15.7): a Lithuanian good-governance network
and a Latvian one named after LPS's T2, each with a closed and published data call, an open call with missing and
flagged cells, members' notes and improvement actions.

Every value is a real one of the shipped demo file (`data/baltic_demo_lt_lv_tidy.csv`): the demo's own load
leaves out the cells the example calls cover (`withheld`), and each member sends its cells as its own values batch
through the normal upload path (member rights, validation, screening) while the call is open; a missing cell is
simply not sent. What is invented — the networks' names, the calls' messages, the notes, actions and reasons, the
accounts — is labelled as an example in `data/demo/examples/` where it is written. The example member accounts
have no usable password (a stored hash that verifies nothing): a coordinator sets one on *Data calls* (member
accounts) or an admin with `user passwd`, or creates a real account.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from benchlearn.api import actions, data_calls, publication, value_notes
from benchlearn.api.screening import UnconfirmedFlags
from benchlearn.api.uploads import IngestOutcome, ingest_bytes
from benchlearn.auth import check_username, to_db, utcnow
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind, Role
from benchlearn.store import Store
from benchlearn.store import accounts as account_rows
from benchlearn.store import actions as action_rows
from benchlearn.store import audit as audit_trail
from benchlearn.store import networks as network_rows
from benchlearn.store import value_notes as note_rows

VALUES_FILE = "baltic_demo_lt_lv_tidy.csv"
LOADER = "demo-loader"
#: not an argon2 hash: every login against it fails, so an example account cannot be used until a password is set
NO_PASSWORD = "!no password: worked example account"
BUILT = "demo_examples_built"
Cell = tuple[str, str, str]  # entity_code, indicator_code, period


@dataclass(frozen=True)
class Call:
    """One example data call as `calls.csv` gives it."""

    network: str
    period: str
    state: str
    deadline: str
    indicators: tuple[str, ...]
    message: str


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def calls(data_dir: Path) -> list[Call]:
    """The example calls in the order they are run (a network's closed call before its open one)."""
    return [Call(r["network"], r["period"], r["state"], r["deadline"], tuple(r["indicators"].split("|")),
                 r["message"]) for r in _rows(data_dir / "demo" / "examples" / "calls.csv")]


def members(data_dir: Path) -> dict[str, list[str]]:
    """Network code → its member codes, in file order."""
    out: dict[str, list[str]] = {}
    for row in _rows(data_dir / "demo" / "examples" / "members.csv"):
        out.setdefault(row["group"], []).append(row["entity_code"])
    return out


def missing(data_dir: Path) -> set[tuple[str, str, str, str]]:
    """(network, period, entity, indicator) of the cells no member sends: missing on the board."""
    return {(r["network"], r["period"], r["entity_code"], r["indicator_code"])
            for r in _rows(data_dir / "demo" / "examples" / "missing.csv")}


def workflow(data_dir: Path) -> dict:
    """The invented workflow content (notes, actions, flag reasons), every text labelled as an example."""
    return json.loads((data_dir / "demo" / "examples" / "workflow.json").read_text(encoding="utf-8"))


def withheld(data_dir: Path) -> frozenset[Cell]:
    """Every cell an example call covers: the demo's own load leaves them to the members' batches."""
    nets = members(data_dir)
    return frozenset((entity, indicator, call.period) for call in calls(data_dir)
                     for entity in nets[call.network] for indicator in call.indicators)


def source_values(data_dir: Path, cells: Iterable[Cell]) -> dict[Cell, str]:
    """The shipped value text (as the file writes it: `409.0`, `x`) of each of `cells` the file holds."""
    wanted = set(cells)
    with (data_dir / VALUES_FILE).open(encoding="utf-8", newline="") as handle:
        return {key: row["value"] for row in csv.DictReader(handle)
                if (key := (row["entity_code"], row["indicator_code"], row["period"])) in wanted}


def _csv(rows: list[list[str]], header: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def account_name(entity: str) -> str:
    """The example member account of a municipality (no usable password)."""
    return f"example-{entity.lower()}"


def _accounts(store: Store, nets: dict[str, list[str]]) -> None:
    """A municipality account per member, with no usable password (the hash verifies nothing)."""
    at = to_db(utcnow())
    with store.transaction() as cur:
        for network, entities in nets.items():
            for entity in entities:
                name = check_username(account_name(entity)) or account_name(entity)
                if account_rows.user(cur, name) is None:
                    account_rows.insert(cur, name, NO_PASSWORD, Role.MUNICIPALITY.value, network, entity, at)
                    audit_trail.record(cur, LOADER, audit_trail.USER_ADDED,
                                       f"{name} (municipality; networks: {network}; worked example, no password)")


def _setup(store: Store, data_dir: Path) -> list[IngestOutcome]:
    """The example networks, their members and indicators, through the admin's upload kinds."""
    demo = data_dir / "demo"
    done = [ingest_bytes(store, (demo / "examples" / "members.csv").read_bytes(), "examples/members.csv",
                         IngestOptions(kind=Kind.MEMBERS), user=LOADER)]
    for network in _rows(demo / "examples" / "networks.csv"):
        codes = set(network["indicators"].split("|"))
        rows = [r for r in _rows(demo / f"indicators_{network['indicator_file']}.csv") if r["code"] in codes]
        data = _csv([list(r.values()) for r in rows], list(rows[0]))
        done.append(ingest_bytes(store, data, f"examples/indicators_{network['code']}.csv",
                                 IngestOptions(kind=Kind.INDICATORS, network=network["code"]), user=LOADER))
    return done


def _send(store: Store, call: Call, entity: str, values: dict[Cell, str], reason: str | None) -> IngestOutcome | None:
    """One member's batch for the call, as its account uploads it; flags confirmed with `reason` when given,
    else left for the member to confirm (`flagged`)."""
    rows = [[e, i, p, values[(e, i, p)]] for (e, i, p) in sorted(values) if e == entity]
    if not rows:
        return None
    data = _csv(rows, ["entity_code", "indicator_code", "period", "value"])
    name, options = f"{call.network}_{call.period}_{entity}.csv", IngestOptions(kind=Kind.VALUES, network=call.network)
    user = account_name(entity)
    if reason is None:
        return ingest_bytes(store, data, name, options, user=user)
    try:  # as the upload page commits: every flag needs its reason (mostly there is none: one write, no preview)
        return ingest_bytes(store, data, name, options, user=user, confirmations={})
    except UnconfirmedFlags as flagged:
        return ingest_bytes(store, data, name, options, user=user,
                            confirmations=dict.fromkeys(flagged.missing, reason))


def _run(store: Store, call: Call, entities: list[str], values: dict[Cell, str], reason: str) -> list[IngestOutcome]:
    """Open the call and let every member send its values; close and publish a closed one (its flags confirmed
    with `reason`; an open call's flags wait for their member)."""
    data_calls.open_as(store, LOADER, call.network, call.period, list(call.indicators), call.deadline, call.message)
    sent = [_send(store, call, e, values, reason if call.state == "closed" else None) for e in entities]
    if call.state == "closed":
        data_calls.close_as(store, LOADER, call.network, call.period)
        publication.publish_as(store, LOADER, call.network, call.period)
    return [o for o in sent if o is not None]


def _notes_and_actions(store: Store, work: dict) -> None:
    """The example notes (source `example`, by the member's example account) and improvement actions."""
    at = to_db(utcnow())
    with store.transaction() as cur:
        for note in work["notes"]:
            key = (note["entity_code"], note["indicator_code"], note["period"])
            if note_rows.value_exists(cur, key):
                note_rows.write(cur, key, note["text"], account_name(key[0]), at, source="example")
                audit_trail.record(cur, LOADER, value_notes.WRITTEN, f"{' '.join(key)}: {note['text']}")
        for action in work["actions"]:
            row = {field: action.get(field) for field in action_rows.FIELDS}
            row["due"] = dt.date.fromisoformat(action["due"]) if action.get("due") else None
            action_id = action_rows.insert(cur, row, action["state"], LOADER, at)
            action_rows.log(cur, action_id, LOADER, at, [("created", None, action["action"])])
            audit_trail.record(cur, LOADER, actions.RECORDED,
                               f"action {action_id}: {row['entity_code']} {row['indicator_code']}: {action['action']}")


def built(store: Store, data_dir: Path) -> bool:
    """True when the store holds the example networks already."""
    with store.cursor() as cur:
        return bool(set(members(data_dir)) & set(network_rows.codes(cur)))


def buildable(store: Store, data_dir: Path) -> bool:
    """True when the examples can be built here: not built yet, and none of their cells loaded (a demo loaded
    without them holds every value already, so no call could show a missing one)."""
    if built(store, data_dir):
        return False
    with store.cursor() as cur:
        return not any(note_rows.value_exists(cur, cell) for cell in withheld(data_dir))


def build(store: Store, data_dir: Path) -> list[IngestOutcome]:
    """Build both worked examples on a store holding the demo without the `withheld` cells; nothing when they
    cannot be (`buildable`), so running the demo again changes nothing."""
    if not buildable(store, data_dir):
        return []
    nets, absent, work = members(data_dir), missing(data_dir), workflow(data_dir)
    done = _setup(store, data_dir)
    _accounts(store, nets)
    values = source_values(data_dir, withheld(data_dir))
    for call in calls(data_dir):
        sent = {cell: v for cell, v in values.items()
                if cell[2] == call.period and cell[1] in call.indicators and cell[0] in nets[call.network]
                and (call.network, cell[2], cell[0], cell[1]) not in absent}
        done += _run(store, call, nets[call.network], sent, work["flag_reasons"][call.network])
    _notes_and_actions(store, work)
    with store.transaction() as cur:
        audit_trail.record(cur, LOADER, BUILT, ", ".join(nets))
    return done
