"""Where a load run's CPU went (issue 17): the whole machine, the serving processes, the load generator itself.

Read from /proc (psutil is not installed): the machine's busy share from /proc/stat, the serving processes'
user + system time from /proc/<pid>/stat (all their threads), the database server's (every process named
`postgres`: its backends' own time and, through the postmaster's children's times, that of backends that ended
during the level), and this process's own CPU time. nginx counts only in the machine's share.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _machine() -> tuple[int, int]:
    """(busy, total) jiffies over all cores since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _process_s(pids: list[int]) -> float:
    """User + system CPU seconds of these processes (a process gone at that moment counts 0)."""
    total = 0
    for pid in pids:
        try:
            after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(after_name[11]) + int(after_name[12])  # utime, stime (fields 14 and 15 of stat)
    return total / _TICK


def _database_s() -> float:
    """CPU seconds of every PostgreSQL process on the machine, with their ended children's (0 without one)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, after_name = text[text.find("(") + 1:text.rfind(")")], text.rsplit(")", 1)[1].split()
        if name == "postgres":
            total += sum(int(x) for x in after_name[11:15])  # utime, stime, cutime, cstime
    return total / _TICK


@dataclass
class CpuMeter:
    """Started at the beginning of a level, read at its end."""

    pids: Callable[[], list[int]]
    machine: tuple[int, int] = (0, 0)
    serving_s: float = 0.0
    database_s: float = 0.0
    client_s: float = 0.0

    def start(self) -> CpuMeter:
        """Take the starting readings."""
        self.machine, self.serving_s, self.client_s = _machine(), _process_s(self.pids()), time.process_time()
        self.database_s = _database_s()
        return self

    def read(self) -> dict[str, float]:
        """machine_busy_pct (all cores), serving_cpu_s (dashboards), database_cpu_s (PostgreSQL), client_cpu_s."""
        busy, total = _machine()
        share = 100 * (busy - self.machine[0]) / max(total - self.machine[1], 1)
        return {"machine_busy_pct": share, "serving_cpu_s": _process_s(self.pids()) - self.serving_s,
                "database_cpu_s": _database_s() - self.database_s, "client_cpu_s": time.process_time() - self.client_s}
