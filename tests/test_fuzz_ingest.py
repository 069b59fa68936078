"""Property-based ingest tests (issue 7): valid files in every dialect round-trip exactly; hostile bytes only
ever raise InputError, quickly.

Round trip: hypothesis draws observations (codes with leading zeros, names with Baltic and Swedish letters,
negative and decimal values, statuses and missing markers, every period form) and writes them as a file in a
drawn dialect — `,` `;` or tab; decimal point or comma; space / NBSP / narrow-NBSP thousands; Unicode minus;
UTF-8 with or without BOM, UTF-16, cp1257; CRLF or LF; title rows; a `sep=` line; header aliases in three
languages. `parse` must give back exactly the drawn observations and detect the dialect it was written in.
Shuffling rows, toggling the BOM and adding blank lines must change nothing.

Mutation: valid files (drawn ones and the fixtures of tests/data/good) are damaged — bytes flipped, cut,
duplicated, deleted, delimiters swapped, random Unicode, NUL/CR/quote/BOM bytes, long runs inserted — and
parsed as every kind of upload. Anything but a result or InputError is a crash; a parse over 5 s is a hang.

benchmarks/fuzz.py runs the same mutations 100 000 times; the helpers here are shared with it.
"""

from __future__ import annotations

import csv
import io
import random
import signal
import time
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_ref import empty_reference
from ingest_ref import reference as fixture_reference

from benchlearn.errors import InputError
from benchlearn.ingest import IngestOptions, Parsed, Reference, parse
from benchlearn.model import Kind

GOOD = Path(__file__).parent / "data" / "good"
HANG_S = 5.0

# code, name, country: leading zeros (Swedish kommunkod), Lithuanian, Latvian and Swedish letters
ENTITIES = (
    ("0114", "Upplands Väsby", "SE"),
    ("0180", "Stockholm", "SE"),
    ("2584", "Kiruna", "SE"),
    ("LT-01", "Akmenės r. sav.", "LT"),
    ("LT-13", "Kaišiadorių r. sav.", "LT"),
    ("LT-43", "Šiaulių m. sav.", "LT"),
    ("LV-002", "Aizkraukles novads", "LV"),
    ("LV-052", "Ķekavas novads", "LV"),
    ("LV-DGV", "Daugavpils", "LV"),
)
INDICATORS = (  # no declared range: negative values are valid
    ("NET_MIGRATION", "Net migration", "persons", "neutral"),
    ("SPEND_PER_PUPIL", "Spending per pupil", "EUR", "lower_better"),
    ("SATISFACTION", "Resident satisfaction", "index", "higher_better"),
)
# as written in a file → as stored
PERIODS = {
    "2016": "2016", "2023": "2023", "2023 m.": "2023", "2021. g.": "2021", "2019.0": "2019",
    "2016-17": "2016-17", "2018/19": "2018-19", "2024-Q2": "2024-Q2", "2022 Q4": "2022-Q4",
}
# missing marker → the status it stands for
MARKERS = {"": "not_available", "..": "not_available", "…": "confidential", "x": "not_applicable",
           "–": "nil", "n/a": "not_available", ":": "not_available", "NA": "not_available"}
VALUED = ("", "final", "preliminary", "estimated")  # "" = no status given: a number is final
UNVALUED = ("nil", "not_available", "confidential", "not_applicable")
# canonical column → header cells meaning it (English, Lithuanian, Latvian)
HEADERS = {
    "entity_code": ("entity_code", "Savivaldybė", "Pašvaldība", "municipality"),
    "indicator_code": ("indicator_code", "Rodiklis", "Rādītājs", "indicator"),
    "period": ("period", "Metai", "Gads", "year"),
    "value": ("value", "Reikšmė", "Vērtība"),
    "status": ("status", "Statusas", "Statuss"),
}
TITLES = ("Savivaldybių rodikliai", "Pašvaldību rādītāji – pārbaude", "Test data made up for fuzzing")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1257")
FRAME = ["entity_code", "indicator_code", "period", "value", "status"]


@dataclass(frozen=True)
class Dialect:
    """How a file is written."""

    delimiter: str = ","
    decimal: str = "."
    grouping: str = ""  # thousands separator: "", " ", NBSP or narrow NBSP
    unicode_minus: bool = False
    encoding: str = "utf-8"
    newline: str = "\n"
    titles: int = 0
    sep_line: bool = False


@dataclass(frozen=True)
class Obs:
    """One observation as drawn: which entity (by code or by name), indicator, period form, value cell."""

    entity: int
    by_name: bool
    indicator: int
    period: str
    mantissa: int | None  # the value is mantissa × 10^-places; None = no number
    places: int = 0
    marker: str = ""  # the cell when there is no number
    status: str = ""  # the status cell ("" = none given)


def fuzz_reference() -> Reference:
    """The entities and indicators above, loaded through the same validated path as any upload."""
    empty = empty_reference()
    entities = "code,name,country\n" + "".join(f"{c},{n},{k}\n" for c, n, k in ENTITIES)
    indicators = "code,name,unit,polarity\n" + "".join(",".join(i) + "\n" for i in INDICATORS)
    def frame(text: str, name: str, kind: Kind) -> pd.DataFrame:
        return parse(text.encode(), name, empty, IngestOptions(kind=kind)).frame.drop(columns="row")

    return Reference(frame(entities, "entities.csv", Kind.ENTITIES),
                     frame(indicators, "indicators.csv", Kind.INDICATORS), empty.groups)


@cache
def shared_reference() -> Reference:
    """fuzz_reference(), built once per process (parse never changes it)."""
    return fuzz_reference()


def number_text(obs: Obs, dialect: Dialect) -> str:
    """The value cell of a number, as the dialect writes it."""
    plain = format(Decimal(obs.mantissa).scaleb(-obs.places), "f")
    negative, digits = plain.startswith("-"), plain.lstrip("-")
    whole, _, fraction = digits.partition(".")
    if dialect.grouping:
        head = len(whole) % 3 or 3
        whole = dialect.grouping.join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
    text = whole + (dialect.decimal + fraction if fraction else "")
    return ("\u2212" if dialect.unicode_minus else "-") + text if negative else text


def expected_value(obs: Obs) -> float:
    """What the value cell means."""
    return float("nan") if obs.mantissa is None else float(Decimal(obs.mantissa).scaleb(-obs.places))


def expected_status(obs: Obs) -> str:
    """The status the observation must be stored with."""
    if obs.mantissa is not None:
        return obs.status or "final"
    return obs.status or MARKERS[obs.marker]


def entity_cell(obs: Obs) -> str:
    """The entity as written: its code, or its name (as given, or in capitals: matching ignores case)."""
    code, name, _ = ENTITIES[obs.entity]
    if not obs.by_name:
        return code
    return name.upper() if obs.entity % 2 else name


def encode(text: str, dialect: Dialect) -> bytes:
    """The text in the dialect's encoding (utf-16 and utf-8-sig carry a BOM)."""
    return text.encode(dialect.encoding)


def write_table(header: list[str], rows: list[list[str]], dialect: Dialect) -> bytes:
    """A CSV file: optional `sep=` line and title rows, the header, the rows; encoded."""
    out = io.StringIO()
    if dialect.sep_line:
        out.write(f"sep={dialect.delimiter}{dialect.newline}")
    out.writelines(TITLES[i % len(TITLES)] + dialect.newline for i in range(dialect.titles))
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator=dialect.newline)
    writer.writerow(header)
    writer.writerows(rows)
    return encode(out.getvalue(), dialect)


def long_file(observations: list[Obs], dialect: Dialect, names: tuple[int, ...], with_status: bool) -> bytes:
    """A long-layout values file (one row per observation); `names` picks each column's header alias."""
    columns = ["entity_code", "indicator_code", "period", "value"] + (["status"] if with_status else [])
    header = [HEADERS[c][names[i] % len(HEADERS[c])] for i, c in enumerate(columns)]
    rows = []
    for obs in observations:
        value = obs.marker if obs.mantissa is None else number_text(obs, dialect)
        row = [entity_cell(obs), INDICATORS[obs.indicator][0], obs.period, value]
        rows.append(row + [obs.status] if with_status else row)
    return write_table(header, rows, dialect)


def wide_file(observations: list[Obs], dialect: Dialect) -> bytes:
    """A wide-layout values file: entity, period, then one column per indicator (status: from markers)."""
    # one row per entity and period, written as its first observation writes them
    cells: dict[tuple[int, str], tuple[Obs, dict[int, str]]] = {}
    for obs in observations:
        value = obs.marker if obs.mantissa is None else number_text(obs, dialect)
        cells.setdefault((obs.entity, PERIODS[obs.period]), (obs, {}))[1][obs.indicator] = value
    header = ["entity_code", "period"] + [code for code, *_ in INDICATORS]
    rows = [[entity_cell(first), first.period] + [values.get(i, "") for i in range(len(INDICATORS))]
            for first, values in cells.values()]
    return write_table(header, rows, dialect)


def expected_rows(observations: list[Obs]) -> list[tuple]:
    """The rows (entity, indicator, period, value or None, status) the observations must become, sorted."""
    return sorted((ENTITIES[o.entity][0], INDICATORS[o.indicator][0], PERIODS[o.period],
                   None if o.mantissa is None else expected_value(o), expected_status(o))
                  for o in observations)


def stored_rows(frame: pd.DataFrame) -> list[tuple]:
    """The comparable part of a parsed frame, in the same form (a missing value is None, not NaN)."""
    columns = [frame[c].tolist() for c in FRAME]
    columns[3] = [None if v != v else float(v) for v in columns[3]]  # NaN is the only value unequal to itself
    return sorted(zip(*columns, strict=True))


class Hang(BaseException):  # noqa: N818 — BaseException, so no `except Exception` inside parse can swallow it
    """A parse ran longer than HANG_S."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def timed_parse(data: bytes, ref: Reference, options: IngestOptions) -> tuple[Parsed | InputError, float]:
    """parse() under a HANG_S alarm: (its result or the InputError it raised, seconds taken).

    Any other exception propagates: that is a crash.
    """
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_S)
    start = time.perf_counter()
    try:
        outcome: Parsed | InputError = parse(data, "fuzz.csv", ref, options)
    except InputError as exc:
        outcome = exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return outcome, time.perf_counter() - start


# ----- mutations, shared with benchmarks/fuzz.py: each is (name, a, b, payload) applied to bytes -----

MUTATIONS = ("flip", "truncate", "duplicate", "delete", "swap_delimiter", "unicode", "special", "repeat")
SPECIAL = (b"\x00", b"\r", b"\n", b'"', b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b",", b";",
           b"\t", b"\xc3", b"\xe2\x80", b"=HYPERLINK(\"x\")", b"#DIV/0!", b"NaN", b"1.234,5", b"\xa0")
DELIMITERS = (b",", b";", b"\t", b"|", b" ")
REPEATS = (2, 50, 1_000, 120_000)  # 120 000 passes the 100 000-byte line cap


def mutate(data: bytes, ops: list[tuple[str, int, int, bytes]]) -> bytes:
    """Apply each mutation in turn; positions are taken modulo the current length."""
    for name, a, b, payload in ops:
        n = max(len(data), 1)
        at = a % n
        i, j = sorted((at, b % n))
        if name == "flip":
            data = data[:at] + bytes([data[at] ^ (b % 255 + 1)]) + data[at + 1:] if data else data
        elif name == "truncate":
            data = data[:at]
        elif name == "duplicate":
            data = data[:j] + data[i:j] + data[j:]
        elif name == "delete":
            data = data[:i] + data[j:]
        elif name == "swap_delimiter":
            data = data.replace(DELIMITERS[a % len(DELIMITERS)], DELIMITERS[b % len(DELIMITERS)])
        elif name == "repeat":
            data = data[:at] + payload[:1] * REPEATS[b % len(REPEATS)] + data[at:]
        else:  # unicode, special: insert the payload
            data = data[:at] + payload + data[at:]
    return data


@cache
def fixture_seeds() -> tuple[tuple[bytes, IngestOptions], ...]:
    """The valid files of tests/data/good with the options they are read with (as in test_ingest_good)."""
    options = {"entities.csv": IngestOptions(kind=Kind.ENTITIES),
               "indicators.csv": IngestOptions(kind=Kind.INDICATORS),
               "members.csv": IngestOptions(kind=Kind.MEMBERS),
               "wide_given_period.csv": IngestOptions(period="2023")}
    return tuple((path.read_bytes(), options.get(path.name, IngestOptions()))
                 for path in sorted(GOOD.iterdir()))


# ----- hypothesis strategies -----

SUITE = settings(deadline=None, database=None, derandomize=True, print_blob=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def dialects(draw: st.DrawFn) -> Dialect:
    """Any dialect Benchlearn reads (cp1257 cannot write a narrow NBSP or a Unicode minus)."""
    encoding = draw(st.sampled_from(ENCODINGS))
    unicode_ok = encoding != "cp1257"
    grouping = draw(st.sampled_from(["", " ", "\u00a0"] + (["\u202f"] if unicode_ok else [])))
    return Dialect(
        delimiter=draw(st.sampled_from([",", ";", "\t"])), decimal=draw(st.sampled_from([".", ","])),
        grouping=grouping, unicode_minus=unicode_ok and draw(st.booleans()), encoding=encoding,
        newline=draw(st.sampled_from(["\n", "\r\n"])), titles=draw(st.integers(0, 2)),
        sep_line=draw(st.booleans()),
    )


def value_cells(with_status: bool) -> st.SearchStrategy[dict]:
    """A value cell: a number (with a status if the file has a status column), a marker, or an explanation."""
    number = st.fixed_dictionaries({
        "mantissa": st.integers(-10**10, 10**10), "places": st.integers(0, 4),
        "status": st.sampled_from(VALUED) if with_status else st.just(""),
    })
    marker = st.fixed_dictionaries({"mantissa": st.none(), "marker": st.sampled_from(sorted(MARKERS))})
    options = [number, marker]
    if with_status:
        options.append(st.fixed_dictionaries({"mantissa": st.none(), "marker": st.just(""),
                                              "status": st.sampled_from(UNVALUED)}))
    return st.one_of(options)


# built once: hypothesis spends noticeable time constructing strategies
VALUE_CELLS = {True: value_cells(True), False: value_cells(False)}
# one frequency per indicator (ingest refuses a mix): indicator i takes its periods from group i % 3
FREQUENCIES = (
    sorted(p for p, stored in PERIODS.items() if len(stored) == 4),
    sorted(p for p, stored in PERIODS.items() if "-" in stored and "Q" not in stored),
    sorted(p for p, stored in PERIODS.items() if "Q" in stored),
)
KEYS = st.tuples(st.integers(0, len(ENTITIES) - 1), st.integers(0, len(INDICATORS) - 1)).flatmap(
    lambda ei: st.tuples(st.just(ei[0]), st.just(ei[1]), st.sampled_from(FREQUENCIES[ei[1] % 3])))


@st.composite
def observation_sets(draw: st.DrawFn, with_status: bool, max_size: int = 12, keys_from: object = KEYS) -> list[Obs]:
    """Observations with distinct keys (a key twice with different values is an error, not a round trip)."""
    keys = draw(st.lists(keys_from, min_size=1, max_size=max_size,
                         unique_by=lambda k: (k[0], k[1], PERIODS[k[2]])))
    return [Obs(entity, draw(st.booleans()), indicator, period, **draw(VALUE_CELLS[with_status]))
            for entity, indicator, period in keys]


@st.composite
def long_files(draw: st.DrawFn) -> tuple[list[Obs], Dialect, bytes]:
    """A valid long-layout file with the observations and dialect it was written from."""
    with_status = draw(st.booleans())
    observations = draw(observation_sets(with_status))
    dialect = draw(dialects())
    names = tuple(draw(st.lists(st.integers(0, 3), min_size=5, max_size=5)))
    return observations, dialect, long_file(observations, dialect, names, with_status)


def check_dialect(parsed: Parsed, observations: list[Obs], dialect: Dialect, data: bytes) -> None:
    """The dialect detected is the one the file was written in."""
    assert parsed.dialect.delimiter == dialect.delimiter
    assert parsed.dialect.header_row == dialect.titles + dialect.sep_line + 1
    if any(o.mantissa is not None and o.places for o in observations):
        assert parsed.dialect.decimal == dialect.decimal
    if dialect.encoding == "utf-16":
        assert parsed.dialect.encoding.startswith("utf-16")
    elif dialect.encoding == "cp1257" and not data.isascii():
        assert parsed.dialect.encoding == "cp1257"
    else:
        assert parsed.dialect.encoding == "utf-8"
        assert parsed.dialect.bom == (dialect.encoding == "utf-8-sig")


def round_trip(data: bytes) -> Parsed:
    """Parse a file that must be valid; fail with its problems and bytes if it is not."""
    outcome, _ = timed_parse(data, shared_reference(), IngestOptions())
    assert not isinstance(outcome, InputError), f"{outcome.lines()[:5]}\n{data!r}"
    return outcome


@settings(SUITE, max_examples=600)
@given(long_files())
def test_valid_long_files_round_trip_exactly(drawn: tuple[list[Obs], Dialect, bytes]) -> None:
    """Every observation comes back with its code, period, exact value and status; the dialect is detected."""
    observations, dialect, data = drawn
    parsed = round_trip(data)
    assert stored_rows(parsed.frame) == expected_rows(observations)
    first = dialect.titles + dialect.sep_line + 2  # the header's row + 1
    assert parsed.frame["row"].tolist() == list(range(first, first + len(observations)))
    check_dialect(parsed, observations, dialect, data)


# a wide file gives every indicator a cell in every period's row: one frequency for the whole file
WIDE_KEYS = st.tuples(st.integers(0, len(ENTITIES) - 1), st.integers(0, len(INDICATORS) - 1),
                      st.sampled_from(FREQUENCIES[0]))


@settings(SUITE, max_examples=300)
@given(observation_sets(with_status=False, max_size=20, keys_from=WIDE_KEYS), dialects())
def test_valid_wide_files_round_trip_exactly(observations: list[Obs], dialect: Dialect) -> None:
    """A wide file (a column per indicator) stores the same observations; absent cells are 'not available'."""
    data = wide_file(observations, dialect)
    parsed = round_trip(data)
    written = {(o.entity, PERIODS[o.period]): o.period for o in observations}
    present = {(o.entity, o.indicator, PERIODS[o.period]) for o in observations}
    # the cells the file leaves empty are observations too: not available
    blanks = [Obs(e, False, i, p, None) for (e, canonical_period), p in written.items()
              for i in range(len(INDICATORS)) if (e, i, canonical_period) not in present]
    assert stored_rows(parsed.frame) == expected_rows(observations + blanks)


@st.composite
def rearranged(draw: st.DrawFn) -> tuple[bytes, bytes, Dialect]:
    """A valid UTF-8 file and the same file with rows shuffled, the BOM toggled and blank lines added."""
    observations, dialect, _ = draw(long_files())
    dialect = replace(dialect, encoding=draw(st.sampled_from(["utf-8", "utf-8-sig"])))
    names = (0, 0, 0, 0, 0)
    original = long_file(observations, dialect, names, True)
    shuffled = draw(st.permutations(observations))
    other = long_file(shuffled, dialect, names, True)
    if draw(st.booleans()):
        bom = b"\xef\xbb\xbf"
        other = other.removeprefix(bom) if other.startswith(bom) else bom + other
    lines = other.split(b"\n")
    body = dialect.titles + dialect.sep_line + 1  # blank lines go under the header, not above it
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(body, len(lines)))
        lines.insert(at, draw(st.sampled_from([b"", b"\r" if dialect.newline == "\r\n" else b""])))
    return original, b"\n".join(lines), dialect


@settings(SUITE, max_examples=300)
@given(rearranged())
def test_shuffled_rows_bom_and_blank_lines_change_nothing(drawn: tuple[bytes, bytes, Dialect]) -> None:
    """The stored observations do not depend on row order, a UTF-8 BOM or blank lines."""
    original, other, _ = drawn
    assert stored_rows(round_trip(other).frame) == stored_rows(round_trip(original).frame)


def mutation_ops() -> st.SearchStrategy[list[tuple[str, int, int, bytes]]]:
    """One to four mutations with their positions and payloads."""
    op = st.one_of(
        st.tuples(st.sampled_from(["flip", "truncate", "duplicate", "delete", "swap_delimiter", "repeat"]),
                  st.integers(0, 2**20), st.integers(0, 2**20), st.sampled_from(SPECIAL)),
        st.tuples(st.just("unicode"), st.integers(0, 2**20), st.just(0),
                  st.text(min_size=1, max_size=20).map(lambda s: s.encode("utf-8", "surrogatepass"))),
        st.tuples(st.just("special"), st.integers(0, 2**20), st.just(0), st.sampled_from(SPECIAL)),
    )
    return st.lists(op, min_size=1, max_size=4)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, IngestOptions, Reference]:
    """A damaged file: a drawn valid file or a fixture of tests/data/good, read as a drawn kind."""
    if draw(st.booleans()):
        seed, options, ref = draw(long_files())[2], IngestOptions(), shared_reference()
    else:
        seed, options = draw(st.sampled_from(fixture_seeds()))
        ref = fixture_reference()
    options = replace(options, kind=draw(st.sampled_from([options.kind, options.kind, *Kind])))
    return mutate(seed, draw(mutation_ops())), options, ref


@settings(SUITE, max_examples=800)
@given(mutated())
def test_mutated_files_raise_only_input_error_quickly(drawn: tuple[bytes, IngestOptions, Reference]) -> None:
    """No damaged file crashes the parser or keeps it busy HANG_S: it is read, or refused with problems."""
    data, options, ref = drawn
    outcome, seconds = timed_parse(data, ref, options)
    assert seconds < HANG_S
    if isinstance(outcome, InputError):
        assert outcome.problems and all(str(p).startswith("fuzz.csv:") for p in outcome.problems)


def test_every_seed_fixture_is_valid_as_given() -> None:
    """The undamaged fixtures parse with their options: mutations start from valid files."""
    for data, options in fixture_seeds():
        outcome, _ = timed_parse(data, fixture_reference(), options)
        assert not isinstance(outcome, InputError), outcome.lines()


def test_the_mutations_change_the_bytes_as_described() -> None:
    """The mutation operators themselves, on a small input a reader can check by eye."""
    data = b"a,b\n1,2\n"
    assert mutate(data, [("truncate", 3, 0, b"")]) == b"a,b"
    assert mutate(data, [("delete", 0, 4, b"")]) == b"1,2\n"
    assert mutate(data, [("duplicate", 0, 4, b"")]) == b"a,b\na,b\n1,2\n"
    assert mutate(data, [("swap_delimiter", 0, 1, b"")]) == b"a;b\n1;2\n"
    assert mutate(data, [("special", 4, 0, b"\x00")]) == b"a,b\n\x001,2\n"
    assert mutate(data, [("repeat", 4, 1, b"x")]) == b"a,b\n" + b"x" * 50 + b"1,2\n"
    assert mutate(data, [("flip", 0, 0, b"")]) == b"`,b\n1,2\n"


def test_a_parse_that_takes_too_long_is_reported_as_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hang guard fires: a parse stuck in a loop raises Hang instead of blocking the suite."""
    def stuck(*args: object) -> None:
        while True:
            time.sleep(0.01)

    # the shared reference is built by parsing: build it before `parse` is stuck (this test may run first)
    reference = shared_reference()
    monkeypatch.setitem(globals(), "parse", stuck)
    monkeypatch.setitem(globals(), "HANG_S", 0.2)
    with pytest.raises(Hang):
        timed_parse(b"x", reference, IngestOptions())


def test_number_text_writes_each_dialect() -> None:
    """The value writer used by the round trip, checked by eye."""
    obs = Obs(0, False, 0, "2023", -1234567, 2)
    assert number_text(obs, Dialect()) == "-12345.67"
    assert number_text(obs, Dialect(decimal=",", grouping=" ")) == "-12 345,67"
    assert number_text(obs, Dialect(grouping="\u00a0", unicode_minus=True)) == "\u221212\u00a0345.67"
    assert number_text(replace(obs, mantissa=5, places=3), Dialect(decimal=",")) == "0,005"


def random_rows(rng: random.Random, count: int) -> list[Obs]:
    """Valid observations drawn with `random` (for benchmarks/fuzz.py, which runs too many for hypothesis)."""
    pairs = [(rng.randrange(len(ENTITIES)), rng.randrange(len(INDICATORS))) for _ in range(count)]
    keys = {(e, i, rng.choice(FREQUENCIES[i % 3])) for e, i in pairs}
    unique = {(e, i, PERIODS[p]): (e, i, p) for e, i, p in keys}.values()
    out = []
    for e, i, p in unique:
        if rng.random() < 0.75:
            out.append(Obs(e, rng.random() < 0.3, i, p, rng.randint(-10**10, 10**10), rng.randint(0, 4)))
        else:
            out.append(Obs(e, rng.random() < 0.3, i, p, None, marker=rng.choice(sorted(MARKERS))))
    return out


def random_dialect(rng: random.Random) -> Dialect:
    """A dialect drawn with `random` (cp1257 without the characters it cannot write)."""
    encoding = rng.choice(ENCODINGS)
    unicode_ok = encoding != "cp1257"
    return Dialect(rng.choice(",;\t"), rng.choice(".,"),
                   rng.choice(["", " ", "\u00a0"] + (["\u202f"] if unicode_ok else [])),
                   unicode_ok and rng.random() < 0.5, encoding, rng.choice(["\n", "\r\n"]), rng.randint(0, 2),
                   rng.random() < 0.3)
