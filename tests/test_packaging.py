"""The wheel (what pip and pipx install) carries the fonts, themes, layouts, scaffold and
bundled facts, and an installed deckgen finds them inside itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from this checkout, offline (hatchling comes with the test extra)."""
    folder = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["--no-index", "-w", str(folder), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = folder.glob("deckgen-*.whl")
    return found


def _expected() -> dict[str, Path]:
    """Return {name in the wheel: file in the checkout} for every file users need."""
    fonts = yaml.safe_load((ROOT / "assets/fonts/fonts.yaml").read_text(encoding="utf-8"))
    names = {"fonts.yaml", *fonts["cjk"].values()}
    names |= {f for family in fonts["families"].values() for f in family.values()}
    files = [ROOT / "assets/fonts" / name for name in names]
    files += sorted((ROOT / "assets/themes").glob("*.yaml"))
    files += sorted((ROOT / "assets/layouts").glob("*.yaml"))
    files += sorted((ROOT / "assets/scaffold").iterdir())
    expected = {f"deckgen/_assets/{f.relative_to(ROOT / 'assets').as_posix()}": f for f in files}
    for name in ("two-zones.yaml", "two-zones-press-release.txt"):
        expected[f"deckgen/_data/{name}"] = ROOT / "data" / name
    return expected


def test_the_wheel_carries_what_deckgen_needs_and_nothing_else(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name, source in _expected().items():
            assert name in names, name
            assert archive.read(name) == source.read_bytes(), name
    assert "deckgen/__init__.py" in names and "deckgen/cli.py" in names
    dist_info = "-".join(wheel.name.split("-")[:2]) + ".dist-info"
    assert {n.split("/")[0] for n in names} == {"deckgen", dist_info}
    assert not [n for n in names if "/tests/" in n or n.startswith(("tests/", "docs/", "bench/"))]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt")))
    assert b"deckgen = deckgen.cli:main" in entry_points


def test_an_installed_deckgen_finds_its_files_inside_the_package(wheel, tmp_path):
    """Installed from the wheel (not this checkout, not the editable install), deckgen reads
    its fonts, themes, layouts and facts from deckgen/_assets and deckgen/_data."""
    target = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q"]
        + ["--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    code = """
import json, sys
from pathlib import Path
import deckgen, deckgen.assets as a
from deckgen.textfit import metrics
print(json.dumps({
    "package": deckgen.__file__,
    "paths": [str(p) for p in (a.ASSETS, a.FONTS, a.THEMES, a.LAYOUTS, a.DEFAULT_FACTS)],
    "exist": all(p.exists() for p in (a.FONTS, a.THEMES, a.LAYOUTS, a.DEFAULT_FACTS)),
    "themes": a.bundled_names(a.THEMES),
    "layouts": a.bundled_names(a.LAYOUTS),
    "font": str(metrics("Calibri").path),
}))
"""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(target), "DECKGEN_CACHE": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    package = target / "deckgen"
    assert Path(found["package"]) == package / "__init__.py"
    assets, fonts, themes, layouts, facts = map(Path, found["paths"])
    assert assets == package / "_assets"
    assert (fonts, themes, layouts) == (assets / "fonts", assets / "themes", assets / "layouts")
    assert facts == package / "_data" / "two-zones.yaml"
    assert found["exist"]
    assert found["themes"] == sorted(p.stem for p in (ROOT / "assets/themes").glob("*.yaml"))
    assert found["layouts"] == sorted(p.stem for p in (ROOT / "assets/layouts").glob("*.yaml"))
    assert Path(found["font"]).is_relative_to(assets / "fonts")


def test_a_checkout_reads_the_repository_folders():
    """Editable install or source checkout: no deckgen/_assets, the top-level folders."""
    from deckgen import assets

    if (assets.PACKAGE / "_assets").exists():
        pytest.skip("deckgen is imported from an installed wheel")
    assert assets.ASSETS == ROOT / "assets"
    assert assets.DEFAULT_FACTS == ROOT / "data" / "two-zones.yaml"
