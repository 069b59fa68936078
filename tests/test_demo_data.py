"""The shipped demo data and the Swedish test metadata are consistent with the real data they describe.

Plain `csv` and `json` only: these checks must hold before any Benchlearn code reads the files.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from benchlearn.model import (
    ENTITY_COLUMNS,
    ENTITY_REQUIRED,
    INDICATOR_COLUMNS,
    INDICATOR_REQUIRED,
    MEMBER_COLUMNS,
    Polarity,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
DEMO = DATA / "demo"
SWEDEN = ROOT / "tests" / "data" / "sweden"
BALTIC_TIDY = DATA / "baltic_demo_lt_lv_tidy.csv"
FINNISH_TIDY = DATA / "fi_sotkanet_municipal_1990_2012_tidy.csv.gz"
SWEDEN_TIDY = SWEDEN / "se_municipalities_2002_2022_tidy.csv"
TIDY_COLUMNS = ["entity_code", "entity_name", "indicator_code", "indicator_name", "unit", "period", "value",
                "source"]
DEMO_INDICATOR_FILES = [DEMO / "indicators_lt.csv", DEMO / "indicators_lv.csv", DEMO / "indicators_fi.csv"]
INDICATOR_FILES = [*DEMO_INDICATOR_FILES, SWEDEN / "indicators.csv"]
ENTITY_FILES = [DEMO / "entities.csv", SWEDEN / "entities.csv"]
LT_ISO = DATA / "lt_municipalities_iso3166-2.csv"
LV_ISO = DATA / "lv_municipalities_iso3166-2.csv"
ALL_CSV = [
    BALTIC_TIDY, SWEDEN_TIDY, LT_ISO, LV_ISO, *ENTITY_FILES, *INDICATOR_FILES,
    DEMO / "members.csv", DEMO / "networks.csv",
]


@cache
def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a UTF-8 CSV, read as any spreadsheet user's file would be."""
    raw = path.read_bytes()
    text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV (see `read`)."""
    return read(path)[1]


def codes(path: Path, column: str = "code") -> set[str]:
    """The distinct values of one column."""
    return {row[column] for row in rows(path)}


@pytest.mark.parametrize("path", ALL_CSV, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_csv_is_utf8_without_bom_and_rectangular(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")  # raises on anything but UTF-8
    with path.open(encoding="utf-8", newline="") as handle:
        widths = Counter(len(record) for record in csv.reader(handle))
    assert len(widths) == 1, f"ragged rows: {widths}"
    header, body = read(path)
    assert body and len(set(header)) == len(header)


@pytest.mark.parametrize(("path", "canonical", "required"), [
    *[pytest.param(p, ENTITY_COLUMNS, ENTITY_REQUIRED, id=f"{p.parent.name}/{p.name}") for p in ENTITY_FILES],
    *[pytest.param(p, INDICATOR_COLUMNS, INDICATOR_REQUIRED, id=f"{p.parent.name}/{p.name}")
      for p in INDICATOR_FILES],
    pytest.param(DEMO / "members.csv", MEMBER_COLUMNS, MEMBER_COLUMNS, id="demo/members.csv"),
])
def test_metadata_uses_canonical_columns_and_unique_codes(
    path: Path, canonical: tuple[str, ...], required: tuple[str, ...]
) -> None:
    header, body = read(path)
    assert set(header) <= set(canonical) and set(required) <= set(header)
    assert all(row[c].strip() == row[c] != "" for row in body for c in required)
    if "code" in header:
        duplicated = [c for c, n in Counter(row["code"] for row in body).items() if n > 1]
        assert duplicated == []


@pytest.mark.parametrize(("tidy", "entities"), [
    (BALTIC_TIDY, DEMO / "entities.csv"), (SWEDEN_TIDY, SWEDEN / "entities.csv"),
], ids=["baltic", "sweden"])
def test_every_entity_of_the_data_is_described(tidy: Path, entities: Path) -> None:
    assert read(tidy)[0] == TIDY_COLUMNS
    assert codes(tidy, "entity_code") <= codes(entities)


def test_finnish_data_is_the_shared_collection_and_every_municipality_is_described() -> None:
    """The Sotkanet file ships as converted (no source column: every indicator names THL as its source);
    each municipality is `FI-` + Statistics Finland's number, with that number and the source code as aliases."""
    header, body = read(FINNISH_TIDY)
    assert header == TIDY_COLUMNS[:-1] and len(body) == 216_183
    assert len({(r["entity_code"], r["indicator_code"], r["period"]) for r in body}) == len(body)
    finnish = {r["code"]: r for r in rows(DEMO / "entities.csv") if r["country"] == "FI"}
    tidy = {r["entity_code"]: r["entity_name"] for r in body}
    assert len(finnish) == len(tidy) == 320
    for source_code, name in tidy.items():
        number = source_code.removeprefix("FI-KUNTA-")
        row = finnish[f"FI-{number}"]
        assert (row["name"], row["aliases"], row["kind"]) == (name, f"{number}|{source_code}", "municipality")
    helsinki = [r["value"] for r in body if (r["entity_code"], r["indicator_code"], r["period"])
                == ("FI-KUNTA-091", "SOTKANET-127", "2012")]
    assert helsinki == ["603968.0"]
    population = sum(float(r["value"]) for r in body if (r["indicator_code"], r["period"]) == ("SOTKANET-127", "2012"))
    assert population == 5_426_674  # Finland's official population on 31.12.2012


@pytest.mark.parametrize(("tidy", "indicator_files"), [
    (BALTIC_TIDY, [DEMO / "indicators_lt.csv", DEMO / "indicators_lv.csv"]),
    (FINNISH_TIDY, [DEMO / "indicators_fi.csv"]),
    (SWEDEN_TIDY, [SWEDEN / "indicators.csv"]),
], ids=["baltic", "finland", "sweden"])
def test_every_indicator_of_the_data_is_described_with_its_range_respected(
    tidy: Path, indicator_files: list[Path]
) -> None:
    meta = {row["code"]: row for path in indicator_files for row in rows(path)}
    stored = [code for code, row in meta.items() if not row["numerator"]]
    assert codes(tidy, "indicator_code") == set(stored)  # derived ratios are never stored
    for row in rows(tidy):
        if row["value"] == "x":  # not applicable (issue 16.2: a state city has no municipal roads)
            continue
        indicator, value = meta[row["indicator_code"]], float(row["value"])
        assert not indicator["min"] or value >= float(indicator["min"]), row
        assert not indicator["max"] or value <= float(indicator["max"]), row


def test_baltic_indicator_files_are_split_by_country() -> None:
    lt, lv = codes(DEMO / "indicators_lt.csv"), codes(DEMO / "indicators_lv.csv")
    by_country: dict[str, set[str]] = {"LT": set(), "LV": set()}
    for row in rows(BALTIC_TIDY):
        by_country[row["entity_code"][:2]].add(row["indicator_code"])
    assert by_country["LT"] <= lt and by_country["LV"] <= lv and not lt & lv


@pytest.mark.parametrize("path", INDICATOR_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_indicator_metadata_is_valid(path: Path) -> None:
    own = codes(path)
    for row in rows(path):
        assert row["polarity"] in {p.value for p in Polarity}, row["code"]
        assert row["decimals"].isdigit(), row["code"]
        if row["min"] and row["max"]:
            assert float(row["min"]) < float(row["max"]), row["code"]
        ratio = (row["numerator"], row["denominator"], row["multiplier"])
        assert all(ratio) or not any(ratio), row["code"]
        if row["numerator"]:
            # a ratio's parts are stored indicators of the same file, so a network links them together
            assert {row["numerator"], row["denominator"]} <= own - {row["code"]}, row["code"]
            assert float(row["multiplier"]) > 0, row["code"]
        if row["polarity"] != Polarity.NEUTRAL:
            assert "better" in row["description"], f"{row['code']}: say why a direction is better"


def test_indicator_names_are_unique_in_each_language() -> None:
    """Files may name indicators instead of coding them: a name shared by two indicators could not resolve."""
    demo = [row for path in DEMO_INDICATOR_FILES for row in rows(path)]
    for column in ("name", "name_lt", "name_lv"):
        names = [row[column].casefold() for row in demo]
        assert all(names) and len(set(names)) == len(names), column


def test_entity_counts_kinds_and_parents() -> None:
    entities = rows(DEMO / "entities.csv")
    kinds = Counter((row["country"], row["kind"]) for row in entities)
    assert kinds == {("LT", "county"): 10, ("LT", "municipality"): 60, ("LV", "municipality"): 43,
                     ("FI", "municipality"): 320}
    counties = {row["code"] for row in entities if row["kind"] == "county"}
    for row in entities:
        assert (row["parent_code"] in counties) == (row["country"] == "LT" and row["kind"] == "municipality")


def test_entities_match_the_iso_code_lists() -> None:
    lt = {r["iso_3166_2"]: r for r in rows(LT_ISO)}
    lv = {r["iso_3166_2"]: r for r in rows(LV_ISO)}
    for row in rows(DEMO / "entities.csv"):
        if row["code"] in lt:
            iso = lt[row["code"]]
            assert row["name"] == iso["name_lt_short"] and row["parent_code"] == iso["county_iso"]
            assert {iso["name_iso"], iso["name_en_statistics_lt"]} <= set(row["aliases"].split("|"))
        elif row["code"] in lv:
            assert row["name"].casefold() == lv[row["code"]]["name"].casefold()
    municipalities = {r["code"] for r in rows(DEMO / "entities.csv")
                      if r["kind"] == "municipality" and r["country"] != "FI"}
    assert set(lt) | set(lv) == municipalities


def test_no_alias_is_shared_by_two_entities() -> None:
    owners: dict[str, set[str]] = {}
    for row in rows(DEMO / "entities.csv"):
        for label in [row["name"], *filter(None, row["aliases"].split("|"))]:
            owners.setdefault(label.casefold(), set()).add(row["code"])
    assert {label: c for label, c in owners.items() if len(c) > 1} == {}


def test_merger_and_validity_dates() -> None:
    demo = {row["code"]: row for row in rows(DEMO / "entities.csv")}
    assert (demo["LV-102"]["valid_to"], demo["LV-102"]["successor_code"]) == ("2025-06-30", "LV-059")
    successors = {row["successor_code"] for row in demo.values()} - {""}
    assert successors <= set(demo)
    sweden = {row["code"]: row for row in rows(SWEDEN / "entities.csv")}
    assert len(sweden) == 290 and sweden["0330"]["name"] == "Knivsta"
    assert [c for c, row in sweden.items() if row["valid_from"]] == ["0330"]
    assert sweden["0330"]["valid_from"] == "2003-01-01"
    periods = {row["period"] for row in rows(SWEDEN_TIDY) if row["entity_code"] == "0330"}
    assert min(periods) > "2002"  # the data agrees: Knivsta has no values before it existed


def test_swedish_names_keep_their_letters_and_codes_their_zeros() -> None:
    sweden = {row["code"]: row["name"] for row in rows(SWEDEN / "entities.csv")}
    tidy = {row["entity_code"]: row["entity_name"] for row in rows(SWEDEN_TIDY)}
    assert sweden == tidy
    assert sweden["0114"] == "Upplands Väsby" and all(len(c) == 4 and c.isdigit() for c in sweden)


def test_networks_and_peer_groups() -> None:
    networks = {row["code"]: row for row in rows(DEMO / "networks.csv")}
    entities = codes(DEMO / "entities.csv")
    members = rows(DEMO / "members.csv")
    assert {row["entity_code"] for row in members} <= entities
    assert len({(row["group"], row["entity_code"]) for row in members}) == len(members)
    groups = {(row["group"], row["group_kind"], row["group_name"]) for row in members}
    assert len({g for g, _, _ in groups}) == len(groups)  # one kind and one name per group
    assert {g for g, kind, _ in groups if kind == "network"} == set(networks)
    for code, network in networks.items():
        assert network["name"].endswith("(example network)")
        assert (DEMO / f"indicators_{network['indicator_file']}.csv").is_file()
        followed = set(filter(None, network["indicators"].split("|")))
        assert followed <= codes(DEMO / f"indicators_{network['indicator_file']}.csv")
        assert {(code, "network", network["name"])} <= groups
    counties = {row["code"]: row["name"] for row in rows(DEMO / "entities.csv") if row["kind"] == "county"}
    assert {(g, name) for g, kind, name in groups if kind == "peer_group"} == set(counties.items())


def test_example_networks_follow_the_real_groupings() -> None:
    by_group: dict[str, set[str]] = {}
    for row in rows(DEMO / "members.csv"):
        by_group.setdefault(row["group"], set()).add(row["entity_code"])
    lt, lv = rows(LT_ISO), rows(LV_ISO)
    for group, form in (("lt-city-municipalities", " m. sav."), ("lt-district-municipalities", " r. sav.")):
        assert by_group[group] == {r["iso_3166_2"] for r in lt if r["name_lt_short"].endswith(form)}
    assert by_group["lv-state-cities"] == {r["iso_3166_2"] for r in lv if r["type"] == "State city"}
    assert len(by_group["lt-city-municipalities"]) == 7 and len(by_group["lv-state-cities"]) == 7
    assert by_group["lv-municipalities"] == {r["iso_3166_2"] for r in lv}
    for r in lt:
        assert r["iso_3166_2"] in by_group[r["county_iso"]]


def test_finnish_example_networks_follow_population_and_show_a_full_heatmap() -> None:
    """Built from the data shipped (population on 31.12.2012), not from memory; every member has a 2011 value
    on each of the network's directional indicators (a dozen or more), so the heatmap and a composite are full."""
    body = rows(FINNISH_TIDY)
    population = {r["entity_code"].replace("FI-KUNTA-", "FI-"): float(r["value"]) for r in body
                  if (r["indicator_code"], r["period"]) == ("SOTKANET-127", "2012")}
    by_group: dict[str, set[str]] = {}
    for row in rows(DEMO / "members.csv"):
        by_group.setdefault(row["group"], set()).add(row["entity_code"])
    assert by_group["fi-over-50000"] == {c for c, n in population.items() if n > 50_000}
    assert by_group["fi-20000-30000"] == {c for c, n in population.items() if 20_000 <= n < 30_000}
    meta = {r["code"]: r for r in rows(DEMO / "indicators_fi.csv")}
    valued = {(r["entity_code"].replace("FI-KUNTA-", "FI-"), r["indicator_code"])
              for r in body if r["period"] == "2011"}
    for network in rows(DEMO / "networks.csv"):
        if network["indicator_file"] != "fi":
            continue
        directional = [c for c in network["indicators"].split("|") if meta[c]["polarity"] != Polarity.NEUTRAL]
        assert len(directional) >= 12 and 10 <= len(by_group[network["code"]]) <= 20
        assert {(e, c) for e in by_group[network["code"]] for c in directional} <= valued


def test_geojson_covers_the_lithuanian_municipalities() -> None:
    features = json.loads((DATA / "lt_municipalities.geojson").read_text(encoding="utf-8"))["features"]
    keys = [feature["properties"]["iso_3166_2"] for feature in features]
    entities = rows(DEMO / "entities.csv")
    lt = {r["code"] for r in entities if (r["country"], r["kind"]) == ("LT", "municipality")}
    assert len(keys) == len(set(keys)) == 60 and set(keys) == lt


def test_attribution_carries_the_required_lines() -> None:
    text = (DATA / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for line in (
        "Source: Statistics Lithuania; Official Statistics Portal of Latvia (CSP).",
        "Map data © OpenStreetMap contributors, available under the Open Database License (ODbL) 1.0.",
        "Code lists: ISO 3166-2 (as distributed in Debian's iso-codes).",
        "Source: THL, Sotkanet indicator bank (sotkanet.fi), data of 2013-09-08",
        "Latvian municipal boundaries: geoBoundaries (Runfola et al. 2020), CC BY 4.0; source data © Valsts zemes "
        "dienests.",
        "Eldership boundaries: Registrų centras (Address Registry), CC BY 4.0, via OfficeGovLT/powerbi-map-lt.",
    ):
        assert line in text


def test_the_latvian_and_eldership_boundaries_match_the_register() -> None:
    """The Latvian file keys the 43 Latvian municipalities by code; the eldership file covers all 60 Lithuanian
    municipalities (554 units); both shipped byte for byte as the source collection has them."""
    features = json.loads((DATA / "lv_municipalities_2021.geojson").read_text(encoding="utf-8"))["features"]
    lv = {r["code"] for r in rows(DEMO / "entities.csv") if (r["country"], r["kind"]) == ("LV", "municipality")}
    assert sorted(f["properties"]["iso_3166_2"] for f in features) == sorted(lv)
    units = json.loads((DATA / "lt_elderships.geojson").read_text(encoding="utf-8"))["features"]
    assert len(units) == 554 and len({u["properties"]["municipality_iso"] for u in units}) == 60
