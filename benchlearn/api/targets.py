"""Use cases of targets and improvement plans: set, change and delete a target; its progress as values arrive.

A target is set by the same people who record practices (benchlearn.api.practices: admins, coordinators for
their networks' members, municipality users for their municipality) and changed or deleted only by whoever
set it, or an admin. Its baseline is the entity's latest value at or before the chosen baseline period (by
default the latest value of all), and its status is computed from the store each time it is read
(benchlearn.compare.targets: met, on track, behind, pending), so it follows every new upload.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from benchlearn.api.comparisons import compare_indicator, indicator_meta
from benchlearn.api.peers import resolve
from benchlearn.api.practices import entities_for, fresh, may_edit
from benchlearn.auth import Identity, to_db, utcnow
from benchlearn.compare import targets as rules
from benchlearn.compare.targets import KINDS
from benchlearn.errors import BenchlearnError, InputError, InputProblem, NotFoundError, PermissionDenied
from benchlearn.ingest.periods import parse_period
from benchlearn.ingest.practice_form import FORM
from benchlearn.model import Polarity
from benchlearn.store import Cursor, Store, reads
from benchlearn.store import audit as audit_trail
from benchlearn.store import targets as target_rows

SET, CHANGED, DELETED = "target_set", "target_changed", "target_deleted"


@dataclass(frozen=True)
class TargetInput:
    """A target as a user sets it: which value (absolute) or peers (relative kinds), by when, and the plan."""

    entity_code: str
    indicator_code: str
    period: str
    kind: str = "absolute"
    value: float | None = None
    peer_spec: str | None = None
    actions: str | None = None
    practice_id: int | None = None
    baseline_period: str | None = None


def _problem(column: str, code: str, message: str, value: object = None) -> InputProblem:
    return InputProblem(FORM, None, column, message, None if value is None else str(value), code=code)


def _history(store: Store, entity: str, indicator: str) -> pd.DataFrame:
    with store.cursor() as cur:
        panel = reads.panel(cur, [indicator], [entity], None)
    return panel.dropna(subset=["value"]).sort_values("period_key", ignore_index=True)


def _validated(store: Store, identity: Identity, target: TargetInput) -> dict:
    """The row to store (with the baseline found in the data), or InputError with every problem."""
    problems: list[InputProblem] = []
    if target.entity_code not in entities_for(store, identity):
        problems.append(_problem("entity_code", "unknown_entity", f"{target.entity_code} is not a "
                                 "municipality you may set targets for", target.entity_code))
    try:
        indicator_meta(store, target.indicator_code)
    except NotFoundError:
        problems.append(_problem("indicator_code", "unknown_indicator", f"{target.indicator_code} is not a "
                                 "known indicator", target.indicator_code))
        raise InputError(problems) from None
    period = parse_period(target.period or "")
    if period is None:
        problems.append(_problem("period", "bad_period", f"{target.period!r} is not a period (expected a "
                                 "year such as 2026)", target.period))
    if target.kind not in KINDS:
        problems.append(_problem("kind", "bad_kind", f"{target.kind!r} is not a kind of target", target.kind))
    elif target.kind == "absolute" and (target.value is None or target.value != target.value):
        problems.append(_problem("value", "required", "an absolute target needs a value"))
    elif target.kind != "absolute":
        problems += _spec_problems(store, target.peer_spec)
    history = _history(store, target.entity_code, target.indicator_code)
    if target.baseline_period:
        history = history[history["period_key"] <= (parse_period(target.baseline_period) or period).key]
    if history.empty:
        problems.append(_problem("baseline_period", "no_baseline", f"{target.entity_code} has no value of "
                                 f"{target.indicator_code} to start from", target.baseline_period))
    elif period is not None and period.key <= history["period_key"].iloc[-1]:
        problems.append(_problem("period", "period_not_after_baseline", f"the target period {period.text} "
                                 f"is not after the baseline {history['period'].iloc[-1]}", target.period))
    problems += _practice_problems(store, target.practice_id)
    if problems:
        raise InputError(problems)
    base = history.iloc[-1]
    return {"entity_code": target.entity_code, "indicator_code": target.indicator_code, "period": period.text,
            "kind": target.kind, "value": float(target.value) if target.kind == "absolute" else None,
            "peer_spec": target.peer_spec if target.kind != "absolute" else None,
            "baseline_period": str(base["period"]), "baseline_value": float(base["value"]),
            "actions": (target.actions or "").strip() or None, "practice_id": target.practice_id}


def _spec_problems(store: Store, spec: str | None) -> list[InputProblem]:
    if not spec:
        return [_problem("peer_spec", "required", "a target relative to peers needs a peer set")]
    try:
        resolve(store, spec)
    except BenchlearnError as exc:
        return [_problem("peer_spec", "bad_peer_spec", exc.message, spec)]
    return []


def _practice_problems(store: Store, practice_id: int | None) -> list[InputProblem]:
    if practice_id is None:
        return []
    with store.cursor() as cur:
        found = target_rows.practice_exists(cur, practice_id)
    if found:
        return []
    return [_problem("practice_id", "unknown_practice", f"there is no practice {practice_id}", practice_id)]


def _refuse(store: Store, identity: Identity | None, detail: str) -> PermissionDenied:
    with store.transaction() as cur:
        audit_trail.record(cur, identity.username if identity else None, "target_refused", detail)
    return PermissionDenied("only coordinators, municipality users and admins may set targets, and only the "
                            "person who set a target, or an admin, may change it")


def create(store: Store, identity: Identity | None, target: TargetInput) -> int:
    """Set a target (InputError lists every problem); return its id."""
    identity = fresh(store, identity)
    if identity is None or not entities_for(store, identity):
        raise _refuse(store, identity, f"set target for {target.entity_code}")
    row = _validated(store, identity, target)
    with store.transaction() as cur:
        target_id = target_rows.insert(cur, row, identity.username, to_db(utcnow()))
        audit_trail.record(cur, identity.username, SET, _describe(target_id, row))
    return target_id


def get(store: Store, target_id: int) -> dict:
    """One target as a dict (with entity_name, practice_title and owner), or NotFoundError."""
    with store.cursor() as cur:
        frame = target_rows.one(cur, target_id)
    if frame.empty:
        raise NotFoundError(f"there is no target {target_id}")
    return frame.iloc[0].to_dict()


def _own(store: Store, identity: Identity | None, target_id: int, doing: str) -> Identity:
    identity = fresh(store, identity)
    found = get(store, target_id)
    if not may_edit(identity, found):
        raise _refuse(store, identity, f"{doing} target {target_id} of {found['owner']}")
    return identity


def update(store: Store, identity: Identity | None, target_id: int, target: TargetInput) -> None:
    """Change a target the user set (or any, for an admin); the baseline is found again."""
    identity = _own(store, identity, target_id, "change")
    row = _validated(store, identity, target)
    with store.transaction() as cur:
        target_rows.update(cur, target_id, row, to_db(utcnow()))
        audit_trail.record(cur, identity.username, CHANGED, _describe(target_id, row))


def delete(store: Store, identity: Identity | None, target_id: int) -> None:
    """Delete a target the user set (or any, for an admin)."""
    identity = _own(store, identity, target_id, "delete")
    with store.transaction() as cur:
        target_rows.delete(cur, target_id)
        audit_trail.record(cur, identity.username, DELETED, f"target {target_id}")


def _describe(target_id: int, row: dict) -> str:
    aim = f"{row['value']:g}" if row["kind"] == "absolute" else f"{row['kind']} of {row['peer_spec']}"
    return f"target {target_id}: {row['entity_code']} {row['indicator_code']} {aim} by {row['period']}"


def listing(store: Store, entities: tuple[str, ...] = (), indicator: str | None = None) -> pd.DataFrame:
    """The targets (of these entities, all when empty; of one indicator, all when None), by entity, period."""
    with store.cursor() as cur:
        return target_rows.listing(cur, list(entities), indicator)


PROGRESS_COLUMNS = ("polarity", "unit", "target_key", "baseline_key", "latest_period", "latest_key",
                    "latest_value", *rules.STATUS_COLUMNS)


def progress(store: Store, entities: tuple[str, ...] = (), indicator: str | None = None) -> pd.DataFrame:
    """The targets (as `listing`) with their status now: latest value and period, the target value in that
    period, the value the planned path expects there, the gap (positive = met by that much) and the status."""
    frame = listing(store, entities, indicator)
    if frame.empty:
        return frame.assign(**{c: pd.Series(dtype="object") for c in PROGRESS_COLUMNS})
    rows = []
    with store.cursor() as cur:
        for target in frame.to_dict("records"):
            rows.append(_evaluate(store, cur, target))
    evaluated = pd.DataFrame(rows, index=frame.index)
    return rules.statuses(pd.concat([frame, evaluated], axis=1))


def _evaluate(store: Store, cur: Cursor, target: dict) -> dict:
    meta = reads.indicators(cur, [target["indicator_code"]]).iloc[0]
    history = reads.panel(cur, [target["indicator_code"]], [target["entity_code"]], None)
    history = history.dropna(subset=["value"]).sort_values("period_key")
    latest = history.iloc[-1] if len(history) else None
    out = {"polarity": meta["polarity"], "unit": meta["unit"],
           "target_key": parse_period(target["period"]).key,
           "baseline_key": parse_period(target["baseline_period"]).key,
           "latest_period": None if latest is None else str(latest["period"]),
           "latest_key": None if latest is None else float(latest["period_key"]),
           "latest_value": None if latest is None else float(latest["value"])}
    out["target_value"] = _target_value(store, target, meta["polarity"], out["latest_period"])
    return out


def _target_value(store: Store, target: dict, polarity: str, period: str | None) -> float | None:
    if target["kind"] == "absolute":
        return float(target["value"])
    if period is None:
        return None
    try:
        table = compare_indicator(store, target["indicator_code"], period, target["peer_spec"]).table
    except BenchlearnError:  # the peer set or its data is gone: the status says pending
        return None
    # the peer set's own median, as the ranking page draws it (the entity counts when it is a member)
    polarity = polarity or Polarity.NEUTRAL.value
    return rules.target_value(target["kind"], None, table["value"].tolist(), polarity)
