"""Shared fixtures: the bundled facts, a built default deck, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.assets import DEFAULT_FACTS
from deckgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
os.environ["DECKGEN_CACHE"] = tempfile.mkdtemp(prefix="deckgen-test-cache-")


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    """Give every test an empty build cache, so no test sees another's builds."""
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Return the default deck, built once for the session through the CLI."""
    out = tmp_path_factory.mktemp("built")
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--deck-only"])
    assert result.exit_code == 0, result.output
    decks = list(out.glob("*.pptx"))
    assert len(decks) == 1
    return decks[0]


@pytest.fixture
def facts_copy(tmp_path) -> Path:
    """Return a writable copy of the bundled facts file."""
    target = tmp_path / "facts.yaml"
    shutil.copy(DEFAULT_FACTS, target)
    return target
