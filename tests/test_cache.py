"""Caching: unchanged graphics are copied, an up-to-date folder is left alone, bytes never
change."""

from __future__ import annotations

import subprocess
import sys

from deckgen.assets import DEFAULT_FACTS
from deckgen.build import BuildOptions, build

SMALL = {"dpi": 72, "scale": 0.5}


def test_rebuilding_the_same_folder_is_a_no_op(tmp_path):
    first = build(None, tmp_path / "a", BuildOptions(**SMALL))
    before = {p: p.read_bytes() for p in (tmp_path / "a").rglob("*.p*")}
    again = build(None, tmp_path / "a", BuildOptions(**SMALL))
    assert not first.cached and again.cached
    assert {p: p.read_bytes() for p in (tmp_path / "a").rglob("*.p*")} == before


def test_a_fresh_folder_reuses_cached_graphics_with_identical_bytes(tmp_path):
    build(None, tmp_path / "a", BuildOptions(**SMALL))
    code = (
        "import sys; from pathlib import Path; from deckgen.build import build, BuildOptions; "
        f"r = build(None, Path({str(tmp_path / 'b')!r}), BuildOptions(dpi=72, scale=0.5)); "
        "print(r.cached, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]  # deck rebuilt, no graphic drawn
    for path in (tmp_path / "a").rglob("*.p*"):
        assert (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes() == path.read_bytes()


def test_any_change_of_input_or_option_rebuilds(tmp_path):
    out = tmp_path / "out"
    build(None, out, BuildOptions(), deck_only=True)
    assert not build(None, out, BuildOptions(lang="zh"), deck_only=True).cached
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        DEFAULT_FACTS.read_text(encoding="utf-8").replace("value: 251", "value: 252"),
        encoding="utf-8",
    )
    assert not build(facts, out, BuildOptions(), deck_only=True).cached
    assert build(facts, out, BuildOptions(), deck_only=True).cached
    assert not build(facts, out, BuildOptions(cache=False), deck_only=True).cached


def test_a_changed_output_file_is_rebuilt(tmp_path):
    out = tmp_path / "out"
    deck = build(None, out, BuildOptions(), deck_only=True).deck
    deck.write_bytes(b"edited by hand")
    again = build(None, out, BuildOptions(), deck_only=True)
    assert not again.cached and again.deck.read_bytes() != b"edited by hand"


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    from deckgen.textfit import cache_dir

    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("DECKGEN_CACHE")
    assert cache_dir() == tmp_path / "xdg" / "deckgen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "deckgen"
