"""The DOCX export's styles, after GB/T 9704 (党政机关公文格式), and the font XML Word and WPS need.

Word picks a run's Chinese font from ``w:rFonts/@w:eastAsia`` and ignores the explicit names
when theme attributes (``w:eastAsiaTheme``) are present, as they are in python-docx's template;
so every style, the document defaults and every run get explicit names, no theme attributes, and
``w:hint="eastAsia"`` (so “ ” and … take the Chinese face). Word uses exactly one name, so only
faces that every Chinese Windows has are named: 仿宋, 楷体, 黑体, 宋体; the title takes
方正小标宋简体 when this machine has it (the usual 公文 title face), else 黑体.

The document defaults also say ``w:overflowPunct w:val="1"`` (see `_defaults`): the value Word
and WPS assume anyway, written out because LibreOffice reads it the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from docx.shared import Pt
from docx.styles.style import ParagraphStyle

from userdata.digest.export import blocks

FANG, KAI, HEI, SONG = "仿宋", "楷体", "黑体", "宋体"
XIAOBIAOSONG = "方正小标宋简体"
LATIN = "Times New Roman"
BODY, PITCH = 16.0, 29.0  # 三号 on a 29 pt line: 22 lines a page


@dataclass(frozen=True)
class DocxStyle:
    """A paragraph style: name, East Asian font, size, alignment, indents and spacing (points)."""

    name: str
    font: str = FANG
    size: float = BODY
    pitch: float = PITCH
    align: str = "justify"
    first: float = 2 * BODY
    left: float = 0.0
    right: float = 0.0
    before: float = 0.0
    after: float = 0.0
    keep: bool = False
    outline: int | None = None


STYLES: dict[str, DocxStyle] = {
    blocks.TITLE: DocxStyle("Digest Title", HEI, 22.0, 36.0, "center", 0.0, before=6.0, after=6.0),
    blocks.ISSUE: DocxStyle("Digest Issue", KAI, BODY, PITCH, "center", 0.0),
    blocks.META: DocxStyle("Digest Cover Line", FANG, 14.0, 24.0, "left", 0.0, before=8.0),
    blocks.COMMENTARY: DocxStyle("Digest Commentary", before=8.0),
    blocks.QUOTE: DocxStyle("Digest Quotation", left=BODY, right=BODY, before=10.0),
    blocks.NOTE: DocxStyle("Digest Note", KAI, before=4.0),
    blocks.FIGURE: DocxStyle("Digest Figure", align="center", first=0.0, before=10.0, keep=True),
    blocks.CAPTION: DocxStyle("Digest Caption", KAI, 14.0, 24.0, "center", 0.0, after=6.0),
    blocks.REFS_HEADING: DocxStyle("Digest References Heading", HEI, align="left", first=0.0, before=20.0,
                                   after=4.0, keep=True, outline=0),
    blocks.REFERENCE: DocxStyle("Digest Reference", FANG, 14.0, 24.0, "left", -28.0, left=28.0),
}
HEADINGS: dict[int, DocxStyle] = {
    1: DocxStyle("Heading 1", HEI, before=14.0, keep=True, outline=0),
    2: DocxStyle("Heading 2", KAI, before=6.0, keep=True, outline=1),
    3: DocxStyle("Heading 3", FANG, before=4.0, keep=True, outline=2),
    4: DocxStyle("Heading 4", FANG, keep=True, outline=3),
}
#: Font-table entries: the name Word shows, the English name it may also be installed under.
ALT_NAMES = {FANG: "FangSong", KAI: "KaiTi", HEI: "SimHei", SONG: "SimSun",
             XIAOBIAOSONG: "FZXiaoBiaoSong-B05S"}
HEADER_FONT, HEADER_SIZE = HEI, 16.0  # the mark: 黑体 三号
FOOTER_FONT, FOOTER_SIZE = SONG, 14.0  # page numbers: 宋体 四号

#: The w:pPr children that come after w:overflowPunct in the schema (CT_PPrBase order).
_AFTER_OVERFLOW_PUNCT = {qn(f"w:{t}") for t in (
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}

_ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT,
          "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def style_for(para: blocks.Para) -> DocxStyle:
    """The style of `para`."""
    if para.kind == blocks.HEADING:
        return HEADINGS.get(para.level, HEADINGS[4])
    return STYLES[para.kind]


def install(document: Document, title_font: str = HEI) -> None:
    """Set the document defaults and add (or restyle) every style the export uses."""
    _defaults(document)
    normal = document.styles["Normal"]
    _set_paragraph(normal, DocxStyle("Normal"))
    for style in [*STYLES.values(), *HEADINGS.values()]:
        if style.name == STYLES[blocks.TITLE].name:
            style = DocxStyle(**{**style.__dict__, "font": title_font})
        try:
            target = document.styles[style.name]
        except KeyError:
            target = document.styles.add_style(style.name, WD_STYLE_TYPE.PARAGRAPH)
            target.base_style = normal
        _set_paragraph(target, style)
    for name, font, size in (("Header", HEADER_FONT, HEADER_SIZE), ("Footer", FOOTER_FONT, FOOTER_SIZE)):
        _set_paragraph(document.styles[name], DocxStyle(name, font, size, size * 1.25, "left", 0.0))


def font_table(document: Document, names: list[str]) -> None:
    """Describe the Chinese faces in word/fontTable.xml: English alternative name, GB2312 charset.

    Word and WPS use this to find the face under its English name or to pick a Chinese
    substitute where it is missing.
    """
    from lxml import etree

    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    for name in names:
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", ALT_NAMES.get(name, "")), ("w:charset", "86"),
                           ("w:family", "modern" if name != SONG else "auto"), ("w:pitch", "variable")):
            if value:
                etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_fonts(rpr: CT_RPr, east_asia: str, latin: str = LATIN) -> None:
    """Name the fonts of a ``w:rPr`` explicitly (no theme fonts) with the East Asian hint."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith(("Theme", "theme")):
            del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def latin_for(east_asia: str) -> str:
    """The Latin face beside a Chinese one: Times New Roman with the text faces, itself with 黑体."""
    return east_asia if east_asia in (HEI, XIAOBIAOSONG) else LATIN


def _defaults(document: Document) -> None:
    """docDefaults: 仿宋 16 pt, Chinese language, no spacing after paragraphs."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, FANG)
    for tag, value in (("w:sz", "32"), ("w:szCs", "32")):
        rpr.find(qn(tag)).set(qn("w:val"), value)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(int(PITCH * 20)))
    spacing.set(qn("w:lineRule"), "exact")
    _overflow_punct(ppr)


def _overflow_punct(ppr: CT_PPr) -> None:
    """``<w:overflowPunct w:val="1"/>``: Word and WPS may hang a 。 or ， past the line's end.

    That is what the spec (ECMA-376 17.3.1.21) and Word assume when the element is absent, so
    Word and WPS lay out as before. It is written out for LibreOffice, whose DOCX import reads
    the value inverted (0 as "hang", 1 as "do not hang"; absent, it hangs; its own DOCX export
    writes the value the right way round). When LibreOffice hangs a stop or comma past the end
    of a full line of a justified paragraph, on any line but the paragraph's last, it often
    prints nothing for it, depending on the room left on the line (7.4: a quotation printed
    "…的动态循环" then its [3]). Told not to hang, it moves the character before the stop down
    with it, as its line-breaking rules (禁则) require, and prints both.
    """
    node = ppr.find(qn("w:overflowPunct"))
    if node is None:
        node = OxmlElement("w:overflowPunct")
        later = next((c for c in ppr if c.tag in _AFTER_OVERFLOW_PUNCT), None)
        if later is not None:
            later.addprevious(node)
        else:
            ppr.append(node)
    node.set(qn("w:val"), "1")


def _set_paragraph(target: ParagraphStyle, style: DocxStyle) -> None:
    """Apply `style` to a python-docx paragraph style, replacing the template's look."""
    rpr = target.element.get_or_add_rPr()
    for tag in ("w:color", "w:b", "w:bCs", "w:i", "w:iCs", "w:u", "w:spacing", "w:kern"):
        for child in rpr.findall(qn(tag)):
            rpr.remove(child)
    set_fonts(rpr, style.font, latin_for(style.font))
    target.font.size = Pt(style.size)
    target.font.bold = False
    target.font.italic = False
    target.quick_style = True
    fmt = target.paragraph_format
    fmt.alignment = _ALIGN[style.align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(style.pitch)
    fmt.first_line_indent = Pt(style.first)
    fmt.left_indent = Pt(style.left)
    fmt.right_indent = Pt(style.right)
    fmt.space_before = Pt(style.before)
    fmt.space_after = Pt(style.after)
    fmt.keep_with_next = style.keep
    fmt.widow_control = True
    if style.outline is not None:
        _outline(target, style.outline)


def _outline(target: ParagraphStyle, level: int) -> None:
    ppr = target.element.get_or_add_pPr()
    node = ppr.find(qn("w:outlineLvl"))
    if node is None:
        node = OxmlElement("w:outlineLvl")
        ppr.append(node)
    node.set(qn("w:val"), str(level))
