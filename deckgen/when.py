"""Dates as precise as the source gives them: a year, a month, or a day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class When:
    """A year (2023), a month (2023-09) or a day (2023-09-21)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> When | None:
        """Return the date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or None."""
        match = PATTERN.match(text.strip())
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            dt.date(year, month or 1, day or 1)  # type: ignore[arg-type]
        except ValueError:
            return None
        return cls(year, month, day)  # type: ignore[arg-type]

    @classmethod
    def of(cls, day: dt.date) -> When:
        return cls(day.year, day.month, day.day)

    @property
    def first_day(self) -> dt.date:
        """The first day the date covers (a file's timestamp, a position on a time axis)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)
