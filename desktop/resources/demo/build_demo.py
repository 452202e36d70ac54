"""Build the demo library's PDFs from the texts kept beside this script.

The three documents are fictional but laid out like the real thing, so that extraction
meets the usual difficulties: a red-header policy notice with clauses and a version
block, a two-column journal paper with running headers and page numbers, and a digest
compilation whose article titles are made bold by over-printing.

    .venv/bin/python desktop/resources/demo/build_demo.py

The generated PDFs are committed, so nobody needs the fonts to use the demo library;
rebuild them only after changing a text. Output is byte-for-byte reproducible
(reportlab's invariant mode) as long as the same font is used.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, B5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

HERE = Path(__file__).resolve().parent
ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
RED = colors.HexColor("#C8161D")

rl_config.invariant = 1
# reportlab's characters that may not start a line lack full-width Chinese punctuation;
# with them added, a line-final comma hangs in the margin instead of opening the next line.
textsplit.ALL_CANNOT_START += "，；：！？”’》）"


def register_cjk_font() -> str:
    """Register an embeddable CJK font and return its name.

    WenQuanYi Zen Hei is embedded (subset) when installed; otherwise reportlab's
    built-in STSong-Light CID font is used, which viewers must supply themselves.
    """
    if ZENHEI.exists():
        if "WenQuanYiZenHei" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("WenQuanYiZenHei", str(ZENHEI), subfontIndex=0))
        return "WenQuanYiZenHei"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


FONT = register_cjk_font()


def style(size: float, leading: float | None = None, **kw) -> ParagraphStyle:
    """A CJK paragraph style: CJK line breaking, our font, justified unless told."""
    kw.setdefault("alignment", TA_JUSTIFY)
    return ParagraphStyle(
        name=f"s{size}", fontName=FONT, fontSize=size, leading=leading or size * 1.5, wordWrap="CJK", **kw
    )


def body_style(size: float, leading: float) -> ParagraphStyle:
    """Body text with the customary two-character first-line indent."""
    return style(size, leading, firstLineIndent=2 * size)


class FakeBold(Paragraph):
    """A paragraph printed twice, 0.4 pt apart: how many Chinese PDFs make bold text."""

    def draw(self) -> None:
        super().draw()
        self.canv.saveState()
        self.canv.translate(0.4, 0)
        super().draw()
        self.canv.restoreState()


class PageFurniture:
    """Running header and page number drawn on every page of a document."""

    def __init__(self, draw: Callable[[object, int], None]):
        self.draw = draw

    def __call__(self, canv, doc) -> None:
        canv.saveState()
        canv.setFont(FONT, 9)
        self.draw(canv, doc.page)
        canv.restoreState()


def load(name: str) -> dict:
    """The texts of one demo document."""
    return json.loads((HERE / name).read_text(encoding="utf-8"))


# --- (a) policy notice -------------------------------------------------------------------


def build_policy(data: dict, out: Path) -> None:
    """A4 notice laid out after GB/T 9704: red banner, number, title, clauses, version block."""
    width = A4[0]
    margins = {"left": 28 * mm, "right": 26 * mm, "top": 28 * mm, "bottom": 28 * mm}

    def page_number(canv, page: int) -> None:
        canv.setFont(FONT, 14)
        text = f"— {page} —"
        if page % 2:
            canv.drawRightString(width - margins["right"], 18 * mm, text)
        else:
            canv.drawString(margins["left"], 18 * mm, text)

    doc = _doc(out, A4, margins, data["title"], data["issuer"])
    frame = Frame(margins["left"], margins["bottom"], doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=PageFurniture(page_number))])

    body = body_style(14, 21)
    story: list[Flowable] = [
        Paragraph(f'<font color="#C8161D">{data["banner"]}</font>', style(30, 40, alignment=TA_CENTER)),
        Spacer(1, 10 * mm),
        Paragraph(data["doc_number"], style(14, 20, alignment=TA_CENTER)),
        HRFlowable(width="100%", thickness=1.5, color=RED, spaceBefore=3 * mm, spaceAfter=8 * mm),
        Paragraph(data["title"], style(20, 30, alignment=TA_CENTER)),
        Spacer(1, 6 * mm),
        Paragraph(data["addressee"], style(14, 24, alignment=TA_LEFT)),
        *[Paragraph(p, body) for p in data["body"]],
        Spacer(1, 6 * mm),
        Paragraph(data["attachment_line"], body),
        Spacer(1, 12 * mm),
        Paragraph(data["issuer"], style(14, 24, alignment=TA_RIGHT, rightIndent=14 * 4)),
        Paragraph(data["date"], style(14, 24, alignment=TA_RIGHT, rightIndent=14 * 4)),
        Paragraph(data["publicity"], body),
        PageBreak(),
        Paragraph("附件", style(14, 24, alignment=TA_LEFT)),
        Spacer(1, 3 * mm),
        Paragraph(data["attachment_title"], style(18, 28, alignment=TA_CENTER)),
        Spacer(1, 2 * mm),
        *[Paragraph(c, body) for c in data["clauses"]],
        Spacer(1, 4 * mm),
        HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceAfter=1 * mm),
        Paragraph(data["copy_to"], style(12, 18, alignment=TA_LEFT, leftIndent=12)),
        HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceBefore=1 * mm, spaceAfter=1 * mm),
        Paragraph(data["printed"], style(12, 18, alignment=TA_LEFT, leftIndent=12)),
        HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceBefore=1 * mm),
    ]
    doc.build(story)


# --- (b) two-column journal paper --------------------------------------------------------


def build_paper(data: dict, out: Path) -> None:
    """B5 paper: full-width title block on page 1, then two columns; headers and page numbers."""
    width, height = B5
    margins = {"left": 18 * mm, "right": 18 * mm, "top": 22 * mm, "bottom": 20 * mm}
    first = data["first_page"]
    short_title = data["title"].split("——")[0]
    odd_header = f"{data['authors'][0]}，等：{short_title}"
    even_header = f"{data['journal']}　{data['issue']}"

    def furniture(canv, page: int) -> None:
        number = first + page - 1
        top = height - 14 * mm
        if number % 2:
            canv.drawRightString(width - margins["right"], top, odd_header)
        else:
            canv.drawString(margins["left"], top, even_header)
        canv.setLineWidth(0.5)
        canv.line(margins["left"], top - 2 * mm, width - margins["right"], top - 2 * mm)
        canv.drawCentredString(width / 2, 11 * mm, f"· {number} ·")
        if page == 1:
            _first_page_note(canv, data["first_page_note"], margins, width)

    doc = _doc(out, B5, margins, data["title"], "，".join(data["authors"]))
    head = _title_block(data)
    head_height = sum(f.wrap(doc.width, doc.height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
    head_height += 8 * mm
    note_height = 16 * mm
    gap = 6 * mm
    col = (doc.width - gap) / 2

    def columns(bottom: float, top: float, prefix: str) -> list[Frame]:
        return [
            Frame(margins["left"] + i * (col + gap), bottom, col, top - bottom, id=f"{prefix}{i}")
            for i in range(2)
        ]

    body_top = height - margins["top"]
    first_frames = [
        Frame(margins["left"], body_top - head_height, doc.width, head_height, id="head"),
        *columns(margins["bottom"] + note_height, body_top - head_height, "c"),
    ]
    doc.addPageTemplates([
        PageTemplate("first", first_frames, onPage=PageFurniture(furniture)),
        PageTemplate("later", columns(margins["bottom"], body_top, "l"), onPage=PageFurniture(furniture)),
    ])
    story = [*head, FrameBreak(), NextPageTemplate("later"), *_paper_body(data)]
    doc.build(story)


def _title_block(data: dict) -> list[Flowable]:
    authors = "，".join(f"{a}<super>{m}</super>" for a, m in zip(data["authors"], data["author_marks"]))
    small = style(9, 15)
    return [
        Paragraph(data["title"].replace("——", "<br/>——"), style(16, 24, alignment=TA_CENTER)),
        Spacer(1, 3 * mm),
        Paragraph(authors, style(11, 16, alignment=TA_CENTER)),
        Paragraph(data["affiliations"], style(8, 12, alignment=TA_CENTER)),
        Spacer(1, 3 * mm),
        Paragraph(f"摘要：{data['abstract']}", small),
        Paragraph(f"关键词：{'；'.join(data['keywords'])}", small),
        Paragraph(data["classification"], small),
    ]


def _first_page_note(canv, note: str, margins: dict, width: float) -> None:
    para = Paragraph(note, style(7, 10))
    w = width - margins["left"] - margins["right"]
    _, h = para.wrap(w, 20 * mm)
    canv.line(margins["left"], margins["bottom"] + h + 2 * mm, margins["left"] + 40 * mm, margins["bottom"] + h + 2 * mm)
    para.drawOn(canv, margins["left"], margins["bottom"])


def _paper_body(data: dict) -> list[Flowable]:
    body = body_style(9.5, 15)
    heading = {1: style(10.5, 16, alignment=TA_LEFT, spaceBefore=5, spaceAfter=3, keepWithNext=1),
               2: style(9.5, 15, alignment=TA_LEFT, spaceBefore=3, spaceAfter=1, keepWithNext=1)}
    story: list[Flowable] = []
    for section in data["sections"]:
        story.append(Paragraph(section["heading"], heading[section["level"]]))
        story.extend(Paragraph(p, body) for p in section["paragraphs"])
    story.append(Paragraph("参考文献", style(10.5, 16, alignment=TA_CENTER, spaceBefore=8, spaceAfter=3)))
    ref = style(8, 12, leftIndent=14, firstLineIndent=-14)
    story.extend(Paragraph(r, ref) for r in data["references"])
    return story


# --- (c) digest compilation --------------------------------------------------------------


def build_digest(data: dict, out: Path) -> None:
    """A4 internal digest: masthead, contents, two articles each closing with a source line."""
    width, height = A4
    margins = {"left": 25 * mm, "right": 25 * mm, "top": 28 * mm, "bottom": 25 * mm}

    def furniture(canv, page: int) -> None:
        if page > 1:
            top = height - 16 * mm
            canv.drawCentredString(width / 2, top, data["running_header"])
            canv.line(margins["left"], top - 2 * mm, width - margins["right"], top - 2 * mm)
        canv.setFont(FONT, 12)
        canv.drawCentredString(width / 2, 13 * mm, f"— {page} —")

    doc = _doc(out, A4, margins, f"{data['masthead']} {data['issue']}", data["editor"])
    frame = Frame(margins["left"], margins["bottom"], doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=PageFurniture(furniture))])

    story: list[Flowable] = [
        Paragraph(data["notice"], style(10.5, 16, alignment=TA_LEFT)),
        Paragraph(f'<font color="#C8161D">{data["masthead"]}</font>', style(40, 52, alignment=TA_CENTER)),
        Paragraph(data["issue"], style(14, 22, alignment=TA_CENTER)),
        Spacer(1, 4 * mm),
        Paragraph(f"{data['editor']}{'　' * 12}{data['date']}", style(12, 18, alignment=TA_CENTER)),
        HRFlowable(width="100%", thickness=2, color=RED, spaceBefore=2 * mm, spaceAfter=0.8 * mm),
        HRFlowable(width="100%", thickness=0.6, color=RED, spaceAfter=5 * mm),
        FakeBold("本期要目", style(14, 22, alignment=TA_LEFT)),
        *[Paragraph(f"◎ {a['title']}", style(12, 20, leftIndent=24)) for a in data["articles"]],
        Spacer(1, 8 * mm),
    ]
    for article in data["articles"]:
        story.extend(_digest_article(article))
    story += [
        Spacer(1, 10 * mm),
        HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceAfter=1 * mm),
        Paragraph(data["distribution"], style(10.5, 16, alignment=TA_LEFT)),
        HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceBefore=1 * mm),
    ]
    doc.build(story)


def _digest_article(article: dict) -> list[Flowable]:
    body = body_style(12, 21)
    subheading = style(12, 21, firstLineIndent=24, spaceBefore=3)
    story: list[Flowable] = [
        FakeBold(article["title"], style(18, 28, alignment=TA_CENTER, spaceBefore=6)),
        Paragraph(article["byline"], style(12, 20, alignment=TA_CENTER, spaceAfter=6)),
    ]
    for para in article["paragraphs"]:
        is_heading = para[:2] in {"一、", "二、", "三、", "四、"}
        story.append(FakeBold(para, subheading) if is_heading else Paragraph(para, body))
    story += [Paragraph(article["source"], body), Spacer(1, 10 * mm)]
    return story


# --- shared ------------------------------------------------------------------------------


def _doc(out: Path, size, margins: dict, title: str, author: str) -> BaseDocTemplate:
    return BaseDocTemplate(
        str(out),
        pagesize=size,
        leftMargin=margins["left"],
        rightMargin=margins["right"],
        topMargin=margins["top"],
        bottomMargin=margins["bottom"],
        title=title,
        author=author,
        creator="Hanlin demo builder (resources/demo/build_demo.py)",
    )


BUILDERS = {
    "policy-notice.json": build_policy,
    "journal-paper.json": build_paper,
    "digest-compilation.json": build_digest,
}


def main() -> None:
    """Rebuild every demo PDF next to this script."""
    for source, build in BUILDERS.items():
        data = load(source)
        out = HERE / data["pdf"]
        build(data, out)
        print(f"{out.name}: built with {FONT}")


if __name__ == "__main__":
    main()
