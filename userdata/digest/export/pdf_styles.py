"""Page geometry and paragraph styles of the PDF export, after GB/T 9704 (党政机关公文格式).

All lengths are in PostScript points. A4 with margins top 37 mm, bottom 35 mm, left 28 mm,
right 26 mm; body 仿宋 三号 (16 pt) on a 29 pt line pitch (22 lines a page); headings 一、 in
黑体 and （一） in 楷体; quotations 仿宋, indented; notes 楷体; page numbers 宋体 四号 as
"— 1 —", right on odd pages and left on even pages; the mark 黑体 三号 top left.
"""

from __future__ import annotations

from dataclasses import dataclass

from userdata.digest.export import blocks

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOP, BOTTOM, LEFT, RIGHT = 37 * MM, 35 * MM, 28 * MM, 26 * MM
TEXT_W = PAGE_W - LEFT - RIGHT
BODY = 16.0  # 三号
PITCH = 29.0
TEXT = (0, 0, 0)
RED = (200, 16, 16)


@dataclass(frozen=True)
class Style:
    """How one kind of paragraph is set: font role, size, line pitch, indents and spacing."""

    role: str = "fang"
    size: float = BODY
    pitch: float = PITCH
    align: str = "justify"  # justify, left or center
    first: float = 2 * BODY  # first-line indent
    left: float = 0.0
    right: float = 0.0
    before: float = 0.0  # space above a block's first paragraph
    after: float = 0.0
    keep: bool = False  # keep with the next paragraph


STYLES: dict[str, Style] = {
    blocks.TITLE: Style("title", 22.0, 36.0, "center", 0.0, before=6.0, after=6.0),
    blocks.ISSUE: Style("kai", BODY, PITCH, "center", 0.0),
    blocks.META: Style("fang", 14.0, 24.0, "left", 0.0, before=8.0),
    blocks.COMMENTARY: Style("fang", before=8.0),
    blocks.QUOTE: Style("fang", left=BODY, right=BODY, before=10.0),
    blocks.NOTE: Style("kai", before=4.0),
    blocks.FIGURE: Style("fang", align="center", first=0.0, before=10.0),
    blocks.CAPTION: Style("kai", 14.0, 24.0, "center", 0.0, after=6.0),
    blocks.REFS_HEADING: Style("hei", BODY, PITCH, "left", 0.0, before=20.0, after=4.0, keep=True),
    blocks.REFERENCE: Style("fang", 14.0, 24.0, "left", 0.0),
}
HEADINGS: dict[int, Style] = {
    1: Style("hei", before=14.0, keep=True),
    2: Style("kai", before=6.0, keep=True),
    3: Style("fang", before=4.0, keep=True),
    4: Style("fang", keep=True),
}


def style_of(para: blocks.Para) -> Style:
    """The style of `para`."""
    if para.kind == blocks.HEADING:
        return HEADINGS.get(para.level, HEADINGS[4])
    return STYLES[para.kind]
