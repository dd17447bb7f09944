"""Hostile input is refused fast and small: alias bombs, self-referencing aliases, deep
nesting, entity bombs and external entities in packages, output names that climb out of
--out, and external tools that fail, hang or write nothing."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from deckgen.assets import DEFAULT_FACTS
from deckgen.cli import main

from .clear import one_error_line

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 5.0  # every refusal below comes within this
PEAK_MB = 300.0  # and, for the bombs, within this much memory


# -- hostile YAML -------------------------------------------------------------------------
def alias_bomb(levels: int = 9) -> str:
    """The "billion laughs" of YAML: about 350 bytes that expand to 10**levels strings."""
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    names = "abcdefghijklmnop"
    for previous, name in zip(names, names[1 : levels + 1]):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def single_line(result) -> str:
    """Assert ``result`` is exactly one clear `Error:` line; return it."""
    output = one_error_line(result)
    assert len(output.strip().splitlines()) == 1, output
    return output


def timed(runner, args: list[str]):
    start = time.perf_counter()
    result = runner.invoke(main, args)
    seconds = time.perf_counter() - start
    assert seconds < SECONDS, f"took {seconds:.1f} s: {result.output}"
    return result


def _as(kind: str, path: Path, out: Path) -> list[str]:
    if kind == "facts":
        return ["build", str(path), "--out", str(out), "--deck-only"]
    return ["build", f"--{kind}", str(path), "--out", str(out), "--deck-only"]


@pytest.mark.parametrize("kind", ["facts", "layout", "theme"])
def test_alias_bomb_is_refused(runner, tmp_path, kind):
    bomb = tmp_path / f"{kind}.yaml"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    output = single_line(timed(runner, _as(kind, bomb, tmp_path / "out")))
    assert f"{bomb}:2: " in output, output  # the line of the alias where the budget ran out
    assert "expands to more than" in output and "through aliases (*a)" in output, output
    assert "remove the aliases" in output, output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "text, line, key",
    [
        ("meta: &a [*a]\n", 1, "meta[0]"),
        ("meta:\n  title: &m\n    en: x\n    zh: *m\n", 4, "meta.title.zh"),
        ("sources:\n- &s\n  id: x\n  more:\n  - - *s\n", 5, "sources[x].more[0][x]"),
    ],
)
def test_self_referencing_alias_is_refused(runner, tmp_path, text, line, key):
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    output = single_line(timed(runner, ["validate", str(facts)]))
    assert f"{facts}:{line}: {key}: the alias *" in output and "refers to itself" in output


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,  # past the parser's own limit
        "meta: " + "[" * 900 + "]" * 900,  # within it, but too deep to build recursively
        "".join(" " * i + "k:\n" for i in range(950)),  # block nesting
        "{a: " * 5000 + "1" + "}" * 5000,
    ],
    ids=["100k-flow", "900-flow", "950-block", "5k-mapping"],
)
def test_deep_nesting_is_one_error_line(runner, tmp_path, text):
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    output = single_line(timed(runner, ["validate", str(facts)]))
    assert str(facts) in output and "Recursion" not in output, output
    assert "too deep" in output or "nesting depth" in output, output


def test_aliases_of_real_files_are_within_the_budget(runner, tmp_path):
    """yaml.safe_dump writes an anchor for every shared object: the benchmark's
    1,000-slide facts use thousands of aliases and must still load."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    facts, layout = bench.generated_facts(1000, tmp_path)
    assert facts.read_text(encoding="utf-8").count("*id") > 1000
    result = runner.invoke(main, ["validate", str(facts), "--layout", str(layout)])
    assert result.exit_code == 0, result.output


def test_aliases_still_work(runner, tmp_path):
    doc = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
    cite = doc["metrics"][0]["cite"]
    for metric in doc["metrics"]:
        metric["cite"] = cite  # one shared object: safe_dump writes &id001 and *id001
    facts = tmp_path / "facts.yaml"
    facts.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert "*id001" in facts.read_text(encoding="utf-8")
    result = runner.invoke(main, ["validate", str(facts)])
    assert result.exit_code == 0, result.output


# -- output names --------------------------------------------------------------------------
def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def with_slug(tmp_path: Path, slug) -> Path:
    doc = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
    doc["meta"]["slug"] = slug
    facts = tmp_path / "in" / "facts.yaml"
    facts.parent.mkdir()
    facts.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return facts


@pytest.mark.parametrize(
    "slug, why",
    [
        ("../../name", "path separator"),
        ("..\\..\\name", "path separator"),
        ("/etc/name", "path separator"),
        ("..", "'..'"),
        ("name..", "'..'"),
        (".hidden", "starts with '.'"),
        ("a<b", "forbidden in file names"),
        ("a:b", "forbidden in file names"),
        ('a"b', "forbidden in file names"),
        ("a|b", "forbidden in file names"),
        ("a?b", "forbidden in file names"),
        ("a*b", "forbidden in file names"),
        ("a\tb", "forbidden in file names"),
        ("name.", "ends with a dot"),
        ("na me", "contains ' '"),
        ("CON", "device name"),
        ("nul.briefing", "device name"),
        ("Com1", "device name"),
        ("lpt9", "device name"),
        ("a" * 101, "over 100"),
        ("a+b", "contains '+'"),
        ("", "is empty"),
    ],
)
def test_bad_slugs_are_refused_and_nothing_is_written(runner, tmp_path, slug, why):
    facts = with_slug(tmp_path, slug)
    out = tmp_path / "work" / "out"
    before = tree(tmp_path)
    output = single_line(timed(runner, ["build", str(facts), "--out", str(out), "--deck-only"]))
    assert re.search(rf"{re.escape(str(facts))}:\d+: meta\.slug: the file name ", output), output
    assert why in output and "use letters, digits" in output, output
    assert tree(tmp_path) == before


def test_slug_rules():
    from deckgen.facts import slug_problem

    for good in ["two-zones-briefing", "北京两区", "café", "cafe\u0301", "v1.2_final", "CONSOLE"]:
        assert slug_problem(good) is None, good
    for bad in ["name ", "name.", "a\u202eb", "x\n", "a/b", "LPT\u00b9", "北" * 80, "x" * 101]:
        assert slug_problem(bad), bad


def test_unicode_slug_builds(runner, tmp_path):
    facts = with_slug(tmp_path, "北京两区-briefing_v1.2")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(facts), "--out", str(out), "--deck-only"])
    assert result.exit_code == 0, result.output
    assert (out / "北京两区-briefing_v1.2.pptx").is_file()


def test_output_names_are_confined_even_past_validation(runner, tmp_path, monkeypatch):
    """Defence in depth: with the slug check switched off, the build still refuses."""
    monkeypatch.setattr("deckgen.facts.slug_problem", lambda slug: None)
    facts = with_slug(tmp_path, "../../escaped")
    out = tmp_path / "work" / "out"
    before = tree(tmp_path)
    output = single_line(runner.invoke(main, ["build", str(facts), "--out", str(out)]))
    assert "would write outside" in output, output
    assert not list(tmp_path.rglob("escaped*"))
    assert tree(tmp_path) - before <= {"work", "work/out"}  # at most the empty --out


def test_inside():
    from deckgen.paths import OutsideFolderError, inside

    base = Path("/tmp/deckgen-inside")
    assert inside(base, "deck.pptx") == base / "deck.pptx"
    assert inside(base, "infographics/kpi-x.png") == base / "infographics" / "kpi-x.png"
    for name in ["../x", "a/../../x", "/etc/passwd", ".", "..", "", "a\x00b"]:
        with pytest.raises(OutsideFolderError):
            inside(base, name)


def test_batch_subfolders_stay_inside_out(runner, tmp_path):
    folder = tmp_path / "facts"
    folder.mkdir()
    shutil.copy(DEFAULT_FACTS, folder / "good.yaml")
    shutil.copy(DEFAULT_FACTS, folder / "...yaml")  # its stem is '..'
    out = tmp_path / "work" / "out"
    before = tree(tmp_path)
    output = single_line(
        runner.invoke(
            main,
            ["build", str(folder / "good.yaml"), str(folder / "...yaml"), "--out", str(out)],
        )
    )
    assert "...yaml: its name gives no usable folder" in output, output
    assert tree(tmp_path) == before


def test_two_facts_files_never_build_into_one_folder(runner, tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(DEFAULT_FACTS, tmp_path / name / "briefing.yaml")
    out = tmp_path / "out"
    args = ["build", str(tmp_path / "a/briefing.yaml"), str(tmp_path / "b/briefing.yaml")]
    output = single_line(runner.invoke(main, [*args, "--out", str(out), "--deck-only"]))
    assert "b/briefing.yaml: builds into" in output and "rename one" in output, output
    assert not out.exists()


# -- hostile packages -----------------------------------------------------------------------
ENTITY_BOMB = (
    '<!DOCTYPE p:sld [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {n} "' + f"&{p};" * 10 + '">' for p, n in zip("abcdefghi", "bcdefghij"))
    + "]>"
)
EXTERNAL = '<!DOCTYPE p:sld [<!ENTITY a SYSTEM "file:///etc/passwd">]>'


def with_doctype(xml: bytes, doctype: str, encoding: str = "utf-8") -> bytes:
    """Put ``doctype`` after the XML declaration, and a reference to its last entity as
    the first content of the root element."""
    text = xml.decode("utf-8")
    end = text.index("?>") + 2 if text.startswith("<?xml") else 0
    root = re.compile(r"<[A-Za-z][^>]*>").search(text, end)
    assert root is not None
    entity = "&j;" if "ENTITY j" in doctype else "&a;"
    text = text[:end] + doctype + text[end : root.end()] + entity + text[root.end() :]
    if encoding != "utf-8":
        text = re.sub(r"encoding=['\"]UTF-8['\"]", f"encoding='{encoding.upper()}'", text)
    return text.encode(encoding)


def rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """Copy the package ``source`` to ``target``, replacing (None: dropping) parts."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    z.writestr(info.filename, change[info.filename])
            else:
                z.writestr(info, zin.read(info.filename))
    return target


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


@pytest.fixture(scope="module")
def plain_master(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("master") / "master.pptx"
    Presentation().save(str(path))
    return path


@pytest.mark.parametrize(
    "name, doctype",
    [
        ("ppt/slideLayouts/slideLayout1.xml", ENTITY_BOMB),
        ("ppt/slideLayouts/slideLayout2.xml", EXTERNAL),
        ("ppt/theme/theme1.xml", ENTITY_BOMB),
        ("ppt/theme/theme1.xml", EXTERNAL),
    ],
    ids=["bomb-layout", "external-layout", "bomb-theme", "external-theme"],
)
def test_master_with_a_dtd_is_refused(runner, tmp_path, plain_master, name, doctype):
    master = rewrite(
        plain_master, tmp_path / "m.pptx", {name: with_doctype(part(plain_master, name), doctype)}
    )
    out = tmp_path / "out"
    output = single_line(timed(runner, _as("master", master, out)))
    assert f"{master}: part {name} has a DOCTYPE" in output, output
    assert "root:" not in output  # nothing of /etc/passwd
    assert not out.exists()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("ppt/theme/theme1.xml", b"<a:theme xmlns:a='x'><a:unclosed></a:theme>", "not well-formed"),
        ("ppt/slideLayouts/slideLayout1.xml", b"\x89PNG\r\n\x1a\n", "not well-formed"),
        ("ppt/_rels/presentation.xml.rels", b"<Relationships", "not well-formed"),
    ],
)
def test_master_with_broken_xml_is_refused(runner, tmp_path, plain_master, name, data, message):
    master = rewrite(plain_master, tmp_path / "m.pptx", {name: data})
    output = single_line(timed(runner, _as("master", master, tmp_path / "out")))
    assert f"{master}: part {name} {message}" in output, output


def deck_with(built: Path, tmp_path: Path, change: dict[str, bytes | None]) -> Path:
    return rewrite(built, tmp_path / "deck.pptx", change)


def _slide(built: Path) -> bytes:
    return part(built, "ppt/slides/slide1.xml")


CRAFTED = {
    "entity-bomb": lambda b: {"ppt/slides/slide1.xml": with_doctype(_slide(b), ENTITY_BOMB)},
    "external-entity": lambda b: {"ppt/slides/slide1.xml": with_doctype(_slide(b), EXTERNAL)},
    "broken-content-types": lambda b: {"[Content_Types].xml": b"<Types xmlns='x'><Default"},
    "no-content-types": lambda b: {"[Content_Types].xml": None},
    "no-presentation": lambda b: {"ppt/presentation.xml": None},
    "broken-theme": lambda b: {"ppt/theme/theme1.xml": b"<a:theme><a:themeElements>"},
    "slide-not-xml": lambda b: {"ppt/slides/slide1.xml": bytes(range(256)) * 4},
    "slide-utf16-doctype": lambda b: {
        "ppt/slides/slide1.xml": with_doctype(_slide(b), EXTERNAL, "utf-16")
    },
    "wrong-root": lambda b: {"ppt/presentation.xml": b"<x/>"},
    "rels-without-targets": lambda b: {
        "ppt/_rels/presentation.xml.rels": b'<Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1"/>'
        b"</Relationships>"
    },
    "no-extension-attribute": lambda b: {
        "[Content_Types].xml": part(b, "[Content_Types].xml").replace(
            b'Extension="rels"', b'Extensio="rels"'
        )
    },
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_check_turns_crafted_packages_into_findings(runner, built, tmp_path, case):
    deck = deck_with(built, tmp_path, CRAFTED[case](built))
    result = timed(runner, ["check", str(deck), "--json"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert "root:" not in result.output  # nothing of /etc/passwd
    findings = json.loads(result.output)
    assert findings and all(f["rule"] == "package" for f in findings), findings
    assert all(f["severity"] == "error" for f in findings), findings
    if "doctype" in case or "entity" in case:
        assert any("DOCTYPE" in f["message"] for f in findings), findings
    plain = timed(runner, ["check", str(deck)])  # the text report, too
    assert plain.exit_code == 1 and "package (error)" in plain.output, plain.output


def test_check_refuses_packages_over_the_limits(runner, tmp_path, monkeypatch):
    import deckgen.xmlsafe as xmlsafe

    monkeypatch.setattr(xmlsafe, "MAX_UNPACKED_BYTES", 1 << 20)
    monkeypatch.setattr(xmlsafe, "MAX_PARTS", 50)
    big = tmp_path / "big.pptx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("ppt/media/zeros.bin", bytes(2 << 20))
    many = tmp_path / "many.pptx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(51):
            z.writestr(f"ppt/media/{i}.bin", b"")
    for deck, message in ((big, "would unpack to"), (many, "51 parts")):
        result = timed(runner, ["check", str(deck)])
        assert result.exit_code == 1, result.output
        assert message in result.output and "package (error)" in result.output, result.output
        assert "Traceback" not in result.output and "internal error" not in result.output
    master = timed(runner, _as("master", big, tmp_path / "out"))
    assert "would unpack to" in single_line(master)


def test_check_of_a_deck_that_is_no_file(runner, tmp_path):
    not_zip = tmp_path / "notes.pptx"
    not_zip.write_text("just text")
    result = timed(runner, ["check", str(not_zip)])
    assert result.exit_code == 1 and "not a .pptx (zip) file" in result.output


# -- the bombs, measured in their own process -------------------------------------------------
MEASURE = """
import json, resource, subprocess, sys, time
def cap():  # a safety net should the fix regress: never take the machine down
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, preexec_fn=cap, timeout=60)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rc": done.returncode, "out": done.stdout, "err": done.stderr,
                  "seconds": seconds, "mb": peak}))
"""


def measured(args: list[str], cwd: Path) -> dict:
    """Run ``python -m deckgen ARGS`` in a fresh process; return exit code, output, wall
    seconds and peak resident memory (MB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "deckgen", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        env=env,
    )
    return json.loads(done.stdout)


def _bomb_case(kind: str, tmp_path: Path, built: Path, plain_master: Path) -> list[str]:
    out = tmp_path / "out"
    if kind in ("facts", "layout", "theme"):
        bomb = tmp_path / f"{kind}.yaml"
        bomb.write_text(alias_bomb(), encoding="utf-8")
        return _as(kind, bomb, out)
    if kind == "self-alias":
        facts = tmp_path / "facts.yaml"
        facts.write_text("meta: &a [*a, *a]\n", encoding="utf-8")
        return _as("facts", facts, out)
    if kind == "deep":
        facts = tmp_path / "facts.yaml"
        facts.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        return _as("facts", facts, out)
    if kind == "master-entity-bomb":
        name = "ppt/slideLayouts/slideLayout1.xml"
        master = rewrite(
            plain_master,
            tmp_path / "m.pptx",
            {name: with_doctype(part(plain_master, name), ENTITY_BOMB)},
        )
        return _as("master", master, out)
    deck = deck_with(built, tmp_path, CRAFTED["entity-bomb"](built))
    return ["check", str(deck)]


@pytest.mark.parametrize(
    "kind",
    ["facts", "layout", "theme", "self-alias", "deep", "master-entity-bomb", "check-entity-bomb"],
)
def test_bombs_are_refused_fast_and_small(tmp_path, built, plain_master, kind):
    args = _bomb_case(kind, tmp_path, built, plain_master)
    run = measured(args, tmp_path)
    output = run["out"] + run["err"]
    assert run["rc"] == 1, output
    assert "Traceback" not in output and "internal error" not in output, output
    assert run["seconds"] < SECONDS, (run["seconds"], output)
    assert run["mb"] < PEAK_MB, (run["mb"], output)
    if kind == "check-entity-bomb":
        assert "package (error)" in run["out"] and "DOCTYPE" in run["out"], output
    else:
        assert run["err"].startswith("Error: ") and len(run["err"].splitlines()) == 1, output


# -- external tools -------------------------------------------------------------------------
def fake_tools(folder: Path, soffice: str, pdftoppm: str = "exit 0") -> None:
    """Put shell scripts called soffice and pdftoppm into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in (("soffice", soffice), ("pdftoppm", pdftoppm)):
        script = folder / name
        script.write_text(f"#!/bin/sh\n{body}\n")
        script.chmod(0o755)


# A soffice that writes a PDF where it is asked to: the last argument is the deck, the one
# after --outdir the folder. The PDF is a copy of any small PDF: the tests only need a file.
WRITES_PDF = """
while [ $# -gt 1 ]; do
  if [ "$1" = "--outdir" ]; then outdir="$2"; fi
  shift
done
name=$(basename "$1" .pptx)
printf '%%PDF-1.4\\n' > "$outdir/$name.pdf"
"""


FAILS = "echo 'starting'; echo 'Error: source file could not be loaded' >&2; exit 1"
PDFTOPPM_FAILS = "echo 'Syntax Error: broken PDF' >&2; exit 99"


@pytest.mark.parametrize(
    "soffice, pdftoppm, tool, message",
    [
        (FAILS, "exit 0", "soffice", "(exit code 1): Error: source file could not be loaded"),
        ("echo 'still loading'; sleep 30", "exit 0", "soffice", "took over 1 s"),
        ("exit 0", "exit 0", "soffice", "wrote no PDF"),
        (WRITES_PDF, PDFTOPPM_FAILS, "pdftoppm", "(exit code 99): Syntax Error: broken PDF"),
        (WRITES_PDF, "sleep 30", "pdftoppm", "took over 1 s"),
        (WRITES_PDF, "exit 0", "pdftoppm", "wrote no page images"),
    ],
    ids=["soffice-fails", "soffice-hangs", "soffice-silent"]
    + ["pdftoppm-fails", "pdftoppm-hangs", "pdftoppm-silent"],
)
def test_failing_tools_give_one_error_line(
    runner, tmp_path, monkeypatch, built, soffice, pdftoppm, tool, message
):
    fake_tools(tmp_path / "bin", soffice, pdftoppm)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DECKGEN_SOFFICE_TIMEOUT", "1")
    monkeypatch.setenv("DECKGEN_PDFTOPPM_TIMEOUT", "1")
    output = single_line(timed(runner, ["preview", str(built), "--out", str(tmp_path / "p")]))
    assert f"Error: {built}: " in output and tool in output and message in output, output


def test_tools_get_absolute_paths_and_a_quoted_profile(runner, tmp_path, monkeypatch):
    """A deck called -x.pptx is never an option; the profile URL is percent-quoted."""
    record = tmp_path / "argv.txt"
    fake_tools(
        tmp_path / "bin",
        f'printf "%s\\n" "$@" > "{record}"\n' + WRITES_PDF,
        f'printf "%s\\n" "$@" >> "{record}"; exit 3',
    )
    folder = tmp_path / "a b#c"
    folder.mkdir()
    deck = folder / "-x.pptx"
    deck.write_bytes(b"PK")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.chdir(folder)
    result = runner.invoke(main, ["preview", "--out", "p", "--", "-x.pptx"])
    single_line(result)
    argv = record.read_text().splitlines()
    profile = next(a for a in argv if a.startswith("-env:UserInstallation="))
    assert "a%20b%23c" in profile and " " not in profile and "#" not in profile, profile
    assert str(deck.resolve()) in argv
    assert "--" in argv and not any(a.startswith("-x") for a in argv), argv


def test_preview_of_awkward_names_with_libreoffice(runner, tmp_path, monkeypatch, built):
    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftoppm"):
        pytest.skip("LibreOffice or pdftoppm is not installed")
    folder = tmp_path / "a b#c"
    folder.mkdir()
    shutil.copy(built, folder / "-x.pptx")
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.chdir(folder)
    result = runner.invoke(main, ["preview", "--out", "p b#", "--", "-x.pptx"])
    assert result.exit_code == 0, result.output
    slides = sorted((folder / "p b#").glob("-x-slide-*.png"))
    with zipfile.ZipFile(built) as z:
        count = sum(1 for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
    assert len(slides) == count
    assert (folder / "p b#" / "-x-contact-sheet.png").is_file()


# -- one parser for every XML deckgen reads ---------------------------------------------------
# deck/render.py and deck/text.py parse XML strings that deckgen builds itself from escaped
# values (its own shapes and runs); everything read from a user's file goes through xmlsafe.
OWN_XML = {"xmlsafe.py", "deck/render.py", "deck/text.py"}
# Bundled assets only: the list of bundled layouts and the bundled font table.
BUNDLED_YAML = {"layouts.py", "textfit.py"}


def test_every_xml_and_yaml_parse_goes_through_the_safe_readers():
    package = ROOT / "deckgen"
    xml_calls = re.compile(r"etree\.(fromstring|parse|XML|iterparse|XMLParser)\(|objectify")
    yaml_calls = re.compile(r"yaml\.(safe_load|load|full_load|unsafe_load|load_all)\(")
    for source in sorted(package.rglob("*.py")):
        name = source.relative_to(package).as_posix()
        text = source.read_text(encoding="utf-8")
        if name not in OWN_XML:
            assert not xml_calls.search(text), f"{name}: parse XML with deckgen.xmlsafe.parse"
        if name not in BUNDLED_YAML and name != "yamlsrc.py":
            assert not yaml_calls.search(text), f"{name}: read YAML with yamlsrc.load_yaml"
    for name in BUNDLED_YAML:  # and there only for bundled files
        for line in (package / name).read_text(encoding="utf-8").splitlines():
            if yaml_calls.search(line):
                assert "LAYOUTS /" in line or "FONTS /" in line, f"{name}: {line.strip()}"


def test_xmlsafe_parse_refuses_dtds_and_garbage():
    from deckgen.xmlsafe import XMLPartError, parse

    assert parse(b"<a><b/></a>", "x.xml").tag == "a"
    assert parse("<a/>".encode("utf-16"), "x.xml").tag == "a"  # UTF-16 with a BOM is XML too
    for data in [
        b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        b"<!DOCTYPE a><a/>",
        ENTITY_BOMB.replace("p:sld", "a").encode() + b"<a>&j;</a>",
        b"<a>&undefined;</a>",
        b"<a>",
        b"",
        b"\xff\xfe<\x00",
    ]:
        with pytest.raises(XMLPartError) as caught:
            parse(data, "ppt/slides/slide1.xml")
        assert str(caught.value).startswith("ppt/slides/slide1.xml: ")
