"""Turn plain YAML data into typed dataclasses, collecting every problem with its line.

The facts model and the layout model are dataclasses whose fields carry a ``doc``; this module
validates data against them and produces the reference documentation from the same fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
import types
import typing
from typing import Any, Literal, get_args, get_origin

from .errors import Problem
from .stated import parse_numeral
from .text import Text
from .when import When
from .yamlsrc import Located

MAX_TEXT = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


def doc_field(doc: str, default: Any = dataclasses.MISSING, **meta: Any) -> Any:
    """Return a dataclass field documented by ``doc`` (shown in docs and errors)."""
    metadata = {"doc": doc, **meta}
    if isinstance(default, (list, dict)):
        factory = type(default)
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


class Converter:
    """Validate data against dataclass types; ``problems`` and ``warnings`` collect findings."""

    def __init__(self, located: Located, strict: bool = False):
        self.located = located
        self.strict = strict  # unknown keys are problems, not warnings
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def problem(self, path: str, message: str, hint: str = "") -> None:
        self.problems.append(self.located.problem(path, message, hint))

    def convert(self, tp: Any, value: Any, path: str) -> Any:
        """Return ``value`` converted to type ``tp``, or None after recording a problem."""
        origin = get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in get_args(tp) if a is not type(None)]
            if value is None:
                return None
            return self.convert(options[0], value, path)
        if origin is Literal:
            return self._literal(get_args(tp), value, path)
        if origin is tuple:
            return self._list(get_args(tp)[0], value, path)
        if origin is dict:
            return self._mapping(get_args(tp)[1], value, path)
        handler = _SCALARS.get(tp)
        if handler is not None:
            return handler(self, value, path)
        if dataclasses.is_dataclass(tp):
            return self.dataclass(tp, value, path)
        raise TypeError(f"no converter for {tp!r}")  # a programming error in the model

    def dataclass(self, cls: Any, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            self.problem(
                path,
                f"expected a mapping of keys, got {_kind(value)}",
                f"see the {cls.__name__} fields in docs/facts.md",
            )
            return None
        hints = _hints(cls)
        fields = _init_fields(cls)
        for key in value:
            if key not in fields:
                self._unknown(cls, key, path)
        kwargs: dict[str, Any] = {}
        ok = True
        for name, f in fields.items():
            child = _join(path, name)
            if name not in value or value[name] is None:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    self.problem(child, "required key is missing", f.metadata.get("doc", ""))
                    ok = False
                continue
            before = len(self.problems)
            converted = self.convert(hints[name], value[name], child)
            ok = ok and len(self.problems) == before
            kwargs[name] = converted
        if not ok:
            return None
        return cls(**kwargs)

    def _unknown(self, cls: Any, key: Any, path: str) -> None:
        """Record a key ``cls`` has no field for: a warning (the value is ignored), or a
        problem when strict; either suggests the key meant, else lists the known ones."""
        meant = meant_key(cls, str(key))
        message = f"unknown key {str(key)!r}" + (f" — did you mean {meant!r}?" if meant else "")
        carried = f"the {noun_of(cls)} does not carry it"
        if self.strict:
            hint = f"--strict: {carried}; rename or remove it"
        else:
            hint = f"ignored: {carried}"
        if not meant:
            hint += "; known keys: " + ", ".join(sorted(_init_fields(cls)))
        found = self.located.problem(_join(path, key), message, hint)
        (self.problems if self.strict else self.warnings).append(found)

    def _list(self, item_tp: Any, value: Any, path: str) -> tuple[Any, ...] | None:
        if not isinstance(value, list):
            self.problem(
                path, f"expected a list, got {_kind(value)}", "write one item per '- ' line"
            )
            return None
        return tuple(self.convert(item_tp, v, f"{path}[{i}]") for i, v in enumerate(value))

    def _mapping(self, value_tp: Any, value: Any, path: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, f"expected a mapping of keys, got {_kind(value)}")
            return None
        return {str(k): self.convert(value_tp, v, _join(path, k)) for k, v in value.items()}

    def _literal(self, options: tuple[Any, ...], value: Any, path: str) -> Any:
        if value in options:
            return value
        allowed = ", ".join(repr(o) for o in options)
        self.problem(path, f"{value!r} is not allowed", f"use one of {allowed}")
        return None


def _init_fields(cls: Any) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(cls) if f.init}


def noun_of(cls: Any) -> str:
    """Return what an object of ``cls`` is called in messages: its ``NOUN``, else its class
    name in words (``SlideEntry`` → "slide entry")."""
    return getattr(cls, "NOUN", None) or re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def meant_key(cls: Any, key: str) -> str:
    """Return the key a user most likely meant by ``key`` on a ``cls``, or ''.

    A value of one of its fields is that field set to it (``growth`` → ``kind: growth``); a
    key of a nested object, that object (``source`` → ``cite: {source: …}``); else the
    closest field name, then the closest value (difflib), when any is close.
    """
    hints = _hints(cls)
    fields = _init_fields(cls)
    options = {
        str(option): name
        for name in fields
        for option in _literal_options(hints[name])
        if isinstance(option, str) and option
    }
    if key in options:
        return f"{options[key]}: {key}"
    for name in fields:
        inner = _dataclass_of(hints[name])
        if inner is not None and key in _init_fields(inner):
            return f"{name}: {{{key}: …}}"
    import difflib  # only when a key is unknown

    close = difflib.get_close_matches(key, sorted(fields), n=1)
    if close:
        return close[0]
    close = difflib.get_close_matches(key, sorted(options), n=1, cutoff=0.75)
    return f"{options[close[0]]}: {close[0]}" if close else ""


def _literal_options(tp: Any) -> tuple[Any, ...]:
    args = [a for a in get_args(tp) if a is not type(None)]
    if get_origin(tp) in (typing.Union, types.UnionType) and args:
        return _literal_options(args[0])
    return get_args(tp) if get_origin(tp) is Literal else ()


def _dataclass_of(tp: Any) -> Any:
    """Return the dataclass a field of type ``tp`` holds (alone or optional), or None."""
    args = [a for a in get_args(tp) if a is not type(None)]
    if get_origin(tp) in (typing.Union, types.UnionType) and args:
        return _dataclass_of(args[0])
    return tp if dataclasses.is_dataclass(tp) and tp not in _SCALARS else None


def _str(conv: Converter, value: Any, path: str) -> str | None:
    if _braced(value):
        _unquoted_braces(conv, value, path)
        return None
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        conv.problem(path, f"expected text, got {value}")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        conv.problem(path, f"expected text, got {_kind(value)}")
        return None
    return _check_text(conv, str(value), path)


def _check_text(conv: Converter, value: str, path: str) -> str | None:
    if len(value) > MAX_TEXT:
        conv.problem(path, f"text is {len(value)} characters long", f"keep it under {MAX_TEXT}")
        return None
    if _CONTROL.search(value):
        conv.problem(path, "text contains control characters", "remove them")
        return None
    rtl = _RTL.search(value)
    if rtl:
        conv.problem(
            path,
            f"right-to-left text ({rtl.group(0)!r}) is not supported",
            "give this text in a left-to-right language",
        )
        return None
    return value.strip()


def _braced(value: Any) -> bool:
    """Return True for what YAML reads from a text such as ``{metric}`` left unquoted: a
    mapping whose keys are not language codes and have no values."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(v is None and not (isinstance(k, str) and _LANG.match(k)) for k, v in value.items())
    )


def _unquoted_braces(conv: Converter, value: dict[Any, Any], path: str) -> None:
    text = "{" + ", ".join(str(k) for k in value) + "}"
    key = "-" if path.endswith("]") else path.rpartition(".")[2] + ":"
    conv.problem(
        path,
        f"YAML reads {text} as a mapping, not text",
        f"a text starting with '{{' must be quoted: {key} '{text}'",
    )


def _text(conv: Converter, value: Any, path: str) -> Text | None:
    if _braced(value):
        _unquoted_braces(conv, value, path)
        return None
    if isinstance(value, dict):
        versions = []
        for lang, s in value.items():
            if not isinstance(lang, str) or not _LANG.match(lang):
                conv.problem(f"{path}.{lang}", f"{lang!r} is not a language code", "use en, zh, …")
                continue
            checked = _str(conv, s, f"{path}.{lang}")
            if checked == "":
                conv.problem(f"{path}.{lang}", "text is empty", "write the text or remove the key")
            elif checked is not None:
                versions.append((lang, checked))
        if not versions:
            conv.problem(path, "no text given", "write the text, or {en: …, zh: …}")
            return None
        return Text(tuple(versions))
    checked = _str(conv, value, path)
    if checked is None:
        return None
    if not checked:
        conv.problem(path, "text is empty", "write the text or remove the key")
        return None
    return Text.plain(checked)


def _number(conv: Converter, value: Any, path: str) -> float | None:
    if isinstance(value, str) and parse_numeral(value) is not None:
        return parse_numeral(value)  # a quoted '1.0' keeps its digits
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = "write a plain number; put the unit in 'unit' and words in 'qualifier'"
        conv.problem(path, f"expected a number, got {_kind(value)}", hint)
        return None
    if not math.isfinite(value):
        conv.problem(path, f"{value} is not a usable number", "write a finite number")
        return None
    return value


def _int(conv: Converter, value: Any, path: str) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        conv.problem(path, f"expected a whole number, got {_kind(value)}")
        return None
    return value


def _bool(conv: Converter, value: Any, path: str) -> bool | None:
    if not isinstance(value, bool):
        conv.problem(path, f"expected true or false, got {_kind(value)}")
        return None
    return value


def _date(conv: Converter, value: Any, path: str) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):  # a quoted date is still a date
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    conv.problem(path, f"expected a date, got {_kind(value)}", "write YYYY-MM-DD")
    return None


def _when(conv: Converter, value: Any, path: str) -> When | None:
    if isinstance(value, dt.date):
        return When.of(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and When.parse(value) is not None:
        return When.parse(value)
    conv.problem(path, f"expected a date, got {_kind(value)}", "write YYYY-MM-DD, YYYY-MM or YYYY")
    return None


_SCALARS: dict[Any, Any] = {
    When: _when,
    str: _str,
    Text: _text,
    float: _number,
    int: _int,
    bool: _bool,
    dt.date: _date,
}


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    """Return a dataclass's field types, resolved once (resolving evaluates each annotation,
    and a facts file converts hundreds of objects)."""
    return typing.get_type_hints(cls)


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "...'"
