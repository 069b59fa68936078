"""Each foreign format, from a fixture written from its published description, imported through the CLI into a
real store: exact values, statuses and kept flags (issue 13)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchlearn.cli import main
from benchlearn.store import open_store

DATA = Path(__file__).parent / "data" / "sources"


def cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """Run `python -m benchlearn …` in this process; (exit code, stdout, stderr)."""
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def make_store(tmp_path: Path, capsys: pytest.CaptureFixture) -> Path:
    """A real store holding the fixtures' entities and indicators."""
    path = tmp_path / "sources.duckdb"
    for kind in ("entities", "indicators"):
        code, _, err = cli(capsys, "ingest", DATA / f"{kind}.csv", "--kind", kind, "--db", path)
        assert code == 0, err
    return path


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture) -> Path:
    """A real store holding the fixtures' entities and indicators."""
    return make_store(tmp_path, capsys)


def mapping(tmp_path: Path, *rows: str) -> Path:
    """A mapping file with the given `kind,source,target` rows."""
    path = tmp_path / "map.csv"
    path.write_text("kind,source,target\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


def held(db: Path, table: str = "observation") -> list[tuple]:
    """The store's observations (entity, indicator, period, value, status) or flags, sorted."""
    store = open_store(db)
    try:
        with store.cursor() as cur:
            if table == "observation_flag":
                return cur.execute("SELECT entity_code, indicator_code, period, flag FROM observation_flag "
                                   "ORDER BY ALL").fetchall()
            rows = cur.execute("SELECT entity_code, indicator_code, period, value, status FROM observation "
                               "ORDER BY ALL").fetchall()
    finally:
        store.close()
    return [(e, i, p, None if v is None or math.isnan(v) else v, s) for e, i, p, v, s in rows]


def imported(capsys: pytest.CaptureFixture, db: Path, name: str, *args: object) -> str:
    code, out, err = cli(capsys, "import", DATA / name, "--db", db, *args)
    assert code == 0, err
    return out


def test_lithuanian_portal_csv(capsys, db, tmp_path):
    out = imported(capsys, db, "lt_portal.csv", "--mapping", DATA / "lt_portal_map.csv")
    assert out == "batch 3: imported lt_portal.csv (lt-csv, lt-csv): 6 rows: 6 new, 0 changed, 0 unchanged; " \
                  "mapping saved for no network\n"
    assert held(db) == [
        ("LT-13", "BIRTHS", "2023", 5481.0, "final"),
        ("LT-13", "POP", "2022", 556490.0, "final"),
        ("LT-13", "POP", "2023", 569700.0, "final"),
        ("LT-33", "BIRTHS", "2023", None, "confidential"),
        ("LT-33", "POP", "2022", 25577.0, "final"),
        ("LT-33", "POP", "2023", None, "nil"),
    ]


def test_lithuanian_portal_sdmx_json(capsys, db, tmp_path):
    imported(capsys, db, "lt_sdmx.json", "--mapping", mapping(tmp_path, "indicator,S3R629,POP"))
    assert held(db) == [  # the territory resolved by its names: Vilniaus m. sav. (code 13), Alytaus r. sav. (33)
        ("LT-13", "POP", "2022", 556490.0, "final"),
        ("LT-13", "POP", "2023", 569700.0, "preliminary"),
        ("LT-33", "POP", "2022", 25577.0, "final"),
        ("LT-33", "POP", "2023", None, "not_applicable"),
    ]


def test_eurostat_sdmx_csv_keeps_the_break_flag(capsys, db, tmp_path):
    imported(capsys, db, "eurostat_sdmx.csv", "--mapping", mapping(tmp_path, "indicator,A | NR,POP", "entity,LT,-"))
    assert held(db) == [
        ("LT011", "POP", "2021", 810000.0, "final"),
        ("LT011", "POP", "2022", 818000.0, "preliminary"),
        ("LT022", "POP", "2021", 226000.0, "final"),
        ("LT022", "POP", "2022", None, "not_available"),
    ]
    assert held(db, "observation_flag") == [("LT022", "POP", "2021", "b")]


def test_eurostat_tsv(capsys, db, tmp_path):
    imported(capsys, db, "estat_demo_r_pjanaggr3.tsv", "--mapping", mapping(tmp_path, "indicator,A | NR,POP"))
    assert held(db) == [
        ("LT011", "POP", "2020", 810000.0, "final"),
        ("LT011", "POP", "2021", 820000.0, "preliminary"),
        ("LT011", "POP", "2022", None, "not_available"),
        ("LT022", "POP", "2020", None, "confidential"),
        ("LT022", "POP", "2021", 226000.0, "final"),
        ("LT022", "POP", "2022", 230000.0, "estimated"),
    ]
    assert held(db, "observation_flag") == [("LT022", "POP", "2021", "b")]


def test_json_stat_2_with_statistics_norway_symbols(capsys, db, tmp_path):
    imported(capsys, db, "ssb_jsonstat2.json", "--mapping", mapping(tmp_path, "indicator,Personer1,POP", "entity,0,-"))
    assert held(db) == [  # Fodte resolved by its label, Live births
        ("0301", "BIRTHS", "2022", 6490.0, "final"),
        ("0301", "BIRTHS", "2023", None, "not_available"),
        ("0301", "POP", "2022", 699827.0, "final"),
        ("0301", "POP", "2023", 709037.0, "final"),
        ("4601", "BIRTHS", "2022", None, "confidential"),
        ("4601", "BIRTHS", "2023", 2800.0, "preliminary"),
        ("4601", "POP", "2022", 286930.0, "final"),
        ("4601", "POP", "2023", 289330.0, "final"),
    ]


def test_json_stat_1(capsys, db, tmp_path):
    imported(capsys, db, "ssb_jsonstat1.json", "--mapping", mapping(tmp_path, "indicator,Personer1,POP"))
    assert held(db) == [
        ("0301", "POP", "2022", 699827.0, "final"),
        ("0301", "POP", "2023", 709037.0, "final"),
        ("4601", "POP", "2022", None, "not_applicable"),
        ("4601", "POP", "2023", 289330.0, "final"),
    ]


SWEDEN = [
    ("0114", "BIRTHS", "2021", None, "not_available"),
    ("0114", "BIRTHS", "2022", 610.0, "final"),
    ("0114", "POP", "2021", 47820.0, "final"),
    ("0114", "POP", "2022", 48600.0, "final"),
    ("0180", "BIRTHS", "2021", 11890.0, "final"),
    ("0180", "BIRTHS", "2022", None, "nil"),
    ("0180", "POP", "2021", 978770.0, "final"),
    ("0180", "POP", "2022", 984748.0, "final"),
]


def test_pc_axis(capsys, db, tmp_path):
    imported(capsys, db, "scb_population.px", "--mapping", mapping(tmp_path, "indicator,BE0101N1,POP", "entity,00,-"))
    assert held(db) == SWEDEN


def test_pxweb_csv(capsys, db, tmp_path):
    imported(capsys, db, "pxweb.csv", "--mapping", mapping(tmp_path, "indicator,Population,POP"))
    assert held(db) == SWEDEN


def test_kolada_keeps_the_total_of_both_genders(capsys, db, tmp_path):
    imported(capsys, db, "kolada.json", "--mapping",
             mapping(tmp_path, "dimension,gender,keep:T", "indicator,N01951,EMPLOY"))
    assert held(db) == [
        ("0114", "EMPLOY", "2022", 47.7, "final"),
        ("0180", "EMPLOY", "2021", 52.25, "final"),
        ("0180", "EMPLOY", "2022", None, "not_available"),
    ]


@pytest.mark.parametrize(("name", "fmt"), [
    ("lt_portal.csv", "lt-csv"), ("lt_sdmx.json", "sdmx-json"), ("eurostat_sdmx.csv", "sdmx-csv"),
    ("estat_demo_r_pjanaggr3.tsv", "eurostat-tsv"), ("ssb_jsonstat2.json", "json-stat"),
    ("ssb_jsonstat1.json", "json-stat"), ("scb_population.px", "px"), ("pxweb.csv", "pxweb-csv"),
    ("kolada.json", "kolada"),
])
def test_the_format_is_detected_from_the_content(name, fmt):
    from benchlearn.sources import detect
    assert detect((DATA / name).read_bytes(), "renamed.txt") == fmt
