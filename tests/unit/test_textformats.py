"""Word, web pages and text files built in the test, through `extract_file`: title, 发文字号, passages."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from indexer.errors import ExtractionError
from indexer.extract.flow import body_size, build_paragraphs
from indexer.extract.formats import extract_file, format_of
from indexer.extract.furniture import remove_furniture
from indexer.extract.pipeline import _read_pages, extract_pdf

TITLE = "关于推进数据要素市场化配置改革的通知"
NUMBER = "某政办发〔2024〕7号"
PARAGRAPHS = [
    "各区人民政府，市政府各部门：",
    "为加快培育数据要素市场，推进数据要素市场化配置改革，经市政府同意，现就有关事项通知如下。",
]
SECTIONS = [
    ("一、总体要求", "坚持以习近平新时代中国特色社会主义思想为指导，统筹发展和安全，推动公共数据有序开放，"
                "培育数据交易主体，建立健全数据产权制度和收益分配机制，提升数据资源开发利用水平。" * 2),
    ("二、重点任务", "建设城市数据资源平台，完善数据分级分类保护制度，开展公共数据授权运营试点，"
                "支持企业参与数据交易，探索数据资产入表和数据信托等新模式，促进数据要素价值释放。" * 2),
]
TABLE = [("任务", "牵头单位", "完成时限"), ("公共数据授权运营试点", "市大数据局", "2024年12月")]
FOOTNOTE = "公共数据指各级行政机关在依法履职过程中产生的数据。"
ISSUER = "某某市人民政府办公厅"


def _footnote(document: docx.Document, paragraph, text: str) -> None:
    """A footnote on `paragraph` (python-docx has no API for it: the part and the reference are made here)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    blob = (f'<w:footnotes xmlns:w="{w}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
            f'</w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
            "</w:footnotes>").encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", blob,
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    run = paragraph.add_run()
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run._r.append(reference)


@pytest.fixture
def policy_docx(tmp_path) -> Path:
    document = docx.Document()
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(f"{ISSUER}文件")
    run.font.size, run.bold = Pt(26), True
    number = document.add_paragraph(NUMBER)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.font.size, run.bold = Pt(22), True
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    for heading, body in SECTIONS:
        document.add_heading(heading, level=2)
        paragraph = document.add_paragraph(body)
    _footnote(document, paragraph, FOOTNOTE)
    table = document.add_table(rows=len(TABLE), cols=3)
    for row, values in zip(table.rows, TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph(ISSUER)
    document.add_paragraph("2024年5月20日")
    document.core_properties.title = "属性中的标题"
    document.core_properties.author = "Administrator"
    document.core_properties.keywords = "数据要素；改革"
    path = tmp_path / "通知.docx"
    document.save(str(path))
    return path


def _all_text(result) -> str:
    return "".join(p.text for doc in result.documents for p in doc.passages)


def test_a_docx_policy_gets_its_title_number_issuer_and_passages(policy_docx):
    result = extract_file(policy_docx)
    [doc] = result.documents
    assert doc.title == TITLE
    assert doc.doc_number == NUMBER
    assert doc.meta.issuer == ISSUER and doc.meta.date == "2024-05-20"
    assert doc.meta.authors == ()  # "Administrator" is no author
    assert doc.keywords == ["数据要素", "改革"]
    text = _all_text(result)
    for _, body in SECTIONS:
        assert body in text
    assert "公共数据授权运营试点 | 市大数据局 | 2024年12月" in text
    assert FOOTNOTE in text
    assert all(150 <= len(p.text) <= 600 for p in doc.passages[:-1])
    assert result.page_texts and result.page_texts[0].startswith(f"{ISSUER}文件")


POLICY_HTML = f"""<!DOCTYPE html><html><head><meta charset="gb2312">
<title>{TITLE}_政策文件_某某市人民政府门户网站</title></head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li>
<li><a href="/hd">互动交流</a></li></ul><div class="breadcrumb">首页 &gt; 政务公开 &gt; 政策文件</div></div>
<div class="article">
<p align="center">{NUMBER}</p>
<h1>{TITLE}</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
{"".join(f"<h3>{h}</h3><p>{b}<sup>[1]</sup></p>" for h, b in SECTIONS)}
<table><tr><th>{"</th><th>".join(TABLE[0])}</th></tr><tr><td>{"</td><td>".join(TABLE[1])}</td></tr></table>
<p>{ISSUER}</p><p>2024年5月20日</p>
<div class="footnote"><p>[1] {FOOTNOTE}</p></div>
</div>
<div class="footer">版权所有：某某市人民政府办公厅 网站标识码 1234567890 备案号 京ICP备00000000号</div>
<script>var x = "不应被索引的脚本";</script>
</body></html>"""


@pytest.fixture
def policy_html(tmp_path) -> Path:
    path = tmp_path / "通知.html"
    path.write_bytes(POLICY_HTML.encode("gb18030"))
    return path


def test_an_html_policy_keeps_its_main_text_and_drops_navigation(policy_html):
    result = extract_file(policy_html)
    [doc] = result.documents
    assert doc.title == TITLE
    assert doc.doc_number == NUMBER
    assert doc.meta.date == "2024-05-20"
    text = _all_text(result)
    for _, body in SECTIONS:
        assert body in text
    assert "市大数据局" in text and FOOTNOTE in text
    for noise in ("首页", "互动交流", "备案号", "不应被索引的脚本"):
        assert noise not in "".join(result.page_texts)


def test_an_html_page_without_heading_is_titled_from_its_title_tag(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(f"<html><head><title>{TITLE} - 某某网</title></head><body><div id='content'>"
                    f"<p>{SECTIONS[0][1]}</p></div></body></html>", encoding="utf-8")
    [doc] = extract_file(path).documents
    assert doc.title == TITLE


def test_text_and_markdown_files(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_bytes("\n".join([f"{ISSUER}文件", NUMBER, TITLE, *PARAGRAPHS, SECTIONS[0][1]]).encode("gb18030"))
    [doc] = extract_file(txt).documents
    assert (doc.title, doc.doc_number) == (TITLE, NUMBER)
    md = tmp_path / "b.md"
    md.write_text(f"# {TITLE}\n\n{SECTIONS[0][0]}\n\n**{SECTIONS[0][1][:30]}**{SECTIONS[0][1][30:]}\n"
                  f"\n[链接文字](http://example.invalid)\n", encoding="utf-8")
    result = extract_file(md)
    assert result.documents[0].title == TITLE
    assert SECTIONS[0][1] in _all_text(result) and "**" not in _all_text(result) and "链接文字" in _all_text(result)


def test_formats_by_suffix_and_a_damaged_docx(tmp_path):
    assert [format_of(n) for n in ("a.PDF", "b.ofd", "c.docx", "d.wps", "e.htm", "f.md")] == \
        ["pdf", "ofd", "word", "word", "web", "text"]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ExtractionError) as caught:
        extract_file(bad)
    assert caught.value.reason == "corrupt" and "docx" in caught.value.message


def test_a_doc_without_libreoffice_is_reported_unsupported(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on this PATH
    with pytest.raises(ExtractionError) as caught:
        extract_file(path)
    assert caught.value.reason == "unsupported" and "LibreOffice" in caught.value.message


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_seed_pdf_exported_to_docx_by_libreoffice_gives_the_same_passages(seeds_dir, tmp_path):
    pdf = seeds_dir / "001-journal-footnotes.pdf"
    layouts, _ = _read_pages(pdf, None)
    remove_furniture(layouts)
    body = body_size(layouts)
    paragraphs, _ = build_paragraphs(layouts, body)
    markup = "".join(
        f'<p style="font-size:{p.size if p.heading else body:.1f}pt;{"font-weight:bold" if p.bold else ""}">{html.escape(p.text)}</p>'
        for p in paragraphs)
    source = tmp_path / "seed.html"
    source.write_text(f"<html><head><meta charset='utf-8'></head><body>{markup}</body></html>", encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    exported = extract_file(tmp_path / "seed.docx")
    original = extract_pdf(pdf)
    assert [d.title for d in exported.documents] == [d.title for d in original.documents]
    assert [_squeeze(p.text) for d in exported.documents for p in d.passages] == \
        [_squeeze(p.text) for d in original.documents for p in d.passages]
