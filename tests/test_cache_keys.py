"""Cache keys follow the libraries that shape the output, and cache files are data, never
code: a library upgrade rebuilds, and a tampered font-metrics file is measured again."""

from __future__ import annotations

import atexit
import json
import pickle
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import pytest

from deckgen import cache, textfit
from deckgen.assets import DEFAULT_FACTS, FONTS
from deckgen.build import BuildOptions, build

# A font that is not bundled (a copy with no metrics shipped beside it) is measured once
# and its metrics kept in the user's cache folder: these tests exercise that cache.
_FOLDER = Path(tempfile.mkdtemp(prefix="deckgen-font-"))
atexit.register(shutil.rmtree, _FOLDER, True)
FONT = _FOLDER / "Carlito-Regular.ttf"
shutil.copy2(FONTS / "Carlito-Regular.ttf", FONT)


@pytest.fixture
def fresh_fingerprint():
    """Forget the memoised fingerprint before and after the test."""
    cache.code_fingerprint.cache_clear()
    yield
    cache.code_fingerprint.cache_clear()


def _keys() -> tuple[str, str | None]:
    cache.code_fingerprint.cache_clear()
    return cache.graphic_key("graphic", "theme", False), cache.inputs_key([DEFAULT_FACTS], {})


@pytest.mark.parametrize("library", cache.LIBRARIES)
def test_a_new_library_version_changes_both_keys(monkeypatch, fresh_fingerprint, library):
    before = _keys()
    real = cache._version
    monkeypatch.setattr(cache, "_version", lambda n: "999.0" if n == library else real(n))
    after = _keys()
    assert after[0] != before[0] and after[1] != before[1]


@pytest.mark.parametrize("where", ["python", "zlib"])
def test_a_new_python_or_zlib_changes_both_keys(monkeypatch, fresh_fingerprint, where):
    before = _keys()
    if where == "python":
        monkeypatch.setattr(cache.sys, "version", sys.version + " (rebuilt)")
    else:
        monkeypatch.setattr(cache.zlib, "ZLIB_RUNTIME_VERSION", "0.0.1")
    assert _keys()[0] != before[0] and _keys()[1] != before[1]


def test_an_up_to_date_folder_is_rebuilt_after_an_upgrade(tmp_path, monkeypatch, fresh_fingerprint):
    out = tmp_path / "out"
    build(None, out, BuildOptions(), deck_only=True)
    assert build(None, out, BuildOptions(), deck_only=True).cached
    real = cache._version
    monkeypatch.setattr(cache, "_version", lambda n: "99.9" if n == "python-pptx" else real(n))
    cache.code_fingerprint.cache_clear()
    again = build(None, out, BuildOptions(), deck_only=True)
    assert not again.cached
    assert build(None, out, BuildOptions(), deck_only=True).cached  # stamped afresh


def test_versions_are_read_without_importing_the_libraries():
    """The versions agree with importlib.metadata, and finding them imports none of the
    libraries (a deck-only build never imports matplotlib)."""
    versions = cache.library_versions()
    for name in cache.LIBRARIES:
        try:
            expected = metadata.version(name)
        except metadata.PackageNotFoundError:
            expected = "-"
        assert versions[name] == expected, name
    code = (
        "import sys; from deckgen import cache; cache.code_fingerprint(); "
        "print(sorted(m for m in ('matplotlib', 'numpy', 'pptx', 'PIL', 'lxml') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _metrics_file():
    textfit._cached_metrics(FONT)
    (found,) = (textfit.cache_dir() / "fonts").glob(f"{FONT.name}-*")
    return found


def test_font_metrics_are_cached_as_json():
    path = _metrics_file()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"upem", "line", "ascent", "advance"}
    assert all(key.isdigit() for key in data["advance"])
    assert textfit._cached_metrics(FONT) == textfit._read_metrics(FONT)  # read back exactly


class _Payload:
    """Unpickling this creates the marker file: what a tampered cache could run."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_pickle_in_the_font_cache_is_never_run(tmp_path):
    payload = pickle.dumps(_Payload(tmp_path / "proof"))
    pickle.loads(payload).close()  # the payload is live: unpickling it runs code
    assert (tmp_path / "proof").exists()

    marker = tmp_path / "ran"
    payload = pickle.dumps(_Payload(marker))
    path = _metrics_file()
    path.write_bytes(payload)
    stat = FONT.stat()
    old = path.parent / f"{FONT.name}-{stat.st_size}-{int(stat.st_mtime)}-v1.pickle"
    old.write_bytes(payload)  # the former cache file name
    assert textfit._cached_metrics(FONT) == textfit._read_metrics(FONT)
    assert not marker.exists()
    json.loads(path.read_text(encoding="utf-8"))  # measured again and rewritten as JSON


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe not text",
        b"not json",
        b"[]",
        b"[" * 100_000,
        b"null",
        b'{"upem": 2048}',
        b'{"upem": 2048, "line": 1.2, "ascent": 0.9, "advance": []}',
        b'{"upem": 2048, "line": 1.2, "ascent": 0.9, "advance": {"65": "wide"}}',
        b'{"upem": 2048, "line": 1.2, "ascent": 0.9, "advance": {"A": 1000}}',
        b'{"upem": 2048, "line": 1.2, "ascent": 0.9, "advance": {"65": 1.5}}',
        b'{"upem": true, "line": 1.2, "ascent": 0.9, "advance": {"65": 1000}}',
        b'{"upem": 0, "line": 1.2, "ascent": 0.9, "advance": {"65": 1000}}',
        b'{"upem": 2048, "line": NaN, "ascent": 0.9, "advance": {"65": 1000}}',
        b'{"upem": 2048, "line": "1.2", "ascent": 0.9, "advance": {"65": 1000}}',
        b'{"upem": 2048, "line": 1.2, "ascent": 0.9, "advance": {"65": 1000}, "x": 1}',
    ],
)
def test_a_damaged_font_cache_file_is_measured_again(content):
    path = _metrics_file()
    path.write_bytes(content)
    assert textfit._cached_metrics(FONT) == textfit._read_metrics(FONT)
