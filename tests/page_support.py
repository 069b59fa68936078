"""Helpers shared by the page tests: the demo data read straight from its shipped CSV files (not through the
store), a private copy of the demo store, an AppTest runner that opens a page with URL parameters, and readers
of what AppTest shows (figure JSON, plotly's packed arrays, element texts)."""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from argon2 import PasswordHasher, Type
from pg_support import demo_on_server, server_copy, server_mode
from streamlit.testing.v1 import AppTest

from benchlearn import ui
from benchlearn.api import accounts
from benchlearn.auth import Passwords
from benchlearn.store import Store, is_server_address, open_store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEPARATORS = {"en": ".,", "lt": ",\u00a0", "lv": ",\u00a0"}


@cache
def _tidy() -> pd.DataFrame:
    # `x` marks a value not applicable (issue 16.2: a state city has no municipal roads): no value
    return pd.read_csv(DATA / "baltic_demo_lt_lv_tidy.csv", dtype={"period": str, "entity_code": str},
                       na_values=["x"])


@cache
def demo_indicators() -> pd.DataFrame:
    """The shipped indicator metadata (both countries), indexed by code."""
    frames = [pd.read_csv(DATA / "demo" / f"indicators_{c}.csv") for c in ("lt", "lv")]
    return pd.concat(frames, ignore_index=True).set_index("code")


@cache
def demo_names() -> dict[str, str]:
    """Entity code → name, from the shipped entities file."""
    entities = pd.read_csv(DATA / "demo" / "entities.csv", dtype=str)
    return dict(zip(entities["code"], entities["name"], strict=True))


def demo_values(indicator: str, period: str) -> pd.Series:
    """Entity code → value of a stored or derived indicator, recomputed from the tidy CSV (NaN where a
    derived indicator's denominator is 0)."""
    tidy = _tidy()
    one = tidy[tidy["period"] == period].pivot_table(index="entity_code", columns="indicator_code",
                                                      values="value")
    meta = demo_indicators().loc[indicator]
    parts = [meta["numerator"], meta["denominator"]] if isinstance(meta["numerator"], str) else [indicator]
    one = one.reindex(columns=parts)  # a period without the indicator gives an all-NaN column
    if len(parts) == 2:
        denominator = one[parts[1]].where(one[parts[1]] != 0)
        return (one[parts[0]] / denominator * meta["multiplier"]).rename(indicator)
    return one[indicator]


def country_values(indicator: str, period: str, country: str) -> pd.Series:
    """The indicator's values for every municipality of a country (NaN where it has none), by code."""
    entities = pd.read_csv(DATA / "demo" / "entities.csv", dtype=str)
    codes = entities.loc[(entities["kind"] == "municipality") & (entities["country"] == country), "code"]
    return demo_values(indicator, period).reindex(sorted(codes))


def ranked_values(indicator: str, period: str, country: str) -> pd.Series:
    """`country_values` without the values resting on a denominator below the indicator's shipped minimum
    (issue 16.2: shown, not ranked): NaN there, so they enter no median, rank or percentile."""
    values = country_values(indicator, period, country)
    meta = demo_indicators().loc[indicator]
    if pd.isna(meta["min_denominator"]):
        return values
    size = meta["size_indicator"] if isinstance(meta["size_indicator"], str) else meta["denominator"]
    return values.where(country_values(size, period, country) >= meta["min_denominator"])


def page_runner(db: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> Callable[..., AppTest]:
    """A function that opens `page` through dashboard.py on the store `db` with URL parameters, run once."""
    monkeypatch.setenv("BENCHLEARN_DB", str(db))

    def run(lang: str = "en", **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in {"lang": lang, **params}.items():
            at.query_params[key] = value
        at.switch_page(f"pages/{page}.py")
        return at.run()

    return run


def copy_store(demo_db: Path, folder: Path, name: str) -> Path:
    """A private copy of the demo store (one per test module: the app caches its store by path). With
    BENCHLEARN_TEST_STORE=postgresql, a new database on the test server holding the demo loaded there by the CLI
    (its address: the tests hand it on as they hand on a path)."""
    if server_mode():
        # a store already on the server (a built copy) is copied itself; the demo file stands for the demo there
        source = str(demo_db) if is_server_address(str(demo_db)) else demo_on_server()
        return server_copy(source, name)  # type: ignore[return-value]  # an address, used as a path is
    path = folder / f"{name}.duckdb"
    shutil.copyfile(demo_db, path)
    wal = demo_db.with_name(demo_db.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, path.with_name(path.name + ".wal"))
    return path


def built_copy(demo_db: Path, folder: Path, name: str, build: Callable[[Store], None]) -> Path:
    """A copy of the demo store changed by `build`, checkpointed and closed: a template that tests copy again
    (a running server or the app's cached connection holds its file)."""
    path = copy_store(demo_db, folder, name)
    store = open_store(path)
    try:
        build(store)
        store.checkpoint()
    finally:
        store.close()
    return path


def cheap_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with the smallest cost for this test: logins in tests need not resist a cracker."""
    monkeypatch.setattr(accounts, "PASSWORDS", Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1,
                                                                        type=Type.ID)))


@contextmanager
def dashboard_store(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's own cached store on `db` (AppTest runs the pages in this process and shares it); the
    caches are cleared before and after, so no other test's store or figures leak in or out."""
    monkeypatch.setenv("BENCHLEARN_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    store = ui.shared_store()
    try:
        yield store
    finally:
        st.cache_resource.clear()
        store.close()


def specs(at: AppTest) -> list[dict]:
    """The figure JSON of every plotly chart on the page, in order."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def numbers(value: object) -> list:
    """A figure JSON array as a list: plotly writes numeric arrays as {"dtype", "bdata"} (base64)."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:  # "43, 4" for a 2-D array
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    return list(value)


def texts(at: AppTest, kind: str) -> list[str]:
    """The text of every element of one kind (info, warning, caption, …)."""
    return [str(element.value) for element in at.get(kind)]


def page_downloads(at: AppTest) -> set[str]:
    """The keys of the page's own download buttons, without those of the explanation popovers (issue 16.1)."""
    return {b.key for b in at.get("download_button") if "explain" not in (b.key or "")}
