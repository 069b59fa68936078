"""Shared links reproduce every kind of peer set, an explicit list of municipalities included."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_support import copy_store, page_runner, specs

from benchlearn.i18n import t
from benchlearn.ui.plain_text import plain


@pytest.fixture(scope="module")
def links_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("page_links"), "links")


@pytest.mark.parametrize("lang", ["en", "lt", "lv"])
def test_a_peer_list_in_a_link_is_kept(links_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """`peers=list:A,B,C` ranks exactly those three; it is neither dropped nor called unknown."""
    at = page_runner(links_db, monkeypatch, "ranking")(
        lang, entity="LT-57", indicator="INFANT_DEATHS_PER_1000_BIRTHS", period="2017",
        peers="list:LT-57,LT-13,LT-19")
    assert not at.exception
    peers = next(box for box in at.selectbox if box.key == "url_peers")
    assert peers.value == "list:LT-57,LT-13,LT-19"
    assert at.query_params["peers"] in ("list:LT-57,LT-13,LT-19", ["list:LT-57,LT-13,LT-19"])
    refused = t("link.bad_value", lang, name="peers", value=plain("list:LT-57,LT-13,LT-19"))
    assert refused not in [w.value for w in at.warning]
    assert plain("list:LT-57") not in " ".join(w.value for w in at.warning)
    bars = specs(at)[0]
    ranked = {code for trace in bars["data"] if trace["type"] == "bar" for code in trace["y"]}
    assert ranked == {"LT-57", "LT-13", "LT-19"}


def test_an_unknown_code_in_a_peer_list_is_refused(links_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A list naming a municipality the store does not know is not offered (the page falls back)."""
    at = page_runner(links_db, monkeypatch, "ranking")(
        "en", entity="LT-57", indicator="INFANT_DEATHS_PER_1000_BIRTHS", period="2017", peers="list:LT-57,XX-1")
    assert not at.exception
    peers = next(box for box in at.selectbox if box.key == "url_peers")
    assert peers.value != "list:LT-57,XX-1"
    assert plain("list:LT-57,XX-1") in " ".join(w.value for w in at.warning)  # as markdown shows it
