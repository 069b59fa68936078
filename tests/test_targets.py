# ruff: noqa: F811 — the demo_location fixture imported from pg_demo is a parameter here
"""Targets: the status rules on a small table worked out by hand, target values from peers, and the use cases
(who may set and change a target; the status follows new uploads) on a copy of the demo store."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

from benchlearn import api
from benchlearn.api import accounts, targets
from benchlearn.api.targets import TargetInput
from benchlearn.auth import Identity
from benchlearn.compare.targets import planned, status, statuses, target_value
from benchlearn.errors import InputError, PermissionDenied
from benchlearn.ingest import IngestOptions
from benchlearn.store import Store, open_store, reads

INFANT = "INFANT_DEATHS_PER_1000_BIRTHS"  # lower is better

# --- the rules, by hand -------------------------------------------------------------------------------------

# polarity, baseline key and value, target key and value, latest key and value → expected, gap, share, status.
# Lower is better, baseline 10 in 2010, target 5 by 2020: the planned path is L(k) = 10 − 0.5 (k − 2010).
HAND = pd.DataFrame([
    # below the path (7 < L(2015) = 7.5): on track; 3 of the 5 to go covered = 60 %
    ("lower_better", 2010.0, 10.0, 2020.0, 5.0, 2015.0, 7.0, 7.5, -2.0, 60.0, "on_track"),
    # above the path (8 > 7.5): behind
    ("lower_better", 2010.0, 10.0, 2020.0, 5.0, 2015.0, 8.0, 7.5, -3.0, 40.0, "behind"),
    # already below the target: met, before its period; 110 % of the way
    ("lower_better", 2010.0, 10.0, 2020.0, 5.0, 2016.0, 4.5, 7.0, 0.5, 110.0, "met"),
    # no value after the baseline yet: pending
    ("lower_better", 2010.0, 10.0, 2020.0, 5.0, 2010.0, 10.0, None, None, None, "pending"),
    # past the target period without meeting it: behind (6 is also worse than the path's L(2021) = 4.5)
    ("lower_better", 2010.0, 10.0, 2020.0, 5.0, 2021.0, 6.0, 4.5, -1.0, 80.0, "behind"),
    # higher is better, 50 → 70 from 2018 to 2022: exactly on the path in 2020 (L = 60) counts as on track
    ("higher_better", 2018.0, 50.0, 2022.0, 70.0, 2020.0, 60.0, 60.0, -10.0, 50.0, "on_track"),
    # neutral: the direction is from the baseline to the target (100 → 80 means down is "better")
    ("neutral", 2018.0, 100.0, 2020.0, 80.0, 2019.0, 90.0, 90.0, -10.0, 50.0, "on_track"),
    ("neutral", 2018.0, 100.0, 2020.0, 80.0, 2019.0, 95.0, 90.0, -15.0, 25.0, "behind"),
    # a target equal to the baseline, kept: met, 100 %
    ("higher_better", 2018.0, 5.0, 2020.0, 5.0, 2019.0, 5.0, 5.0, 0.0, 100.0, "met"),
    # no target value (no peer values in the period): pending
    ("higher_better", 2018.0, 5.0, 2020.0, None, 2019.0, 6.0, None, None, None, "pending"),
], columns=["polarity", "baseline_key", "baseline_value", "target_key", "target_value", "latest_key",
            "latest_value", "want_expected", "want_gap", "want_share", "want_status"])


def test_statuses_match_the_table_worked_out_by_hand() -> None:
    """Every row of HAND gets the expected path value, gap, share and status."""
    out = statuses(HAND.drop(columns=[c for c in HAND.columns if c.startswith("want_")]))
    assert out["status"].tolist() == HAND["want_status"].tolist()
    for column in ("expected", "gap", "share"):
        want = HAND[f"want_{column}"].astype("float64")
        pd.testing.assert_series_equal(out[column], want, check_names=False)


def test_planned_path_is_the_straight_line() -> None:
    """L(k) at the baseline is B, at the target period T, halfway the mean."""
    assert planned(2010, 10, 2020, 5, 2010) == 10
    assert planned(2010, 10, 2020, 5, 2020) == 5
    assert planned(2010, 10, 2020, 5, 2015) == 7.5


def test_met_counts_before_the_path_question() -> None:
    """A value reaching the target is met even when it is also past the target period."""
    assert status("higher_better", 2018, 50, 2020, 70, 2024, 75)["status"] == "met"
    assert status("higher_better", 2018, 50, 2020, 70, 2024, 69)["status"] == "behind"


@pytest.mark.parametrize(("kind", "polarity", "values", "expected"), [
    ("peer_median", "higher_better", [1, 2, 3, 4], 2.5),
    ("peer_median", "lower_better", [4, 1, 3, None, 2], 2.5),
    ("top_quartile", "higher_better", [1, 2, 3, 4, 5], 4.0),  # the 75th percentile: the best quarter's edge
    ("top_quartile", "lower_better", [1, 2, 3, 4, 5], 2.0),  # the 25th: lower is better
    ("top_quartile", "neutral", [1, 2, 3, 4, 5], 4.0),
    ("top_quartile", "higher_better", [10, 20], 17.5),  # 10 + 0.75 × 10, linear interpolation
    ("peer_median", "higher_better", [], None),
    ("peer_median", "higher_better", [float("nan")], None),
])
def test_target_values_from_peers(kind: str, polarity: str, values: list, expected: float | None) -> None:
    """Relative targets are the peers' median or the edge of their best quarter, by hand."""
    assert target_value(kind, None, values, polarity) == expected


def test_absolute_target_value_is_the_value_given() -> None:
    """An absolute target ignores the peers."""
    assert target_value("absolute", 3.5, [100, 200], "lower_better") == 3.5


# --- the use cases on the demo store ------------------------------------------------------------------------

@pytest.fixture
def store(demo_location: str) -> Iterator[Store]:
    """A private copy of the demo store, with a coordinator of the Lithuanian network, a municipality user of
    Alytaus r. sav. (LT-03), an analyst, a Latvian coordinator and an admin."""
    opened = open_store(demo_location)
    accounts.add_user(opened, "coord", "coordinator-pass-1", "coordinator", ["lt-municipalities"])
    accounts.add_user(opened, "alytus", "municipal-pass-1", "analyst", [], "LT-03")
    accounts.add_user(opened, "reader", "analyst-pass-1", "analyst")
    accounts.add_user(opened, "latvian", "coordinator-pass-2", "coordinator", ["lv-municipalities"])
    accounts.add_user(opened, "admin", "admin-password-1", "admin")
    yield opened
    opened.close()


def who(name: str, role: str, networks: tuple[str, ...] = (), entity: str | None = None) -> Identity:
    """An identity as the login would issue it."""
    return Identity.issue(name, role, networks, entity)


COORD = who("coord", "coordinator", ("lt-municipalities",))
ALYTUS = who("alytus", "analyst", (), "LT-03")
READER = who("reader", "analyst")
LATVIAN = who("latvian", "coordinator", ("lv-municipalities",))
ADMIN = who("admin", "admin")


def infant_rate(store: Store, entity: str, period: str) -> float:
    """The stored derived rate (infant deaths per 1 000 births) of one municipality and year."""
    with store.cursor() as cur:
        panel = reads.panel(cur, [INFANT], [entity], [period])
    return float(panel["value"].iloc[0])


def values_file(rows: list[tuple[str, str, str, float]]) -> bytes:
    """A long values CSV."""
    lines = ["entity_code,indicator_code,period,value"] + [f"{e},{i},{p},{v}" for e, i, p, v in rows]
    return ("\n".join(lines) + "\n").encode()


def test_status_follows_new_uploads(store: Store) -> None:
    """An absolute target set from 2010 is behind on the 2017 data; a 2018 upload can make it on track, met
    or behind again, each checked against the planned path worked out from the stored baseline."""
    baseline = infant_rate(store, "LT-03", "2010")
    target_id = targets.create(store, ALYTUS, TargetInput("LT-03", INFANT, "2020", "absolute", 3.0,
                                                          actions="home visits", baseline_period="2010"))
    row = targets.progress(store, ("LT-03",)).set_index("id").loc[target_id]
    assert row["baseline_period"] == "2010" and row["baseline_value"] == pytest.approx(baseline)
    latest = infant_rate(store, "LT-03", "2017")
    path_2017 = baseline + (3.0 - baseline) * 7 / 10
    assert row["latest_period"] == "2017" and row["expected"] == pytest.approx(path_2017)
    assert row["status"] == ("on_track" if latest <= path_2017 else "behind")
    path_2018 = baseline + (3.0 - baseline) * 8 / 10
    for deaths, births, want in ((1, 500, "met"), (2, 500, "on_track" if path_2018 >= 4.0 else "behind"),
                                 (5, 500, "behind")):
        upload = values_file([("LT-03", "INFANT_DEATHS", "2018", deaths),
                              ("LT-03", "BIRTHS", "2018", births)])
        api.ingest_bytes(store, upload, "new-year.csv", IngestOptions(), user="coord")
        row = targets.progress(store, ("LT-03",)).set_index("id").loc[target_id]
        assert row["latest_period"] == "2018"
        assert row["latest_value"] == pytest.approx(deaths / births * 1000)
        assert row["status"] == want, (deaths, births)


def test_relative_target_uses_the_peer_median_of_the_latest_period(store: Store) -> None:
    """A peer-median target's value is the network's median in the entity's latest period."""
    target_id = targets.create(store, COORD, TargetInput("LT-03", INFANT, "2020", "peer_median",
                                                         peer_spec="network:lt-municipalities",
                                                         baseline_period="2012"))
    row = targets.progress(store, ("LT-03",)).set_index("id").loc[target_id]
    table = api.compare_indicator(store, INFANT, "2017", "network:lt-municipalities").table
    assert row["target_value"] == pytest.approx(float(np.nanmedian(table["value"].to_numpy(dtype=float))))
    assert pd.isna(row["value"]) and row["baseline_period"] == "2012"


def test_every_problem_of_a_target_is_listed(store: Store) -> None:
    """Bad period, missing value and unknown practice are reported together, at their fields."""
    with pytest.raises(InputError) as caught:
        targets.create(store, COORD, TargetInput("LT-03", INFANT, "next year", "absolute", None,
                                                 practice_id=999))
    fields = {(p.column, p.code) for p in caught.value.problems}
    assert fields == {("period", "bad_period"), ("value", "required"), ("practice_id", "unknown_practice")}
    with pytest.raises(InputError) as caught:
        targets.create(store, COORD, TargetInput("LT-03", INFANT, "2010", "top_quartile", peer_spec=None))
    fields = {(p.column, p.code) for p in caught.value.problems}
    assert fields == {("peer_spec", "required"), ("period", "period_not_after_baseline")}


def test_who_may_set_targets(store: Store) -> None:
    """Municipality users for their own municipality, coordinators for their networks' members, admins for
    all; an analyst without a municipality not at all."""
    wanted = TargetInput("LT-03", INFANT, "2020", "absolute", 4.0)
    assert targets.create(store, ALYTUS, wanted) > 0
    assert targets.create(store, COORD, wanted) > 0
    assert targets.create(store, ADMIN, wanted) > 0
    with pytest.raises(InputError) as caught:
        targets.create(store, ALYTUS, TargetInput("LT-04", INFANT, "2020", "absolute", 4.0))
    assert caught.value.problems[0].code == "unknown_entity"
    with pytest.raises(InputError):
        targets.create(store, LATVIAN, wanted)  # LT-03 is not in the Latvian coordinator's network
    with pytest.raises(PermissionDenied):
        targets.create(store, READER, wanted)


def test_only_who_set_a_target_may_change_or_delete_it(store: Store) -> None:
    """The owner and admins may; another coordinator of the same network may not (the refusal is audited)."""
    target_id = targets.create(store, ALYTUS, TargetInput("LT-03", INFANT, "2020", "absolute", 4.0))
    changed = TargetInput("LT-03", INFANT, "2021", "absolute", 3.5, actions="more nurses")
    with pytest.raises(PermissionDenied):
        targets.update(store, COORD, target_id, changed)
    assert "target_refused" in accounts.audit_log(store, 50, username="coord")["action"].tolist()
    targets.update(store, ALYTUS, target_id, changed)
    found = targets.get(store, target_id)
    assert (found["period"], found["value"], found["actions"]) == ("2021", 3.5, "more nurses")
    with pytest.raises(PermissionDenied):
        targets.delete(store, COORD, target_id)
    targets.delete(store, ADMIN, target_id)
    assert targets.listing(store, ("LT-03",)).empty
    actions = accounts.audit_log(store, 50)["action"].tolist()
    assert {"target_set", "target_changed", "target_deleted"} <= set(actions)
