"""Progress bars: drawn on stderr for a person at a terminal, never in pipes, CI logs,
--quiet or --json, and never changing what is written or printed."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from deckgen import pool, progress
from deckgen.assets import DEFAULT_FACTS
from deckgen.cli import main

SMALL = ["--dpi", "72", "--scale", "0.5"]  # a full build, small pixels: quick to draw
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def no_forcing(monkeypatch):
    """Start every test without the test-only switch, on a colourful terminal type."""
    monkeypatch.delenv("DECKGEN_PROGRESS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def _forced(monkeypatch) -> None:
    monkeypatch.setenv("DECKGEN_PROGRESS", "always")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".deckgen-stamp.json"
    }


def _frames(stderr: str, description: str) -> list[str]:
    """Return the M/N counts drawn for ``description``, control characters removed."""
    text = CONTROL.sub("", stderr)
    return re.findall(re.escape(description) + r"\s+\S*\s+(\d+/\d+)", text)


def _long_facts(folder: Path, pillars: int) -> tuple[Path, Path]:
    """Write facts and a layout that give a slide per pillar (as bench/run.py does)."""
    base = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
    template = base["pillars"][0]
    base["pillars"] = [
        dict(
            template,
            id=f"p{i}",
            achievements=[dict(a, id=f"p{i}_{a['id']}") for a in template["achievements"]],
        )
        for i in range(pillars)
    ]
    facts = folder / "long.yaml"
    facts.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    layout = folder / "long-layout.yaml"
    layout.write_text("name: long\nslides:\n  - kind: title\n  - kind: pillar\n  - kind: sources\n")
    return facts, layout


# --- choosing whether to show anything ----------------------------------------------------


def test_bars_only_for_a_terminal_that_is_not_dumb_and_not_quiet(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a pipe or a log file
    assert progress.for_terminal() is progress.NULL
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert isinstance(progress.for_terminal(), progress.Bars)
    assert progress.for_terminal(quiet=True) is progress.NULL
    monkeypatch.setenv("TERM", "dumb")
    assert progress.for_terminal() is progress.NULL
    monkeypatch.setenv("DECKGEN_PROGRESS", "never")
    monkeypatch.setenv("TERM", "xterm")
    assert progress.for_terminal() is progress.NULL


def test_forcing_draws_on_any_stderr_but_quiet_still_wins(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    _forced(monkeypatch)
    assert isinstance(progress.for_terminal(), progress.Bars)
    assert progress.for_terminal(quiet=True) is progress.NULL


def test_bars_draw_description_count_and_elapsed_then_clear():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with progress.Bars(console=console) as bars:
        with bars.task("Counting things", 3) as task:
            for _ in range(3):
                task.advance()
    text = out.getvalue()
    assert _frames(text, "Counting things")[-1] == "3/3"
    assert re.search(r"3/3\S* \S*0:00:0\d", text)  # elapsed time after the count
    assert text.endswith("\x1b[2K\x1b[?25h\r")  # the line erased, the cursor given back


def test_null_progress_writes_nothing(capsys):
    with progress.NULL as shown, shown.task("Anything", 5) as task:
        task.advance(5)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("limit", [1, 2])  # in this process; in a pool of two workers
def test_the_pool_reports_each_job_in_this_process_and_keeps_the_order(limit):
    done: list[int] = []
    results = pool.run(abs, [-3, 1, -2, 5], limit, done=lambda: done.append(1))
    assert results == [3, 1, 2, 5]
    assert len(done) == 4


def test_a_failing_job_still_raises_from_the_pool():
    done: list[int] = []
    with pytest.raises(TypeError):
        pool.run(abs, [1, "x", 2], 2, done=lambda: done.append(1))
    assert len(done) <= 2


# --- the CLI --------------------------------------------------------------------------------


def test_not_a_terminal_prints_exactly_what_it_did_before(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", *SMALL, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "\x1b" not in result.output
    pngs = len(list((out / "infographics").glob("*.png")))
    assert result.stdout == (
        f"Wrote {out / 'two-zones-briefing.pptx'} (16 slides)\n"
        f"Wrote {pngs} infographics and their manifest to {out / 'infographics'}\n"
    )


def test_a_terminal_sees_a_bar_of_the_graphics_drawn_on_stderr(runner, tmp_path, monkeypatch):
    plain = runner.invoke(main, ["build", *SMALL, "--no-cache", "--out", str(tmp_path / "a")])
    _forced(monkeypatch)
    shown = runner.invoke(main, ["build", *SMALL, "--no-cache", "--out", str(tmp_path / "b")])
    assert shown.exit_code == 0, shown.output
    pngs = len(list((tmp_path / "b" / "infographics").glob("*.png")))
    counts = _frames(shown.stderr, "Drawing infographics")
    assert counts[0] == f"0/{pngs}" and counts[-1] == f"{pngs}/{pngs}"
    assert "Rendering slides" not in shown.stderr  # 16 slides: too few for a bar
    assert "\x1b" not in shown.stdout
    assert shown.stdout == plain.stdout.replace(str(tmp_path / "a"), str(tmp_path / "b"))


def test_graphics_from_the_cache_need_no_bar(runner, tmp_path, monkeypatch):
    assert runner.invoke(main, ["build", *SMALL, "--out", str(tmp_path / "a")]).exit_code == 0
    _forced(monkeypatch)
    again = runner.invoke(main, ["build", *SMALL, "--out", str(tmp_path / "b")])
    assert again.exit_code == 0, again.output
    assert again.stderr == ""


def test_quiet_and_json_show_no_bar_even_on_a_terminal(runner, tmp_path, monkeypatch):
    _forced(monkeypatch)
    quiet = runner.invoke(main, ["build", *SMALL, "--no-cache", "-q", "--out", str(tmp_path)])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.output == ""
    as_json = runner.invoke(main, ["build", *SMALL, "--no-cache", "--json", "--out", str(tmp_path)])
    assert as_json.exit_code == 0, as_json.output
    assert as_json.stderr == ""
    assert json.loads(as_json.stdout)["slides"] == 16


def test_no_color_keeps_the_bar_but_not_its_colours(runner, tmp_path, monkeypatch):
    _forced(monkeypatch)
    monkeypatch.setenv("NO_COLOR", "1")
    result = runner.invoke(main, ["infographics", *SMALL, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert _frames(result.stderr, "Drawing infographics")
    assert not COLOUR.search(result.stderr)


def test_progress_never_changes_the_bytes_written(runner, tmp_path, monkeypatch):
    plain, shown = tmp_path / "plain", tmp_path / "shown"
    assert runner.invoke(main, ["build", *SMALL, "--no-cache", "--out", str(plain)]).exit_code == 0
    _forced(monkeypatch)
    result = runner.invoke(main, ["build", *SMALL, "--no-cache", "--out", str(shown)])
    assert result.exit_code == 0, result.output
    assert "Drawing infographics" in result.stderr  # the bars really were drawn
    files = _files(shown)
    assert any(name.endswith(".png") for name in files)
    assert files == _files(plain)


def test_a_batch_counts_the_decks_built(runner, tmp_path, monkeypatch):
    facts = []
    for name in ("a", "b", "c"):
        shutil.copy(DEFAULT_FACTS, tmp_path / f"{name}.yaml")
        facts.append(str(tmp_path / f"{name}.yaml"))
    plain = runner.invoke(main, ["build", *facts, "--deck-only", "--out", str(tmp_path / "p")])
    assert plain.exit_code == 0, plain.output
    assert plain.stderr == ""
    _forced(monkeypatch)
    shown = runner.invoke(
        main, ["build", *facts, "--deck-only", "--no-cache", "--out", str(tmp_path / "s")]
    )
    assert shown.exit_code == 0, shown.output
    assert _frames(shown.stderr, "Building decks")[-1] == "3/3"
    assert shown.stdout == plain.stdout.replace(str(tmp_path / "p"), str(tmp_path / "s"))
    for name in ("a", "b", "c"):
        assert _files(tmp_path / "s" / name) == _files(tmp_path / "p" / name)


def test_a_long_deck_shows_its_slides_and_its_check(runner, tmp_path, monkeypatch):
    facts, layout = _long_facts(tmp_path, 98)
    _forced(monkeypatch)
    args = ["build", str(facts), "--layout", str(layout), "--deck-only", "--no-cache"]
    result = runner.invoke(main, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    slides = int(re.search(r"\((\d+) slides\)", result.stdout)[1])
    assert slides >= 100
    assert _frames(result.stderr, "Rendering slides")[-1] == f"{slides}/{slides}"
    assert _frames(result.stderr, "Checking the deck")[-1] == "1/1"


def test_a_short_deck_build_shows_nothing_and_never_imports_rich(tmp_path):
    code = (
        "import sys; from click.testing import CliRunner; from deckgen.cli import main; "
        f"r = CliRunner().invoke(main, ['build', '--deck-only', '--out', {str(tmp_path)!r}]); "
        "print(r.exit_code, repr(r.stderr), 'rich' in sys.modules)"
    )
    env = {**os.environ, "DECKGEN_PROGRESS": "always"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "0 '' False"
