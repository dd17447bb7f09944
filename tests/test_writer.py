"""The deck writer without python-pptx: the package it assembles (parts reachable from the
root, relationships, content types, reproducible zips), the presentation it starts from, and
the forked sharing of work that the build's check uses."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from deckgen import forked
from deckgen.build import BuildOptions, _plan, load_inputs
from deckgen.check import check_deck
from deckgen.deck import opc
from deckgen.deck.render import render_deck, render_package

ROOT = Path(__file__).resolve().parent.parent
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@pytest.fixture(scope="module")
def plan():
    return _plan(load_inputs(None, BuildOptions()))


def _deck_with_sample_slides(path: Path, count: int) -> Path:
    prs = Presentation()
    for i in range(count):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Sample {i}"
        slide.notes_slide.notes_text_frame.text = "old notes"
    prs.save(str(path))
    return path


def test_a_package_keeps_only_what_its_root_reaches(tmp_path):
    package = opc.Package.read(_deck_with_sample_slides(tmp_path / "m.pptx", 2).read_bytes())
    main = package.parts[package.main()]
    slides = [r for r in main.rels if r.type == opc.RT_SLIDE]
    assert len(slides) == 2 and "ppt/slides/slide2.xml" in package.reachable()
    for rel in slides:
        main.drop(rel.id)
    package.prune()
    names = set(package.entries())
    assert not any(n.startswith(("ppt/slides/", "ppt/notesSlides/")) for n in names)
    assert package.next_name("ppt/slides/slide%d.xml") == "ppt/slides/slide1.xml"
    assert "ppt/slideLayouts/slideLayout1.xml" in names  # layouts are reached via the master


def test_relationships_number_from_the_lowest_free_id_and_are_written_in_order():
    part = opc.Part("application/xml", b"<a/>")
    ids = [part.relate(opc.RT_SLIDE, f"ppt/slides/slide{n}.xml") for n in range(1, 12)]
    assert ids[0] == "rId1" and ids[-1] == "rId11"
    assert part.relate(opc.RT_SLIDE, "ppt/slides/slide3.xml") == "rId3"  # the same: reused
    part.drop("rId2")
    assert part.relate(opc.RT_HYPERLINK, "https://example.org/", external=True) == "rId2"
    xml = opc._rels_xml("ppt", part.rels)
    written = [r.get("Id") for r in etree.fromstring(xml)]
    assert written == sorted(written, key=lambda i: int(i[3:]))  # rId2 before rId10
    link = next(r for r in etree.fromstring(xml) if r.get("Id") == "rId2")
    assert link.get("TargetMode") == "External" and link.get("Target") == "https://example.org/"
    slide = next(r for r in etree.fromstring(xml) if r.get("Id") == "rId1")
    assert slide.get("Target") == "slides/slide1.xml"  # relative to the part's folder


def test_content_types_declare_every_part_once(plan, tmp_path):
    entries = render_package(plan, tmp_path)[1]
    types = etree.fromstring(entries["[Content_Types].xml"])
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{CT}Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{CT}Override")}
    assert defaults["xlsx"].endswith("spreadsheetml.sheet")  # charts' workbooks
    for name in entries:
        if name == "[Content_Types].xml":
            continue
        ext = name.rsplit(".", 1)[-1]
        assert (name in overrides) != (ext in defaults and name not in overrides), name
    assert overrides <= set(entries)


def test_the_same_plan_gives_the_same_bytes(plan, tmp_path):
    first, entries = render_package(plan, tmp_path)
    assert render_deck(plan, tmp_path) == first
    assert opc.zipped(entries) == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {n: archive.read(n) for n in archive.namelist()} == entries


def test_slides_are_listed_in_order_with_notes_and_the_layouts_chosen(plan, tmp_path):
    prs = Presentation(io.BytesIO(render_deck(plan, tmp_path)))
    assert len(prs.slides) == len(plan.slides)
    ids = [int(s.get("id")) for s in prs.part._element.find(f"{{{P}}}sldIdLst")]
    assert ids == list(range(256, 256 + len(plan.slides)))
    for slide, planned in zip(prs.slides, plan.slides):
        assert slide.shapes.title.text_frame.text.replace("\v", "\n") == "\n".join(
            "".join(r.text for r in p.runs) for p in planned.title.paragraphs
        )
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text == planned.notes
    title_layout = prs.slides[0].slide_layout
    assert any(ph.placeholder_format.type == 3 for ph in title_layout.placeholders)  # ctrTitle


def test_a_masters_sample_slides_and_their_notes_are_left_out(tmp_path, runner):
    from deckgen.cli import main

    master = _deck_with_sample_slides(tmp_path / "master.pptx", 3)
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["build", "--master", str(master), "--deck-only", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    (deck,) = out.glob("*.pptx")
    prs = Presentation(str(deck))
    texts = [s.shapes.title.text_frame.text for s in prs.slides]
    assert not any(t.startswith("Sample") for t in texts)
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert "old notes" not in notes
    names = zipfile.ZipFile(deck).namelist()
    slides = [n for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml")]
    assert len(slides) == len(prs.slides)


def test_building_a_deck_imports_neither_python_pptx_nor_xlsxwriter(tmp_path):
    code = (
        "import sys\n"
        "from deckgen.cli import main\n"
        "try:\n"
        "    main(['build', '--deck-only', '-q', '--out', sys.argv[1]])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pptx', 'xlsxwriter'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DECKGEN_CACHE": str(tmp_path / "c")},
        check=True,
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
    assert list((tmp_path / "out").glob("*.pptx"))


# -- sharing work with a forked child ----------------------------------------------------
def _square(x: int) -> int:
    return x * x


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_split_map_gives_the_plain_loops_result(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    items = list(range(23))
    assert forked.can_fork(len(items))
    parent = os.getpid()
    pids = forked.split_map(lambda x: (x, os.getpid()), items)
    assert [x for x, _ in pids] == items
    assert {pid for _, pid in pids[0::2]} == {parent}
    assert parent not in {pid for _, pid in pids[1::2]}  # every second one was the child's
    assert forked.split_map(_square, items) == [x * x for x in items]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_split_map_recovers_from_a_failing_child_and_raises_as_the_loop(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parent = os.getpid()

    def fails_in_the_child(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("child")
        return -x

    assert forked.split_map(fails_in_the_child, list(range(8))) == [-x for x in range(8)]

    def fails_on_four(x: int) -> int:
        if x == 4:
            raise ValueError("four")
        return x

    with pytest.raises(ValueError, match="four"):
        forked.split_map(fails_on_four, list(range(8)))


def test_no_fork_with_other_threads_few_items_or_when_asked(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert not forked.can_fork(forked.MIN_ITEMS - 1)
    monkeypatch.setenv("DECKGEN_NO_FORK", "1")
    assert not forked.can_fork(100)
    monkeypatch.delenv("DECKGEN_NO_FORK")
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not forked.can_fork(100)
    finally:
        stop.set()
        worker.join()


def test_a_shared_check_finds_what_a_plain_one_finds(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    prs = Presentation()
    for i in range(9):
        slide = prs.slides.add_slide(prs.slide_layouts[5 if i % 3 else 6])
        if slide.shapes.title is not None:
            slide.shapes.title.text = "Same title" if i < 4 else f"Title {i}"
        box = slide.shapes.add_textbox(-500000 if i == 2 else 100000, 100000, 2000000, 300000)
        box.text_frame.text = "word " * (10 + 40 * (i % 2))  # every second box overflows
    path = tmp_path / "faults.pptx"
    prs.save(str(path))
    plain = check_deck(path, schema=False)
    rules = {f.rule for f in plain}
    assert {"slide-title", "duplicate-title", "off-slide", "text-overflow"} <= rules
    assert check_deck(path, schema=False, parallel=True) == plain
