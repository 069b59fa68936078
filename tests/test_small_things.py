"""Issue 14.12, the small things on the home page and in the sidebar (AppTest over a demo copy).

- The coverage heatmap is coloured by the share of the indicator's own municipalities with a value: Latvia's 43
  are as full as Finland's 320 (coloured by the raw count, Latvia looked empty).
- "Latest uploads" says what each upload was (kind, network, time to the second, a short hash), so one file
  listed four times (entities, indicators, members, values) can be told apart.
- The sidebar no longer offers "Log in" to someone logged in: the link reads "My account".
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import plotly.io as pio
import pytest
from page_support import cheap_passwords, country_values, dashboard_store
from streamlit.testing.v1 import AppTest

from benchlearn.api import accounts
from benchlearn.i18n import t
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    cheap_passwords(monkeypatch)
    with dashboard_store(app_db, monkeypatch) as shared:
        yield shared


def home() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()


def test_the_coverage_scale_does_not_make_latvia_look_empty(store: Store) -> None:
    at = home()
    (heat,) = [trace for c in at.get("plotly_chart") for trace in pio.from_json(c.proto.spec).data
               if trace.type == "heatmap"]
    row = list(heat.y).index("Length of municipal roads")  # a Latvian indicator: 43 municipalities
    # 36 with a value: the seven state cities have no municipal roads of this kind (not applicable, issue 16.2)
    valued = country_values("ROAD_KM_ALL_MUNI_ROADS", "2024", "LV").notna().sum()
    assert np.nanmax(array(heat.customdata)[row]) == valued == 43 - 7
    assert np.nanmax(array(heat.z)[row]) == 100 and heat.zmax == 100


def array(data: object) -> np.ndarray:
    """A plotly array as numpy (the figure JSON holds typed arrays as base64)."""
    if isinstance(data, dict):
        flat = np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
        return flat.reshape([int(n) for n in str(data["shape"]).split(",")]).astype(float)
    return np.asarray(data, dtype=float)


def test_latest_uploads_say_what_each_upload_was(store: Store) -> None:
    at = home()
    (uploads,) = [d.value for d in at.dataframe if t("history.col.file_name", "en") in d.value.columns]
    for column in ("kind", "network_code", "started_at", "file_name"):
        assert t(f"history.col.{column}", "en") in uploads.columns
    told_apart = [t(f"history.col.{c}", "en") for c in ("file_name", "kind", "network_code")]
    # a file listed more than once (loaded for several networks, or as several kinds): each row says which
    assert not uploads.duplicated(subset=told_apart).any()
    assert uploads[t("history.col.file_name", "en")].duplicated().any()


def test_the_sidebar_does_not_offer_log_in_to_a_logged_in_user(store: Store) -> None:
    accounts.add_user(store, "coord", "coordinator-pass-1", "coordinator", ["lt-municipalities"])
    at = home().switch_page("pages/login.py").run()
    links = [link.label for link in at.get("page_link")] if at.get("page_link") else []
    assert t("login.nav", "en") in links
    at.text_input(key="login_username").input("coord")
    at.text_input(key="login_password").input("coordinator-pass-1")
    at = at.button[[b.label for b in at.button].index(t("login.submit", "en"))].click().run()
    links = [link.proto.label for link in at.get("page_link")]
    assert t("login.nav", "en") not in links and t("login.nav_account", "en") in links
