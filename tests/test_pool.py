"""Process pools work whatever the start method: where fork does not exist (Windows) or is
not the default (macOS), builds run under spawn and write the same bytes."""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.context
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from deckgen import pool
from deckgen.assets import DEFAULT_FACTS
from deckgen.build import BuildOptions, build, build_many

SMALL = ["--dpi", "72", "--scale", "0.5"]  # a full build, small pixels: quick to draw

# Run first in the child: fork is unknown there ("cannot find context for 'fork'", as on
# Windows), two cores are reported so the pools really start workers, and every context
# the pools ask deckgen.pool for is recorded.
NO_FORK = """
import multiprocessing, multiprocessing.context, os
multiprocessing.context._concrete_contexts.pop("fork", None)
os.cpu_count = lambda: 2
"""
RECORD = """
from deckgen import pool
_context = pool.context
used = []
def _record():
    found = _context()
    used.append(found.get_start_method())
    return found
pool.context = _record
"""


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".deckgen-stamp.json"
    }


def test_the_platform_default_is_used_when_available():
    assert pool.context().get_start_method() == multiprocessing.get_all_start_methods()[0]


def test_spawn_is_used_when_the_default_method_is_unavailable(monkeypatch):
    if multiprocessing.get_all_start_methods()[0] != "fork":
        pytest.skip("fork is not this platform's default")
    monkeypatch.delitem(multiprocessing.context._concrete_contexts, "fork")
    with pytest.raises(ValueError, match="cannot find context for 'fork'"):
        multiprocessing.get_context("fork")
    assert pool.context().get_start_method() == "spawn"


def test_a_full_build_under_spawn_writes_the_same_bytes(tmp_path):
    """The deck and every PNG, drawn by spawned workers, equal a normal build's bytes."""
    normal = tmp_path / "normal"
    options = BuildOptions(dpi=72, scale=0.5, cache=False)
    result = build(None, normal, options)
    assert len(result.graphics) > 2
    spawned = tmp_path / "spawned"
    code = (
        NO_FORK
        + RECORD
        + f"""
multiprocessing.set_start_method("spawn", force=True)
from deckgen.cli import main
main(["build", "--out", {str(spawned)!r}, "--no-cache", "-q", *{SMALL!r}],
     standalone_mode=False)
print("methods", *sorted(set(used)))
"""
    )
    done = _run(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["methods", "spawn"]
    pngs = sorted((spawned / "infographics").glob("*.png"))
    assert len(pngs) == len([p for p in result.graphics if p.suffix == ".png"])
    assert _files(spawned) == _files(normal)


def test_a_batch_build_falls_back_to_spawn_without_fork(tmp_path):
    """No start method set and fork missing: the batch pool uses spawn, decks are equal."""
    facts = tmp_path / "facts"
    facts.mkdir()
    for name in ("first", "second"):
        shutil.copy(DEFAULT_FACTS, facts / f"{name}.yaml")
    files = sorted(facts.glob("*.yaml"))
    options = BuildOptions(cache=False)
    normal = [r for _, r in build_many(files, tmp_path / "normal", options, deck_only=True)]
    assert all(not isinstance(r, str) for r in normal), normal
    spawned = tmp_path / "spawned"
    code = (
        NO_FORK
        + RECORD
        + f"""
import json
from pathlib import Path
from deckgen.build import BuildOptions, build_many
files = sorted(Path({str(facts)!r}).glob("*.yaml"))
results = build_many(files, Path({str(spawned)!r}), BuildOptions(cache=False), deck_only=True)
print(json.dumps({{"methods": sorted(set(used)), "results": [str(r) for _, r in results]}}))
"""
    )
    done = _run(code, tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["methods"] == ["spawn"], report
    for name in ("first", "second"):
        deck = spawned / name / "two-zones-briefing.pptx"
        assert deck.read_bytes() == (tmp_path / "normal" / name / deck.name).read_bytes()


@pytest.mark.parametrize("how", ["module", "script"])
def test_python_m_deckgen_and_the_console_script_work_under_spawn(tmp_path, how):
    """Spawned workers import the main module again: `python -m deckgen` and the installed
    `deckgen` script must not start a build when they do."""
    if how == "script":
        script = Path(sys.executable).with_name("deckgen")
        if not script.exists():
            pytest.skip("no deckgen console script beside this Python")
        command = [str(script)]
    else:
        command = [sys.executable, "-m", "deckgen"]
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        NO_FORK + 'multiprocessing.set_start_method("spawn", force=True)\n', encoding="utf-8"
    )
    paths = [str(site), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    out = tmp_path / "out"
    done = subprocess.run(
        [*command, "build", "--out", str(out), "--no-cache", *SMALL],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Wrote ") == 2  # one deck, one set of graphics: built once
    assert len(list((out / "infographics").glob("*.png"))) > 2
