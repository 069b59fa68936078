"""Load the shipped real demo data (Lithuania and Latvia) through the same validated path as any upload."""

from __future__ import annotations

import csv
from pathlib import Path

from benchlearn.api.uploads import IngestOutcome, ingest_path
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DEMO_USER = "demo-loader"


def demo_steps(data_dir: Path = DATA_DIR) -> list[tuple[Path, IngestOptions]]:
    """The files of the demo set in load order, each with its ingest options."""
    demo = data_dir / "demo"
    steps = [
        (demo / "entities.csv", IngestOptions(kind=Kind.ENTITIES)),
        (demo / "indicators_lt.csv", IngestOptions(kind=Kind.INDICATORS)),
        (demo / "indicators_lv.csv", IngestOptions(kind=Kind.INDICATORS)),
        (demo / "members.csv", IngestOptions(kind=Kind.MEMBERS)),
    ]
    with (demo / "networks.csv").open(encoding="utf-8", newline="") as handle:
        for network in csv.DictReader(handle):
            indicator_file = demo / f"indicators_{network['indicator_file']}.csv"
            steps.append((indicator_file, IngestOptions(kind=Kind.INDICATORS, network=network["code"])))
    steps.append((data_dir / "baltic_demo_lt_lv_tidy.csv", IngestOptions(kind=Kind.VALUES)))
    return steps


def load_demo(store: Store, data_dir: Path = DATA_DIR) -> list[IngestOutcome]:
    """Ingest every demo file; running it again changes nothing."""
    return [ingest_path(store, path, options, user=DEMO_USER) for path, options in demo_steps(data_dir)]
