"""The process pools deckgen draws graphics and builds several decks in, on any platform.

The platform's default start method is used: fork on Linux (fastest: workers start with the
parent's imports), spawn on Windows and macOS. When that method is unavailable, spawn is.
Workers are top-level functions given picklable arguments, and rebuild what they need
(fonts registered with matplotlib, metric caches) themselves, so the output is the same
bytes whichever method starts them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing.context import BaseContext
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def context() -> BaseContext:
    """Return the context of the start method set for this program (set_start_method), else
    of the platform's default; the spawn one when that method is unavailable here."""
    # The first of get_all_start_methods() is the platform's default; asking for it by name
    # does not fix the default for the rest of the program, as get_context() would.
    method = (
        multiprocessing.get_start_method(allow_none=True)
        or multiprocessing.get_all_start_methods()[0]
    )
    try:
        return multiprocessing.get_context(method)
    except ValueError:  # e.g. "cannot find context for 'fork'"
        return multiprocessing.get_context("spawn")


def workers(jobs: int, limit: int | None = None) -> int:
    """Return how many processes to run ``jobs`` in: one per core, at most one per job."""
    return max(1, min(limit or os.cpu_count() or 1, jobs))


class Running:
    """Jobs started in a pool of processes: :meth:`results` waits for them. Meanwhile this
    process is free for other work (the deck is rendered while its graphics are drawn)."""

    def __init__(self, function: Callable[[T], R], jobs: list[T], limit: int | None = None):
        self.function, self.jobs = function, jobs
        self.count = workers(len(jobs), limit)
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list = []
        if self.count > 1:  # started here, in this thread: no other thread is forked from
            self.pool = ProcessPoolExecutor(self.count, mp_context=context())
            self.futures = [self.pool.submit(function, job) for job in jobs]

    def results(self, done: Callable[[], None] | None = None) -> list:
        """Return the results in the order of the jobs (see :func:`run`)."""
        if self.pool is None:
            results = []
            for job in self.jobs:
                results.append(self.function(job))
                if done is not None:
                    done()
            return results
        with self.pool:
            try:
                for future in as_completed(self.futures):
                    if future.exception() is not None:
                        break
                    if done is not None:
                        done()
                return [future.result() for future in self.futures]
            finally:
                self.cancel()

    def cancel(self) -> None:
        """Stop the jobs not started (after a failure elsewhere); wait for the pool."""
        if self.pool is not None:
            for future in self.futures:
                future.cancel()
            self.pool.shutdown(wait=True, cancel_futures=True)


def start(function: Callable[[T], R], jobs: list[T], limit: int | None = None) -> Running:
    """Start ``[function(job) for job in jobs]`` in a pool of processes; see :func:`run`."""
    return Running(function, jobs, limit)


def run(
    function: Callable[[T], R],
    jobs: list[T],
    limit: int | None = None,
    done: Callable[[], None] | None = None,
) -> list[R]:
    """Return ``[function(job) for job in jobs]``, computed in a pool of processes (in this
    process when one is enough). ``function`` must be a module-level function.

    ``done`` is called in this process as each job finishes, in whatever order they finish
    (for a progress bar); the results keep the order of the jobs. A failing job raises as
    ``Executor.map`` would: the first failure in job order, the jobs not started cancelled.
    """
    return start(function, jobs, limit).results(done)
