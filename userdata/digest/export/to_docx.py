"""The digest as a Word document (python-docx), laid out after GB/T 9704 (党政机关公文格式).

A4, margins 37/35/28/26 mm; the cover block (title, 期号, 编者/单位 with the date flush right,
a red rule); headings 一、 in 黑体 and （一） in 楷体; quotations in 仿宋, indented, ending in a
superscript [n] and the page; notes in 楷体 labelled 【解读·立场】 in 黑体; 参考文献 at the end.
The mark is in the header of every page (黑体, top left); page numbers "— 1 —" in the footer,
right on odd and left on even pages, as a PAGE field. Styles and fonts: `docx_styles`.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from userdata.digest.document import DigestDocument
from userdata.digest.export import blocks, docx_styles, fonts
from userdata.digest.export.atomic import replacing
from userdata.digest.export.docx_styles import HEI, style_for
from userdata.digest.export.richtext import Span

_TEXT_WIDTH = Mm(210 - 28 - 26)
_COVER = {blocks.TITLE, blocks.ISSUE, blocks.META}


def write(document: DigestDocument, path: Path) -> None:
    """Write `document` as a .docx file to `path`."""
    out = docx.Document()
    title_font = docx_styles.XIAOBIAOSONG if fonts.has_xiaobiaosong() else HEI
    docx_styles.install(out, title_font)
    docx_styles.font_table(out, list(dict.fromkeys([title_font, docx_styles.FANG, docx_styles.KAI, HEI,
                                                     docx_styles.SONG])))
    _page_setup(out)
    _header_footer(out, document.cover.mark.strip())
    paras = blocks.paragraphs(document)
    body = out.paragraphs[0]._p if out.paragraphs else None
    for i, para in enumerate(paras):
        p = _paragraph(out, para, title_font)
        last_cover = para.kind in _COVER and (i + 1 == len(paras) or paras[i + 1].kind not in _COVER)
        if last_cover:
            _red_rule(p)
    if body is not None:  # python-docx's template starts with one empty paragraph
        body.getparent().remove(body)
    _properties(out, document)
    data = io.BytesIO()  # python-docx leaves its ZipFile open when a write fails: let it fail in memory only
    with replacing(path) as tmp:  # inside: a failure of either step is the export's write error
        out.save(data)
        tmp.write_bytes(data.getvalue())


def _page_setup(out: Document) -> None:
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(20), Mm(20)
    section.gutter = Mm(0)


def _header_footer(out: Document, mark: str) -> None:
    """The mark at the top left of every page; "— n —" right on odd, left on even pages."""
    out.settings.odd_and_even_pages_header_footer = True
    section = out.sections[0]
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.style = out.styles["Header"]
        p.paragraph_format.tab_stops.clear_all()
        if mark:
            _run(p, Span(mark), docx_styles.HEADER_FONT)
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = out.styles["Footer"]
        p.alignment = align
        indent = Pt(docx_styles.FOOTER_SIZE)  # 空一字
        p.paragraph_format.right_indent = indent if align == WD_ALIGN_PARAGRAPH.RIGHT else Pt(0)
        p.paragraph_format.left_indent = indent if align == WD_ALIGN_PARAGRAPH.LEFT else Pt(0)
        _run(p, Span("— "), docx_styles.FOOTER_FONT)
        _page_field(p)
        _run(p, Span(" —"), docx_styles.FOOTER_FONT)


def _page_field(p: Paragraph) -> None:
    """A PAGE field (begin, instruction, separate, a placeholder "1", end) in the footer font."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = _run(p, Span(""), docx_styles.FOOTER_FONT)
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = text
        elif kind == "text":
            node = OxmlElement("w:t")
            node.text = text
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        run._r.append(node)


def _paragraph(out: Document, para: blocks.Para, title_font: str) -> Paragraph:
    style = style_for(para)
    p = out.add_paragraph(style=out.styles[style.name])
    font = title_font if para.kind == blocks.TITLE else style.font
    if para.marker:
        hang = Pt(style.size * 1.5)
        p.paragraph_format.left_indent = Pt(style.first) + hang
        p.paragraph_format.first_line_indent = -hang
        _run(p, Span(para.marker + "\t"), font)
        p.paragraph_format.tab_stops.add_tab_stop(Pt(style.first) + hang)
    if para.image:  # the style's exact line pitch would clip the picture to one line
        p.paragraph_format.line_spacing = 1.0
        p.add_run().add_picture(io.BytesIO(para.image), width=figure_width(para.image))
    for span in para.spans:
        _run(p, span, HEI if span.label else font)
    if para.tail:
        p.paragraph_format.tab_stops.add_tab_stop(_TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        _run(p, Span("\t" + para.tail), font)
    return p


def figure_width(image: bytes) -> int:
    """A figure's width on the page (EMU): its pixels at 2 per point (charts are drawn at 2×), at most the text's."""
    width, _ = blocks.png_size(image)
    return int(min(_TEXT_WIDTH, Pt(width / 2))) if width else int(_TEXT_WIDTH)


def _run(p: Paragraph, span: Span, font: str) -> Run:
    """Add `span` to `p` as one run (line breaks as w:br), its East Asian font named on the run."""
    run = p.add_run()
    docx_styles.set_fonts(run._r.get_or_add_rPr(), font, docx_styles.latin_for(font))
    for i, piece in enumerate(span.text.split("\n")):
        if i:
            run.add_break()
        if piece:
            run.add_text(piece)
    run.bold = True if span.bold else None
    run.italic = True if span.italic else None
    run.underline = True if span.underline else None
    if span.sup:
        run.font.superscript = True
    return run


def _red_rule(p: Paragraph) -> None:
    """A red bottom border under the cover block (版头分隔线)."""
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "8"), ("w:color", "C81010")):
        bottom.set(qn(key), value)
    border.append(bottom)
    successor = next((ppr.find(qn(t)) for t in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                                                 "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr")
                      if ppr.find(qn(t)) is not None), None)
    if successor is not None:
        successor.addprevious(border)
    else:
        ppr.append(border)
    p.paragraph_format.space_after = Pt(18)


def _properties(out: Document, document: DigestDocument) -> None:
    cover, props = document.cover, out.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.title = cover.title
    props.subject = cover.issue
    props.author = cover.compiler or cover.organisation
    props.category = "专题摘编"
    props.keywords = "专题摘编; 决策参考" + (f"; {cover.mark}" if cover.mark else "")
    props.comments = f"{cover.organisation} {cover.date}".strip() + f"（由 {document.generator} 导出）"
    props.content_status = cover.mark
    props.language = "zh-CN"
    props.last_modified_by = document.generator
    props.created = props.modified = now
    props.revision = 1
