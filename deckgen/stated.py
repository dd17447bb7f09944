"""A number as the source writes it: its value, and its digits (so 72.0 stays 72.0)."""

from __future__ import annotations

import re
from decimal import Decimal

NUMERAL = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


class Stated(float):
    """A float that remembers how it was written: ``Stated('72.0')`` prints as 72.0.

    Arithmetic gives plain floats; only formatting reads ``written``.
    """

    written: str

    def __new__(cls, written: str) -> Stated:
        text = written.replace(",", "").strip()
        self = super().__new__(cls, text)
        self.written = text
        return self

    def __reduce__(self):  # pickled for worker processes, copied by dataclasses.asdict
        return (Stated, (self.written,))

    def __repr__(self) -> str:
        return self.written

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.written)


def as_decimal(value: float) -> Decimal:
    """Return ``value`` as a Decimal with the digits it was written with."""
    if isinstance(value, Stated):
        return value.decimal
    return Decimal(repr(float(value))) if not float(value).is_integer() else Decimal(int(value))


def parse_numeral(text: str) -> Stated | None:
    """Return a quoted numeral ('1.0', '12,500') as a :class:`Stated`, or None."""
    text = text.strip()
    return Stated(text) if NUMERAL.match(text) else None
