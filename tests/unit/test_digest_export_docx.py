"""DOCX export: read back with python-docx — content in order, 公文 layout, fonts Word and WPS use."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from userdata.digest.document import Cover, DigestDocument, Quotation, Section
from userdata.digest.export import write
from userdata.digest.export.sample import sample_document

W_FONTS = qn("w:rFonts")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[DigestDocument, Path]:
    document = sample_document()
    path = tmp_path_factory.mktemp("docx") / "摘编.docx"
    write(document, "docx", path)
    return document, path


@pytest.fixture(scope="module")
def word(exported):
    return docx.Document(str(exported[1]))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected_in_order(document: DigestDocument) -> list[str]:
    """The words a reader must meet, in reading order, taken from the tree (not from the exporter)."""
    out = [document.cover.title, document.cover.issue]
    for section in document.sections:
        out.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Quotation):
                out.append(block.text)
                out.append(f"[{block.citation}]")
                for note in block.notes:
                    paras = re.split(r"</p>|</li>", note.body_html) if note.body_html else note.body_text.split("\n")
                    out += [p for p in (re.sub(r"<[^>]+>", "", x).strip() for x in paras) if p]
            else:
                out.append(re.sub(r"<[^>]+>", "", block.body_html or block.body_text))
    out.append("参考文献")
    out += [f"[{n}] {ref}" for n, ref in enumerate(document.references, 1)]
    return out


def assert_in_order(text: str, needles: list[str]) -> None:
    haystack, at = squash(text), 0
    for needle in needles:
        found = haystack.find(squash(needle), at)
        assert found >= 0, f"not found after position {at}: {needle!r}"
        at = found + len(squash(needle))


def test_every_quotation_note_and_citation_in_reading_order(exported, word):
    document, _ = exported
    text = "\n".join(p.text for p in word.paragraphs)
    assert_in_order(text, expected_in_order(document))
    assert word.paragraphs[0].text == document.cover.title


def test_headings_are_numbered_as_in_official_documents(word):
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "一、强化国家战略科技力量"), ("Heading 2", "（一）体系化能力与开放合作"),
                        ("Heading 2", "（二）成果转化的梗阻"), ("Heading 1", "二、防范化解科技安全风险")]


def test_quotations_and_notes_are_set_apart(exported, word):
    document, _ = exported
    quotes = [p for p in word.paragraphs if p.style.name == "Digest Quotation"]
    notes = [p for p in word.paragraphs if p.style.name == "Digest Note"]
    assert len(quotes) == len(document.quotations()) == 7
    assert quotes[0].paragraph_format.left_indent is None  # from the style, not the paragraph
    assert word.styles["Digest Quotation"].paragraph_format.left_indent == word.styles["Digest Quotation"].font.size
    first = quotes[0]
    sup = [r for r in first.runs if r.font.superscript]
    assert [r.text for r in sup] == ["[1]"]
    assert first.text.endswith("（《以国家战略科技力量体系化创新发展新质生产力》，第1页）")
    labels = [r.text for p in notes for r in p.runs if r.text.startswith("【解读")]
    assert labels == ["【解读·支持】", "【解读·关注】", "【解读·待核实】", "【解读·支持】", "【解读·支持】",
                      "【解读·风险】"]
    assert "（张研，2026年4月15日；标签：新质生产力、战略科技力量）" in notes[0].text
    assert _east_asia(word.styles["Digest Note"].element) == "楷体"
    assert _east_asia(word.styles["Digest Quotation"].element) == "仿宋"


def test_rich_note_text_keeps_bold_italic_underline_and_lists(word):
    runs = [r for p in word.paragraphs for r in p.runs]
    assert any(r.text == "评估国家实验室、新型研发机构" and r.bold for r in runs)
    assert any(r.text == "直接相关" and r.italic for r in runs)
    assert any(r.text == "存在脱节" and r.underline for r in runs)
    items = [p.text for p in word.paragraphs if p.text.startswith("•\t")]
    assert items[0] == "•\t政策衔接协调不够、落实机制不健全"


def test_every_run_names_its_east_asian_font_without_theme_fonts(word):
    runs = [r for p in word.paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for run in runs:
        fonts = run._r.rPr.find(W_FONTS)
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.text
        assert fonts.get(qn("w:hint")) == "eastAsia"
        assert not [a for a in fonts.attrib if "heme" in a], run.text
    labels = [r for r in runs if r.text.startswith("【")]
    assert labels and {_east_asia(r._r) for r in labels} == {"黑体"}


def test_styles_and_document_defaults_name_chinese_fonts(word):
    for name, font in (("Normal", "仿宋"), ("Heading 1", "黑体"), ("Heading 2", "楷体"),
                       ("Digest Reference", "仿宋"), ("Header", "黑体"), ("Footer", "宋体")):
        assert _east_asia(word.styles[name].element) == font, name
        assert not [a for a in word.styles[name].element.rPr.find(W_FONTS).attrib if "heme" in a]
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(W_FONTS).get(qn("w:eastAsia")) == "仿宋"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    normal = word.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.pt == 29
    assert _east_asia(word.styles["Digest Title"].element) in ("黑体", "方正小标宋简体")
    assert word.styles["Digest Title"].font.size.pt == 22


def test_punctuation_may_hang_as_word_assumes_and_libreoffice_is_told_not_to(word):
    """``w:overflowPunct w:val="1"`` in the document defaults, in schema order, and nowhere else: Word and
    WPS assume it when it is absent; LibreOffice reads it inverted, so there it does not hang a 。 (which
    it would not print at the end of a full justified line: test_digest_export_libreoffice)."""
    ppr = word.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    tags = [child.tag for child in ppr]
    assert qn("w:overflowPunct") in tags and tags.index(qn("w:overflowPunct")) < tags.index(qn("w:spacing"))
    assert ppr.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"
    section = word.sections[0]
    parts = [word.element, word.styles.element] + [h._element for h in (
        section.header, section.even_page_header, section.footer, section.even_page_footer)]
    assert sum(len(part.findall(".//" + qn("w:overflowPunct"))) for part in parts) == 1


def test_a4_with_official_document_margins(word):
    section = word.sections[0]
    for got, mm in ((section.page_width, 210), (section.page_height, 297), (section.top_margin, 37), (section.bottom_margin, 35), (section.left_margin, 28),
                    (section.right_margin, 26)):
        assert abs(got.mm - mm) < 0.1


def test_mark_in_every_header_and_page_field_in_every_footer(word):
    assert word.settings.odd_and_even_pages_header_footer
    section = word.sections[0]
    assert not section.different_first_page_header_footer
    for header in (section.header, section.even_page_header):
        assert header.paragraphs[0].text == "内部"
        assert _east_asia(header.paragraphs[0].runs[0]._r) == "黑体"
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        instr = "".join(t.text for t in footer._element.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
    assert section.footer.paragraphs[0].alignment == 2  # right on odd pages
    assert section.even_page_footer.paragraphs[0].alignment == 0  # left on even pages


def test_cover_block_and_core_properties(exported, word):
    document, _ = exported
    texts = [p.text for p in word.paragraphs[:3]]
    assert texts[:2] == [document.cover.title, "2026年第3期（总第27期）"]
    assert texts[2] == "编者：政策研究室　　省科技发展战略研究中心\t2026年4月20日"
    assert 'w:color="C81010"' in word.paragraphs[2]._p.xml  # the red rule under the cover
    props = word.core_properties
    assert props.title == document.cover.title
    assert props.author == "政策研究室"
    assert props.subject == "2026年第3期（总第27期）"
    assert props.language == "zh-CN"
    assert props.created.year >= 2026 and props.last_modified_by == document.generator


def test_without_a_mark_the_header_is_empty(tmp_path: Path):
    document = DigestDocument(Cover("无密级摘编"), (Section("一节", 1, (Quotation("一段引文。", 1, 3, "某文"),)),),
                              ("某作者. 某文[J]. 某刊, 2025(1).",))
    path = tmp_path / "a.docx"
    write(document, "docx", path)
    read = docx.Document(str(path))
    assert read.sections[0].header.paragraphs[0].text == ""
    assert [p.text for p in read.paragraphs][-1] == "[1] 某作者. 某文[J]. 某刊, 2025(1)."


def _east_asia(element) -> str:
    rpr = element if element.tag == qn("w:rPr") else element.find(qn("w:rPr"))
    return rpr.find(W_FONTS).get(qn("w:eastAsia"))
