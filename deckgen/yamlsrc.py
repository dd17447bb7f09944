"""Load YAML safely, keeping the line of every key so errors can point at it.

Aliases (``*name``) are expanded by copying, within a budget: a few hundred bytes of nested
aliases ("billion laughs") would otherwise expand to billions of values. An alias that
refers to the node it sits in, and nesting deeper than the parser or Python allows, are
errors too.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from .errors import DeckgenError, Problem
from .stated import Stated

try:  # the C loader is the same safe loader, only faster
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the libyaml build
    _Loader = yaml.SafeLoader

MAX_BYTES = 5 * 1024 * 1024
BASE_BUDGET = 100_000  # values an alias-free file may expand to beyond one per character


def expansion_budget(text: str) -> int:
    """Return how many values a file of ``text`` may expand to through aliases.

    A file without aliases has fewer values than characters; real files that repeat a part
    through an alias (yaml.safe_dump writes one for every shared object) stay far below this.
    """
    return BASE_BUDGET + len(text)


class Located:
    """Map key paths (``pillars[2].name``) to 1-based line numbers in one file.

    Paths stay in index form inside deckgen; a message names each list item that has an
    ``id`` by it (``metrics[exports].value`` for ``metrics[4].value``): see :meth:`shown`.
    """

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[str, int] = {}
        self.ids: dict[str, str] = {}  # index path of a list item -> its id ("metrics[4]")

    def line(self, path: str) -> int | None:
        """Return the line of ``path`` or of its closest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = _parent(path)
        return self.lines.get("")

    def shown(self, path: str) -> str:
        """Return ``path`` as messages show it: every list item that has an id named by it
        (``metrics[4].also[0]`` → ``metrics[exports].also[0]``); items without one keep
        their index."""
        out, last = [], 0
        for index in _INDEX.finditer(path):
            name = self.ids.get(path[: index.end()])
            out.append(path[last : index.start()] + (f"[{name}]" if name else index.group(0)))
            last = index.end()
        return "".join(out) + path[last:]

    def problem(self, path: str, message: str, hint: str = "") -> Problem:
        """Return a problem at ``path``, on the line ``path`` stands on."""
        return self.problem_at(self.line(path), path, message, hint)

    def problem_at(self, line: int | None, path: str, message: str, hint: str = "") -> Problem:
        """Return a problem at ``path`` on ``line`` (a node the parser is reading)."""
        return Problem(self.file, line, self.shown(path), message, hint)


_INDEX = re.compile(r"\[\d+\]")
# An id a message can name an item by: it cannot be mistaken for an index or a key path.
_SHOWN_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_STR_TAG = "tag:yaml.org,2002:str"


def item_ids(items: list[Any]) -> dict[int, str]:
    """Return the position and id of each item of a YAML sequence (nodes) that has an
    ``id`` key with a plain text value unique among the items."""
    found: dict[int, str] = {}
    for i, item in enumerate(items):
        item = getattr(item, "target", item)  # an alias stands for its node
        if not isinstance(item, yaml.MappingNode):
            continue
        for key, value in item.value:
            if (
                isinstance(key, yaml.ScalarNode)
                and key.value == "id"
                and isinstance(value, yaml.ScalarNode)
                and value.tag == _STR_TAG
                and _SHOWN_ID.match(value.value)
            ):
                found[i] = value.value
                break
    counts = Counter(found.values())
    return {i: name for i, name in found.items() if counts[name] == 1}


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


def load_yaml(path: Path, error_type: type[DeckgenError], what: str) -> tuple[Any, Located]:
    """Return the data of a YAML file and a :class:`Located` for it.

    Only plain YAML types are built (the safe schema); any tag that would build a Python
    object, duplicate keys, non-UTF-8 bytes, NaN and infinities are errors, and so are
    aliases that expand past :func:`expansion_budget`, refer to themselves, or nesting
    too deep to build.
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
    return parse_yaml(text, name, error_type, what)


def parse_yaml(
    text: str, name: str, error_type: type[DeckgenError], what: str = "file"
) -> tuple[Any, Located]:
    """Return the data of YAML ``text`` read from the file ``name``, and its lines."""
    node = _compose(text, name, error_type, what, _Loader)
    located = Located(name)
    if node is None:
        raise error_type(f"{name}:1: the {what} is empty (see docs for a minimal example)")
    builder = _Builder(located, error_type, expansion_budget(text))
    try:
        return builder.build(node, ""), located
    except _AliasTrouble:
        pass
    finally:
        _constructor.constructed_objects.clear()  # it caches every node it has seen
    # Aliases expand too far or refer to themselves. The fast composer does not keep where
    # each alias stands; compose again keeping it, to name the alias and its line.
    node = _compose(text, name, error_type, what, _MarkingLoader)
    located = Located(name)
    builder = _Builder(located, error_type, expansion_budget(text))
    try:
        builder.build(node, "")
    except _AliasTrouble:  # pragma: no cover - the marking pass always names the alias
        pass
    finally:
        _constructor.constructed_objects.clear()
    raise error_type(  # pragma: no cover - reached only if the two passes disagree
        f"{name}: the YAML expands to more than {builder.budget} values through aliases "
        f"(write the repeated part out or remove the aliases)"
    )


def _compose(
    text: str, name: str, error_type: type[DeckgenError], what: str, loader: Any
) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        problem = e.problem or e.context or "cannot be parsed"
        hint = "fix the syntax there"
        if "nesting depth" in problem:
            hint = "nest lists and mappings less deeply"
        elif line is not None:
            found = unquoted_text(text, line)
            if found is not None:
                line, hint = found
        where = f"{name}:{line}" if line else name
        raise error_type(f"{where}: invalid YAML: {problem} ({hint})") from e
    except yaml.YAMLError as e:
        raise error_type(f"{name}: invalid YAML: {e}".splitlines()[0]) from e
    except RecursionError as e:  # the pure-Python composer recurses per nesting level
        raise error_type(
            f"{name}: the {what} nests lists and mappings too deeply to read "
            f"(nest them less deeply)"
        ) from e


# A value that YAML reads as something other than text when it is not quoted: a flow
# mapping or list ({…} […]), an alias or anchor (* &), a tag (!), a directive (%), or a
# character YAML reserves (@ `).
_UNQUOTED = re.compile(
    r"^\s*(?P<dash>(?:- +)*)(?:(?P<key>[^\s#'\"{}\[\]&*!|>%@`-][^#]*?): +)?"
    r"(?P<value>[{\[*&!%@`].*?)\s*$"
)
_CLOSING = {"{": "}", "[": "]"}


def unquoted_text(text: str, line: int) -> tuple[int, str] | None:
    """Return the line (1-based) and a hint when the parser stopped at ``line``, or the line
    before it, on a text value that starts with a character YAML gives a meaning to
    (``zh: {metric}已启动``): such a text must be quoted. None when neither line holds one."""
    lines = text.splitlines()
    for number in (line, line - 1):
        if not 1 <= number <= len(lines):
            continue
        found = _UNQUOTED.match(lines[number - 1])
        if found is None:
            continue
        value = found.group("value")
        first = value[0]
        closing = _CLOSING.get(first)
        if closing is not None and (closing not in value or value.endswith(closing)):
            continue  # an open or a whole flow mapping or list, not text after one
        lead = f"{found.group('key')}:" if found.group("key") else found.group("dash").strip()
        shown = f"{lead} {_quoted(value)}".strip()
        return number, f"a text starting with {first!r} must be quoted: {shown}"
    return None


def _key_of(path: str) -> str:
    """Return the last key of ``path`` with its colon: ``title:`` for ``meta.title``."""
    return path.rpartition(".")[2] + ":"


def _quoted(*parts: str) -> str:
    """Return ``parts`` joined by spaces as one single-quoted YAML text."""
    return "'" + " ".join(parts).replace("'", "''") + "'"


class _Alias(yaml.Node):
    """Where an alias stands: ``*name`` at ``start_mark``, referring to ``target``."""

    id = "alias"

    def __init__(self, target: yaml.Node, name: str, start_mark: Any, end_mark: Any):
        super().__init__(target.tag, target.value, start_mark, end_mark)
        self.target, self.name = target, name


class _MarkingComposer(yaml.composer.Composer):
    """A composer that keeps each alias as an :class:`_Alias` (the plain one drops where it
    stands and returns the anchored node itself)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            if event.anchor not in self.anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            target = self.anchors[event.anchor]
            return _Alias(target, event.anchor, event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


if _Loader is yaml.SafeLoader:  # pragma: no cover - depends on the libyaml build

    class _MarkingLoader(
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        _MarkingComposer,
        yaml.resolver.Resolver,
    ):
        """The pure-Python parser's events, composed keeping aliases."""

        def __init__(self, stream: str):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            _MarkingComposer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

else:

    class _MarkingLoader(_MarkingComposer, yaml.cyaml.CParser, yaml.resolver.Resolver):  # type: ignore[no-redef]
        """The C parser's events, composed in Python keeping aliases."""

        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            _MarkingComposer.__init__(self)
            yaml.resolver.Resolver.__init__(self)


class _AliasTrouble(Exception):
    """Aliases expand past the budget or refer to themselves (first, fast pass)."""


_PLAIN_TAGS = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


class _Builder:
    """Build plain Python data from a node tree, counting every value against a budget."""

    def __init__(self, located: Located, error_type: type[DeckgenError], budget: int):
        self.located, self.error_type, self.budget = located, error_type, budget
        self.count = 0
        self.active: set[int] = set()  # collections being built on the current path
        self.aliases: list[_Alias] = []  # aliases being expanded on the current path

    def build(self, node: yaml.Node, path: str) -> Any:
        try:
            return self._build(node, path)
        except RecursionError as e:
            raise self.error_type(
                str(
                    self.located.problem(
                        path,
                        "the YAML nests lists and mappings too deeply to read",
                        "nest them less deeply",
                    )
                )
            ) from e

    def _alias(self, alias: _Alias, path: str) -> Any:
        line = alias.start_mark.line + 1
        if id(alias.target) in self.active:
            raise self.error_type(
                str(
                    self.located.problem_at(
                        line,
                        path,
                        f"the alias *{alias.name} refers to itself",
                        f"an alias cannot stand inside the node anchored &{alias.name}",
                    )
                )
            )
        self.located.lines.setdefault(path, line)
        self.aliases.append(alias)
        try:
            return self._build(alias.target, path)
        finally:
            self.aliases.pop()

    def _over_budget(self, path: str, node: yaml.Node) -> None:
        if not self.aliases:
            raise _AliasTrouble
        alias = self.aliases[-1]
        raise self.error_type(
            str(
                self.located.problem_at(
                    alias.start_mark.line + 1,
                    path,
                    f"the YAML expands to more than {self.budget} values through aliases "
                    f"(*{alias.name})",
                    "write the repeated part out or remove the aliases",
                )
            )
        )

    def _build(self, node: yaml.Node, path: str) -> Any:
        if type(node) is _Alias:
            return self._alias(node, path)
        self.count += 1
        if self.count > self.budget:
            self._over_budget(path, node)
        located = self.located
        located.lines.setdefault(path, node.start_mark.line + 1)
        plain = _PLAIN_TAGS.get(type(node))
        if plain is None:
            return _scalar(node, path, located, self.error_type)
        if node.tag != plain:
            raise self.error_type(
                str(
                    located.problem_at(
                        node.start_mark.line + 1,
                        path,
                        f"unsupported YAML tag {node.tag!r}",
                        "only plain YAML is allowed",
                    )
                )
            )
        key = id(node)
        if key in self.active:  # an alias inside the node it refers to: name it in pass two
            raise _AliasTrouble
        self.active.add(key)
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            for i, name in item_ids(node.value).items():
                located.ids[f"{path}[{i}]"] = name
            return [self._build(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        finally:
            self.active.discard(key)

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict[Any, Any]:
        located, error_type = self.located, self.error_type
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise error_type(str(located.problem(path, "merge keys (<<) are not supported")))
            if type(key_node) is _Alias:
                key_node = key_node.target
            key = _scalar(key_node, path, located, error_type)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                msg = f"keys must be text, got {key!r}"
                raise error_type(str(located.problem_at(key_node.start_mark.line + 1, path, msg)))
            child = f"{path}.{key}" if path else str(key)
            if key in out:
                line = key_node.start_mark.line + 1
                raise error_type(
                    str(
                        located.problem_at(line, child, "duplicate key", "each key may appear once")
                    )
                )
            located.lines[child] = key_node.start_mark.line + 1
            out[key] = self._build(value_node, child)
        return out


_constructor = yaml.constructor.SafeConstructor()
_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")


def _scalar(node: yaml.Node, path: str, located: Located, error_type: type[DeckgenError]) -> Any:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.ScalarNode):
        raise error_type(str(located.problem_at(line, path, "a key must be a plain value")))
    try:
        value = _constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as e:
        msg = f"unsupported YAML tag {node.tag!r}"
        hint = "only plain YAML is allowed"
        if node.tag.startswith("!") and not node.style:  # a plain text written after '!'
            key = "-" if path.endswith("]") or not path else _key_of(path)
            quoted = f"{key} {_quoted(node.tag, node.value)}"
            hint += f"; a text starting with '!' must be quoted: {quoted}"
        raise error_type(str(located.problem_at(line, path, msg, hint))) from e
    if type(value) is float and _DECIMAL.match(node.value):
        return Stated(node.value)  # keep the digits as written: 72.0 stays 72.0
    return value
