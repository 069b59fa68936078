"""The pickers' facts (`choices.coverage`, read once per data version) answer as the observations say: worked out
here again from the panel of every indicator (stored and derived) in pandas, on the demo, on both engines."""

from __future__ import annotations

import pandas as pd
import pytest

from benchlearn import api
from benchlearn.api import choices
from benchlearn.store import open_store, reads

CASES = [("LT-01", "network:lt-municipalities"), ("LV-011", "country:LV"), ("FI-091", "country:FI"),
         ("LT-13", "all"), ("LV-002", "network:lt-municipalities"), ("LT-01", "network:no-such-network")]


@pytest.fixture
def facts(demo_location: str) -> tuple:
    """The demo's coverage, its panel of every indicator with a value, and its network and group members."""
    store = open_store(demo_location)
    try:
        with store.cursor() as cur:
            codes = reads.indicators(cur)["code"].tolist()
            panel = reads.panel(cur, codes).dropna(subset=["value"])
            members = pd.DataFrame(cur.execute(
                "SELECT 'network:' || network_code, entity_code FROM network_member UNION ALL "
                "SELECT 'group:' || group_code, entity_code FROM peer_group_member").fetchall(), columns=["spec", "e"])
        polarity = api.indicators(store).set_index("code")["polarity"]
        peers = {spec: choices.peer_codes(store, spec) for _, spec in CASES}
        yield choices.coverage(store), panel, members, polarity, peers
    finally:
        store.close()


@pytest.mark.parametrize(("entity", "spec"), CASES)
def test_the_pickers_answer_as_the_panel_says(facts: tuple, entity: str, spec: str) -> None:
    coverage, panel, members, polarity, peers = facts
    valued = panel.groupby("entity_code")["indicator_code"].agg(set)
    own = valued.get(entity, set())
    # networks and groups: those it is in, and those with another member sharing an indicator with it
    sharing = {e for e, codes in valued.items() if e != entity and codes & own}
    groups = sorted(set(members.loc[members["e"].isin(sharing | {entity}), "spec"]),  # networks first, by code
                    key=lambda spec: (not spec.startswith("network:"), spec.split(":", 1)[1]))
    assert list(coverage.entity_groups(entity)) == groups
    others = set(peers[spec]) - {entity}
    theirs = set().union(*(valued.get(e, set()) for e in others))
    assert set(coverage.comparable_indicators(entity, peers[spec])) == own & theirs
    # the default: the first directional option whose latest period has values for it and a peer, newest first
    options = tuple(sorted(polarity.index, reverse=True))
    latest = panel[panel["period_key"] == panel.groupby("indicator_code")["period_key"].transform("max")]
    at_latest = latest.groupby("indicator_code")["entity_code"].agg(set)
    found = [c for c in options if polarity[c] in ("higher_better", "lower_better") and c in at_latest.index
             and entity in at_latest[c] and at_latest[c] & others]
    newest = max((latest.loc[latest["indicator_code"] == c, "period_key"].iloc[0] for c in found), default=None)
    want = next((c for c in found if latest.loc[latest["indicator_code"] == c, "period_key"].iloc[0] == newest),
                options[0])
    assert coverage.default_indicator(entity, peers[spec], options) == want
    assert spec != "network:no-such-network" or not coverage.comparable_indicators(entity, peers[spec])
