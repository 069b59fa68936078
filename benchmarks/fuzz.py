"""Mutation fuzzing of the ingest parser: 100 000 damaged files, 0 crashes and 0 hangs expected (issue 7).

The inputs are valid files — drawn at random in every dialect the suite's round trip covers (see
tests/test_fuzz_ingest.py, whose writers and mutation operators this script shares) and the fixtures of
tests/data/good — damaged by one to four mutations (bytes flipped, cut, duplicated, deleted, delimiters
swapped, random Unicode or bytes, NUL/CR/quote/BOM/ZIP bytes, long runs past the line cap), then parsed as a
random kind of upload. Every 20th input is left undamaged, as a check that valid files still parse.

A result or an InputError is fine; any other exception is a crash (its input is saved under --save); a parse
over 5 s is a hang. Printed: inputs, accepted, refused, crashes, hangs, max and p99 time.

Usage: python benchmarks/fuzz.py [--inputs 100000] [--seed 1] [--save DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from ingest_ref import reference as fixture_reference  # noqa: E402
from test_fuzz_ingest import (  # noqa: E402
    DELIMITERS,
    MUTATIONS,
    REPEATS,
    SPECIAL,
    Hang,
    fixture_seeds,
    long_file,
    mutate,
    random_dialect,
    random_rows,
    shared_reference,
    timed_parse,
    wide_file,
)

from benchlearn.errors import InputError  # noqa: E402
from benchlearn.ingest import IngestOptions  # noqa: E402
from benchlearn.model import Kind  # noqa: E402

POOL = 300  # valid generated files to start from


def random_text(rng: random.Random) -> bytes:
    """1–20 random code points from anywhere in Unicode (surrogates included), as UTF-8 bytes."""
    planes = ((0x20, 0x80), (0x80, 0x800), (0x800, 0x10000), (0x10000, 0x110000))  # 1- to 4-byte UTF-8
    points = [rng.randrange(*rng.choice(planes)) for _ in range(rng.randint(1, 20))]
    return "".join(map(chr, points)).encode("utf-8", "surrogatepass")


def random_ops(rng: random.Random) -> list[tuple[str, int, int, bytes]]:
    """One to four mutations, each with its positions and payload."""
    ops = []
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(MUTATIONS)
        a, b = rng.randrange(2**20), rng.randrange(max(len(DELIMITERS), len(REPEATS)) * 2**10)
        if name == "unicode":
            payload = random_text(rng) if rng.random() < 0.7 else rng.randbytes(rng.randint(1, 16))
        else:
            payload = rng.choice(SPECIAL)
        ops.append((name, a, b, payload))
    return ops


def seeds(rng: random.Random) -> list[tuple[bytes, IngestOptions, object]]:
    """Valid files with the options they are read with and the reference they resolve against."""
    generated = []
    for _ in range(POOL):
        rows, dialect = random_rows(rng, rng.randint(1, 40)), random_dialect(rng)
        data = wide_file(rows, dialect) if rng.random() < 0.3 else long_file(
            rows, dialect, tuple(rng.randrange(4) for _ in range(5)), False)
        generated.append((data, IngestOptions(), shared_reference()))
    fixtures = [(data, options, fixture_reference()) for data, options in fixture_seeds()]
    return generated + fixtures


def main() -> None:
    """Fuzz and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, default=Path("artifacts/fuzz"), help="where crashing inputs go")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = seeds(rng)
    outcomes: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    times: list[float] = []
    started = time.perf_counter()
    for number in range(1, args.inputs + 1):
        data, options, ref = rng.choice(pool)
        if number % 20:
            data = mutate_bytes(data, rng)
            options = options if rng.random() < 0.5 else replace(options, kind=rng.choice(list(Kind)))
        try:
            outcome, seconds = timed_parse(data, ref, options)
            outcomes["refused" if isinstance(outcome, InputError) else "accepted"] += 1
            if number % 20 == 0 and isinstance(outcome, InputError):
                outcomes["valid file refused"] += 1
            times.append(seconds)
        except Hang:
            outcomes["hangs"] += 1
            save(args.save, f"hang-{number}", data)
        except Exception as exc:  # noqa: BLE001 — a crash is what we are counting
            outcomes["crashes"] += 1
            crashes[f"{type(exc).__name__}: {traceback.extract_tb(exc.__traceback__)[-1].name}"] += 1
            save(args.save, f"crash-{number}-{options.kind}", data)
        if number % 10_000 == 0:
            print(f"  {number} inputs ({time.perf_counter() - started:.0f} s)", flush=True)
    times.sort()
    print(f"inputs: {args.inputs} (seed {args.seed}; {args.inputs // 20} of them undamaged valid files)")
    print(f"accepted: {outcomes['accepted']}, refused with InputError: {outcomes['refused']}")
    print(f"crashes: {outcomes['crashes']}")
    print(f"hangs (over 5 s): {outcomes['hangs']}")
    print(f"undamaged valid files refused: {outcomes['valid file refused']}")
    print(f"parse time: max {times[-1]:.3f} s, p99 {times[int(len(times) * 0.99)]:.3f} s, "
          f"total {time.perf_counter() - started:.0f} s")
    for where, count in crashes.most_common():
        print(f"  crash {count}×: {where}")


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """The seed with one to four random mutations (the operators of tests/test_fuzz_ingest.py)."""
    return mutate(data, random_ops(rng))


def save(folder: Path, name: str, data: bytes) -> None:
    """Keep an input that crashed or hung, to reproduce it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


if __name__ == "__main__":
    main()
