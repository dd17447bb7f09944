"""Corporate templates as organisations ship them, written with python-pptx for the tests.

Each builder starts from :func:`tests.test_masters.make_master` (renamed, reordered layouts and
the organisation's theme colours and fonts) and then reshapes it the way real templates are
shaped: title slides without a subtitle placeholder, a one-line subtitle box under a large
autofitting title, decorative shapes and logos drawn on the layout, Verdana for every text,
layouts named in Portuguese with several title slides that differ only by their logo, a footer
and slide number but no date. :data:`CORPUS` names them all.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.util import Inches

from tests.test_masters import NAMES, make_master

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"p": P, "a": A, "r": R}
WIDE = (Inches(13.333), Inches(7.5))

# The layouts of make_master, by what they are for.
TITLE_SLIDE, CONTENT, SECTION, TWO, COMPARE, TITLE_ONLY, BLANK, CAPTION, PICTURE = NAMES[:9]
VERTICAL = NAMES[9:]

PORTUGUESE = {
    TITLE_SLIDE: "Slide de título",
    CONTENT: "Título e conteúdo",
    TITLE_ONLY: "Somente título",
    BLANK: "Em branco",
}
# Five more title slides, each the first one with another logo; their order in the master.
COVERS = ["Capa – Diretoria", "Capa – Comercial", "Capa – Operações", "Capa – Finanças"]
COVERS += ["Capa – Parceiros"]
PORTUGUESE_ORDER = [
    "Slide de título",
    "Capa – Diretoria",
    "Capa – Comercial",
    "Título e conteúdo",
    "Capa – Operações",
    "Capa – Finanças",
    "Capa – Parceiros",
    "Somente título",
    "Em branco",
]
LOGO_COLOURS = ["7A1F3D", "1F4E79", "2E6B30", "8A5A00", "4B4B4B", "5B2C83"]


# -- small pieces -------------------------------------------------------------------------
def logo_png(colour: str, size=(360, 120)) -> bytes:
    """Return a small logo: a coloured mark and a bar of 'lettering', as a PNG."""
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rounded_rectangle((0, 0, h, h - 1), radius=h // 5, fill=f"#{colour}")
    draw.rectangle((h + h // 5, h * 3 // 10, w - 1, h * 7 // 10), fill=f"#{colour}")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def layout_named(prs, name: str):
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def placeholder(layout, kind: str):
    """Return the placeholder of ``kind`` ('ctrTitle', 'subTitle', 'body', …) or None."""
    for ph in layout.placeholders:
        if ph.element.ph.get("type", "obj") == kind:
            return ph
    return None


def set_box(shape, x: float, y: float, w: float, h: float) -> None:
    """Place ``shape`` at (x, y) with size (w, h), all in inches."""
    shape.left, shape.top, shape.width, shape.height = Inches(x), Inches(y), Inches(w), Inches(h)


def remove(shape) -> None:
    shape.element.getparent().remove(shape.element)


def widen(prs, width: int) -> None:
    """Set the slide width, stretching the master's and layouts' shapes across it (a template
    drawn for the wider slide, not a 4:3 one left on the left)."""
    factor = width / prs.slide_width
    prs.slide_width = width
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for xfrm in owner.element.iter(f"{{{A}}}xfrm"):
            off, ext = xfrm.find(f"{{{A}}}off"), xfrm.find(f"{{{A}}}ext")
            if off is not None and ext is not None:
                off.set("x", str(round(int(off.get("x")) * factor)))
                ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def _next_id(layout) -> int:
    return max(int(e.get("id")) for e in layout.element.iter(f"{{{P}}}cNvPr")) + 1


def _behind(layout, element) -> None:
    """Insert ``element`` first in the layout's shape tree, behind its placeholders."""
    tree = layout.shapes._spTree
    tree.insert(2, element)  # after nvGrpSpPr and grpSpPr


def _xfrm(x: float, y: float, w: float, h: float) -> str:
    return (
        f'<a:xfrm><a:off x="{Inches(x)}" y="{Inches(y)}"/>'
        f'<a:ext cx="{Inches(w)}" cy="{Inches(h)}"/></a:xfrm>'
    )


def add_logo(layout, png: bytes, box: tuple[float, float, float, float], name="Logo") -> None:
    """Draw a logo picture on ``layout`` (behind its placeholders), as PowerPoint does."""
    _, rid = layout.part.get_or_add_image_part(io.BytesIO(png))
    xml = (
        f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr>'
        f'<p:cNvPr id="{_next_id(layout)}" name="{name}" descr="Company logo"/>'
        f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/>'
        f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</p:blipFill><p:spPr>{_xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"</p:spPr></p:pic>"
    )
    _behind(layout, etree.fromstring(xml))


def add_rounded_rect(layout, box: tuple[float, float, float, float], scheme="accent1") -> None:
    """Draw a filled rounded rectangle on ``layout``, behind its placeholders."""
    xml = (
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr>'
        f'<p:cNvPr id="{_next_id(layout)}" name="Rounded Rectangle"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(*box)}'
        f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val 12000"/></a:avLst>'
        f'</a:prstGeom><a:solidFill><a:schemeClr val="{scheme}"/></a:solidFill>'
        f"<a:ln><a:noFill/></a:ln></p:spPr>"
        f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/>'
        f'<a:p><a:endParaRPr lang="pt-BR"/></a:p></p:txBody></p:sp>'
    )
    _behind(layout, etree.fromstring(xml))


def add_body(layout, idx: int, box: tuple[float, float, float, float], size_pt: int, prompt: str):
    """Add a text (body) placeholder, as a template designer inserts one on a layout."""
    xml = (
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr>'
        f'<p:cNvPr id="{_next_id(layout)}" name="Espaço Reservado para Texto {idx}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>'
        f'<p:ph type="body" sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr>'
        f"<p:spPr>{_xfrm(*box)}</p:spPr><p:txBody><a:bodyPr/><a:lstStyle>"
        f'<a:lvl1pPr marL="0" indent="0"><a:buNone/><a:defRPr sz="{size_pt * 100}"/></a:lvl1pPr>'
        f'</a:lstStyle><a:p><a:pPr lvl="0"/><a:r><a:rPr lang="pt-BR"/><a:t>{prompt}</a:t></a:r>'
        f"</a:p></p:txBody></p:sp>"
    )
    layout.shapes._spTree.append(etree.fromstring(xml))


def title_style(shape, size_pt: int, autofit: bool) -> None:
    """Give a title placeholder its own size (and normAutofit, shrink on overflow)."""
    body = shape.element.find(f"{{{P}}}txBody")
    body_pr = body.find(f"{{{A}}}bodyPr")
    for child in list(body_pr):
        body_pr.remove(child)
    body_pr.set("anchor", "b")
    if autofit:
        etree.SubElement(body_pr, f"{{{A}}}normAutofit")
    style = body.find(f"{{{A}}}lstStyle")
    for child in list(style):
        style.remove(child)
    level = etree.SubElement(style, f"{{{A}}}lvl1pPr")
    etree.SubElement(level, f"{{{A}}}defRPr", sz=str(size_pt * 100), b="1")


def drop_dates(prs) -> None:
    """Remove the date placeholder from the master and every layout; the footer takes the
    date's place on the left."""
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for ph in list(owner.placeholders):
            kind = ph.element.ph.get("type", "obj")
            if kind == "dt":
                remove(ph)
            elif kind == "ftr":
                ph.left = Inches(0.5)
                ph.width = prs.slide_width * 6 // 10


def order(prs, names: list[str]) -> None:
    """Reorder the master's layouts to ``names`` (every layout named once)."""
    id_list = prs.slide_master.element.find(f"{{{P}}}sldLayoutIdLst")
    by_rid = {
        prs.slide_master.part.related_part(entry.get(f"{{{R}}}id")).slide_layout.name: entry
        for entry in id_list
    }
    assert sorted(by_rid) == sorted(names), (sorted(by_rid), names)
    for entry in list(id_list):
        id_list.remove(entry)
    for name in names:
        id_list.append(by_rid[name])


def as_title_layout(layout, source) -> None:
    """Make ``layout`` a copy of the title layout ``source``: same placeholders and shapes."""
    tree = layout.shapes._spTree
    for child in list(tree):
        tree.remove(child)
    for child in source.shapes._spTree:
        tree.append(copy.deepcopy(child))
    layout.element.set("type", "title")


def sample_slides(prs, count: int = 2) -> None:
    """Leave sample slides in the template, as templates that come with examples have."""
    cover = prs.slide_layouts[0]
    for i in range(count):
        slide = prs.slides.add_slide(cover)
        slide.shapes.title.text = f"SAMPLE SLIDE {i}"


def _start(path: Path, fonts=("Calibri", "Calibri"), size=WIDE):
    make_master(path, fonts=fonts, sample_slides=0)
    prs = Presentation(str(path))
    widen(prs, size[0])
    prs.slide_height = size[1]
    return prs


def _finish(prs, path: Path) -> Path:
    sample_slides(prs)
    prs.save(str(path))
    return path


# -- title slides -------------------------------------------------------------------------
def _two_bodies(cover) -> None:
    """The title slide has no subtitle placeholder: a one-line text box right under the
    title (0.5 in high) and a taller one below it, both body placeholders."""
    remove(placeholder(cover, "subTitle"))
    set_box(placeholder(cover, "ctrTitle"), 0.9, 1.5, 11.5, 1.7)
    add_body(cover, 13, (0.9, 3.3, 11.5, 0.5), 20, "Subtítulo da apresentação")
    add_body(cover, 14, (0.9, 4.0, 11.5, 1.3), 16, "Nome do apresentador | Data")


def _short_subtitle(cover) -> None:
    """A 48 pt title that shrinks on overflow (normAutofit) over a 0.9 in subtitle box."""
    title = placeholder(cover, "ctrTitle")
    set_box(title, 0.9, 1.4, 11.5, 2.0)
    title_style(title, 48, autofit=True)
    set_box(placeholder(cover, "subTitle"), 0.9, 3.55, 11.5, 0.9)


def _decorate(cover, logo: bytes) -> None:
    """Shapes behind the title area: a rounded accent panel under the lower left of the
    placeholders, and the logo at the top right, inside the title placeholder's box."""
    ctr = placeholder(cover, "ctrTitle")
    set_box(ctr, 0.9, 0.5, 11.5, 2.8)
    add_rounded_rect(cover, (0.4, 2.7, 4.6, 4.1))
    add_logo(cover, logo, (10.6, 0.45, 2.1, 0.7))


def no_subtitle(path: Path) -> Path:
    """(a) The title layout has no subtitle placeholder, only two body placeholders."""
    prs = _start(path)
    _two_bodies(layout_named(prs, TITLE_SLIDE))
    return _finish(prs, path)


def short_subtitle(path: Path) -> Path:
    """(b) A subtitle placeholder 0.9 in high under a 48 pt title with normAutofit."""
    prs = _start(path)
    _short_subtitle(layout_named(prs, TITLE_SLIDE))
    return _finish(prs, path)


def decorated(path: Path) -> Path:
    """(c) A rounded rectangle and a logo picture drawn on the title layout, behind the
    title area."""
    prs = _start(path)
    _decorate(layout_named(prs, TITLE_SLIDE), logo_png(LOGO_COLOURS[0]))
    return _finish(prs, path)


def verdana(path: Path) -> Path:
    """(d) Verdana as both the heading (major) and body (minor) theme font."""
    return _finish(_start(path, fonts=("Verdana", "Verdana")), path)


def _portuguese(prs, shape_cover: Callable | None = None) -> None:
    """Nine layouts named in Portuguese, six of them title slides that differ only by their
    logo; the vertical, section, two-content and caption layouts become the extra covers."""
    first = layout_named(prs, TITLE_SLIDE)
    if shape_cover is not None:
        shape_cover(first)
    for layout in [layout_named(prs, name) for name in VERTICAL]:
        prs.slide_layouts.remove(layout)
    covers = [layout_named(prs, n) for n in (SECTION, TWO, COMPARE, CAPTION, PICTURE)]
    for layout, name in zip(covers, COVERS):
        as_title_layout(layout, first)
        layout.name = name
    for old, new in PORTUGUESE.items():
        layout_named(prs, old).name = new
    for layout, colour in zip([first, *covers], LOGO_COLOURS):
        if shape_cover is None:
            add_logo(layout, logo_png(colour), (10.6, 0.45, 2.1, 0.7))
        else:  # the decorated cover has its logo; swap in this layout's own picture
            pic = next(s for s in layout.shapes if s.shape_type == 13)
            _, rid = layout.part.get_or_add_image_part(io.BytesIO(logo_png(colour)))
            pic.element.xpath("./p:blipFill/a:blip")[0].set(f"{{{R}}}embed", rid)
    order(prs, PORTUGUESE_ORDER)


def portuguese(path: Path) -> Path:
    """(e) Layouts named in Portuguese; six of nine are title slides (ctrTitle + subTitle)
    that differ only by their logo picture."""
    prs = _start(path)
    _portuguese(prs)
    return _finish(prs, path)


def no_date(path: Path) -> Path:
    """(f) Footer and slide-number placeholders, but no date placeholder anywhere."""
    prs = _start(path)
    drop_dates(prs)
    return _finish(prs, path)


def combined(path: Path) -> Path:
    """(g) All of the above in one template: Verdana, Portuguese names, six title slides
    differing by their logo, each a 48 pt autofitting title with no subtitle placeholder
    (a one-line body box under it and another below), a rounded panel and the logo behind
    the title area, a footer and slide number but no date."""
    prs = _start(path, fonts=("Verdana", "Verdana"))

    def cover(layout) -> None:
        _two_bodies(layout)
        title_style(placeholder(layout, "ctrTitle"), 48, autofit=True)
        _decorate(layout, logo_png(LOGO_COLOURS[0]))

    drop_dates(prs)
    _portuguese(prs, cover)
    return _finish(prs, path)


def plain(path: Path) -> Path:
    """The earlier synthetic master, title at the top (make_master as it is)."""
    return make_master(path, size=WIDE)


def title_bottom(path: Path) -> Path:
    """The earlier synthetic master with the title at the bottom of the title-only layout."""
    return make_master(path, title_at="bottom", size=WIDE)


def four_three(path: Path) -> Path:
    """The earlier synthetic master at 4:3."""
    return make_master(path, size=(Inches(10), Inches(7.5)))


CORPUS: dict[str, Callable[[Path], Path]] = {
    "no-subtitle": no_subtitle,
    "short-subtitle": short_subtitle,
    "decorated": decorated,
    "verdana": verdana,
    "portuguese": portuguese,
    "no-date": no_date,
    "combined": combined,
    "plain": plain,
    "title-bottom": title_bottom,
    "4:3": four_three,
}

# Templates whose title layouts carry decorative shapes the title slide must keep clear of.
DECORATED = {"decorated", "combined"}


def decorations(layout) -> list[tuple[int, int, int, int]]:
    """Return the boxes (x, y, w, h in EMU) of a layout's own drawn shapes and pictures."""
    return [
        (int(s.left), int(s.top), int(s.width), int(s.height))
        for s in layout.shapes
        if not s.is_placeholder and s.left is not None
    ]


def overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


# -- templates deckgen must adapt or refuse -----------------------------------------------
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
SIGNATURE_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature"
SIGNATURE_TYPE = "application/vnd.ms-office.vbaProjectSignature"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_TYPES = {
    ".potm": "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    ".pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    ".ppsm": "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    ".ppsx": "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    ".ppam": "application/vnd.ms-powerpoint.addin.macroEnabled.main+xml",
}
PRESENTATION_TYPE = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)


def without_titles(path: Path, master_too: bool = False) -> Path:
    """No layout has a title placeholder (and, with ``master_too``, nor has the master)."""
    prs = _start(path)
    owners = [*prs.slide_layouts] + ([prs.slide_master] if master_too else [])
    for owner in owners:
        for ph in list(owner.placeholders):
            if ph.element.ph.get("type", "obj") in ("title", "ctrTitle"):
                remove(ph)
    prs.save(str(path))
    return path


def blank_only(path: Path) -> Path:
    """A master with one layout, a blank one (footer and slide number only)."""
    prs = _start(path)
    for layout in list(prs.slide_layouts):
        if layout.name != BLANK:
            prs.slide_layouts.remove(layout)
    prs.save(str(path))
    return path


def macro_enabled(pptx: Path, target: Path) -> Path:
    """Save the template ``pptx`` as the kind its suffix names (:data:`MAIN_TYPES`); a
    macro-enabled one carries a VBA project (ppt/vbaProject.bin, related from the
    presentation) with its signature, as PowerPoint writes them."""
    main = MAIN_TYPES[target.suffix]
    macros = "macroEnabled" in main
    vba_types = (
        f'<Override PartName="/ppt/vbaProject.bin" ContentType="{VBA_TYPE}"/>'
        f'<Override PartName="/ppt/vbaProjectSignature.bin" ContentType="{SIGNATURE_TYPE}"/>'
    )
    with zipfile.ZipFile(pptx) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(PRESENTATION_TYPE.encode(), main.encode())
                if macros:
                    data = data.replace(b"</Types>", vba_types.encode() + b"</Types>")
            elif info.filename == "ppt/_rels/presentation.xml.rels" and macros:
                rel = f'<Relationship Id="rId999" Type="{VBA_REL}" Target="vbaProject.bin"/>'
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            zout.writestr(info, data)
        if macros:  # an OLE compound file in real life; its bytes do not matter here
            ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
            zout.writestr("ppt/vbaProject.bin", ole)
            zout.writestr("ppt/vbaProjectSignature.bin", bytes(64))
            zout.writestr(
                "ppt/_rels/vbaProject.bin.rels",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
                f'Type="{SIGNATURE_REL}" Target="vbaProjectSignature.bin"/></Relationships>',
            )
    return target
