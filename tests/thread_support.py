"""Readers running while writers write, in threads of one process: a thread's failure must fail the test."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence


def readers_during_writers(readers: Sequence[Callable[[], None]], writers: Sequence[Callable[[], None]],
                           writing: threading.Event) -> list[BaseException]:
    """Start every reader and writer; when the writers are done clear `writing` (the readers loop while it is
    set) and wait for the readers. Returns what any thread raised (an assertion in a reader included)."""
    failures: list[BaseException] = []

    def guarded(target: Callable[[], None]) -> None:
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 — reported to the test, which fails on it
            failures.append(exc)

    started = [threading.Thread(target=guarded, args=(job,)) for job in (*readers, *writers)]
    reading, writing_threads = started[:len(readers)], started[len(readers):]
    writing.set()
    for thread in started:
        thread.start()
    for thread in writing_threads:
        thread.join(timeout=300)
    writing.clear()
    for thread in reading:
        thread.join(timeout=60)
    return failures
