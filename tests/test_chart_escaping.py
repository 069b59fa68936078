"""User text on charts and in markdown is shown as written, never as markup (issue 11, point 8).

Plotly draws every label through a small HTML subset: a municipality named `<a href=…>` became a clickable
link in the charts, `<b>`/`<i>` took effect. Every chart builder is called here with hostile names, labels,
units and peer sets, and the figure JSON is walked for raw markup; the pages' charts, the PDF report's and
the meeting pack's figures are walked on a store holding such names; Chromium shows the name literally, with
no link and no bold. Markdown's autolinks (bare `https://…`, `www.…`, e-mail addresses) stay text too.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import json
import pkgutil
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from browser_support import serve, wait_ready
from page_support import built_copy, copy_store, dashboard_store
from playwright.sync_api import Page
from streamlit.testing.v1 import AppTest

import benchlearn.charts
from benchlearn import api
from benchlearn.api import accounts, meeting, practices, reports
from benchlearn.auth import Identity
from benchlearn.charts import common, network, profile, ranking, scatter, similar, targets, trends
from benchlearn.charts import map as map_charts
from benchlearn.charts.text import chart_t, literal
from benchlearn.ingest import IngestOptions
from benchlearn.ingest.practice_form import PracticeInput
from benchlearn.model import ENTITY_COLUMNS, Kind
from benchlearn.reports.meeting import pack_figures
from benchlearn.reports.municipality import report_figures
from benchlearn.store import Store
from benchlearn.ui.plain_text import plain

ROOT = Path(__file__).resolve().parents[1]
# Plotly's live HTML subset, an ampersand, and text markdown would turn into links
MARKUP = '<b>B</b><i>I</i><a href="https://example.org/x">A</a><sup>S</sup> &'
LINKS = "https://example.org/y www.example.org me@example.org"
NAME, INDICATOR, UNIT, PEERS = f"Town {MARKUP}", f"Births {MARKUP}", f"<span style='color:red'>{MARKUP}</span>", \
    f"Peers {MARKUP}"
RAW = ("<b>", "</b>", "<i>", "</i>", "<a ", "<a>", "</a>", "<sup>", "<span")
SHOWN = literal(MARKUP)  # '&lt;b&gt;B&lt;/b&gt;…&amp;' — what plotly turns back into the characters
DOUBLE = ("&amp;lt;", "&amp;gt;", "&amp;amp;")
LANG = "en"


# --- walking a figure -------------------------------------------------------------------------------------

def strings(node: object) -> Iterator[str]:
    """Every string in a figure's JSON, the template (plotly's own styling) left out."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "template":
                yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def problems(spec: dict) -> list[str]:
    """Raw user markup or doubly escaped text anywhere in the figure `spec` (its JSON as a dict)."""
    found = []
    for text in strings(spec):
        found += [f"raw {piece!r} in {text[:90]!r}" for piece in RAW if piece in text]
        found += [f"escaped twice {piece!r} in {text[:90]!r}" for piece in DOUBLE if piece in text]
    return found


def shows_literally(spec: dict) -> bool:
    """True when the hostile markup is in the figure as text plotly shows literally."""
    return any(SHOWN in text for text in strings(spec))


def spec_of(fig: go.Figure) -> dict:
    """The figure as the browser receives it."""
    return json.loads(fig.to_json())


# --- every builder, called with hostile text --------------------------------------------------------------

def _text(lang: str = LANG) -> ranking.ChartText:
    return ranking.ChartText(chart_t("trends.chart_title", lang, indicator=INDICATOR, entity=NAME),
                             chart_t("trends.subtitle", lang, polarity="higher", peers=PEERS),
                             chart_t("trends.axis", lang, unit=UNIT), "median", lang)


def _comparison() -> pd.DataFrame:
    return pd.DataFrame({
        "entity_code": ["A", "B", "C", "D"], "entity_name": [NAME, f"Other {MARKUP}", "Plain", f"Empty {MARKUP}"],
        "value": [3.0, 2.0, 1.0, None], "rank": [1, 2, 3, None], "percentile": [100.0, 50.0, 0.0, None],
        "band": ["top", "lower_middle", "bottom", "no_data"], "status": ["final", "final", "final", "confidential"],
    })


def _meta() -> dict:
    return {"name_en": INDICATOR, "unit": UNIT, "polarity": "higher_better", "decimals": 1}


def _geojson() -> dict:
    def square(code: str, x: float) -> dict:
        ring = [[x, 55.0], [x + 1, 55.0], [x + 1, 56.0], [x, 56.0], [x, 55.0]]
        return {"type": "Feature", "properties": {map_charts.CODE_PROPERTY: code},
                "geometry": {"type": "Polygon", "coordinates": [ring]}}
    return {"type": "FeatureCollection", "features": [square(c, i) for i, c in enumerate("ABCD")]}


def _trend() -> pd.DataFrame:
    return pd.DataFrame({"period": ["2020", "2021", "2022"], "period_key": [2020.0, 2021.0, 2022.0],
                         "n": [3, 3, 3], "p25": [1.0, 1.5, 2.0], "median": [2.0, 2.5, 3.0],
                         "p75": [3.0, 3.5, 4.0], "value": [2.5, None, 3.5]})


def _names() -> trends.SeriesNames:
    return trends.SeriesNames(NAME, f"median {MARKUP}", f"band {MARKUP}")


def coverage_heatmap() -> go.Figure:
    coverage = pd.DataFrame({"indicator_code": ["X", "Y"], "period": ["2020", "2020"], "period_key": [2020, 2020],
                             "with_value": [3, 4]})
    return common.coverage_heatmap(coverage, {"X": INDICATOR, "Y": UNIT}, "coverage", "municipalities")


def choropleth() -> go.Figure:
    table = _comparison()
    return map_charts.choropleth(table, _geojson(), "A", ranking.texts(LANG, _meta(), "2020", PEERS, 3, 4), "value",
                          "higher_better", ({"lat": 55.5, "lon": 2.0}, 5.0))


def choropleth_missing_chosen() -> go.Figure:
    return map_charts.choropleth(_comparison(), _geojson(), "D", ranking.texts(LANG, _meta(), "2020", PEERS, 3, 4),
                          "percentile", "higher_better", ({"lat": 55.5, "lon": 2.0}, 5.0))


def percentile_heatmap() -> go.Figure:
    matrix = pd.DataFrame({"X": [80.0, 20.0], "Y": [None, 60.0]},
                          index=pd.Index(["A", "B"], name="entity_code"))
    matrix.columns.name = "indicator_code"
    values = pd.DataFrame({"entity_code": ["A", "A", "B", "B"], "indicator_code": ["X", "Y", "X", "Y"],
                           "value": [5.0, None, 2.0, 7.0], "status": ["final", "confidential", "final", "final"]})
    meta = pd.DataFrame({"code": ["X", "Y"], "name_en": [INDICATOR, f"Second {MARKUP}"], "unit": [UNIT, UNIT],
                         "decimals": [1, 1]})
    names = {"A": NAME, "B": f"Other {MARKUP}"}
    hover = network.hover_grid(matrix, values, meta, names, LANG)
    return network.percentile_heatmap(matrix, hover, "A", names, {"X": INDICATOR, "Y": f"Second {MARKUP}"}, _text())


def contribution_bars() -> go.Figure:
    scores = pd.DataFrame({"entity_code": ["A", "B"], "score": [0.8, 0.3]})
    parts = pd.DataFrame({"entity_code": ["A", "A", "B", "B"], "indicator_code": ["X", "Y", "X", "Y"],
                          "contribution": [0.5, 0.3, 0.2, 0.1], "weight": [0.5, 0.5, 0.5, 0.5],
                          "normalised": [1.0, 0.6, 0.4, 0.2]})
    return network.contribution_bars(scores, parts, "A", {"A": NAME, "B": f"Other {MARKUP}"},
                                     {"X": INDICATOR, "Y": f"Second {MARKUP}"}, _text(), f"score {MARKUP}")


def percentile_bars() -> go.Figure:
    table = pd.DataFrame({"indicator_code": ["X", "Y", "Z"],
                          "label": [INDICATOR, f"Second {MARKUP}", f"Third {MARKUP}"],
                          "percentile": [90.0, 30.0, None], "band": ["top", "lower_middle", "no_data"],
                          "value": [5.0, 2.0, None], "unit": [UNIT, None, UNIT], "peer_median": [3.0, 3.0, None],
                          "status": ["final", "final", "not_available"]})
    bands = {**ranking.band_names(LANG, False), "top": f"top {MARKUP}"}
    return profile.percentile_bars(table, _text(), bands, {"not_available": f"why {MARKUP}"}, neutral=False)


def ranked_bars() -> go.Figure:
    return ranking.ranked_bars(_comparison(), "A", ranking.texts(LANG, _meta(), "2020", PEERS, 3, 4), False)


def distribution() -> go.Figure:
    return ranking.distribution(_comparison(), "A", _text(), f"peers {MARKUP}")


def scatter_plot() -> go.Figure:
    frame = pd.DataFrame({"entity_code": ["A", "B", "C"], "entity_name": [NAME, f"Other {MARKUP}", "Plain"],
                          "x": [1.0, 2.0, 3.0], "y": [2.0, 1.0, 4.0]})
    text = scatter.ScatterText(
        title=chart_t("scatter.chart_title", LANG, x=INDICATOR, y=f"Second {MARKUP}", period="2020"),
        subtitle=chart_t("scatter.subtitle", LANG, peers=PEERS, n=3),
        x_axis=chart_t("scatter.axis", LANG, name=INDICATOR, unit=UNIT, polarity="higher"),
        y_axis=chart_t("scatter.axis", LANG, name=f"Second {MARKUP}", unit=UNIT, polarity="lower"),
        median_x="median {value}", median_y="median {value}", peers=f"peers {MARKUP}",
        trend="y = {slope}x + {intercept}, R² = {r2}", lang=LANG)
    return scatter.scatter(frame, "A", text, trend=True)


def match_bars() -> go.Figure:
    frame = pd.DataFrame({"entity_code": ["A", "B"], "entity_name": [NAME, f"Other {MARKUP}"],
                          "distance": [0.0, 0.4], "match": [100.0, 60.0]})
    return similar.match_bars(frame, "A", _text())


def trend_band() -> go.Figure:
    return trends.trend_band(_trend(), _text(), _names())


def version_marks() -> go.Figure:
    return trends.mark_breaks(trend_band(), ["2023", "2024"], [("2024", f"version 2 {MARKUP}")])


def target_trend() -> go.Figure:
    target = {"period": "2024", "target_key": 2024.0, "baseline_period": "2020", "baseline_key": 2020.0,
              "baseline_value": 2.5, "target_value": 5.0}
    marks = targets.TargetNames(f"target {MARKUP}", f"path {MARKUP}")
    return targets.target_trend(_trend(), target, _text(), _names(), marks)


def progress_bars() -> go.Figure:
    progress = pd.DataFrame({"id": [1, 2], "status": ["on_track", "pending"], "share": [40.0, None]})
    return targets.progress_bars(progress, [INDICATOR, f"{NAME} · {UNIT}"], _text(),
                                 {"on_track": f"on track {MARKUP}", "pending": "pending"})


def target_line() -> go.Figure:
    return targets.add_target_line(go.Figure(go.Bar(x=[1.0], y=["A"], orientation="h")), 2.0,
                                   f"target {MARKUP}", LANG)


# builder → the cases that call it (the coverage test below holds every builder of benchlearn.charts to this)
CASES: dict[str, list[Callable[[], go.Figure]]] = {
    "common.coverage_heatmap": [coverage_heatmap],
    "map.choropleth": [choropleth, choropleth_missing_chosen],
    "network.percentile_heatmap": [percentile_heatmap],
    "network.contribution_bars": [contribution_bars],
    "profile.percentile_bars": [percentile_bars],
    "ranking.ranked_bars": [ranked_bars],
    "ranking.distribution": [distribution],
    "scatter.scatter": [scatter_plot],
    "similar.match_bars": [match_bars],
    "trends.trend_band": [trend_band],
    "trends.mark_breaks": [version_marks],
    "targets.target_trend": [target_trend],
    "targets.progress_bars": [progress_bars],
    "targets.add_target_line": [target_line],
}


@pytest.mark.parametrize("build", [case for cases in CASES.values() for case in cases],
                         ids=lambda case: case.__name__)
def test_every_chart_builder_shows_user_text_literally(build: Callable[[], go.Figure]) -> None:
    """No tag of a name, label, unit, legend entry or peer set is left for plotly to interpret, nothing is
    escaped twice, and the text is there (as entities plotly shows as the characters)."""
    spec = spec_of(build())
    assert problems(spec) == []
    assert shows_literally(spec)


def test_every_chart_builder_is_covered() -> None:
    """Every function of benchlearn.charts that returns a figure has a case above."""
    builders = set()
    for info in pkgutil.iter_modules(benchlearn.charts.__path__):
        module = importlib.import_module(f"benchlearn.charts.{info.name}")
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ == module.__name__ and "Figure" in str(inspect.signature(func).return_annotation):
                builders.add(f"{info.name}.{name}")
    assert builders == set(CASES)


def test_our_own_markup_stays() -> None:
    """Line breaks we put into titles and hovers stay line breaks; only the user's text is escaped."""
    assert literal('a & <b>"x"</b>') == 'a &amp; &lt;b&gt;"x"&lt;/b&gt;'
    assert literal(None) == "" and literal(float("nan")) == ""
    title = chart_t("scatter.chart_title", LANG, x="<i>x</i>", y="y", period="2020")
    assert "<br>" in title and "&lt;i&gt;x&lt;/i&gt;" in title and "<i>" not in title
    heatmap = spec_of(percentile_heatmap())
    hover = heatmap["data"][0]["text"][0][0]
    assert hover.startswith(literal(NAME) + "<br>" + literal(INDICATOR) + "<br>")


# --- markdown: no autolinks in escaped user text ----------------------------------------------------------

# GitHub-flavoured markdown's literal autolinks (mdast-util-gfm-autolink-literal), run on the text after the
# backslash escapes are read, as the renderer does
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINKS = (re.compile(r"(https?://|www(?=\.))[-.\w]+", re.IGNORECASE | re.ASCII),
              re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII))


def autolinks(markdown: str) -> list[str]:
    """What a GFM renderer would turn into links in `markdown`."""
    text = _ESCAPE.sub(r"\1", markdown)
    return [m.group(0) for pattern in _AUTOLINKS for m in pattern.finditer(text)]


def test_the_markdown_escaper_leaves_nothing_to_autolink() -> None:
    """Bare addresses in user text stay text (a word joiner breaks each pattern), tags stay escaped."""
    assert autolinks(LINKS) == ["https://example.org", "www.example.org", "me@example.org"]  # the check works
    for text in (LINKS, "HTTP://EXAMPLE.ORG", "see http://x.org.", "WWW.EXAMPLE.ORG", "a.b+c@mail.example.lt"):
        assert autolinks(plain(text)) == [], plain(text)
    assert _ESCAPE.sub(r"\1", plain(LINKS)).replace("\u2060", "") == LINKS  # shown as written


# --- the hostile store: pages, report and meeting pack ----------------------------------------------------

ENTITY, IND, PERIOD, NETWORK = "LT-01", "BIRTHS", "2017", "lt-municipalities"
PARAMS = {"entity": ENTITY, "peers": "country:LT", "indicator": IND, "period": PERIOD, "network": NETWORK,
          "x": "POP_DENSITY", "y": IND, "lang": LANG}
ADMIN, ADMIN_PW = "charts-admin", "charts-admin-pw-1"
PRACTICE = f"Practice {LINKS}"
CHART_PAGES = ("home", "profile", "ranking", "trends", "map", "scatter", "network", "similar", "targets",
               "meeting", "elderships", "exports")
# the pages whose charts show the hostile municipality, indicator or unit with these parameters
SHOWING = {"home", "profile", "ranking", "trends", "map", "scatter", "network"}


def _csv(rows: list[list[object]]) -> bytes:
    return "\n".join(",".join('"' + str("" if v is None or v != v else v).replace('"', '""') + '"' for v in row)
                     for row in rows).encode()


def make_hostile(store: Store) -> None:
    """A municipality, an indicator (name and unit) and a practice with hostile text, through the upload path."""
    row = api.entities(store).set_index("code").loc[ENTITY].to_dict() | {"name": NAME, "aliases": None}
    api.ingest_bytes(store, _csv([list(ENTITY_COLUMNS), [ENTITY] + [row[c] for c in ENTITY_COLUMNS[1:]]]),
                     "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    meta = api.indicators(store).set_index("code").loc[IND]
    api.ingest_bytes(store, _csv([["code", "name", "unit", "polarity", "name_lt", "name_lv", "min"],
                                  [IND, INDICATOR, UNIT, meta["polarity"], INDICATOR, INDICATOR, meta["min_value"]]]),
                     "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    accounts.add_user(store, ADMIN, ADMIN_PW, "admin")
    practices.add(store, Identity.issue(ADMIN, "admin"), PracticeInput(
        entity_code=ENTITY, title=PRACTICE, body=LINKS, indicator_codes=(IND,), network_code=NETWORK,
        started_period=PERIOD, language=LANG))


@pytest.fixture(scope="module")
def hostile_template(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store with the hostile names, built once; tests copy it."""
    return built_copy(demo_db, tmp_path_factory.mktemp("hostile_charts"), "hostile", make_hostile)


@pytest.fixture
def hostile_db(hostile_template: Path, tmp_path: Path) -> Path:
    """A private copy of the hostile store."""
    return copy_store(hostile_template, tmp_path, "hostile")


@pytest.fixture
def shared(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's own store on the hostile copy (AppTest runs the pages in this process)."""
    with dashboard_store(hostile_db, monkeypatch) as store:
        yield store


def run_page(stem: str) -> AppTest:
    """A page of the dashboard with the comparison in the URL."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for key, value in PARAMS.items():
        at.query_params[key] = value
    return at.switch_page(f"pages/{stem}.py").run()


def test_page_charts_show_hostile_names_literally(shared: Store) -> None:
    """Every chart of every chart page (titles composed by the pages included): no raw markup."""
    found, showing = {}, set()
    for stem in CHART_PAGES:
        at = run_page(stem)
        assert not at.exception, f"{stem}: {[e.value for e in at.exception]}"
        for chart in at.get("plotly_chart"):
            spec = json.loads(chart.proto.spec)
            if bad := problems(spec):
                found[stem] = bad[:3]
            if shows_literally(spec):
                showing.add(stem)
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
    assert showing >= SHOWING, sorted(showing)


def test_report_and_meeting_pack_figures_show_hostile_names_literally(shared: Store) -> None:
    """The static images of the PDF report and of the meeting pack are built from the same text rules."""
    data = reports.report_data(shared, ENTITY, PERIOD, "country:LT", (IND,))
    pack = meeting.pack(shared, NETWORK, PERIOD, dt.date(2000, 1, 1))
    figures = {**report_figures(data, LANG), **{f"pack {k}": f for k, f in pack_figures(pack, LANG).items()}}
    found = {key: problems(spec_of(fig)) for key, fig in figures.items()}
    assert {key: bad for key, bad in found.items() if bad} == {}
    assert {key for key, fig in figures.items() if shows_literally(spec_of(fig))} >= {
        f"ranking:{IND}", f"trend:{IND}", "pack heatmap", f"pack ranking:{IND}"}


def test_practice_text_reaches_markdown_without_autolinks(shared: Store) -> None:
    """The practices page shows a title and body full of addresses: no markdown element would link them."""
    at = run_page("practices")
    assert not at.exception
    bodies = [m.value for m in [*at.markdown, *at.caption] if "example" in m.value]
    assert bodies, "the practice should be on the page"
    assert {body: autolinks(body) for body in bodies if autolinks(body)} == {}


def test_a_chart_and_a_practice_in_chromium_show_the_text_without_links(hostile_db: Path, tmp_path: Path,
                                                                          page: Page) -> None:
    """In a real browser: the ranking's bars name the municipality with its tags as text (no <a>, no bold,
    no italics in the chart's SVG), and the practice's addresses are not links."""
    query = "&".join(f"{k}={v}" for k, v in PARAMS.items())
    with serve(hostile_db, tmp_path / "streamlit.log") as url:
        page.goto(f"{url}/ranking?{query}")
        wait_ready(page, timeout_ms=60_000)
        chart = page.locator(".js-plotly-plot").first
        chart.locator(".ytick text").first.wait_for()
        ticks = chart.locator(".ytick text").all_text_contents()
        assert any(MARKUP in tick for tick in ticks), ticks  # the name as written, tags and all
        assert chart.locator("a").count() == 0
        # the theme sets whole titles bold; a live <b>B</b> or <i>I</i> would style just that letter
        styled = chart.locator('tspan[style*="font-weight:bold"], tspan[style*="font-style:italic"]')
        assert {"B", "I"}.isdisjoint(styled.all_text_contents())
        assert page.locator('a[href*="example.org"]').count() == 0
        page.goto(f"{url}/practices?lang={LANG}")
        wait_ready(page, timeout_ms=60_000)
        shown = page.locator("[data-testid=stMain]").inner_text().replace("\u2060", "")
        assert "https://example.org/y" in shown and "me@example.org" in shown
        assert page.locator('a[href*="example.org"], a[href^="mailto:"]').count() == 0


def test_a_crafted_link_shows_its_bad_value_without_markup(shared: Store) -> None:
    """A shared link whose peer set is a markdown link and addresses: the page's warning names the value as
    text (no link syntax left live, nothing to autolink)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for key, value in PARAMS.items():
        at.query_params[key] = value
    at.query_params["peers"] = f"[log in here](https://example.org/phish) {LINKS}"
    at.switch_page("pages/ranking.py").run()
    assert not at.exception
    bodies = [w.value for w in at.warning if "example" in w.value]
    assert bodies, "the page should say the link's peer set is unknown"
    assert [body for body in bodies if "](" in body or autolinks(body)] == []
