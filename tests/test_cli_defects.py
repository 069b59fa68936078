"""The command line's defects found from outside (issues 11.11, 12.6, 14.3), on real DuckDB files.

Formula-safe CSV output, a closed pipe ends quietly, every write is audited (with the OS user), --user
names an existing account, every argument has a help text, the size refusal is one clear line, and the
"database is open" refusal says what to do instead for the command that was refused.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import getpass
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchlearn import cli
from benchlearn.api import accounts
from benchlearn.api import backup as backups
from benchlearn.store import open_store

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "tests" / "data" / "ref"
FORMULA_NAME = '=HYPERLINK("http://evil.example/","Vilnius")'
FORMULA_INDICATOR = "@SUM(1+1)*cmd|x"
PEERS = "list:LT-01,LT-02,LT-99"
OS_USER = getpass.getuser()


def run(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess:
    """`python -m benchlearn …` in a subprocess, as a user runs it."""
    env = {k: v for k, v in os.environ.items() if k != "BENCHLEARN_DB"}
    return subprocess.run([sys.executable, "-m", "benchlearn", *args], cwd=ROOT, env=env, stdout=stdout,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, timeout=120, check=False)


def main(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (quicker than a subprocess): exit code, stdout, stderr."""
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference entities and indicators, plus an entity and an indicator named like formulas."""
    folder = tmp_path_factory.mktemp("cli-defects")
    entities = (REF / "entities.csv").read_text(encoding="utf-8")
    quoted = FORMULA_NAME.replace('"', '""')
    (folder / "entities.csv").write_text(entities + f'LT-99,"{quoted}",,municipality,,LT,,,\n', encoding="utf-8")
    indicators = (REF / "indicators.csv").read_text(encoding="utf-8")
    (folder / "indicators.csv").write_text(
        indicators + f'EVIL,"{FORMULA_INDICATOR}",,,%,neutral,demography,,test,,,1,,,\n', encoding="utf-8")
    (folder / "values.csv").write_text(
        "entity_code,indicator_code,period,value\nLT-01,POP,2023,100\nLT-02,POP,2023,300\nLT-99,POP,2023,200\n"
        "LT-01,EVIL,2023,-5\nLT-99,EVIL,2023,7\n", encoding="utf-8")
    db = folder / "small.duckdb"
    for name, kind in (("entities", "entities"), ("indicators", "indicators"), ("values", "values")):
        done = run("ingest", str(folder / f"{name}.csv"), "--kind", kind, "--db", str(db))
        assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def db(small_db: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the small store."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(small_db.read_bytes())
    wal = small_db.with_name(small_db.name + ".wal")
    if wal.exists():
        copy.with_name(copy.name + ".wal").write_bytes(wal.read_bytes())
    return copy


def audit(db: Path) -> list[tuple[str, str, str]]:
    """(username, action, detail) of every audit entry, oldest first."""
    store = open_store(db)
    try:
        log = accounts.audit_log(store, 1000)
    finally:
        store.close()
    return [tuple(row) for row in log[["username", "action", "detail"]].itertuples(index=False)][::-1]


# --- issue 11.11: CSV output is formula-safe --------------------------------------------------------

def test_compare_csv_neutralises_a_formula_name_and_keeps_numbers(small_db):
    done = run("compare", "--indicator", "POP", "--period", "2023", "--peers", PEERS, "--db", str(small_db))
    assert done.returncode == 0, done.stderr
    rows = {r["entity_code"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    assert rows["LT-99"]["entity_name"] == "'" + FORMULA_NAME
    assert rows["LT-01"]["entity_name"] == "Akmenė d. mun."
    assert (rows["LT-01"]["gap_to_median"], rows["LT-01"]["z"][:6]) == ("-100.0", "-1.224")  # no apostrophe
    assert float(rows["LT-02"]["value"]) == 300.0


def test_profile_csv_neutralises_a_formula_indicator_name(small_db):
    done = run("profile", "--entity", "LT-99", "--period", "2023", "--peers", PEERS, "--db", str(small_db))
    assert done.returncode == 0, done.stderr
    rows = {r["indicator_code"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    assert rows["EVIL"]["name_en"] == "'" + FORMULA_INDICATOR
    assert rows["EVIL"]["value"] == "7.0" and rows["POP"]["name_en"] == "Resident population"


def test_json_output_keeps_the_name_as_it_is(small_db, capsys):
    code, out, _ = main(capsys, "compare", "--indicator", "POP", "--period", "2023", "--peers", PEERS,
                        "--format", "json", "--db", str(small_db))
    assert code == 0 and FORMULA_NAME.replace('"', '\\"') in out  # JSON is data, not a spreadsheet


# --- issue 12.6: a closed pipe is a normal end --------------------------------------------------------

@pytest.mark.parametrize("command", [
    ("compare", "--indicator", "POP", "--period", "2023", "--peers", PEERS),
    ("profile", "--entity", "LT-01", "--period", "2023"),
])
def test_a_closed_pipe_ends_quietly_with_141(small_db, command):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte, as `| head -0` (and `head -1` on long output)
    try:
        done = run(*command, "--db", str(small_db), stdout=write_end)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, "")


def test_a_real_head_gets_the_header_and_no_traceback(small_db):
    line = f"set -o pipefail; {sys.executable} -m benchlearn compare --indicator POP --period 2023 --db {small_db}"
    done = subprocess.run(["bash", "-c", line + " | head -1"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.startswith("entity_code,entity_name,value,")
    assert done.stderr == "" and done.returncode in (0, 141)


# --- issue 12.6: writes through the CLI are audited -----------------------------------------------------

def test_ingest_and_undo_are_audited_with_the_os_user(db, tmp_path, capsys):
    values = tmp_path / "more.csv"
    values.write_text("entity_code,indicator_code,period,value\nLT-01,POP,2024,110\n", encoding="utf-8")
    assert main(capsys, "ingest", str(values), "--db", str(db))[0] == 0
    assert main(capsys, "undo", "4", "--db", str(db))[0] == 0
    entries = audit(db)[-2:]
    assert [(u, a) for u, a, _ in entries] == [(f"cli:{OS_USER}", "upload"), (f"cli:{OS_USER}", "undo")]
    assert entries[0][2].startswith("batch 4: values more.csv for no network (1 new, 0 changed, 0 unchanged)")
    assert all(d.endswith(f"[command line, OS user {OS_USER}]") for _, _, d in entries)


def test_user_names_an_existing_account_and_both_are_recorded(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BENCHLEARN_PASSWORD", "coordinator secret")
    assert main(capsys, "user", "add", "ona", "--role", "coordinator", "--db", str(db))[0] == 0
    values = tmp_path / "more.csv"
    values.write_text("entity_code,indicator_code,period,value\nLT-01,POP,2024,110\n", encoding="utf-8")
    assert main(capsys, "ingest", str(values), "--user", "ona", "--db", str(db))[0] == 0
    user, action, detail = audit(db)[-1]
    assert (user, action) == ("ona", "upload") and detail.endswith(f"[command line, OS user {OS_USER}]")
    code, out, _ = main(capsys, "batches", "--json", "--db", str(db))
    assert code == 0 and json.loads(out)[0]["username"] == "ona"  # the batch names the account too


@pytest.mark.parametrize("command", [("ingest", "VALUES"), ("undo", "3")])
def test_an_unknown_user_is_refused_in_one_line_and_nothing_is_written(db, tmp_path, capsys, command):
    values = tmp_path / "more.csv"
    values.write_text("entity_code,indicator_code,period,value\nLT-01,POP,2024,110\n", encoding="utf-8")
    args = [str(values) if a == "VALUES" else a for a in command]
    before = audit(db)
    code, out, err = main(capsys, *args, "--user", "ghost", "--db", str(db))
    assert (code, out) == (1, "")
    assert err == ("error: --user 'ghost' is not an account here: name an existing account (see `user list`), "
                   "or leave --user out to record the operating-system user\n")
    assert audit(db) == before
    batches = json.loads(main(capsys, "batches", "--json", "--db", str(db))[1])
    assert [(b["id"], b["status"]) for b in batches] == [(3, "committed"), (2, "committed"), (1, "committed")]


def test_account_changes_are_audited_with_the_os_user(db, capsys, monkeypatch):
    monkeypatch.setenv("BENCHLEARN_PASSWORD", "first admin secret")
    for args in (("add", "root", "--role", "admin"), ("add", "ona", "--role", "analyst"), ("passwd", "ona"),
                 ("role", "ona", "--role", "admin"), ("networks", "ona", "--networks", ""), ("remove", "ona")):
        code, _, err = main(capsys, "user", *args, "--db", str(db))
        assert code == 0, err
    entries = [e for e in audit(db) if e[1] not in ("upload",)]
    assert [a for _, a, _ in entries] == ["user_added", "user_added", "password_changed", "role_changed",
                                          "networks_changed", "user_removed"]
    assert {u for u, _, _ in entries} == {f"cli:{OS_USER}"}
    assert entries[3][2] == "ona: analyst → admin"


def test_backup_and_restore_are_audited(db, tmp_path, capsys):
    code, out, err = main(capsys, "backup", "--to", str(tmp_path / "b"), "--db", str(db))
    assert code == 0, err
    folder = out.strip().removeprefix("backup written to ")
    assert audit(db)[-1][:2] == (f"cli:{OS_USER}", "backup")
    code, _, err = main(capsys, "restore", folder, "--db", str(db))
    assert code == 0, err
    user, action, detail = audit(db)[-1]
    assert (user, action) == (f"cli:{OS_USER}", "restored") and detail.startswith(f"from {folder}: ")


def test_demo_is_audited(demo_db):
    loaded = [e for e in audit(demo_db) if e[1] == "demo_loaded"]
    assert len(loaded) == 1 and loaded[0][0] == f"cli:{OS_USER}" and loaded[0][2].startswith("batches 1, 2, ")


# --- issue 12.6: every argument is described ----------------------------------------------------------

def test_every_argument_of_every_command_has_a_help_text():
    missing: list[str] = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if isinstance(action, argparse._SubParsersAction):
                described = {a.dest for a in action._choices_actions if a.help}
                missing.extend(f"{path} {name}" for name in action.choices if name not in described)
                for name, child in action.choices.items():
                    walk(child, f"{path} {name}")
            elif not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")

    walk(cli.build_parser(), "benchlearn")
    assert missing == []


# --- issue 12.6: the size refusal ------------------------------------------------------------------------

def test_the_size_refusal_is_one_line_naming_size_limit_and_option(db, tmp_path):
    big = tmp_path / "values.csv"
    big.write_text("entity_code,indicator_code,period,value\n" + "LT-01,POP,2024,110\n" * 120, encoding="utf-8")
    size = big.stat().st_size
    done = run("ingest", str(big), "--max-bytes", "1000", "--db", str(db))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"values.csv: file too large: 2.3 KB ({size} bytes), the limit is 1000 bytes; "
                           f"to load it, raise the limit with --max-bytes {size}\n")
    assert run("ingest", str(big), "--max-bytes", str(size), "--db", str(db)).returncode == 0


# --- issue 14.3: the "database is open" refusal says what to do ----------------------------------------

@contextlib.contextmanager
def held_open(db: Path) -> Iterator[int]:
    """Another process (as the dashboard would) holding the database read-write; yields its PID."""
    code = "import sys; from benchlearn.store import open_store; s = open_store(sys.argv[1]); print('ready', " \
           "flush=True); sys.stdin.read()"
    proc = subprocess.Popen([sys.executable, "-c", code, str(db)], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        yield proc.pid
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)


STOP = "stop it (PID {pid}) and run the command again"


@pytest.mark.parametrize(("args", "instead"), [
    (("ingest", "VALUES"), "upload the file on the Upload page of the dashboard, or "),
    (("undo", "3"), "undo the batch on the History page of the dashboard, or "),
    (("compare", "--indicator", "POP", "--period", "2023"),
     "see it on the Indicator ranking page of the dashboard, or "),
    (("profile", "--entity", "LT-01", "--period", "2023"),
     "see it on the Municipality profile page of the dashboard, or "),
    (("user", "add", "root", "--role", "admin"), "create accounts on Administration → Users in the dashboard, or "),
    (("user", "passwd", "root"), "set passwords on Administration → Users in the dashboard, or "),
    (("backup",), "an admin takes the backup on Administration → Backups in the dashboard, or "),
    (("restore", "BACKUP"), ""),
    (("demo",), ""),
], ids=["ingest", "undo", "compare", "profile", "user-add", "user-passwd", "backup", "restore", "demo"])
def test_an_open_database_refusal_names_what_to_do(db, tmp_path, capsys, monkeypatch, args, instead):
    monkeypatch.setenv("BENCHLEARN_PASSWORD", "first admin secret")
    values = tmp_path / "v.csv"
    values.write_text("entity_code,indicator_code,period,value\nLT-01,POP,2024,110\n", encoding="utf-8")
    swap = {"VALUES": str(values)}
    if "BACKUP" in args:  # a real backup: restore checks a backup's integrity before it looks at the database
        store = open_store(db)
        try:
            swap["BACKUP"] = str(backups.backup(store, tmp_path / "backups"))
        finally:
            store.close()
    with held_open(db) as pid:
        code, out, err = main(capsys, *[swap.get(a, a) for a in args], "--db", str(db))
    assert (code, out) == (2, "")
    assert err == (f"error: the database {db} is open in another process (PID {pid}), probably the dashboard; "
                   f"{instead}{STOP.format(pid=pid)}\n")


def test_an_unexpected_failure_prints_one_line_and_logs_the_traceback(tmp_path: Path) -> None:
    """A bug inside a command: one line on stderr naming the log, the traceback only in the log file."""
    db, log = tmp_path / "s.duckdb", tmp_path / "cli.log"
    program = ("import sys\nfrom benchlearn.cli import data, main\n"
               "def broken(args, store):\n    raise RuntimeError('internal detail 42')\n"
               "data._batches = broken\nsys.exit(main(['batches', '--db', sys.argv[1]]))\n")
    result = subprocess.run([sys.executable, "-c", program, str(db)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=False, env={**os.environ, "BENCHLEARN_LOG": str(log)})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: unexpected failure (RuntimeError); nothing was written; details in {log}"]
    assert "Traceback" not in result.stderr + result.stdout and "internal detail" not in result.stderr
    assert "Traceback" in log.read_text(encoding="utf-8") and "internal detail 42" in log.read_text(encoding="utf-8")
