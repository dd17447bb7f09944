"""Generate the facts file reference (docs/facts.md) from the facts model's field docs.

Run ``python -m deckgen.docgen > docs/facts.md``; a test keeps the file in sync.
"""

from __future__ import annotations

import dataclasses
import types
import typing

from .facts import Facts
from .text import Text

INTRO = """# Writing a facts file

A facts file is YAML (loaded with the safe loader: plain data only). It holds what an
announcement says, structured: each figure with its unit and qualifier exactly as the source
states them, each fact with the paragraph of the source where it stands, and the message of
each slide. `data/two-zones.yaml` is a complete example; `deckgen validate FILE` checks yours
and lists every problem with its line.

**Text** fields take a plain string, or one string per language: `{en: Tasks, zh: 任务}`.
A plain string is in the language of `meta.language`.

**Figures in text**: `{metric_id}` inserts a metric with its qualifier and unit
("around 500 measures"); `{metric_id.number}` inserts it without its counted noun
("around 500", "US$55.14 billion"). Nothing else is evaluated.

**Units**: `%` (a share, 0–100), a currency amount such as `USD billion` (shown as
US$55.14 billion), `rank` (shown as 1st, 2nd …), or a noun such as `tasks`.

This reference is generated from the facts model (`deckgen/facts.py`).
"""


def _type_name(tp: typing.Any) -> str:
    origin = typing.get_origin(tp)
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(tp) if a)
    if origin is tuple:
        return f"list of {_type_name(args[0])}"
    if origin in (typing.Union, types.UnionType):
        return _type_name(args[0])
    if tp is Text:
        return "text"
    if dataclasses.is_dataclass(tp):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return {str: "string", float: "number", int: "whole number", bool: "true/false"}.get(
        tp, getattr(tp, "__name__", str(tp))
    )


def _sections(cls: type, seen: list[type]) -> None:
    if cls in seen:
        return
    seen.append(cls)
    for tp in typing.get_type_hints(cls).values():
        for arg in (tp, *typing.get_args(tp)):
            if dataclasses.is_dataclass(arg) and arg is not Text:
                _sections(arg, seen)


def render() -> str:
    """Return the Markdown reference of the facts format."""
    out = [INTRO]
    classes: list[type] = []
    _sections(Facts, classes)
    for cls in classes:
        out.append(f"## {cls.__name__}\n\n{(cls.__doc__ or '').strip()}\n")
        out.append("| key | type | required | what it is |\n| --- | --- | --- | --- |")
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            doc = f.metadata.get("doc", "").replace("|", "\\|")
            out.append(
                f"| `{f.name}` | {_type_name(hints[f.name])} | "
                f"{'yes' if required else 'no'} | {doc} |"
            )
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
