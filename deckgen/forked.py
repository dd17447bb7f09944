"""Share a loop's work with a forked copy of this process, on machines with a second core.

:func:`split_map` returns exactly what ``[fn(x) for x in items]`` returns: a forked child
computes every second item while this process computes the others, and sends its results
back pickled. It forks only where forking is safe and worth it (POSIX, a second
core, no other thread in this process, enough items); anything that goes wrong in the child
makes this process compute that part itself, so the result never depends on the fork.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 6  # below this a fork (a few milliseconds) costs more than it saves


def can_fork(items: int) -> bool:
    """Return True when sharing ``items`` items with a forked child is safe and worth it."""
    return (
        items >= MIN_ITEMS
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1  # a fork copies only this thread: none may hold a lock
        and os.environ.get("DECKGEN_NO_FORK") != "1"
    )


def split_map(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """Return ``[fn(x) for x in items]``, every second item computed in a forked child when
    :func:`can_fork` allows it (alternate items share out work that grows or shrinks along
    the list). ``fn``'s results must pickle; an exception ``fn`` raises here propagates as
    in the plain loop, and one it raises in the child makes this process compute the
    child's items itself."""
    if not can_fork(len(items)):
        return [fn(x) for x in items]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute its items, send them, leave without any cleanup
        status = 1
        try:
            os.close(read)
            data = pickle.dumps([fn(x) for x in items[1::2]], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    try:
        mine = [fn(x) for x in items[0::2]]
    except BaseException:
        _reap(pid, read)
        raise
    theirs = _reap(pid, read)
    if theirs is None:
        theirs = [fn(x) for x in items[1::2]]
    out: list[R] = []
    for k in range(len(items)):
        out.append(mine[k // 2] if k % 2 == 0 else theirs[k // 2])
    return out


def _reap(pid: int, read: int) -> list | None:
    """Return the child's results (None when it failed), its pipe read and closed and the
    child waited for."""
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - a truncated message: compute the part here instead
        return None
