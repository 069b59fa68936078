"""`python -m benchlearn user …` in a subprocess: exit codes, messages, no password in argv."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchlearn import cli
from benchlearn.api import accounts
from benchlearn.auth import LoginFailed
from benchlearn.cli import users as cli_users
from benchlearn.store import open_store

ROOT = Path(__file__).resolve().parents[1]
PW = "first admin secret"


def run(db: Path, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    """Run the CLI with no terminal (stdin closed); the password only ever goes through the environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("BENCHLEARN_PASSWORD", "BENCHLEARN_DB")}
    if password is not None:
        env["BENCHLEARN_PASSWORD"] = password
    argv = [sys.executable, "-m", "benchlearn", "user", *args, "--db", str(db)]
    assert password is None or not any(password in a for a in argv)
    return subprocess.run(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120, check=False)


def users(db: Path) -> dict[str, tuple[str, str | None]]:
    store = open_store(db)
    try:
        frame = accounts.list_users(store)
    finally:
        store.close()
    return {u: (r, n) for u, r, n in frame[["username", "role", "networks"]].itertuples(index=False)}


def check_login(db: Path, username: str, password: str) -> bool:
    store = open_store(db)
    try:
        accounts.login(store, username, password, sleep=lambda _s: None)
        return True
    except LoginFailed:
        return False
    finally:
        store.close()


@pytest.fixture
def db(store_location) -> str:
    path = store_location  # a DuckDB file, then a PostgreSQL database (conftest.py)
    store = open_store(path)
    with store.transaction() as cur:
        cur.execute("INSERT INTO network (code, name) VALUES (?, ?)", ["NET-A", "test network A"])
    store.close()
    return path


def test_first_admin_from_the_environment_then_list(db):
    added = run(db, "add", "root", "--role", "admin", password=PW)
    assert (added.returncode, added.stderr) == (0, "")
    assert added.stdout == "user root added as admin (networks: none)\n"
    assert PW not in added.stdout
    assert check_login(db, "root", PW)

    coord = run(db, "add", "ona", "--role", "coordinator", "--networks", "NET-A", password="coordinator pw")
    assert coord.stdout == "user ona added as coordinator (networks: NET-A)\n"

    listing = run(db, "list")
    assert listing.returncode == 0 and listing.stderr == ""
    lines = listing.stdout.splitlines()
    assert lines[0].split() == ["username", "role", "networks", "entity_code", "created_at", "failed_logins",
                                "locked_until"]
    rows = [line.split() for line in lines[1:]]
    assert [row[:4] for row in rows] == [["ona", "coordinator", "NET-A", "-"], ["root", "admin", "-", "-"]]
    assert [row[-2:] for row in rows] == [["0", "-"], ["0", "-"]]
    assert "argon2" not in listing.stdout and PW not in listing.stdout


def test_no_terminal_and_no_variable_is_a_usage_error(db):
    result = run(db, "add", "root", "--role", "admin")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == ("error: no password given: set BENCHLEARN_PASSWORD or run the command in a "
                             "terminal to be asked\n")
    assert users(db) == {}


@pytest.mark.parametrize(("args", "password", "code", "message"), [
    (("add", "root", "--role", "admin"), "short", 1, "error: the password must have at least 10 characters"),
    (("add", "x", "--role", "coordinator", "--networks", "NET-Z"), PW, 1,
     "error: there is no network 'NET-Z'"),
    (("add", "root", "--role", "admin"), PW, 1, "error: there is already a user 'root'"),
    (("remove", "root"), None, 1,
     "error: root is the last admin and cannot be removed; add another admin first"),
    (("remove", "ghost"), None, 1, "error: there is no user 'ghost'"),
    (("passwd", "ghost"), PW, 1, "error: there is no user 'ghost'"),
])
def test_refusals_exit_1_in_one_line(db, args, password, code, message):
    assert run(db, "add", "root", "--role", "admin", password=PW).returncode == 0
    result = run(db, *args, password=password)
    assert result.returncode == code
    assert result.stderr == message + "\n"
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert users(db) == {"root": ("admin", None)}


@pytest.mark.parametrize("args", [
    ("add", "root", "--role", "boss"),
    ("add", "root", "--role", "admin", "--password", "typed on the command line"),
    ("add", "root"),
    (),
])
def test_usage_errors_exit_2_without_traceback(db, args):
    result = run(db, *args, password=PW)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert users(db) == {}


def test_passwd_and_remove(db):
    run(db, "add", "root", "--role", "admin", password=PW)
    run(db, "add", "ona", "--role", "analyst", password="analyst secret")
    changed = run(db, "passwd", "ona", password="a new secret!")
    assert (changed.returncode, changed.stdout) == (0, "password of ona changed\n")
    assert check_login(db, "ona", "a new secret!") and not check_login(db, "ona", "analyst secret")
    removed = run(db, "remove", "ona")
    assert (removed.returncode, removed.stdout) == (0, "user ona removed\n")
    assert users(db) == {"root": ("admin", None)}
    store = open_store(db)
    try:
        log = accounts.audit_log(store, 100)
    finally:
        store.close()
    changes = log[log["action"].isin(["user_added", "password_changed", "user_removed"])]
    assert list(changes["action"])[::-1] == ["user_added", "user_added", "password_changed", "user_removed"]
    assert changes["username"].str.startswith("cli").all()
    assert PW not in log.to_string() and "a new secret!" not in log.to_string()


def test_no_option_can_carry_a_password():
    options: list[str] = []

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            options.extend(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    walk(child)

    walk(cli.build_parser())
    assert "--role" in options  # the walk reached the user subcommands
    assert not [o for o in options if "pass" in o.lower() or o.lower() in ("-p", "--pw")]


# --- the prompt (in-process: a subprocess has no terminal) ----------------------------------------

class Terminal:
    def isatty(self) -> bool:
        return True


@pytest.fixture
def prompt(monkeypatch):
    answers: list[str] = []
    monkeypatch.delenv("BENCHLEARN_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(cli_users.getpass, "getpass", lambda _prompt: answers.pop(0))
    return answers


def test_prompt_asks_twice(db, prompt, capsys):
    prompt.extend([PW, PW])
    assert cli.main(["user", "add", "root", "--role", "admin", "--db", str(db)]) == 0
    assert capsys.readouterr().out == "user root added as admin (networks: none)\n"
    assert check_login(db, "root", PW)


def test_prompt_answers_must_match(db, prompt, capsys):
    prompt.extend([PW, PW + "x"])
    assert cli.main(["user", "add", "root", "--role", "admin", "--db", str(db)]) == 1
    assert capsys.readouterr().err == "error: the two passwords differ; nothing was changed\n"
    assert users(db) == {}


def test_the_environment_wins_over_the_prompt(db, prompt, monkeypatch, capsys):
    monkeypatch.setenv("BENCHLEARN_PASSWORD", PW)
    assert cli.main(["user", "add", "root", "--role", "admin", "--db", str(db)]) == 0
    assert prompt == []  # getpass was never called (it would have failed on the empty list)
    assert check_login(db, "root", PW)
