"""Seeded random mutations of a facts document, for robustness tests."""

from __future__ import annotations

import copy
import random
from typing import Any

HOSTILE_VALUES: list[Any] = [
    "",
    " ",
    None,
    [],
    {},
    -1,
    -98.5,
    10**12,
    float("nan"),
    float("inf"),
    True,
    "55.14bn",
    "x" * 3000,
    "Grüße 😀 emoji",
    "مرحبا بالعالم",
    "שלום",
    "nul\x00byte",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\system32",
    "{tasks_commenced}",
    "{__import__('os')}",
    "{missing_metric}",
    "\u202eevil",
    "line\nbreak",
    "tab\tchar",
    0,
    100,
    101,
]


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, path + (index,))
    return out


def _get(node: Any, path: tuple) -> Any:
    for key in path:
        node = node[key]
    return node


def mutate(document: dict, seed: int) -> dict:
    """Return a copy of ``document`` with one to three seeded random mutations."""
    rng = random.Random(seed)
    doc = copy.deepcopy(document)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(doc) if p]
        path = rng.choice(paths)
        parent = _get(doc, path[:-1])
        key = path[-1]
        action = rng.choice(["delete", "replace", "replace", "multiply", "empty"])
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = rng.choice(HOSTILE_VALUES)
        elif action == "empty":
            value = parent[key]
            parent[key] = type(value)() if isinstance(value, (list, dict, str)) else None
        else:
            lists = [p for p in paths if isinstance(_get(doc, p), list) and _get(doc, p)]
            if lists:
                target = rng.choice(lists)
                items = _get(doc, target)
                grown = [copy.deepcopy(x) for x in items * 40]
                _get(doc, target[:-1])[target[-1]] = grown
    return doc
