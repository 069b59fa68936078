"""A PostgreSQL server of the cluster's own, from Debian's programs: `initdb` once into a folder, then `pg_ctl`.

Used when `make cluster` is given no server address. PostgreSQL refuses to run as root, so as root (a container,
CI) its programs run as the `postgres` account that Debian's package creates, and the data folder belongs to it.
It listens on 127.0.0.1 only, with trust authentication for local connections: nothing off the machine reaches it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchlearn.errors import UsageError

RUN_AS = "postgres"
DATABASE = "benchlearn"
TIMEOUT_S = 60


@dataclass(frozen=True)
class LocalServer:
    """A server whose data lives in `folder`/data, listening on 127.0.0.1:`port`."""

    programs: Path
    folder: Path
    port: int

    def url(self, database: str = DATABASE) -> str:
        """The address of one of its databases, as BENCHLEARN_DB takes it."""
        return f"postgresql://{RUN_AS}@127.0.0.1:{self.port}/{database}"

    @property
    def data(self) -> Path:
        """The cluster's data folder."""
        return self.folder / "data"


def find_programs() -> Path:
    """The folder holding initdb and pg_ctl: $BENCHLEARN_PG_BIN, Debian's newest /usr/lib/postgresql/*/bin, PATH."""
    given = os.environ.get("BENCHLEARN_PG_BIN")
    found = [given] if given else sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_major, reverse=True)
    on_path = shutil.which("pg_ctl")
    found += [str(Path(on_path).parent)] if on_path else []
    for folder in found:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise UsageError("PostgreSQL's programs are not installed (Debian: apt-get install postgresql), "
                     "or give the address of a running server with --db postgresql://…")


def _major(folder: str) -> int:
    version = Path(folder).parent.name
    return int(version) if version.isdigit() else 0


def as_server_user(command: list[str]) -> list[str]:
    """`command` as the account PostgreSQL runs under (itself when not root)."""
    return ["runuser", "-u", RUN_AS, "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(as_server_user(command), capture_output=True, text=True, timeout=TIMEOUT_S + 10,
                          check=False)
    if done.returncode != 0:
        raise UsageError(f"PostgreSQL could not {what}: {(done.stderr or done.stdout).strip()[-500:]}")


def prepare(folder: Path, port: int, options: str = "", programs: Path | None = None) -> tuple[LocalServer, bool]:
    """Create the data folder on first use and start the server; return it and whether it was created now."""
    server = LocalServer(programs or find_programs(), folder.resolve(), port)
    created = not (server.data / "PG_VERSION").exists()
    server.folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:  # the server's account must own its folder (and its socket goes there)
        account = pwd.getpwnam(RUN_AS)
        os.chown(server.folder, account.pw_uid, account.pw_gid)
    if created:
        _run([str(server.programs / "initdb"), "-D", str(server.data), "-A", "trust", "-U", RUN_AS, "-E", "UTF8",
              "--locale=C.UTF-8"], "create its data folder")
    start(server, options)
    if created:
        _run([str(server.programs / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", RUN_AS, DATABASE],
             "create the database")
    return server, created


def start(server: LocalServer, options: str = "") -> None:
    """Start the server and wait until it accepts connections."""
    flags = f"-p {server.port} -k {server.folder} -c listen_addresses=127.0.0.1 {options}".strip()
    _run([str(server.programs / "pg_ctl"), "-D", str(server.data), "-l", str(server.folder / "server.log"),
          "-o", flags, "-w", "-t", str(TIMEOUT_S), "start"], "start")


def stop(server: LocalServer, mode: str = "fast") -> None:
    """Stop the server (`fast`: roll back open transactions and disconnect; `immediate`: as a crash would)."""
    _run([str(server.programs / "pg_ctl"), "-D", str(server.data), "-m", mode, "-w", "-t", str(TIMEOUT_S), "stop"],
         "stop")
