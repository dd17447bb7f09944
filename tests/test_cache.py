"""The build cache: unchanged inputs give the same bytes without rebuilding."""

from __future__ import annotations

from deckgen.assets import DEFAULT_FACTS
from deckgen.build import BuildOptions, build


def test_an_unchanged_build_comes_from_the_cache(tmp_path):
    first = build(None, tmp_path / "a", BuildOptions(dpi=72, scale=0.5))
    second = build(None, tmp_path / "b", BuildOptions(dpi=72, scale=0.5))
    assert not first.cached and second.cached
    assert second.deck.read_bytes() == first.deck.read_bytes()
    names = sorted(p.name for p in (tmp_path / "a" / "infographics").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b" / "infographics").iterdir())
    for name in names:
        assert (tmp_path / "a" / "infographics" / name).read_bytes() == (
            tmp_path / "b" / "infographics" / name
        ).read_bytes()


def test_any_change_of_input_or_option_misses(tmp_path):
    build(None, tmp_path / "a", BuildOptions(), deck_only=True)
    assert not build(None, tmp_path / "b", BuildOptions(lang="zh"), deck_only=True).cached
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        DEFAULT_FACTS.read_text(encoding="utf-8").replace("value: 251", "value: 252"),
        encoding="utf-8",
    )
    changed = build(facts, tmp_path / "c", BuildOptions(), deck_only=True)
    assert not changed.cached
    assert not build(None, tmp_path / "d", BuildOptions(cache=False), deck_only=True).cached
    assert build(None, tmp_path / "e", BuildOptions(), deck_only=True).cached
