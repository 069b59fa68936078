"""Issue 15.5 on every page: while a data call is open, a logged-out visitor never sees its preliminary values.

On a demo copy, a network's member sends one value for a period nothing else has (the sentinel period) through
the normal ingest path. Every page of pages/ is opened logged out through dashboard.py (AppTest), also as a
shared link naming the sentinel period; nothing on any page (texts, tables, pickers, chart specs) names that
period. After the coordinator publishes it, the same scan finds it — so the scan can see a leak.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from page_support import dashboard_store
from streamlit.testing.v1 import AppTest

from benchlearn.api import accounts, data_calls, publication, uploads
from benchlearn.ingest import IngestOptions
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


def sentinel(store: Store) -> dict:
    """A network, one of its members and yearly indicators, and a far year nothing else has."""
    with store.cursor() as cur:
        network, entity, indicator, year = cur.execute(
            """SELECT m.network_code, m.entity_code, i.indicator_code, max(o.period)::INTEGER + 1
               FROM network_member m JOIN network_indicator i ON i.network_code = m.network_code
               JOIN observation o ON o.entity_code = m.entity_code AND o.indicator_code = i.indicator_code
               WHERE regexp_full_match(o.period, '[0-9]{4}')
               GROUP BY ALL ORDER BY count(*) DESC, 1, 2, 3 LIMIT 1""").fetchall()[0]
        last = cur.execute("SELECT max(period) FROM observation WHERE regexp_full_match(period, '[0-9]{4}')"
                           ).fetchall()[0][0]
    # a year no text of the app holds (not a date, a source's year or a version): only the value can bring it
    period = "2199"
    assert int(year) <= int(last) < 2199
    return {"network": network, "entity": entity, "indicator": indicator, "period": period}


def page_text(at: AppTest, data_only: bool = False) -> str:
    """Everything a page drew, as text: every element's proto (texts, tables' cells, pickers' options, charts);
    with `data_only` its charts and tables only (a shared link's own period may be echoed in a message)."""
    parts = [] if data_only else [str(node.proto) for node in at.main] + [str(node.proto) for node in at.sidebar]
    parts += [json.dumps(c.proto.spec) for c in at.get("plotly_chart")]
    parts += [d.value.to_csv() for d in at.dataframe]
    return "\n".join(parts)


def scan(db: Path, found: dict) -> list[str]:
    """The pages (and shared links) that name the sentinel period to a logged-out visitor."""
    leaks = []
    for page in PAGES:
        for params in ({}, {"period": found["period"], "indicator": found["indicator"], "entity": found["entity"]}):
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
            for key, value in params.items():
                at.query_params[key] = value
            at.switch_page(f"pages/{page}.py")
            at = at.run()
            assert not at.exception, (page, at.exception)
            # the period as a number of its own: table cells sit in the protos as runs of digits, and a map's
            # coordinates have decimals (21.2199)
            if re.search(rf"(?<![\d.]){found['period']}(?!\d)", page_text(at, bool(params))):
                leaks.append(f"{page}{'?' if params else ''}")
    return leaks


def test_no_page_shows_a_preliminary_value_to_a_logged_out_visitor(app_db: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    with dashboard_store(app_db, monkeypatch) as store:
        found = sentinel(store)
        accounts.add_user(store, "member", "member-password-1", "municipality", [found["network"]],
                          found["entity"])
        data_calls.open_as(store, "coord", found["network"], found["period"], [found["indicator"]], "2099-01-01")
        row = f"entity_code,indicator_code,period,value\n{found['entity']},{found['indicator']},{found['period']},"
        uploads.ingest_bytes(store, (row + "1\n").encode(), "member.csv",
                             IngestOptions(network=found["network"]), user="member")
        assert scan(app_db, found) == []
        publication.publish_as(store, "coord", found["network"], found["period"])
        assert scan(app_db, found)  # published: the period shows (the scan sees what it looks for)
