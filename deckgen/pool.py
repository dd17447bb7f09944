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
    count = workers(len(jobs), limit)
    if count <= 1:
        results = []
        for job in jobs:
            results.append(function(job))
            if done is not None:
                done()
        return results
    with ProcessPoolExecutor(count, mp_context=context()) as pool:
        futures = [pool.submit(function, job) for job in jobs]
        try:
            for future in as_completed(futures):
                if future.exception() is not None:
                    break
                if done is not None:
                    done()
            return [future.result() for future in futures]
        finally:
            for future in futures:
                future.cancel()
