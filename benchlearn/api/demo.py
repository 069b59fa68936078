"""Load the shipped real demo data (Lithuania, Latvia, Finland) through the same validated path as any upload."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchlearn.api import demo_examples as examples
from benchlearn.api.uploads import IngestOutcome, ingest_bytes
from benchlearn.errors import UsageError
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DEMO_USER = "demo-loader"
# Sotkanet's data ship as the shared collection gave them, gzipped (25 MB of text, 1.6 MB packed)
FINNISH_VALUES = "fi_sotkanet_municipal_1990_2012_tidy.csv.gz"


@dataclass(frozen=True)
class DemoStep:
    """One upload of the demo: the file name it is recorded under, its bytes (read when loaded), its options."""

    name: str
    read: Callable[[], bytes]
    options: IngestOptions


def _file(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror}") from None
        return gzip.decompress(data) if path.suffix == ".gz" else data
    return read


def _rows_of(path: Path, codes: set[str]) -> Callable[[], bytes]:
    """The indicator file cut to the rows of `codes` (a network follows some indicators of a file, not all)."""
    def read() -> bytes:
        reader = csv.reader(io.StringIO(_file(path)().decode("utf-8")))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(next(reader))
        writer.writerows(row for row in reader if row and row[0] in codes)
        return out.getvalue().encode("utf-8")
    return read


def _without(path: Path, cells: frozenset[tuple[str, str, str]]) -> Callable[[], bytes]:
    """The values file without the (entity, indicator, period) cells the worked examples' members send."""
    def read() -> bytes:
        reader = csv.reader(io.StringIO(_file(path)().decode("utf-8")))
        header = next(reader)
        at = [header.index(c) for c in ("entity_code", "indicator_code", "period")]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(row for row in reader if row and tuple(row[i] for i in at) not in cells)
        return out.getvalue().encode("utf-8")
    return read


def demo_steps(data_dir: Path = DATA_DIR, withheld: frozenset[tuple[str, str, str]] = frozenset()
               ) -> list[DemoStep]:
    """The files of the demo set in load order, each with its ingest options (`withheld` cells left out of the
    Baltic values: the worked examples load them)."""
    demo = data_dir / "demo"
    steps = [DemoStep("entities.csv", _file(demo / "entities.csv"), IngestOptions(kind=Kind.ENTITIES))]
    steps += [DemoStep(f"indicators_{c}.csv", _file(demo / f"indicators_{c}.csv"), IngestOptions(kind=Kind.INDICATORS))
              for c in ("lt", "lv", "fi")]
    steps.append(DemoStep("members.csv", _file(demo / "members.csv"), IngestOptions(kind=Kind.MEMBERS)))
    with (demo / "networks.csv").open(encoding="utf-8", newline="") as handle:
        for network in csv.DictReader(handle):
            name = f"indicators_{network['indicator_file']}.csv"
            codes = set(filter(None, network["indicators"].split("|")))
            read = _rows_of(demo / name, codes) if codes else _file(demo / name)
            steps.append(DemoStep(name, read, IngestOptions(kind=Kind.INDICATORS, network=network["code"])))
    for values in ("baltic_demo_lt_lv_tidy.csv", FINNISH_VALUES):
        read = _without(data_dir / values, withheld) if withheld and values == examples.VALUES_FILE \
            else _file(data_dir / values)
        steps.append(DemoStep(values.removesuffix(".gz"), read, IngestOptions(kind=Kind.VALUES)))
    return steps


def load_demo(store: Store, data_dir: Path = DATA_DIR, with_examples: bool = False) -> list[IngestOutcome]:
    """Ingest every demo file, and with `with_examples` build the worked examples of a network's cycle
    (`demo_examples`: their cells are left out of the demo's own load); running it again changes nothing."""
    # a store holding the examples keeps their cells to their members' batches, whatever is asked now
    build = with_examples and examples.buildable(store, data_dir)
    withheld = examples.withheld(data_dir) if build or examples.built(store, data_dir) else frozenset()
    done = [ingest_bytes(store, step.read(), step.name, step.options, user=DEMO_USER)
            for step in demo_steps(data_dir, withheld)]
    done += examples.build(store, data_dir) if build else []
    store.refresh_statistics()  # a database server plans the first pages with the demo's rows counted
    return done
