"""Benchmark deckgen against its floors, in one run, on this machine.

    python bench/run.py [--runs 5] [--write bench/RESULTS.md]

Every figure is the median of cold processes. Floors are measured in the same run, and each
ratio's two sides are measured side by side (their runs alternate, so that a busy moment of
the machine falls on both):
- deck floor: `python -c "from pptx import Presentation; Presentation().save(...)"`
- full floor: `python -c "import pptx, matplotlib.pyplot"`
Builds run with an empty cache unless stated (a fresh build) and into fresh folders.
deckgen's bytecode is compiled first, as installing a package compiles it.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DECKGEN = [PY, "-m", "deckgen"]


def timed(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Return (seconds, peak resident KiB) of one cold process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def median(command_for, runs: int, env_for=None) -> float:
    times = []
    for i in range(runs):
        times.append(timed(command_for(i), env_for(i) if env_for else None)[0])
    return statistics.median(times)


def side_by_side(specs: dict[str, tuple], runs: int) -> dict[str, float]:
    """Return the median seconds of each ``name: (command_for, env_for)``, their runs
    alternating: run 1 of each, then run 2 of each, and so on."""
    times: dict[str, list[float]] = {name: [] for name in specs}
    for i in range(runs):
        for name, (command_for, env_for) in specs.items():
            env = env_for(i) if env_for else None
            times[name].append(timed(command_for(i), env)[0])
    return {name: statistics.median(values) for name, values in times.items()}


def peak_kib(command: list[str], env: dict) -> tuple[float, int]:
    """Seconds and peak memory of one process, measured with /usr/bin/time when present."""
    if shutil.which("time") or os.path.exists("/usr/bin/time"):
        out = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M"] + command,
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        seconds, kib = out.stderr.strip().splitlines()[-1].split()
        return float(seconds), int(kib)
    return timed(command, env)


def generated_facts(slides: int, folder: Path) -> tuple[Path, Path]:
    """Write facts whose bench layout gives about ``slides`` slides (one per pillar)."""
    base = yaml.safe_load((ROOT / "data" / "two-zones.yaml").read_text(encoding="utf-8"))
    template = base["pillars"][0]
    pillars = []
    for i in range(slides - 2):
        pillar = dict(template, id=f"p{i}")
        pillar["achievements"] = [dict(a, id=f"p{i}_{a['id']}") for a in template["achievements"]]
        pillars.append(pillar)
    base["pillars"] = pillars
    facts = folder / f"facts-{slides}.yaml"
    facts.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    layout = folder / "bench-layout.yaml"
    layout.write_text(
        "name: bench\nslides:\n  - kind: title\n  - kind: pillar\n  - kind: sources\n"
    )
    return facts, layout


def figures_facts(folder: Path) -> tuple[Path, Path]:
    """Write facts with a 20-quarter series, a 30-year series (a 30-row table) and indicators
    for two years (a change slide), and a layout showing them. The values are made up for
    timing only (they rise and fall on a fixed pattern)."""
    quarters = [
        {"period": f"{2019 + q // 4}-Q{q % 4 + 1}", "value": round(100 + 7 * ((q * 5) % 9), 1)}
        for q in range(20)
    ]
    years = [{"period": 1994 + y, "value": 200 + 13 * ((y * 7) % 11)} for y in range(30)]
    metrics = [
        {
            "id": f"m{i}",
            "value": 40 + 3 * i,
            "unit": "firms",
            "label": f"indicator {i}",
            "short": f"Indicator {i}",
            "period": "2024",
            "earlier": {"value": 45 + (i * 7) % 9, "period": "2023"},
            "cite": {"source": "bench", "para": 1},
        }
        for i in range(6)
    ]
    facts = {
        "meta": {"title": "Bench figures", "date": "2024-06", "organisation": "Bench"},
        "sources": [
            {
                "id": "bench",
                "publisher": "Bench",
                "event": "Timing data",
                "date": 2024,
                "short": "Bench data",
            }
        ],
        "metrics": metrics,
        "series": [
            {
                "id": "quarterly",
                "name": "Quarterly output",
                "unit": "units",
                "cite": {"source": "bench", "para": 2},
                "points": quarters,
            },
            {
                "id": "yearly",
                "name": "Yearly output",
                "unit": "units",
                "cite": {"source": "bench", "para": 3},
                "points": years,
            },
        ],
        "stories": [
            {"id": "trend", "title": "Output over twenty quarters", "series": ["quarterly"]},
            {"id": "table", "title": "Thirty years of output", "series": ["yearly"]},
            {
                "id": "change",
                "title": "Six indicators, 2023 to 2024",
                "metrics": [m["id"] for m in metrics],
            },
        ],
    }
    path = folder / "figures.yaml"
    path.write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    layout = folder / "figures-layout.yaml"
    layout.write_text(
        "name: figures\nslides:\n  - kind: title\n  - {kind: trend, story: trend}\n"
        "  - {kind: table, story: table}\n  - {kind: change, story: change}\n"
        "  - kind: sources\n"
    )
    return path, layout


def briefing_markdown(folder: Path) -> Path:
    """Write the default briefing's slides as Markdown for pandoc: each slide's title and
    the texts on it as bullets (the same words, without deckgen's layout)."""
    sys.path.insert(0, str(ROOT))
    from deckgen.build import BuildOptions, make_plan
    from deckgen.plan import TextEl

    plan = make_plan(None, BuildOptions(layout="briefing"))
    lines = [f"% {plan.slides[0].title.paragraphs[0].runs[0].text}", ""]
    for slide in plan.slides[1:]:
        lines.append("## " + " ".join(r.text for p in slide.title.paragraphs for r in p.runs))
        lines.append("")
        for element in slide.elements:
            if isinstance(element, TextEl) and element.role == "body":
                for paragraph in element.paragraphs:
                    text = "".join(r.text for r in paragraph.runs).strip()
                    if text:
                        lines.append(f"- {text}")
        lines += ["", "::: notes", slide.notes, ":::", ""]
    path = folder / "briefing.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def pandoc() -> str | None:
    """Return the pandoc to compare with: on PATH, else pypandoc-binary's; None when absent."""
    found = shutil.which("pandoc")
    if found:
        return found
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


def draft_texts(folder: Path) -> dict[str, Path]:
    """Write 5 MB announcement texts for `deckgen draft`: the bundled release repeated
    (few distinct figures), and generated paragraphs where every figure is new (the draft
    stops at its 2,000-figure limit)."""
    release = (ROOT / "data" / "two-zones-press-release.txt").read_text(encoding="utf-8")
    size = 5 * 2**20
    repeated = folder / "draft-repeated.txt"
    repeated.write_text((release + "\n\n") * (size // len(release.encode()) + 1), "utf-8")
    nouns = "exports imports visitors firms parks tasks measures households".split()
    paras, total, n = [], 0, 0
    while total < size:
        n += 1
        para = " ".join(
            f"The number of {nouns[(n + k) % len(nouns)]} reached nearly {n * 7 + k}.{k} "
            f"thousand, up {k + 1}.{n % 10}% year on year, and {n % 90 + 5}% of them were new."
            for k in range(5)
        )
        paras.append(para)
        total += len(para) + 2
    distinct = folder / "draft-distinct.txt"
    distinct.write_text("\n\n".join(paras), "utf-8")
    return {
        "5 MB: the bundled release repeated": repeated,
        "5 MB: every figure distinct": distinct,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="deckgen-bench-"))

    def empty_cache(_: int) -> dict:
        return {**os.environ, "DECKGEN_CACHE": str(work / f"cache-{time.time_ns()}")}

    warm = {**os.environ, "DECKGEN_CACHE": str(work / "warm-cache")}
    rows = []

    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "deckgen")], check=True)
    subprocess.run(  # a first build: fonts, caches and the OS's file cache warmed once
        DECKGEN + ["build", "--out", str(work / "first")],
        env=empty_cache(0),
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    pandoc_path = pandoc()
    markdown = briefing_markdown(work)
    deck_specs = {
        "floor": (
            lambda i: [
                PY,
                "-c",
                f"from pptx import Presentation; Presentation().save({str(work / 'floor.pptx')!r})",
            ],
            None,
        ),
        "deck": (
            lambda i: DECKGEN + ["build", "--deck-only", "--out", str(work / f"d{i}")],
            empty_cache,
        ),
    }
    if pandoc_path:
        deck_specs["pandoc"] = (
            lambda i: [pandoc_path, str(markdown), "-o", str(work / f"p{i}.pptx")],
            None,
        )
    deck_side = side_by_side(deck_specs, args.runs)
    floor_deck, deck_fresh = deck_side["floor"], deck_side["deck"]
    pandoc_seconds = deck_side.get("pandoc")
    deck_again = median(
        lambda i: DECKGEN + ["build", "--deck-only", "--out", str(work / "dw")],
        args.runs,
        lambda i: warm,
    )
    subprocess.run(
        DECKGEN + ["build", "--out", str(work / "fw")],
        env=warm,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    full_side = side_by_side(
        {
            "floor": (lambda i: [PY, "-c", "import pptx, matplotlib.pyplot"], None),
            "cold": (lambda i: DECKGEN + ["build", "--out", str(work / f"f{i}")], empty_cache),
            "fresh": (
                lambda i: DECKGEN + ["build", "--out", str(work / f"g{i}")],
                lambda i: warm,
            ),
            "again": (
                lambda i: DECKGEN + ["build", "--out", str(work / "fw")],
                lambda i: warm,
            ),
        },
        args.runs,
    )
    floor_full, full_cold = full_side["floor"], full_side["cold"]
    full_fresh, full_again = full_side["fresh"], full_side["again"]
    figures, figures_layout = figures_facts(work)
    deck_figures = median(
        lambda i: (
            DECKGEN
            + [
                "build",
                str(figures),
                "--layout",
                str(figures_layout),
                "--deck-only",
                "--out",
                str(work / f"fig{i}"),
            ]
        ),
        args.runs,
        empty_cache,
    )
    rows += [
        ("python-pptx save floor", floor_deck, ""),
        ("import pptx + matplotlib.pyplot floor", floor_full, ""),
        (
            "deck-only build, fresh folder, empty cache",
            deck_fresh,
            f"{deck_fresh / floor_deck:.2f}x deck floor",
        ),
        (
            "pandoc, the same slides' texts as bullets (Markdown → .pptx)",
            pandoc_seconds if pandoc_seconds is not None else float("nan"),
            (
                f"deck-only build is {deck_fresh / pandoc_seconds:.2f}x pandoc"
                if pandoc_seconds
                else "pandoc not installed (pip install pypandoc-binary)"
            ),
        ),
        (
            "deck-only build of a 20-period trend, a 30-row table and a change slide",
            deck_figures,
            f"{deck_figures / floor_deck:.2f}x deck floor",
        ),
        (
            "deck-only build again, same folder",
            deck_again,
            f"{deck_again / floor_deck:.2f}x deck floor",
        ),
        (
            "full build (deck + 16 PNGs), fresh folder, empty cache",
            full_cold,
            f"{full_cold / floor_full:.2f}x import floor",
        ),
        (
            "full build, fresh folder, graphics cached",
            full_fresh,
            f"{full_fresh / floor_full:.2f}x import floor",
        ),
        (
            "full build again, same folder (no-op)",
            full_again,
            f"{full_again / full_fresh:.2f}x fresh-folder build, "
            f"{full_again / full_cold:.2f}x empty-cache build",
        ),
    ]

    scale_rows = []
    for slides in (100, 1000):
        facts, layout = generated_facts(slides, work)
        seconds, kib = peak_kib(
            DECKGEN
            + [
                "build",
                str(facts),
                "--layout",
                str(layout),
                "--deck-only",
                "--no-cache",
                "--out",
                str(work / f"s{slides}"),
            ],
            dict(os.environ),
        )
        scale_rows.append((slides, seconds, kib / 1024))

    batch = work / "batch"
    batch.mkdir()
    for i in range(20):
        text = (ROOT / "data" / "two-zones.yaml").read_text(encoding="utf-8")
        (batch / f"facts-{i:02}.yaml").write_text(
            text.replace("slug: two-zones-briefing", f"slug: deck-{i:02}")
        )
    batch_seconds, _ = timed(
        DECKGEN
        + ["build", str(batch), "--deck-only", "--no-cache", "--out", str(work / "batch-out")]
    )

    draft_rows = []
    for name, text in draft_texts(work).items():
        seconds, kib = peak_kib(
            DECKGEN + ["draft", str(text), "-o", str(work / f"{text.stem}.yaml")],
            dict(os.environ),
        )
        draft_rows.append((name, text.stat().st_size / 2**20, seconds, kib / 1024))

    lines = [
        "# deckgen benchmark",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}. "
        f"Medians of {args.runs} cold processes; `python bench/run.py --write "
        f"bench/RESULTS.md` regenerates this file.",
        "",
        "| what | seconds | ratio |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {name} | {sec:.3f} | {ratio} |" for name, sec, ratio in rows]
    lines += [
        "",
        "| slides (generated facts, deck only, no cache) | seconds | peak memory MB |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {n} | {sec:.2f} | {mb:.0f} |" for n, sec, mb in scale_rows]
    growth = scale_rows[1][1] / scale_rows[0][1]
    lines += [
        "",
        f"Growth from 100 to 1,000 slides: {growth:.1f}x the time for 10x the slides.",
        "",
        f"Batch of 20 facts files (deck only, no cache, in parallel): {batch_seconds:.2f} s.",
        "",
        "| `deckgen draft` of | MB | seconds | peak memory MB |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {n} | {mb:.1f} | {sec:.2f} | {peak:.0f} |" for n, mb, sec, peak in draft_rows]
    lines += [""]
    report = "\n".join(lines)
    print(report)
    if args.write:
        # a "## Before" section written by hand (what a change was measured against) stays
        kept = ""
        if args.write.exists():
            old = args.write.read_text(encoding="utf-8")
            if "\n## Before" in old:
                kept = old[old.index("\n## Before") :]
        args.write.write_text(report + "\n" + kept, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
