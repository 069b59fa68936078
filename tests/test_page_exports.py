"""The Exports page under AppTest: LT and LV municipalities in all three languages, shared links, bad links,
a municipality without data; the preview chart checked from its figure JSON."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from benchlearn import api
from benchlearn.i18n import t
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import open_store
from benchlearn.ui.plain_text import plain

ROOT = Path(__file__).resolve().parents[1]
EMPTY_NAME = "**Naujoji** sav."


@pytest.fixture(scope="module")
def exports_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the demo store (this module's own path) with one municipality that has no data at all."""
    path = tmp_path_factory.mktemp("page_exports") / "exports.duckdb"
    shutil.copyfile(demo_db, path)
    store = open_store(str(path))
    entities = f'code,name,kind,country\nLT-99,"{EMPTY_NAME}",municipality,LT\n'.encode()
    api.ingest_bytes(store, entities, "new.csv", IngestOptions(kind=Kind.ENTITIES))
    store.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BENCHLEARN_DB", str(path))
        yield path


def open_exports(params: dict[str, str]) -> AppTest:
    """The Exports page opened through a link with these URL parameters."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page("pages/exports.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def figure(at: AppTest, index: int = 0) -> dict:
    """The figure JSON of the page's `index`-th plotly chart."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)


CASES = [
    ("LT-43", "Šiaulių m. sav.", "2017", "country:LT", "lt", "Visos LT savivaldybės"),
    ("LT-18", "Kėdainių r. sav.", "2017", "group:LT-KU", "en", "Peer group: Kauno apskritis"),
    ("LV-056", "Līvānu novads", "2024", "network:lv-municipalities", "lv",
     "Tīkls: Latvijas pašvaldības (parauga tīkls)"),
    ("LV-REZ", "Rēzekne", "2024", "country:LV", "en", "All municipalities of LV"),
    ("LT-01", "Akmenės r. sav.", "2016", "network:lt-municipalities", "lv",
     "Tīkls: Lietuvas pašvaldības (parauga tīkls)"),
]


@pytest.mark.parametrize(("entity", "name", "period", "peers", "lang", "peers_label"), CASES,
                         ids=[f"{c[0]}-{c[4]}" for c in CASES])
def test_exports_page(exports_db: Path, entity: str, name: str, period: str, peers: str, lang: str,
                      peers_label: str) -> None:
    """The link's choice is applied; every heading, button and chart word is in the language; the preview is
    the profile chart of that municipality with the median line at 50 and the percentile axis."""
    at = open_exports({"entity": entity, "period": period, "peers": peers, "lang": lang})
    assert not at.exception
    assert not at.error and not at.warning
    assert [s.value for s in at.subheader] == [t(k, lang) for k in (
        "exports.pdf_heading", "exports.excel_heading", "exports.preview", "exports.tables_heading")]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [t("download.pdf", lang), t("exports.excel_button", lang), t("download.csv", lang),
                      t("download.excel", lang)]
    spec = figure(at)
    layout = spec["layout"]
    assert layout["title"]["text"] == t("profile.chart.performance", lang, entity=name, period=period)
    assert peers_label in layout["title"]["subtitle"]["text"]
    assert layout["xaxis"]["title"]["text"] == t("profile.axis", lang)
    assert layout["separators"] == (".," if lang == "en" else ",\u00a0")
    medians = [s for s in layout["shapes"] if s.get("x0") == 50 and s.get("x1") == 50]
    assert medians, "the peer median (percentile 50) is drawn"
    assert t("profile.median", lang) in [a["text"] for a in layout["annotations"]]
    assert at.query_params["entity"] == entity and at.query_params["period"] == period
    sections = at.query_params["sections"].split(",")
    options = at.selectbox(key="exports_table").options
    expected = [t("exports.sheet.contents", lang), t("exports.sheet.profile", lang)]
    for i in range(1, len(sections) + 1):
        expected += [t("exports.sheet.ranking", lang, i=i), t("exports.sheet.trend", lang, i=i)]
    assert options == expected


def test_choosing_a_table_and_sections(exports_db: Path) -> None:
    """Fewer sections from the link: fewer sheets; a ranking sheet lists every peer, one without a value
    last with the reason."""
    at = open_exports({"entity": "LT-43", "period": "2017", "peers": "country:LT", "lang": "en",
                       "sections": "BIRTHS_PER_1000"})
    assert not at.exception
    assert at.selectbox(key="exports_table").options == ["Contents", "Profile", "Ranking 1", "Trend 1"]
    at.selectbox(key="exports_table").set_value("Ranking 1").run()
    assert not at.exception
    shown = at.dataframe[0].value.set_index("Municipality code")
    assert len(shown) == 61  # the 60 of the demo and LT-99, added without data by the fixture
    assert set(shown["Indicator code"]) == {"BIRTHS_PER_1000"}
    assert shown.loc["LT-43", "Municipality"] == "Šiaulių m. sav."
    assert shown.loc["LT-99", "Status"] == "no data" and shown.iloc[-1].name == "LT-99"


def test_without_a_municipality_the_page_opens_on_one(exports_db: Path) -> None:
    """No municipality chosen: the page opens on a Latvian one for a Latvian reader (issue 14.4)."""
    at = open_exports({"lang": "lv"})
    assert not at.exception
    assert t("pick.choose_entity", "lv") not in [i.value for i in at.info]
    assert at.selectbox(key="url_entity").value.startswith("LV-") and at.get("download_button")


def test_bad_link_is_explained(exports_db: Path) -> None:
    """An unknown municipality in a link: a plain warning naming it, then the default one; never a traceback."""
    at = open_exports({"entity": "XX-99", "lang": "en"})
    assert not at.exception
    assert any(plain("XX-99") in w.value for w in at.warning)
    assert at.selectbox(key="url_entity").value and t("pick.choose_entity", "en") not in [i.value for i in at.info]


def test_municipality_without_data(exports_db: Path) -> None:
    """A municipality with no values yet: a guiding message with its (markdown-escaped) name."""
    at = open_exports({"entity": "LT-99", "lang": "lt"})
    assert not at.exception
    assert [i.value for i in at.info] == [t("exports.no_periods", "lt", name=plain(EMPTY_NAME))]
    assert not at.get("download_button")
