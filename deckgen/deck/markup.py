"""Escape text for the XML deckgen writes.

The standard library's ``xml.sax.saxutils`` imports ``urllib.request`` (tens of
milliseconds at start-up, on every build); these two replacements are all the writers need.
Characters XML 1.0 cannot hold at all never reach here: the facts loader refuses them.
"""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def escape(text: str) -> str:
    """Return ``text`` safe as element content."""
    return text.translate(_TEXT)


def attr(text: str) -> str:
    """Return ``text`` as a double-quoted attribute value, quotes included."""
    return f'"{text.translate(_ATTR)}"'
