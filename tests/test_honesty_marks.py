"""Issue 16.2 on every chart and table: preliminary and estimated values marked, confidential named, zeros drawn,
ties shown, reference values labelled with method and count (the national value over the WHOLE country), and
each member's plain-language summary in the meeting pack — on a small hand-built store, every figure by hand.

Network NET = A, B, C, D, E, F (Lithuanian municipalities); G is Lithuanian too but not a member.
SCORE (higher is better) in 2021: A 5 preliminary, B 3 estimated, C confidential, D 0, E 3, F 7, G 4; in 2020
everyone final (A 4, B 3, C 2, D 1, E 3, F 6, G 4). Among NET: F 1, A 2, B and E share 3, D 5 (percentile 0).
RATE = DEATHS / BIRTHS × 1 000 (lower is better), 2021: A 2/1 000, B 4/800, C 3/600, D 0/700, E 2/900,
F 5/1 000, G 10/2 000. The national value of Lithuania is Σ deaths / Σ births over all seven municipalities:
26 / 7 000 × 1 000 = 3.714…, n = 7 — not the network's 16 / 5 000 × 1 000 = 3.2.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pandas as pd
import pytest
from pypdf import PdfReader

from benchlearn import api
from benchlearn.api import meeting, networks
from benchlearn.api.reports import report_data
from benchlearn.charts import network as network_charts
from benchlearn.charts import profile as profile_charts
from benchlearn.charts import ranking as ranking_charts
from benchlearn.charts import scatter as scatter_charts
from benchlearn.charts import similar as similar_charts
from benchlearn.charts import trends as trend_charts
from benchlearn.charts.marks import value_text
from benchlearn.i18n import t
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.reports.meeting import meeting_pdf, pack_figures
from benchlearn.reports.municipality import municipality_report, report_figures
from benchlearn.store import Store, open_store

ENTITIES = "code,name,kind,country\n" + "".join(f"{c},Town {c},municipality,LT\n" for c in "ABCDEFG")
MEMBERS = "network,entity_code,group_kind,group_name\n" + "".join(f"NET,{c},network,Net\n" for c in "ABCDEF")
INDICATORS = """code,name,unit,polarity,numerator,denominator,multiplier
BIRTHS,Births,persons,neutral,,,
DEATHS,Infant deaths,persons,neutral,,,
RATE,Infant deaths per 1 000 births,per 1 000 births,lower_better,DEATHS,BIRTHS,1000
SCORE,Score,points,higher_better,,,
"""
SCORE_2021 = {"A": ("5", "preliminary"), "B": ("3", "estimated"), "C": ("…", ""), "D": ("0", ""),
              "E": ("3", ""), "F": ("7", ""), "G": ("4", "")}
SCORE_2020 = dict(A=4, B=3, C=2, D=1, E=3, F=6, G=4)
BIRTHS = dict(A=1000, B=800, C=600, D=700, E=900, F=1000, G=2000)
DEATHS = dict(A=2, B=4, C=3, D=0, E=2, F=5, G=10)
CONFIDENTIAL = t("status.confidential", "en")  # "suppressed (confidential)"


def _values() -> bytes:
    rows = ["entity_code,indicator_code,period,value,status"]
    rows += [f"{e},SCORE,2021,{v},{s}" for e, (v, s) in SCORE_2021.items()]
    rows += [f"{e},SCORE,2020,{v}," for e, v in SCORE_2020.items()]
    for code, values in (("BIRTHS", BIRTHS), ("DEATHS", DEATHS)):
        rows += [f"{e},{code},{p},{v}," for p in ("2020", "2021") for e, v in values.items()]
    return ("\n".join(rows) + "\n").encode()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The hand-built store of the module docstring."""
    built = open_store(tmp_path_factory.mktemp("marks") / "marks.duckdb")
    for kind, data, network in ((Kind.ENTITIES, ENTITIES, None), (Kind.MEMBERS, MEMBERS, None),
                                (Kind.INDICATORS, INDICATORS, "NET"), (Kind.VALUES, _values(), None)):
        raw = data if isinstance(data, bytes) else data.encode()
        outcome = api.ingest_bytes(built, raw, f"{kind}.csv", IngestOptions(kind=kind, network=network))
        assert outcome.result.batch_id is not None, outcome
    yield built
    built.close()


def _annotations(figure: dict) -> list[str]:
    return [a.get("text", "") for a in figure["layout"].get("annotations", [])]


def _legend(figure: dict) -> list[str]:
    return [trace.get("name", "") for trace in figure["data"]]


def _scatters(figure: dict) -> list[dict]:
    return [trace for trace in figure["data"] if trace["type"] == "scatter"]


def test_the_national_value_is_over_the_whole_country_not_the_peers(store: Store) -> None:
    comparison = api.compare_indicator(store, "RATE", "2021", "network:NET")
    by = {r["method"]: r for r in comparison.references}
    assert by["national"] == {"method": "national", "country": "LT", "n": 7,
                              "value": pytest.approx(26000 / 7000)}
    rates = [2.0, 5.0, 5.0, 0.0, 2000 / 900, 5.0]  # A … F
    assert by["mean"]["scope"] == "network" and by["mean"]["n"] == 6
    assert by["mean"]["value"] == pytest.approx(sum(rates) / 6)
    assert by["median"]["n"] == 6 and by["median"]["value"] == pytest.approx((2000 / 900 + 5.0) / 2)
    text = ranking_charts.texts("en", comparison.indicator, "2021", "NET", 6, 6)
    figure = ranking_charts.ranked_bars(comparison.table, "A", text, False, 1, comparison.references)
    labels = _legend(figure.to_plotly_json())
    assert "National value LT, Σ numerator / Σ denominator (n = 7): 3.7" in labels
    assert "Network mean (n = 6): 3.2" in labels and "Peer median (n = 6): 3.6" in labels
    dashes = [shape["line"]["dash"] for shape in figure.to_plotly_json()["layout"]["shapes"]]
    assert dashes == ["dash", "dot", "dashdot"]  # each line drawn, its dash shown beside its legend name
    assert "Peer median (n = 6): 3.6" in _annotations(figure.to_plotly_json())
    # a country's peer set has no network mean to draw; its national value is the same whole-country figure
    country = api.compare_indicator(store, "RATE", "2021", "country:LT")
    figure = ranking_charts.ranked_bars(country.table, "A", text, False, 1, country.references)
    labels = _legend(figure.to_plotly_json())
    assert not any(label.startswith("Network mean") for label in labels)
    assert "National value LT, Σ numerator / Σ denominator (n = 7): 3.7" in labels


def test_the_ranking_marks_provisional_values_names_confidential_shows_ties_and_zero(store: Store) -> None:
    comparison = api.compare_indicator(store, "SCORE", "2021", "network:NET")
    table = comparison.table.set_index("entity_code")
    assert table["rank"].dropna().astype(int).to_dict() == {"F": 1, "A": 2, "B": 3, "E": 3, "D": 5}
    text = ranking_charts.texts("en", comparison.indicator, "2021", "NET", 5, 6)
    figure = ranking_charts.ranked_bars(comparison.table, None, text, False, 0,
                                        comparison.references).to_plotly_json()
    bars = [trace for trace in figure["data"] if trace["type"] == "bar"]
    labels = {c[0]: label for trace in bars for c, label in zip(trace["customdata"], trace["text"], strict=True)}
    assert labels["A"] == "5 (preliminary)" and labels["B"] == "3 (estimated)" and labels["C"] == CONFIDENTIAL
    hovers = {c[0]: c[2] for trace in bars for c in trace["customdata"]}
    assert "#=3" in hovers["B"] and "#=3" in hovers["E"]
    ticks = [trace for trace in _scatters(figure) if trace["name"] == "zero"]
    assert len(ticks) == 1 and list(ticks[0]["y"]) == ["D"] and list(ticks[0]["x"]) == [0.0]


def test_the_profile_chart_and_table_mark_values_ties_and_a_zero_percentile(store: Store) -> None:
    labels = {"SCORE": "Score", "RATE": "Rate"}

    def chart(entity: str) -> dict:
        view = api.analyst.profile_view(store, entity, "2021", "network:NET")
        rows = view.table[view.table["polarity"] != "neutral"].assign(
            label=lambda f: f["indicator_code"].map(labels), unit="u")
        text = ranking_charts.ChartText("t", "s", "Percentile", "Median", "en")
        bands = ranking_charts.band_names("en", False)
        return profile_charts.percentile_bars(rows, text, bands, ranking_charts.reasons("en"), False).to_plotly_json()

    texts = {y: label for trace in chart("A")["data"] if trace["type"] == "bar"
             for y, label in zip(trace["y"], trace["text"], strict=True)}
    assert texts["Score"] == "(preliminary)"
    texts = {y: label for trace in chart("B")["data"] if trace["type"] == "bar"
             for y, label in zip(trace["y"], trace["text"], strict=True)}
    assert texts["Score"] == "#=3 (estimated)"  # shares rank 3 with E, and its value is an estimate
    zero = [trace for trace in _scatters(chart("D")) if trace["name"] == "zero"]
    assert len(zero) == 1 and list(zero[0]["y"]) == ["Score"]  # D is last on SCORE: percentile 0
    missing = {y: label for trace in chart("C")["data"] if trace["type"] == "bar"
               for y, label in zip(trace["y"], trace["text"], strict=True)}
    assert missing["Score"] == CONFIDENTIAL
    # the table's cells: a mark after the number, the status word where a confidential value has none
    assert value_text(5.0, "preliminary", "lt", 1) == "5,0 (išankstiniai)"
    assert value_text(None, "confidential", "en", 1) == CONFIDENTIAL and value_text(None, "nil", "en", 1) == ""


def test_the_trend_draws_a_provisional_value_hollow_with_a_legend_entry(store: Store) -> None:
    frame = api.trend(store, "A", "SCORE", "network:NET")
    assert frame["status"].tolist() == ["final", "preliminary"]
    text = ranking_charts.ChartText("t", "s", "points", "Median", "en")
    names = trend_charts.SeriesNames("Town A", "Median", "Middle half")
    figure = trend_charts.trend_band(frame, text, names).to_plotly_json()
    own = next(trace for trace in figure["data"] if trace.get("name") == "Town A")
    assert list(own["marker"]["symbol"]) == ["circle", "circle-open"]
    assert "Preliminary or estimated value" in [trace.get("name") for trace in figure["data"]]
    final = api.trend(store, "F", "SCORE", "network:NET")
    figure = trend_charts.trend_band(final, text, names).to_plotly_json()
    assert "Preliminary or estimated value" not in [trace.get("name") for trace in figure["data"]]


def test_the_heatmap_writes_flags_and_confidential_in_its_cells(store: Store) -> None:
    matrix = api.network_matrix(store, "NET", "2021")
    values = networks.network_values(store, "NET", "2021")
    cells = network_charts.cell_marks(matrix, values, "en")
    assert cells.loc["A", "SCORE"] == "prel." and cells.loc["B", "SCORE"] == "est."
    assert cells.loc["C", "SCORE"] == CONFIDENTIAL and cells.loc["F", "SCORE"] == ""
    text = ranking_charts.ChartText("t", "s", "Percentile", "", "en")
    figure = network_charts.percentile_heatmap(matrix, matrix.map(str), None, {}, {}, text, cells).to_plotly_json()
    written = dict(zip(zip(_scatters(figure)[0]["y"], _scatters(figure)[0]["x"], strict=True),
                       _scatters(figure)[0]["text"], strict=True))
    assert written == {("A", "SCORE"): "prel.", ("B", "SCORE"): "est.", ("C", "SCORE"): CONFIDENTIAL}
    assert "prel. = preliminary value" in figure["layout"]["title"]["subtitle"]["text"]


def test_the_scatter_draws_provisional_points_hollow(store: Store) -> None:
    frame = api.scatter(store, "SCORE", "RATE", "2021", "network:NET").set_index("entity_code")
    assert frame.loc["A", "x_status"] == "preliminary" and frame.loc["C", "x_status"] == "confidential"
    assert pd.isna(frame.loc["C", "x"])  # kept in the table, named there, not drawn
    both = frame.reset_index().dropna(subset=["x", "y"])
    text = scatter_charts.ScatterText("t", "s", "x", "y", "{value}", "{value}", "Peers", "fit", "en")
    figure = scatter_charts.scatter(both, "F", text, False).to_plotly_json()
    peers = figure["data"][0]
    symbols = dict(zip([c[0] for c in peers["customdata"]], peers["marker"]["symbol"], strict=True))
    assert symbols == {"A": "circle-open", "B": "circle-open", "D": "circle", "E": "circle"}
    assert "Preliminary or estimated value" in [trace.get("name") for trace in figure["data"]]


def test_similar_bars_show_ties_a_zero_and_flags() -> None:
    frame = pd.DataFrame({"entity_code": ["A", "B", "C", "D"], "entity_name": ["A", "B", "C", "D"],
                          "distance": [0.0, 0.2, 0.2, 1.0], "match": [100.0, 80.0, 80.0, 0.0]})
    text = ranking_charts.ChartText("t", "s", "Match", "", "en")
    figure = similar_charts.match_bars(frame, "A", text, ["", "prel.", "", ""]).to_plotly_json()
    assert list(figure["data"][0]["text"]) == ["100.0", "#=1 80.0 prel.", "#=1 80.0", "0.0"]
    assert similar_charts.match_ranks(frame) == ["➤", "=1", "=1", "3"]
    zero = [trace for trace in _scatters(figure) if trace["name"] == "zero"]
    assert list(zero[0]["y"]) == ["D"] and list(zero[0]["x"]) == [0.0]


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_the_meeting_pack_says_each_member_in_words_and_marks_its_values(store: Store) -> None:
    pack = meeting.pack(store, "NET", "2021", dt.date.today())
    text = _pdf_text(meeting_pdf(pack, "en", charts_on=False))
    # A: SCORE 5 vs median 3 (better), RATE 2.0 vs median 3.6 (lower is better: better); SCORE 4 → 5 improving
    assert "Each member in plain words" in text
    assert ("Town A in 2021: 2 indicators with a better direction are compared with the peers. Better than the "
            "peer median: 2 indicators.") in text
    assert "Preliminary or estimated, so may still change: 1 value." in text
    assert "5.0 (preliminary)" in text and CONFIDENTIAL in text and "=3" in text
    lithuanian = _pdf_text(meeting_pdf(pack, "lt", charts_on=False))
    assert "Kiekvienas narys paprastai" in lithuanian and "Town A" in lithuanian
    figures = {k: f.to_plotly_json() for k, f in pack_figures(pack, "en").items()}
    assert any(a.startswith("Peer median (n = 5)") for a in _legend(figures["ranking:SCORE"]))
    assert any(a.startswith("National value LT") for a in _legend(figures["ranking:RATE"]))
    heat = _scatters(figures["heatmap"])
    assert heat and "prel." in heat[0]["text"] and CONFIDENTIAL in heat[0]["text"]


def test_the_municipality_report_marks_values_and_draws_labelled_references(store: Store) -> None:
    data = report_data(store, "A", "2021", "network:NET", ("SCORE", "RATE"))
    text = _pdf_text(municipality_report(data, "en", charts_on=False))
    assert "5.0 (preliminary)" in text  # profile, ranking and trend tables
    figures = {k: f.to_plotly_json() for k, f in report_figures(data, "en").items()}
    assert "National value LT, Σ numerator / Σ denominator (n = 7): 3.7" in _legend(figures["ranking:RATE"])
    own = next(t for t in figures["trend:SCORE"]["data"] if t.get("name") == "Town A")
    assert list(own["marker"]["symbol"]) == ["circle", "circle-open"]
