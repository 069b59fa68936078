"""The demo's worked examples of a network's yearly cycle (issue 15.7), built by `python -m benchlearn demo`."""

from __future__ import annotations

import csv
import io
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from benchlearn.api import accounts, demo_examples
from benchlearn.auth import LoginFailed
from benchlearn.store import open_store
from benchlearn.store import publication as published

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
LT, LV = "lt-good-governance-example", "lv-t2-social-care-health-example"
EXAMPLE_LABEL = "[Example"


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the command line on `db`."""
    return subprocess.run([sys.executable, "-m", "benchlearn", *args, "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as `make run` builds it: the data and the worked examples."""
    path = tmp_path_factory.mktemp("examples") / "demo.duckdb"
    done = cli(path, "demo")
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def frames(examples_db: Path) -> dict[str, pd.DataFrame]:
    """What the store holds of the examples: networks, members, observations of the example cells, notes, actions."""
    store = open_store(examples_db)
    with store.cursor() as cur:
        out = {
            "networks": cur.execute("SELECT code, name, name_lt, name_lv FROM network").df(),
            "members": cur.execute("SELECT network_code, entity_code FROM network_member").df(),
            "values": cur.execute("SELECT entity_code, indicator_code, period, value, status, batch_id "
                                  "FROM observation").df(),
            "notes": cur.execute("SELECT entity_code, indicator_code, period, text, author, source "
                                 "FROM value_note").df(),
            "actions": cur.execute("SELECT entity_code, indicator_code, period, action, owner, gap, state "
                                   "FROM improvement_action").df(),
            "batches": cur.execute("SELECT id, username, network_code FROM batch").df(),
            "embargoed": published.embargoed_keys(cur),
        }
    store.close()
    return out


def test_the_networks_have_their_members_and_say_they_are_examples(frames: dict[str, pd.DataFrame]) -> None:
    """10 Lithuanian members, 8 Latvian ones, as members.csv lists them; every name says 'example' in its language."""
    members = frames["members"].groupby("network_code")["entity_code"].agg(sorted)
    assert members[LT] == sorted(demo_examples.members(DATA)[LT]) and len(members[LT]) == 10
    assert members[LV] == sorted(demo_examples.members(DATA)[LV]) and len(members[LV]) == 8
    names = frames["networks"].set_index("code").loc[[LT, LV]]
    assert names["name"].str.contains("(example network)", regex=False).all()
    assert names["name_lt"].str.contains("(pavyzdinis tinklas)", regex=False).all()
    assert names["name_lv"].str.contains("(parauga tīkls)", regex=False).all()
    assert "LPS T2" in names.loc[LV, "name"]


def test_each_network_has_a_closed_published_call_and_an_open_one(examples_db: Path) -> None:
    """`datacall list`: the closed call of each network is published (a publication row), the open one is not."""
    listed = pd.read_csv(io.StringIO(cli(examples_db, "datacall", "list").stdout), dtype=str)
    states = {(r.network_code, r.period): r.state for r in listed.itertuples()}
    assert {k: v for k, v in states.items() if k[0] in (LT, LV)} == {
        (LT, "2016"): "closed", (LT, "2017"): "open", (LV, "2023"): "closed", (LV, "2024"): "open"}
    assert listed["message"].str.startswith("Worked example (demo)").all()
    store = open_store(examples_db)
    with store.cursor() as cur:
        published_calls = {(n, p) for n, p in [(LT, "2016"), (LT, "2017"), (LV, "2023"), (LV, "2024")]
                           if not published.publications(cur, n, p).empty}
    store.close()
    assert published_calls == {(LT, "2016"), (LV, "2023")}


def expected_states(call: demo_examples.Call) -> dict[tuple[str, str], str]:
    """member × indicator → state, from the example files and the shipped values: a cell left out or without a
    shipped value is missing; Visaginas' rural population is flagged by screening (a real spike: 105 → 144 in
    2016, confirmed in the closed call; 144 → 156 in 2017, awaiting its reason in the open one)."""
    shipped = demo_examples.source_values(DATA, demo_examples.withheld(DATA))
    left_out = demo_examples.missing(DATA)
    out = {}
    for entity in demo_examples.members(DATA)[call.network]:
        for indicator in call.indicators:
            sent = (entity, indicator, call.period) in shipped and (
                call.network, call.period, entity, indicator) not in left_out
            out[(entity, indicator)] = "submitted" if sent else "missing"
    if call.network == LT:
        out[("LT-59", "POP_RURAL")] = "confirmed" if call.state == "closed" else "flagged"
    return out


@pytest.mark.parametrize("call", demo_examples.calls(DATA), ids=lambda c: f"{c.network}-{c.period}")
def test_the_completeness_contract_gives_the_example_states(examples_db: Path, call: demo_examples.Call) -> None:
    """`datacall status --format csv` of every example call: one row per member × indicator, the expected state."""
    done = cli(examples_db, "datacall", "status", "--network", call.network, "--period", call.period,
               "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0])[:3] == ["entity_code", "indicator_code", "state"]
    got = {(r["entity_code"], r["indicator_code"]): r["state"] for r in rows}
    assert got == expected_states(call)
    states = set(got.values())
    if call.state == "open":
        assert "missing" in states and "submitted" in states
    if call.network == LT and call.state == "open":
        assert "flagged" in states


def test_every_example_value_is_the_shipped_one_sent_by_its_member(frames: dict[str, pd.DataFrame]) -> None:
    """Each example cell the store holds equals the shipped value (`x` is not applicable), was written by the
    member's own example account, and the missing ones are absent."""
    withheld = demo_examples.withheld(DATA)
    shipped = demo_examples.source_values(DATA, withheld)
    left_out = {(e, i, p) for _, p, e, i in demo_examples.missing(DATA)}
    values = frames["values"].set_index(["entity_code", "indicator_code", "period"])
    held = values[values.index.isin(list(withheld))]
    assert set(held.index) == set(shipped) - left_out
    users = frames["batches"].set_index("id")["username"]
    for (entity, indicator, period), row in held.iterrows():
        text = shipped[(entity, indicator, period)]
        if text == "x":
            assert math.isnan(row["value"]) and row["status"] == "not_applicable"
        else:
            assert row["value"] == float(text), (entity, indicator, period)
        assert users[row["batch_id"]] == demo_examples.account_name(entity)


def test_open_calls_values_are_under_embargo_and_closed_ones_public(frames: dict[str, pd.DataFrame]) -> None:
    """The values sent to the open calls are preliminary (embargoed); those of the published 2016 call are not."""
    embargoed = {(r.entity_code, r.indicator_code, r.period) for r in frames["embargoed"].itertuples()}
    sent = set(frames["values"].set_index(["entity_code", "indicator_code", "period"]).index) & set(
        demo_examples.withheld(DATA))
    assert {c for c in sent if c[2] in ("2017", "2024")} == embargoed & sent
    assert not any(c[2] == "2016" for c in embargoed)


def test_notes_actions_and_reasons_are_labelled_as_examples(frames: dict[str, pd.DataFrame]) -> None:
    """Every note on an example value (written ones and the confirmed flag's reason), every action, its owner
    and gap start with the example label; there is at least one of each."""
    notes = frames["notes"]
    notes = notes[notes["entity_code"].isin({e for m in demo_examples.members(DATA).values() for e in m})]
    assert set(notes["source"]) == {"example", "screening"}
    assert notes["text"].str.startswith(EXAMPLE_LABEL).all()
    assert notes["author"].str.startswith("example-").all()
    actions = frames["actions"]
    assert len(actions) >= 4 and set(actions["state"]) >= {"planned", "in_progress", "done"}
    for column in ("action", "owner", "gap"):
        assert actions[column].str.startswith(EXAMPLE_LABEL).all()


def test_example_accounts_have_no_usable_password(examples_db: Path) -> None:
    """One municipality account per member; none can log in until a coordinator or admin sets a password."""
    store = open_store(examples_db)
    users = accounts.list_users(store).set_index("username")
    names = [demo_examples.account_name(e) for m in demo_examples.members(DATA).values() for e in m]
    assert set(users.loc[names, "role"]) == {"municipality"}
    for guess in ("", demo_examples.NO_PASSWORD, "example-password"):
        with pytest.raises(LoginFailed):
            accounts.login(store, names[0], guess, sleep=lambda _: None)
    store.close()


def test_running_the_demo_again_changes_nothing(examples_db: Path) -> None:
    """A second `demo` on the built store writes no batch and builds no second set of examples."""
    again = cli(examples_db, "demo")
    assert again.returncode == 0 and "demo data: 0 batches written" in again.stdout


def test_no_examples_leaves_every_shipped_value_and_examples_cannot_follow(tmp_path: Path) -> None:
    """`demo --no-examples` loads every shipped value (the examples' cells included) and no example network; a
    later `demo` leaves that store as it is rather than build calls whose cells could never be missing."""
    path = tmp_path / "plain.duckdb"
    assert cli(path, "demo", "--no-examples").returncode == 0
    again = cli(path, "demo")
    assert again.returncode == 0 and "demo data: 0 batches written" in again.stdout
    store = open_store(path)
    assert not demo_examples.built(store, DATA)
    with store.cursor() as cur:
        held = cur.execute("SELECT count(*) FROM observation WHERE entity_code = 'LT-40' AND period = '2017' "
                           "AND indicator_code = 'BIRTHS'").fetchall()[0][0]
    store.close()
    assert held == 1
