"""Progress bars for long work, shown on stderr only while a person watches a terminal.

The build layers take a :class:`Progress` and report through it without knowing how, or
whether, it is shown::

    with progress.task("Drawing infographics", len(graphics)) as task:
        for graphic in graphics:
            ...
            task.advance()

:data:`NULL` shows nothing (the default everywhere). :class:`Bars` draws rich progress bars
(description, bar, M/N, elapsed) on stderr, so stdout stays clean for piping, and clears
them when done. rich is imported only when the first bar is shown, so a build that shows
none starts and runs exactly as before. :func:`for_terminal` chooses between them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, Protocol

REFRESH_SECONDS = 0.1  # at most ten redraws a second, however fast the steps come


class Task(Protocol):
    """One piece of work of known size."""

    def advance(self, steps: int = 1) -> None:
        """Count ``steps`` more steps as done."""


class Progress(Protocol):
    """Where long work reports how far it has got."""

    def task(self, description: str, total: int) -> AbstractContextManager[Task]:
        """Return a context that shows ``description`` with ``total`` steps while it lasts."""


class _NullTask:
    def advance(self, steps: int = 1) -> None:
        """Do nothing."""


class NullProgress:
    """Progress that shows nothing: for pipes, CI logs, --quiet and --json."""

    def task(self, description: str, total: int) -> AbstractContextManager[Task]:
        return nullcontext(_NullTask())

    def __enter__(self) -> NullProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


NULL = NullProgress()


class _BarTask:
    """A task of :class:`Bars`: advancing redraws at most every REFRESH_SECONDS."""

    def __init__(self, bars: Any, task_id: Any) -> None:
        self.bars, self.task_id = bars, task_id
        self.drawn = time.monotonic()

    def advance(self, steps: int = 1) -> None:
        self.bars.advance(self.task_id, steps)
        now = time.monotonic()
        if now - self.drawn >= REFRESH_SECONDS:
            self.bars.refresh()
            self.drawn = now


class Bars:
    """rich progress bars on stderr (or on ``console``), one per running task.

    The display starts with the first task and is cleared when the context ends
    (transient: nothing is left on the terminal). It is redrawn only as steps are reported,
    never by a thread, so the process pools fork no thread with it.
    """

    def __init__(self, force_terminal: bool | None = None, console: Any = None) -> None:
        self.force_terminal = force_terminal  # None: as rich finds stderr
        self.console = console
        self.bars: Any = None

    def __enter__(self) -> Bars:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bars is not None:
            self.bars.stop()
            self.bars = None

    def _started(self) -> Any:
        if self.bars is None:
            from rich import progress as rich  # only when a bar is shown

            self.bars = rich.Progress(
                rich.TextColumn("{task.description}"),
                rich.BarColumn(),
                rich.MofNCompleteColumn(),
                rich.TimeElapsedColumn(),
                console=self.console or _stderr_console(self.force_terminal),
                transient=True,
                auto_refresh=False,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self.bars.start()
        return self.bars

    @contextmanager
    def task(self, description: str, total: int) -> Iterator[Task]:
        bars = self._started()
        task_id = bars.add_task(description, total=total)
        bars.refresh()
        try:
            yield _BarTask(bars, task_id)
            bars.refresh()  # the finished count, however fast the last steps came
        finally:
            bars.remove_task(task_id)


def _stderr_console(force_terminal: bool | None) -> Any:
    from rich.console import Console

    return Console(stderr=True, force_terminal=force_terminal)


def for_terminal(quiet: bool = False) -> NullProgress | Bars:
    """Return the progress to show for a command: bars on stderr when it is a terminal, else
    nothing. ``quiet`` (--quiet, --json), a dumb terminal (TERM=dumb), or stderr going to a
    pipe, file or CI log shows nothing, so those get no control characters. NO_COLOR only
    takes the colour out of the bars (rich honours it).

    DECKGEN_PROGRESS=always draws the bars on any stderr as if it were a terminal, and
    =never draws none (for tests; not documented).
    """
    forced = os.environ.get("DECKGEN_PROGRESS", "")
    if quiet or forced == "never":
        return NULL
    if forced == "always":
        return Bars(force_terminal=True)
    if os.environ.get("TERM") == "dumb" or not sys.stderr.isatty():
        return NULL
    return Bars()
