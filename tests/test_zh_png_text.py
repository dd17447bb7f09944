"""Chinese PNGs set as an editor would set them: every line the graphics draw, checked.

Each graphic of the Chinese builds is drawn in this process while the lines the canvas sets
are recorded; no paragraph may end with a lone character or break a figure, a date or a
qualifier (the rules of :mod:`tests.rendered`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import BuildOptions, load_inputs
from deckgen.infographics import canvas
from deckgen.infographics.plan import plan_graphics
from deckgen.infographics.render import render_png

from .rendered import break_faults

ROOT = Path(__file__).resolve().parent.parent
FACTS = {
    "bundled": None,
    "beijing-2024-economy": ROOT / "examples" / "beijing-2024-economy.yaml",
    "china-trade-2023": ROOT / "examples" / "china-trade-2023.yaml",
}


@pytest.mark.parametrize("name", sorted(FACTS))
def test_every_line_a_chinese_png_draws_keeps_the_rules(monkeypatch, name):
    drawn: list[tuple[str, str, tuple[str, ...]]] = []
    real = canvas.fit

    def recording(paras, width_pt, height_pt, step_pt=1.0):
        fitted = real(paras, width_pt, height_pt, step_pt)
        if fitted is not None:
            for para, lines in zip(paras, fitted.lines):
                drawn.append((current[0], "".join(r.text for r in para.runs), lines))
        return fitted

    monkeypatch.setattr(canvas, "fit", recording)
    inputs = load_inputs(FACTS[name], BuildOptions(lang="zh", dpi=40, scale=0.5))
    current = [""]
    for graphic in plan_graphics(inputs.context(), inputs.layout.layout):
        current[0] = graphic.file
        render_png(graphic, inputs.theme)
    faults = [
        f"{file}: {text!r}: {a!r} / {b!r}: {fault}"
        for file, text, lines in drawn
        for a, b in zip(lines, lines[1:])
        if a and b
        for fault in break_faults(a, b)
    ]
    assert sum(len(lines) > 1 for _, _, lines in drawn) > 5  # paragraphs really wrapped
    assert not faults, "\n".join(faults)
