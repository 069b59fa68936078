"""The whole real Swedish set (Statistics Sweden / SKR, 27 820 rows) parses against its own codes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from benchlearn.ingest import IngestOptions, Reference, parse

SWEDEN = Path("/work/shared/data/sweden/se_municipalities_2002_2022_tidy.csv")
LOCAL = Path(__file__).resolve().parents[1] / "data" / "sweden" / SWEDEN.name


@pytest.fixture(scope="module")
def source() -> Path:
    for path in (LOCAL, SWEDEN):
        if path.exists():
            return path
    pytest.skip("the Swedish data set is not available on this machine")


def test_the_whole_swedish_set_parses_with_codes_intact(source):
    raw = pd.read_csv(source, dtype=str, keep_default_na=False)
    entities = raw[["entity_code", "entity_name"]].drop_duplicates().set_axis(["code", "name"], axis=1)
    entities["aliases"] = None
    indicators = raw[["indicator_code", "indicator_name", "unit"]].drop_duplicates()
    indicators = indicators.set_axis(["code", "name_en", "unit"], axis=1).assign(polarity="neutral")
    result = parse(source.read_bytes(), source.name, Reference(entities, indicators), IngestOptions())
    frame = result.frame
    assert len(frame) == len(raw) == 27_820
    assert result.notes == ["ignored columns: entity_name, indicator_name, unit, source"]
    assert frame["entity_code"].tolist() == raw["entity_code"].tolist()
    assert "0114" in set(frame["entity_code"]) and frame["entity_code"].str.len().eq(4).all()
    assert frame["value"].tolist() == raw["value"].astype(float).tolist()
    assert frame["row"].tolist() == list(range(2, 27_822))
    assert set(frame["period"]) == {"2002", "2006", "2010", "2014", "2018", "2022"}
    assert (frame["status"] == "final").all()
