"""The OFD reader on packages built in the test: positions, CTM, templates, DocInfo, and bad packages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from indexer.errors import ExtractionError
from indexer.extract import ofd
from indexer.extract.formats import extract_file
from indexer.extract.ofd import MM, OfdDocument, deltas

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def ofd_xml(title: str = "", author: str = "", keywords: tuple[str, ...] = ()) -> str:
    words = "".join(f"<ofd:Keyword>{k}</ofd:Keyword>" for k in keywords)
    return (f'<ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>{title}</ofd:Title>'
            f"<ofd:Author>{author}</ofd:Author><ofd:Keywords>{words}</ofd:Keywords></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")


def document_xml(pages: int, template: bool = False) -> str:
    tpl = '<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if template else ""
    entries = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(pages))
    return (f"<ofd:Document {NS}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
            f"</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{tpl}</ofd:CommonData>"
            f"<ofd:Pages>{entries}</ofd:Pages></ofd:Document>")


PUBLIC_RES = (f'<ofd:Res {NS} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="仿宋"/>'
              '<ofd:Font ID="2" FontName="小标宋体"/></ofd:Fonts></ofd:Res>')


def text_object(x: float, y: float, text: str, size: float = 5.6, font: int = 1, extra: str = "",
                delta: str = "") -> str:
    delta = delta or " ".join([str(size)] * (len(text) - 1))
    return (f'<ofd:TextObject ID="5" Font="{font}" Size="{size}" Boundary="{x} {y} 160 {size * 2}" {extra}>'
            f'<ofd:TextCode X="0" Y="{size}" DeltaX="{delta}">{text}</ofd:TextCode></ofd:TextObject>')


def page_xml(*objects: str, template: bool = False) -> str:
    tpl = '<ofd:Template TemplateID="9" ZOrder="Background"/>' if template else ""
    return f"<ofd:Page {NS}>{tpl}<ofd:Content><ofd:Layer ID=\"3\">{''.join(objects)}</ofd:Layer></ofd:Content></ofd:Page>"


def write_ofd(path: Path, pages: list[str], *, info: str | None = None, template: str | None = None,
              extra: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        if info is not None:
            z.writestr("OFD.xml", info)
        z.writestr("Doc_0/Document.xml", document_xml(len(pages), template is not None))
        z.writestr("Doc_0/PublicRes.xml", PUBLIC_RES)
        for i, page in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", page)
        if template is not None:
            z.writestr("Doc_0/Tpls/Tpl_0/Content.xml", template)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


NOTICE = [
    text_object(39, 37, "某某市卫生健康委员会文件", 14.7, 2, 'Weight="900"'),
    text_object(81, 73, "某卫发〔2024〕12号", 5.6),
    text_object(52, 105, "关于加强基层医疗卫生服务能力建设的通知", 7.7, 2, 'Weight="700"'),
    text_object(28, 129, "各区卫生健康局：", 5.6),
    text_object(39, 139, "为进一步提升基层医疗卫生服务能力，推动优质医疗资源下沉，现就有关事项通知如下。", 5.6),
    text_object(28, 150, "一、加强基层医疗卫生机构标准化建设，完善设备配置和人员培训制度，提高服务质量。", 5.6),
    text_object(120, 200, "某某市卫生健康委员会", 5.6),
    text_object(120, 210, "2024年3月15日", 5.6),
]


def test_deltas_expand_the_g_syntax_and_stop_at_the_limit():
    assert deltas("g 3 5.5 2 g 2 1", 10) == [5.5, 5.5, 5.5, 2.0, 1.0, 1.0]
    assert deltas("g 1000000000 1", 4) == [1.0] * 4
    assert deltas("1 x 2", 5) == [1.0]


def test_characters_are_placed_by_boundary_x_y_and_deltax_in_points(tmp_path):
    path = write_ofd(tmp_path / "a.ofd", [page_xml(text_object(20, 30, "一二三", 5, delta="6 7"))])
    with OfdDocument(path) as document:
        page = document.read(0)
    assert page.width == pytest.approx(210 * MM) and page.height == pytest.approx(297 * MM)
    xs = [c["x0"] for c in page.chars]
    assert xs == pytest.approx([20 * MM, 26 * MM, 33 * MM])
    assert page.chars[0]["bottom"] > (30 + 5) * MM > page.chars[0]["top"]  # the baseline inside the box
    assert page.chars[0]["size"] == pytest.approx(5 * MM)
    assert page.chars[0]["fontname"] == "仿宋"


def test_a_ctm_scales_and_turns_the_text(tmp_path):
    rotated = text_object(50, 50, "竖排文字", 100, extra='CTM="0 0.05 -0.05 0 0 0"', delta="100 100 100")
    path = write_ofd(tmp_path / "r.ofd", [page_xml(rotated)])
    with OfdDocument(path) as document:
        chars = document.read(0).chars
    assert chars[0]["size"] == pytest.approx(5 * MM)
    assert not chars[0]["upright"]
    ys = [c["top"] for c in chars]
    assert ys == sorted(ys) and ys[1] - ys[0] == pytest.approx(5 * MM)  # turned a quarter: down the page


def test_a_notice_gets_its_number_title_issuer_and_date_through_the_pdf_stages(tmp_path):
    path = write_ofd(tmp_path / "notice.ofd", [page_xml(*NOTICE)], info=ofd_xml(author="iOFD® 2.1"))
    result = extract_file(path)
    [doc] = result.documents
    assert doc.title == "关于加强基层医疗卫生服务能力建设的通知"
    assert doc.doc_number == "某卫发〔2024〕12号"
    assert doc.meta.issuer == "某某市卫生健康委员会"
    assert doc.meta.date == "2024-03-15"
    assert doc.meta.authors == ()  # a producer's name in DocInfo/Author is not an author
    assert "推动优质医疗资源下沉" in "".join(p.text for p in doc.passages)


def test_docinfo_gives_the_title_when_none_is_printed_and_keywords(tmp_path):
    body = [text_object(28, 40 + 10 * i, "这是一段没有标题的正文，用来检验文件声明的元数据是否被采用。") for i in range(3)]
    path = write_ofd(tmp_path / "k.ofd", [page_xml(*body)], info=ofd_xml("声明的标题", "张三", ("卫生", "基层")))
    [doc] = extract_file(path).documents
    assert doc.title == "声明的标题" and doc.meta.authors == ("张三",) and doc.keywords == ["卫生", "基层"]


def test_a_template_page_is_drawn_behind_the_page(tmp_path):
    template = page_xml(text_object(28, 20, "模板中的页眉文字", 5))
    path = write_ofd(tmp_path / "t.ofd", [page_xml(text_object(28, 60, "正文文字", 5), template=True)],
                     template=template)
    with OfdDocument(path) as document:
        text = "".join(c["text"] for c in document.read(0).chars)
    assert text == "模板中的页眉文字正文文字"


def test_a_package_without_ofd_xml_is_read_from_its_document(tmp_path):
    path = write_ofd(tmp_path / "n.ofd", [page_xml(text_object(28, 40, "没有入口文件的包"))])
    with OfdDocument(path) as document:
        assert document.pages == 1 and "".join(c["text"] for c in document.read(0).chars) == "没有入口文件的包"


def _error(path: Path) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract_file(path)
    return caught.value


def test_bad_packages_fail_with_one_clear_reason(tmp_path):
    good = write_ofd(tmp_path / "good.ofd", [page_xml(*NOTICE)], info=ofd_xml())
    truncated = tmp_path / "truncated.ofd"
    truncated.write_bytes(good.read_bytes()[:400])
    assert _error(truncated).reason == "corrupt" and "ZIP" in _error(truncated).message
    text = tmp_path / "text.ofd"
    text.write_text("这不是 OFD", encoding="utf-8")
    assert _error(text).reason == "not_pdf"
    missing = tmp_path / "missing.ofd"
    with zipfile.ZipFile(missing, "w") as z:
        z.writestr("OFD.xml", ofd_xml())
    assert _error(missing).reason == "corrupt" and "Doc_0/Document.xml" in _error(missing).message
    locked = write_ofd(tmp_path / "locked.ofd", [page_xml(*NOTICE)], info=ofd_xml(),
                       extra={"Encryptions.xml": "<Encryptions/>"})
    assert _error(locked).reason == "encrypted"
    broken_xml = write_ofd(tmp_path / "xml.ofd", [page_xml(*NOTICE)], info="<ofd:OFD")
    assert _error(broken_xml).reason == "corrupt" and "XML" in _error(broken_xml).message


def test_a_part_too_large_to_unpack_is_refused(tmp_path, monkeypatch):
    path = write_ofd(tmp_path / "big.ofd", [page_xml(*NOTICE)], info=ofd_xml())
    monkeypatch.setattr(ofd, "MAX_PART_BYTES", 200)
    assert "too large" in _error(path).message


def test_a_missing_page_is_reported_and_the_other_pages_kept(tmp_path):
    path = write_ofd(tmp_path / "p.ofd", [page_xml(*NOTICE), page_xml(text_object(28, 40, "第二页的文字"))],
                     info=ofd_xml())
    data = {}
    with zipfile.ZipFile(path) as z:
        data = {n: z.read(n) for n in z.namelist() if "Page_1" not in n}
    with zipfile.ZipFile(path, "w") as z:
        for name, blob in data.items():
            z.writestr(name, blob)
    result = extract_file(path)
    assert result.pages == 2
    assert [(w.page, w.code) for w in result.warnings if w.code == "page_error"] == [(2, "page_error")]
    assert result.documents[0].doc_number == "某卫发〔2024〕12号"
