"""The benchlearning pages in AppTest on a copy of the demo store (with practices, targets and the eldership
test data): good practices, targets, the meeting pack, elderships, and the practices in the profile's "learn
from" panel — for a sample of Lithuanian and Latvian municipalities, in all three languages, with the charts'
content read from their figure JSON."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from page_support import copy_store, demo_indicators, numbers, page_runner, specs, texts
from streamlit.testing.v1 import AppTest
from test_elderships import load_elderships

from benchlearn import api, ui
from benchlearn.api import accounts, analyst, practices, targets
from benchlearn.api.targets import TargetInput
from benchlearn.auth import Identity
from benchlearn.charts.common import HIGHLIGHT
from benchlearn.charts.ranking import MARK
from benchlearn.charts.targets import TARGET_COLOUR
from benchlearn.i18n import LANGUAGES, localized, t
from benchlearn.ingest.practice_form import PracticeInput
from benchlearn.store import Store

INFANT = "INFANT_DEATHS_PER_1000_BIRTHS"
COORD = Identity.issue("coord", "coordinator", ("lt-municipalities",))
ADAZI = Identity.issue("adazi", "analyst", (), "LV-011")
WEAK = "LT-03"  # Alytaus r. sav.: a high infant death rate in 2017, so its similar municipalities do better
SAMPLE = ("LT-03", "LT-57", "LV-011")  # with a target, without, and a Latvian municipality


@pytest.fixture(scope="module")
def learning_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The module's store (as the app opens it): accounts, a target of LT-03, practices of the best performer
    among LT-03's similar municipalities and of a Latvian municipality, and the eldership test data."""
    path = copy_store(demo_db, tmp_path_factory.mktemp("page_learning"), "learning")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BENCHLEARN_DB", str(path))
        st.cache_data.clear()
        st.cache_resource.clear()
        store: Store = ui.shared_store()
        accounts.add_user(store, "coord", "coordinator-pass-1", "coordinator", ["lt-municipalities"])
        accounts.add_user(store, "adazi", "municipal-pass-1", "analyst", [], "LV-011")
        lessons = analyst.lessons(store, WEAK, INFANT, f"nearest:{WEAK}:10")
        best = lessons.best["entity_code"].iloc[0]
        practice = practices.add(store, COORD, PracticeInput(
            best, "Kūdikių sveikatos patikros namuose", "Slaugytojos lanko kiekvieną šeimą.", (INFANT,),
            "lt-municipalities", "sveikata@example.lt"))
        practices.add(store, ADAZI, PracticeInput("LV-011", "Ceļu seguma atjaunošana", "Apraksts.",
                                                  ("ROAD_ASPHALT_SHARE_TOTAL",), "lv-municipalities"))
        target = targets.create(store, COORD, TargetInput(WEAK, INFANT, "2020", "absolute", 3.0,
                                                          actions="Namų vizitai", baseline_period="2010"))
        load_elderships(store)
        yield {"path": path, "best": best, "practice": practice, "target": target}


@pytest.fixture
def open_page(learning_db: dict, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open one of the pages with URL parameters (and, optionally, a logged-in identity)."""
    def run(page: str, lang: str = "en", identity: Identity | None = None, **params: str) -> AppTest:
        if identity is None:
            return page_runner(learning_db["path"], monkeypatch, page)(lang, **params)
        at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard.py"), default_timeout=60)
        for key, value in {"lang": lang, **params}.items():
            at.query_params[key] = value
        at.session_state["identity"] = identity
        return at.switch_page(f"pages/{page}.py").run()
    monkeypatch.setenv("BENCHLEARN_DB", str(learning_db["path"]))
    return run


def markdown(at: AppTest) -> str:
    """Every markdown, caption and text element of the page, joined (user text appears escaped there)."""
    parts = texts(at, "markdown") + texts(at, "caption") + texts(at, "text")
    return "\n".join(parts).replace("\\", "")


# --- good practices -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_practices_page_lists_and_searches(open_page: Callable[..., AppTest], lang: str) -> None:
    """The library shows both practices; a search without diacritics finds the Lithuanian one only."""
    at = open_page("practices", lang)
    assert not at.exception
    assert [title.value for title in at.title] == [t("practices.title", lang)]
    shown = markdown(at)
    assert "Kūdikių sveikatos patikros namuose" in shown and "Ceļu seguma atjaunošana" in shown
    at.text_input(key="practices_text").input("KUDIKIU sveikatos").run()
    assert not at.exception
    shown = markdown(at)
    assert "Kūdikių sveikatos patikros namuose" in shown and "Ceļu seguma atjaunošana" not in shown
    assert t("practices.found", lang, n=1) in texts(at, "caption")


def test_practices_form_asks_to_log_in_and_records_for_a_coordinator(open_page: Callable[..., AppTest],
                                                                     learning_db: dict) -> None:
    """Logged out the form is not offered; a coordinator records a practice through it."""
    at = open_page("practices", "en")
    assert t("practices.login_needed", "en") in texts(at, "info")
    at = open_page("practices", "lt", identity=COORD)
    assert not at.exception
    title = next(w for w in at.text_input if w.label == t("practices.field.title", "lt"))
    title.input("Nauja praktika iš formos")
    submit = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:practice_form"))
    at = submit.click().run()
    assert not at.exception
    found = practices.search(ui.shared_store(), text="nauja praktika is formos")
    assert found["owner"].tolist() == ["coord"]
    # the form now shows the practice saved (to change it), not the typed fields of a new one
    assert at.selectbox(key="practice_which").value == int(found["id"].iloc[0])


# --- targets ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("entity", SAMPLE)
def test_targets_page(open_page: Callable[..., AppTest], learning_db: dict, entity: str, lang: str) -> None:
    """With a target: the progress bars and the trend with the target, its path, the peer median and the
    municipality highlighted, the unit on the axis; without one: a plain note."""
    at = open_page("targets", lang, entity=entity)
    assert not at.exception
    assert [title.value for title in at.title] == [t("targets.title", lang)]
    charts = specs(at)
    if entity != WEAK:
        assert not charts and t("targets.progress.none", lang) in texts(at, "caption")
        return
    progress, trend = charts
    bars = [trace for trace in progress["data"] if trace["type"] == "bar"]
    assert [trace["name"] for trace in bars] == [t("targets.status.behind", lang)]
    assert progress["layout"]["xaxis"]["title"]["text"] == t("targets.progress.axis", lang)
    assert t("targets.progress.chart_subtitle", lang) == progress["layout"]["title"]["subtitle"]["text"]
    names = {trace["name"]: trace for trace in trend["data"]}
    star = names[t("targets.target", lang)]
    assert numbers(star["y"]) == [3.0] and star["x"] == ["2020"] and star["marker"]["color"] == TARGET_COLOUR
    path = names[t("targets.path", lang)]
    assert path["x"] == ["2010", "2020"] and numbers(path["y"])[1] == 3.0
    assert names[t("targets.median", lang)]["line"]["dash"] == "dash"
    own = names["Alytaus r. sav."]
    assert own["line"]["color"] == HIGHLIGHT
    unit = localized(demo_indicators().loc[INFANT].to_dict(), "unit", lang)  # the unit as the reader's language has it
    assert unit in trend["layout"]["yaxis"]["title"]["text"]
    assert t("polarity.lower_better", lang) in trend["layout"]["title"]["subtitle"]["text"]
    assert "2020" in trend["layout"]["xaxis"]["categoryarray"]


def test_targets_form_sets_a_target(open_page: Callable[..., AppTest]) -> None:
    """A municipality user sets a target for its own municipality through the form."""
    at = open_page("targets", "lv", identity=ADAZI, entity="LV-011")
    assert not at.exception
    period = next(w for w in at.text_input if w.label == t("targets.field.period", "lv"))
    period.input("2027")
    submit = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:targets_form"))
    at = submit.click().run()
    found = targets.listing(ui.shared_store(), ("LV-011",))
    try:
        assert not at.exception
        assert found["owner"].tolist() == ["adazi"] and found["period"].tolist() == ["2027"]
        assert t("targets.form.saved", "lv", id=int(found["id"].iloc[0])) in texts(at, "success")
        assert at.selectbox(key="targets_which").value == int(found["id"].iloc[0])  # the form shows it saved
    finally:  # the module's store again as the other tests expect it: LV-011 without a target, in any order
        for target_id in found["id"]:
            targets.delete(ui.shared_store(), ADAZI, int(target_id))


# --- the meeting pack ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("network", "period", "members"), [("lt-municipalities", "2017", 60),
                                                             ("lv-municipalities", "2024", 43)])
def test_meeting_page(open_page: Callable[..., AppTest], network: str, period: str, members: int,
                      lang: str) -> None:
    """The heatmap of every member, each ranking with its median line and unit, the tables and downloads."""
    at = open_page("meeting", lang, network=network, period=period)
    assert not at.exception
    assert [title.value for title in at.title] == [t("meeting.title", lang)]
    heatmap, *rankings = specs(at)
    assert heatmap["data"][0]["type"] == "heatmap" and len(heatmap["data"][0]["y"]) == members
    assert heatmap["layout"]["title"]["text"] == t("meeting.heatmap_title", lang, period=period)
    assert rankings
    for spec in rankings:
        assert [s for s in spec["layout"]["shapes"] if s["type"] == "line"], "the median line"
        assert spec["layout"]["xaxis"]["title"]["text"].startswith(t("ranking.axis", lang, unit="")[:3])
    labels = {button.label for button in at.get("download_button")}
    assert {t("meeting.pdf", lang), t("meeting.excel", lang)} <= labels


# --- elderships ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_elderships_drill_down_and_profile(open_page: Callable[..., AppTest], lang: str) -> None:
    """The drill-down ranks Akmenė's six elderships with the chosen one marked and the median drawn; its
    profile within the municipality and among similar municipalities' elderships follows."""
    at = open_page("elderships", lang, municipality="LT-01", eld_indicator="SYNTH_ELD_SERVICE_SCORE",
                   eld_period="2023", eldership="LT-01-KRU")
    assert not at.exception
    bars, area, within, similar = specs(at)  # the elderships' map follows the bars (its content: test_maps.py)
    assert [trace["type"] for trace in area["data"]][:1] == ["choroplethmap"]
    order = bars["layout"]["yaxis"]["categoryarray"]
    assert order == ["LT-01-NAM", "LT-01-AKM", "LT-01-VEN", "LT-01-KRU", "LT-01-PAP", "LT-01-NAK"]
    ticks = dict(zip(bars["layout"]["yaxis"]["tickvals"], bars["layout"]["yaxis"]["ticktext"], strict=True))
    assert ticks["LT-01-KRU"] == MARK + "Kruopių seniūnija"
    median = [s for s in bars["layout"]["shapes"] if s["type"] == "line"]
    assert median and median[0]["x0"] == 60.5
    assert "points" in bars["layout"]["xaxis"]["title"]["text"]
    for spec in (within, similar):
        assert spec["layout"]["title"]["text"] == t("elderships.profile_title", lang,
                                                    eldership="Kruopių seniūnija (LT-01-KRU)", period="2023")
        assert spec["layout"]["xaxis"]["title"]["text"] == t("elderships.axis", lang)
    bars_within = [trace for trace in within["data"] if trace["type"] == "bar"]
    percentiles = {trace["y"][0]: numbers(trace["x"])[0] for trace in bars_within}
    assert sorted(percentiles.values()) == [20.0, 40.0]


def test_elderships_page_without_a_choice_guides(open_page: Callable[..., AppTest]) -> None:
    """No municipality chosen: a guiding message, no error."""
    at = open_page("elderships", "lt")
    assert not at.exception and t("elderships.choose", "lt") in texts(at, "info")


# --- the practices in the profile's "learn from" panel ------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_learn_from_panel_shows_the_best_performers_practice(open_page: Callable[..., AppTest],
                                                             learning_db: dict, lang: str) -> None:
    """On a weaker municipality's profile, the panel lists the practice its best similar peer recorded."""
    at = open_page("profile", lang, entity=WEAK)
    assert not at.exception
    assert t("practices.panel.heading", lang) in [h.value for h in at.subheader]
    shown = markdown(at)
    assert "Kūdikių sveikatos patikros namuose" in shown
    assert api.entities(ui.shared_store()).set_index("code").loc[learning_db["best"], "name"] in shown


def test_practices_import_through_the_page(open_page: Callable[..., AppTest]) -> None:
    """A coordinator imports a practices file on the page: preview, then commit as one batch; a bad row is
    reported at its row and column instead."""
    at = open_page("practices", "en", identity=COORD)
    bad = b"entity_code,title,links\nLT-30,Bad link,ftp://x\n"
    uploader = next(u for u in at.file_uploader if (u.key or "").startswith("practices_import_file"))
    at = uploader.set_value(("bad.csv", bad, "text/csv")).run()
    assert not at.exception
    assert t("upload.rejected", "en", count=1) in texts(at, "error")
    good = ("savivaldybė,pavadinimas,rodikliai\n"
            "LT-30,Vaikų sveikatos dienos,Mirę kūdikiai 1 000 gyvų gimusiųjų\n")
    uploader = next(u for u in at.file_uploader if (u.key or "").startswith("practices_import_file"))
    at = uploader.set_value(("good.csv", good.encode("utf-8"), "text/csv")).run()
    commit = next(b for b in at.button if b.key == "practices_import_commit")
    at = commit.click().run()
    assert not at.exception
    found = practices.search(ui.shared_store(), text="vaiku sveikatos dienos")
    assert found[["entity_code", "indicator_codes", "owner"]].values.tolist() == [["LT-30", INFANT, "coord"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ranking_draws_the_selected_municipalitys_target(open_page: Callable[..., AppTest], lang: str) -> None:
    """LT-03's absolute target of 3.0 for 2020 is a labelled dotted line on its ranking; another has none."""
    at = open_page("ranking", lang, entity=WEAK, indicator=INFANT, period="2017", peers="country:LT")
    assert not at.exception
    shapes = specs(at)[0]["layout"]["shapes"]
    target = [s for s in shapes if s["line"].get("color") == TARGET_COLOUR]
    assert len(target) == 1 and target[0]["x0"] == target[0]["x1"] == 3.0 and target[0]["line"]["dash"] == "dot"
    labels = [a["text"] for a in specs(at)[0]["layout"]["annotations"]]
    assert any(label.startswith(t("ranking.target", lang, period="2020")) for label in labels)
    other = open_page("ranking", lang, entity="LT-57", indicator=INFANT, period="2017", peers="country:LT")
    assert not [s for s in specs(other)[0]["layout"]["shapes"] if s["line"].get("color") == TARGET_COLOUR]
