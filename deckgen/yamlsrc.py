"""Load YAML safely, keeping the line of every key so errors can point at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DeckgenError, Problem

try:  # the C loader is the same safe loader, only faster
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the libyaml build
    _Loader = yaml.SafeLoader

MAX_BYTES = 5 * 1024 * 1024


class Located:
    """Map key paths (``pillars[2].name``) to 1-based line numbers in one file."""

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[str, int] = {}

    def line(self, path: str) -> int | None:
        """Return the line of ``path`` or of its closest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = _parent(path)
        return self.lines.get("")

    def problem(self, path: str, message: str, hint: str = "") -> Problem:
        return Problem(self.file, self.line(path), path, message, hint)


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


def load_yaml(path: Path, error_type: type[DeckgenError], what: str) -> tuple[Any, Located]:
    """Return the data of a YAML file and a :class:`Located` for it.

    Only plain YAML types are built (the safe schema); any tag that would build a Python
    object, duplicate keys, non-UTF-8 bytes, NaN and infinities are errors.
    """
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as e:
        raise error_type(f"{name}: {what} not found (check the path)") from e
    except IsADirectoryError as e:
        raise error_type(f"{name}: is a folder, expected a {what} (.yaml)") from e
    except OSError as e:
        raise error_type(f"{name}: cannot read {what}: {e.strerror}") from e
    if len(raw) > MAX_BYTES:
        raise error_type(f"{name}: {what} is {len(raw)} bytes, over the {MAX_BYTES} byte limit")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise error_type(f"{name}:{line}: not UTF-8 text (save the {what} as UTF-8)") from e
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise error_type(f"{name}:{line}: contains a NUL byte (this is not a text {what})")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        where = f"{name}:{line}" if line else name
        raise error_type(f"{where}: invalid YAML: {e.problem} (fix the syntax there)") from e
    except yaml.YAMLError as e:
        raise error_type(f"{name}: invalid YAML: {e}") from e
    located = Located(name)
    if node is None:
        raise error_type(f"{name}:1: the {what} is empty (see docs for a minimal example)")
    return _build(node, "", located, error_type), located


_PLAIN_TAGS = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


def _build(node: yaml.Node, path: str, located: Located, error_type: type[DeckgenError]) -> Any:
    located.lines.setdefault(path, node.start_mark.line + 1)
    plain = _PLAIN_TAGS.get(type(node))
    if plain is not None and node.tag != plain:
        raise error_type(
            str(
                Problem(
                    located.file,
                    node.start_mark.line + 1,
                    path,
                    f"unsupported YAML tag {node.tag!r}",
                    "only plain YAML is allowed",
                )
            )
        )
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise error_type(str(located.problem(path, "merge keys (<<) are not supported")))
            key = _scalar(key_node, path, located, error_type)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                msg = f"keys must be text, got {key!r}"
                raise error_type(
                    str(Problem(located.file, key_node.start_mark.line + 1, path, msg))
                )
            child = f"{path}.{key}" if path else str(key)
            if key in out:
                line = key_node.start_mark.line + 1
                raise error_type(
                    str(
                        Problem(
                            located.file, line, child, "duplicate key", "each key may appear once"
                        )
                    )
                )
            located.lines[child] = key_node.start_mark.line + 1
            out[key] = _build(value_node, child, located, error_type)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, f"{path}[{i}]", located, error_type) for i, item in enumerate(node.value)
        ]
    return _scalar(node, path, located, error_type)


_constructor = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node, path: str, located: Located, error_type: type[DeckgenError]) -> Any:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.ScalarNode):
        raise error_type(str(Problem(located.file, line, path, "a key must be a plain value")))
    try:
        value = _constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as e:
        msg = f"unsupported YAML tag {node.tag!r}"
        raise error_type(
            str(Problem(located.file, line, path, msg, "only plain YAML is allowed"))
        ) from e
    return value
