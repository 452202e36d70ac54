"""The pdfium glyph reader: pdfplumber's glyphs (text, boxes, size, orientation) from pdfium.

Each test writes a small PDF (or reads one of ../shared/corpus) and reads it with both
readers of `indexer.extract.glyphs`: the pdfium one must give what the reference gives, in
the same coordinates, or fall back to the reference where pdfium cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from indexer.errors import ExtractionError
from indexer.extract.glyphs import DRAWN_SHARE, READER_ENV, open_glyphs
from indexer.extract.layout import PageChar, analyse_page, analyse_records, record_of
from indexer.extract.locate import page_text
from indexer.extract.ocr import OcrOptions
from indexer.extract.pipeline import extract_pdf

FONT = "STSong-Light"  # registered by conftest: reportlab's built-in CID font
BODY = "科技安全是国家安全的重要组成部分，ItgInsight 2025 统计了高频关键词。"


def read(path: Path, reader: str, page: int = 0) -> tuple[float, float, list[PageChar], str]:
    with open_glyphs(path, reader) as source:
        glyphs = source.read(page)
    return glyphs.width, glyphs.height, glyphs.chars, glyphs.reader


def assert_same_glyphs(path: Path, page: int = 0, tolerance: float = 0.05) -> list[PageChar]:
    """pdfium's glyphs equal pdfplumber's (as sets: pdfium orders a line by position)."""
    width, height, ours, reader = read(path, "pdfium", page)
    ref_width, ref_height, theirs, _ = read(path, "pdfplumber", page)
    assert reader == "pdfium"
    assert (width, height) == pytest.approx((ref_width, ref_height), abs=0.01)
    key = lambda c: (round(c["top"]), c["x0"], c["text"])
    ours, theirs = sorted(ours, key=key), sorted(theirs, key=key)
    assert [c["text"] for c in ours] == [c["text"] for c in theirs]
    for a, b in zip(ours, theirs, strict=True):
        for field in ("x0", "x1", "top", "bottom", "size"):
            assert a[field] == pytest.approx(b[field], abs=tolerance), (a, b, field)
        assert a["upright"] == b["upright"]
    return ours


def lines_of(path: Path, reader: str, page: int = 0) -> list[tuple[str, bool]]:
    width, height, chars, _ = read(path, reader, page)
    return [(line.text, line.bold) for line in analyse_page(chars, page + 1, width, height).lines]


def write(path: Path, draw: Callable[[Canvas], None], pagesize: tuple[float, float] = A4,
          rotation: int = 0) -> Path:
    canvas = Canvas(str(path), pagesize=pagesize, invariant=1)
    canvas.setPageRotation(rotation)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return path


def body(canvas: Canvas) -> None:
    canvas.setFont(FONT, 10.5)
    for n in range(6):
        canvas.drawString(56, 760 - 18 * n, BODY)
    canvas.setFont(FONT, 16)
    canvas.drawString(120, 790, "关于加强科技安全治理的若干意见")


def test_glyphs_match_the_reference_reader(tmp_path):
    chars = assert_same_glyphs(write(tmp_path / "a.pdf", body))
    assert len(chars) > 200
    assert {c["fontname"] for c in chars} == {FONT}
    assert {c["weight"] for c in chars} <= set(range(100, 1000))
    assert {c["fill"] for c in chars} == {(0, 0, 0, 255)}
    assert {c["angle"] for c in chars} == {0.0}


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_have_the_same_coordinates(tmp_path, rotation):
    chars = assert_same_glyphs(write(tmp_path / "r.pdf", body, rotation=rotation))
    assert {c["angle"] for c in chars} == {(360 - rotation) % 360}  # the baseline as displayed
    assert {c["upright"] for c in chars} == {rotation == 180}  # as pdfminer says


def test_a_landscape_page_and_coloured_text(tmp_path):
    def draw(canvas: Canvas) -> None:
        canvas.setFillColorRGB(1, 0, 0)
        body(canvas)

    chars = assert_same_glyphs(write(tmp_path / "l.pdf", draw, pagesize=landscape(A4)))
    assert {c["fill"] for c in chars} == {(255, 0, 0, 255)}


def test_mediabox_and_cropbox_offsets(tmp_path):
    path = write(tmp_path / "m.pdf", body)
    pdf = pypdfium2.PdfDocument(path)
    try:
        page = pdf[0]
        page.set_mediabox(30, 40, 625, 882)
        page.set_cropbox(50, 60, 500, 800)
        page.close()
        moved = tmp_path / "moved.pdf"
        pdf.save(moved)
    finally:
        pdf.close()
    chars = assert_same_glyphs(moved)
    title = next(c for c in chars if c["text"] == "关")
    assert title["x0"] == pytest.approx(120, abs=0.01)  # user-space x, as pdfplumber reports it


def test_slanted_text_has_pdfminers_boxes(tmp_path):
    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 12)
        canvas.transform(1, 0, 0.3, 1, 0, 0)  # an oblique "italic"
        canvas.drawString(56, 700, "倾斜的文字 slanted")
        canvas.setFont(FONT, 12)
        canvas.transform(0.9, 0.4, -0.4, 0.9, 200, 100)  # turned about 24 degrees
        canvas.drawString(56, 300, "旋转的文字")

    assert_same_glyphs(write(tmp_path / "s.pdf", draw), tolerance=0.1)


def test_fake_bold_copies_come_back_and_mark_the_line_bold(tmp_path):
    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 16)
        for dx in (0, 0.4):  # the same line printed twice, 0.4 pt apart
            canvas.drawString(120 + dx, 790, "关于加强科技安全治理的若干意见")
        canvas.setFont(FONT, 10.5)
        canvas.drawString(56, 760, BODY)

    path = write(tmp_path / "bold.pdf", draw)
    pdf = pypdfium2.PdfDocument(path)
    try:  # pdfium's own text page keeps one copy and no trace of the other
        textpage = pdf[0].get_textpage()
        assert textpage.get_text_range().count("关于") == 1
        textpage.close()
    finally:
        pdf.close()
    assert_same_glyphs(path)
    assert lines_of(path, "pdfium") == lines_of(path, "pdfplumber")
    assert lines_of(path, "pdfium")[0] == ("关于加强科技安全治理的若干意见", True)


def test_a_space_drawn_on_its_own_separates_names(tmp_path):
    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 10.5)
        x = 56.0
        for word in ("周宁南", " ", "翟一鸣"):  # a byline: the space is a text object of its own
            canvas.drawString(x, 700, word)
            x += stringWidth(word, FONT, 10.5) + (3 if word == " " else 0)

    path = write(tmp_path / "byline.pdf", draw)
    _, _, chars, _ = read(path, "pdfium")
    assert [c["text"] for c in chars] == list("周宁南 翟一鸣")
    assert lines_of(path, "pdfium") == lines_of(path, "pdfplumber") == [("周宁南 翟一鸣", False)]


def test_vertical_writing_and_a_turned_page(shared_dir):
    robustness = shared_dir / "corpus" / "real" / "robustness"
    assert_same_glyphs(robustness / "vertical_ja_3p.pdf", tolerance=0.2)
    assert_same_glyphs(robustness / "rotated_page_90.pdf", tolerance=0.3)
    width, height, chars, _ = read(robustness / "vertical_ja_3p.pdf", "pdfium")
    assert analyse_page(chars, 1, width, height).vertical


def test_glyphs_of_several_characters_and_surrogate_pairs(shared_dir):
    paper = shared_dir / "corpus" / "real" / "zh_paper" / "学生论文_资金流向GRU股价预测.pdf"
    _, _, chars, reader = read(paper, "pdfium", page=1)
    assert reader == "pdfium"
    texts = [c["text"] for c in chars]
    assert "\U0001d465" in texts  # MATHEMATICAL ITALIC SMALL X, given by pdfium as two halves
    assert not any("\ud800" <= t[0] <= "\udfff" for t in texts if t)


def test_unmapped_glyphs_are_cid_glyphs_and_a_page_pdfium_cannot_map_is_read_by_pdfplumber(shared_dir):
    robustness = shared_dir / "corpus" / "robustness"
    # pdfminer reads this font's embedded TrueType cmap; pdfium's text page does not.
    path = robustness / "type0_noToUnicode.pdf"
    with open_glyphs(path, "pdfium") as source:
        assert source.pdfium is not None
        page = source.pdfium.read(0)
        assert page.unmapped > 0.3 * len(page.chars)
        assert sum(c["text"].startswith("(cid:") for c in page.chars) == page.unmapped
        assert source.read(0).reader == "pdfplumber"
    assert extract_pdf(path, reader="pdfium").page_texts == extract_pdf(path, reader="pdfplumber").page_texts
    no_map = robustness / "basic_noToUnicode.pdf"
    codes = {(w.page, w.code) for w in extract_pdf(no_map, reader="pdfium").warnings}
    assert codes == {(w.page, w.code) for w in extract_pdf(no_map, reader="pdfplumber").warnings}


def write_objects(path: Path, objects: list[bytes]) -> Path:
    """A PDF of `objects` (numbered from 1, the first the catalogue) with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def type3_pdf(path: Path, body: str, labels: str, form: str = "") -> Path:
    """One page: `body` in Helvetica, then `labels` (digits) in a Type 3 font whose glyphs are
    filled squares named /zero … /nine, with no ToUnicode (as plotting tools write chart labels).

    `form` puts the labels (``"labels"``) or the whole page (``"page"``, as a merged document
    places a page) inside a form XObject, as a TeX or Word file embeds a chart drawn as a PDF.
    """
    # A page placed whole spans its text block: the body at its top right, labels at its foot.
    text = f"BT /F1 12 Tf {72 if form != 'page' else 400} 720 Td ({body}) Tj ET"
    label = f"BT /F2 10 Tf 72 {600 if form != 'page' else 100} Td ({labels}) Tj ET"
    if form == "labels":
        content, inner = f"{text} q 1 0 0 1 0 0 cm /Fm1 Do Q", label
    elif form == "page":
        content, inner = "q 1 0 0 1 0 0 cm /Fm1 Do Q", f"{text} {label}"
    else:
        content, inner = f"{text} {label}", ""
    page_content, form_content = content.encode(), inner.encode()
    glyph = b"600 0 0 0 500 500 d1 0 0 500 500 re f"
    fonts = b"/Font << /F1 4 0 R /F2 5 0 R >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R"
         b" /Resources << " + fonts + b" /XObject << /Fm1 10 0 R >> >> >>"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 750 750] /FontMatrix [0.001 0 0 0.001 0 0]"
        b" /CharProcs 7 0 R /Encoding 8 0 R /FirstChar 48 /LastChar 57 /Widths [" + b"600 " * 10 + b"] >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page_content), page_content),
        ("<< " + " ".join(f"/{name} 9 0 R" for name in DIGITS) + " >>").encode(),
        ("<< /Type /Encoding /Differences [48 " + " ".join(f"/{name}" for name in DIGITS) + "] >>").encode(),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(glyph), glyph),
        (b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << " + fonts + b" >>"
         b" /Length %d >>\nstream\n%s\nendstream" % (len(form_content), form_content)),
    ]
    return write_objects(path, objects)


def test_layout_of_the_readers_tuples_equals_layout_of_their_dictionaries(tmp_path, seeds_dir):
    """The pdfium reader hands layout tuples (`GlyphRecord`); as dictionaries, with every field
    the reader reports, they make the same lines."""
    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 16)
        for dx in (0, 0.4):  # fake bold: copies the reader adds back
            canvas.drawString(120 + dx, 790, "关于加强科技安全治理的若干意见")
        canvas.setFont(FONT, 10.5)
        canvas.drawString(56, 760, BODY)

    files = [write(tmp_path / "bold.pdf", draw), *sorted(seeds_dir.glob("*.pdf"))[:2]]
    pages = 0
    for path in files:
        with open_glyphs(path, "pdfium") as source:
            for index in range(min(source.pages, 3)):
                page = source.read(index)
                chars = page.chars
                assert {"weight", "fill", "angle"} <= set(chars[0])
                assert [record_of(c)[:8] for c in chars] == [r[:8] for r in page.records]
                ours = analyse_records(page.records, index + 1, page.width, page.height)
                theirs = analyse_page(chars, index + 1, page.width, page.height)
                assert [(ln.text, ln.bold, ln.boxes) for ln in ours.lines] == \
                       [(ln.text, ln.bold, ln.boxes) for ln in theirs.lines]
                assert (ours.glyph_count, ours.unusable_count) == (theirs.glyph_count, theirs.unusable_count)
                pages += 1
    assert pages >= 5


@pytest.mark.parametrize(("body", "labels", "reader"), [
    ("Policy text of the page. " * 2, "0123456789" * 3, "pdfium"),  # labels 37% of the glyphs: left out
    ("Short", "0123456789" * 3, "pdfplumber"),  # labels the page's most glyphs: pdfminer maps them
])
def test_chart_labels_in_a_type3_font_are_left_out_unless_they_are_most_of_the_page(tmp_path, body, labels, reader):
    path = type3_pdf(tmp_path / "chart.pdf", body, labels)
    with open_glyphs(path, "pdfium") as source:
        assert source.pdfium is not None and source.pdfium.intact
        raw = source.pdfium.read(0)
        assert raw.unmapped == raw.drawn == len(labels) > 0.3 * len(raw.chars)  # pdfium maps none of them
        page = source.read(0)
    text = "".join(c["text"] for c in page.chars)
    assert page.reader == reader
    assert body.split()[0] in text and "(cid:" not in text
    assert ("0123456789" in text) == (reader == "pdfplumber")


@pytest.mark.parametrize(("body", "form", "reader"), [
    ("Short", "labels", "pdfium"),  # labels in a figure: left out, however many
    ("Short", "page", "pdfplumber"),  # a page placed whole as a form is no figure
    ("", "labels", "pdfplumber"),  # nothing but a figure's labels: pdfminer maps them
])
def test_chart_labels_inside_a_figure_are_left_out_however_many(tmp_path, body, form, reader):
    labels = "0123456789" * 3
    path = type3_pdf(tmp_path / "figure.pdf", body, labels, form=form)
    with open_glyphs(path, "pdfium") as source:
        assert source.pdfium is not None
        raw = source.pdfium.read(0)
        assert raw.unmapped == len(labels) > DRAWN_SHARE * len(raw.chars)
        assert (raw.figure, raw.drawn) == ((len(labels), 0) if form == "labels" else (0, len(labels)))
        # the dictionaries carry the marks the counts count
        assert sum("figure" in c for c in raw.chars) == raw.figure
        assert sum("drawn" in c for c in raw.chars) == raw.drawn
        page = source.read(0)
    text = "".join(c["text"] for c in page.chars)
    assert page.reader == reader
    assert body in text and "(cid:" not in text
    assert ("0123456789" in text) == (reader == "pdfplumber")


def test_a_thesis_page_of_embedded_charts_is_read_by_pdfium_with_the_same_text(shared_dir):
    # Pages 50 and 56: two captions among eight charts embedded as PDF, whose labels pdfium
    # cannot map and pdfminer reads as control characters.
    path = shared_dir / "corpus" / "real" / "zh_paper" / "南开大学硕士论文_近边界数据模型所有权推断_66p.pdf"
    with open_glyphs(path, "pdfium") as source:
        pages = [source.read(index) for index in (49, 55)]
    assert [page.reader for page in pages] == ["pdfium", "pdfium"]
    pdfium_texts = extract_pdf(path, reader="pdfium").page_texts
    assert "图5.2 CIFAR-10上4条不同分类边界下的近边界数据表现" in pdfium_texts[49]
    assert pdfium_texts[49] == extract_pdf(path, reader="pdfplumber").page_texts[49]


def test_a_figures_labels_do_not_send_a_born_digital_page_to_ocr(shared_dir):
    # Pages 47, 51 and 55: body text beside charts embedded as PDF whose labels (11–29% of the
    # glyphs) pdfium cannot map. Counted as a partly unusable text layer they had each page
    # recognised, and OCR's reading (axis numbers and all) replaced the exact text.
    path = shared_dir / "corpus" / "real" / "zh_paper" / "南开大学硕士论文_近边界数据模型所有权推断_66p.pdf"
    with open_glyphs(path, "pdfium") as source:
        assert source.pdfium is not None
        raw = source.pdfium.read(46)
        assert 0 < raw.figure == raw.unmapped <= 0.3 * len(raw.chars)
        page = source.read(46)
    assert page.reader == "pdfium" and not any(c["text"].startswith("(cid:") for c in page.chars)
    result = extract_pdf(path, ocr=OcrOptions(enabled=False))
    assert not {w.page for w in result.warnings if w.code == "ocr_off"} & {47, 51, 55}
    assert "本小节将对第三章第三节中提到的FGSM" in result.page_texts[46]


def test_a_gbk_encoded_font_pdfminer_reads_as_mojibake_is_read(shared_dir):
    path = shared_dir / "corpus" / "real" / "zh_policy" / "XiaoBiaoSong_目录_GBK乱码.pdf"
    assert "mojibake" in {w.code for w in extract_pdf(path, reader="pdfplumber").warnings}
    result = extract_pdf(path, reader="pdfium")
    assert "关于红军作战的原则" in result.page_texts[0]
    assert not result.warnings


@pytest.mark.parametrize(("name", "reason"), [
    ("robustness/enc_user.pdf", "encrypted"),
    ("robustness/truncated.pdf", "corrupt"),
    ("robustness/empty.pdf", "empty"),
    ("robustness/notpdf.pdf", "not_pdf"),
    ("real/robustness/malformed_zero_pages.pdf", "empty"),  # pdfium rebuilds a page: pdfminer finds none
    ("real/robustness/malformed_operator_list_cycle.pdf", "corrupt"),  # pdfium rebuilds it
    ("real/robustness/malformed_pdfbox-4352_unknown_filter.pdf", "encrypted"),  # pdfium rebuilds it
    ("real/robustness/fuzzed_pdfbox-3148-2.pdf", "corrupt"),  # pdfium opens it and finds no text
])
def test_broken_files_get_the_reference_readers_verdict(shared_dir, name, reason):
    path = shared_dir / "corpus" / name
    outcomes = []
    for reader in ("pdfium", "pdfplumber"):
        try:
            outcomes.append(extract_pdf(path, reader=reader).page_texts)
        except ExtractionError as error:
            outcomes.append(error.reason)
    assert outcomes[0] == outcomes[1] == reason


def test_a_file_pdfium_cannot_open_is_read_by_pdfplumber(shared_dir):
    path = shared_dir / "corpus" / "real" / "robustness" / "enc_r6_userpw.pdf"  # pdfium wants the password
    with open_glyphs(path, "pdfium") as source:
        assert source.reader == "pdfplumber"
        page = source.read(0)
    assert page.reader == "pdfplumber"
    assert "".join(c["text"] for c in page.chars).strip()


def test_the_reader_is_chosen_by_name_or_environment(tmp_path, monkeypatch):
    path = write(tmp_path / "a.pdf", body)
    with open_glyphs(path) as source:
        assert source.reader == "pdfium"
    monkeypatch.setenv(READER_ENV, "pdfplumber")
    with open_glyphs(path) as source:
        assert source.reader == "pdfplumber"
    with open_glyphs(path, "pdfium") as source:
        assert source.reader == "pdfium"
    monkeypatch.setenv(READER_ENV, "mupdf")
    with pytest.raises(ValueError, match="unknown PDF reader 'mupdf'"):
        extract_pdf(path)


def test_highlight_boxes_agree_between_readers(seeds_dir):
    path = seeds_dir / "000-journal-two-column.pdf"
    result = extract_pdf(path)
    for number in (1, 2):
        ours = page_text(path, number, result.body_size, result.furniture.get(number))
        theirs = page_text(path, number, result.body_size, result.furniture.get(number), reader="pdfplumber")
        assert ours.text == theirs.text == result.page_texts[number - 1]
        for a, b in zip(ours.boxes, theirs.boxes, strict=True):
            assert (a is None) == (b is None)
            if a is not None and b is not None:
                assert a == pytest.approx(b, abs=0.3)


def test_pages_read_from_threads_at_once_are_read_right(seeds_dir):
    path = seeds_dir / "000-journal-two-column.pdf"
    result = extract_pdf(path)
    jobs = [n for n in range(1, result.pages + 1)] * 3
    with ThreadPoolExecutor(max_workers=6) as pool:
        texts = list(pool.map(lambda n: page_text(path, n, result.body_size, result.furniture.get(n)).text, jobs))
    assert texts == [result.page_texts[n - 1] for n in jobs]


def test_a_closed_document_is_not_read(tmp_path):
    path = write(tmp_path / "a.pdf", body)
    with open_glyphs(path) as source:
        document = source.pdfium
        assert document is not None
    with pytest.raises(ValueError, match="closed"):
        document.read(0)


def test_a_file_that_needs_its_user_password_is_reported_encrypted(shared_dir):
    """pdfplumber reads this AES-256 file without its password, pdfium asks for it: the verdict is
    the one for a password (not 'corrupt', not the text pdfminer read), with OCR on or off."""
    from indexer.extract.ocr import OcrOptions
    from indexer.extract.pipeline import extract_pdf

    path = shared_dir / "corpus" / "real" / "robustness" / "enc_r6_userpw.pdf"
    for ocr in (None, OcrOptions(enabled=False)):
        with pytest.raises(ExtractionError) as caught:
            extract_pdf(path, ocr=ocr)
        assert caught.value.reason == "encrypted" and "密码" in str(caught.value)


@pytest.mark.parametrize("name", [
    "seeds/000-journal-two-column.pdf",
    "real/other/en_latex_multicolumn.pdf",  # generated hyphens: 0xFFFE in the page text, 0x02 per character
    "robustness/type0_noToUnicode.pdf",  # glyphs without Unicode: the page text is shorter
])
def test_the_codes_read_in_one_call_are_those_read_one_by_one(shared_dir, name):
    import pypdfium2.raw as pdfium_raw

    from indexer.extract import pdfium_glyphs

    pdf = pypdfium2.PdfDocument(shared_dir / "corpus" / name)
    try:
        for index in range(min(len(pdf), 3)):
            textpage = pdf[index].get_textpage()
            tp = pdfium_glyphs._handle(textpage.raw)
            count = pdfium_raw.FPDFText_CountChars(textpage.raw)
            one_by_one = [pdfium_glyphs._get_unicode(tp, i) for i in range(count)]
            assert pdfium_glyphs._unicodes(textpage, tp, count) == one_by_one
    finally:
        pdf.close()


def _page_fonts(document, index: int) -> set[int]:
    """The font handles of the text objects of page `index`, asked of pdfium directly."""
    import pypdfium2.raw as pdfium_raw

    page = document.pdf[index]
    try:
        return {pdfium_raw.FPDFTextObj_GetFont(obj.raw) and _address(pdfium_raw.FPDFTextObj_GetFont(obj.raw))
                for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_TEXT], max_depth=1)}
    finally:
        page.close()


def _address(pointer) -> int:
    import ctypes

    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def test_what_pages_show_of_their_fonts_is_kept_only_for_the_fonts_of_the_page_last_read(tmp_path, shared_dir):
    """Fonts are known by pdfium's handle, which names a font only while a loaded page uses it:
    the reader keeps the page last read open and forgets the fonts it does not use. Pages read
    in any order, one document for all or one per page, give the same glyphs."""
    def pages(canvas: Canvas) -> None:
        for font, text in ((FONT, BODY), ("Helvetica", "Only Latin text on this page."), (FONT, BODY + "第三页")):
            canvas.setFont(font, 12)
            canvas.drawString(72, 720, text)
            canvas.showPage()

    generated = write(tmp_path / "fonts.pdf", pages)
    for path in (generated, shared_dir / "corpus" / "seeds" / "000-journal-two-column.pdf"):
        with open_glyphs(path, "pdfium") as source:
            document = source.pdfium
            assert document is not None
            count = min(document.pages, 4)
            alone = []
            for index in range(count):
                with open_glyphs(path, "pdfium") as fresh:
                    alone.append(fresh.read(index).chars)
            for order in (range(count), reversed(range(count)), [0, 0, count - 1, 0]):
                for index in order:
                    assert source.read(index).chars == alone[index]
                    used = _page_fonts(document, index)
                    assert document.fonts.fonts.keys() <= used and document.fonts.widths.keys() <= used
                    assert bool(document.fonts.fonts) == bool(used)  # the page's fonts are known
                    assert {run.font for runs in document.fonts.runs.values() for run in runs.values()} <= used
                    assert document.last_page is not None
        assert document.last_page is None and not document.fonts.fonts and not document.fonts.widths
    with open_glyphs(generated, "pdfium") as source:
        assert source.pdfium is not None
        source.read(0)
        first = set(source.pdfium.fonts.fonts)
        source.read(1)
        assert not first & set(source.pdfium.fonts.fonts)  # the second page uses none of the first's fonts


def test_reading_a_born_digital_pdf_does_not_load_numpy(seeds_dir):
    """NumPy costs each extraction worker about 65 ms of start-up; only OCR needs it."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from indexer.extract import sandbox\n"
        "from indexer.extract.formats import extract_file\n"
        "from indexer.extract.ocr import OcrOptions\n"
        "from indexer.search.segmenting import words\n"
        "sandbox._preload()\n"
        f"result = extract_file(Path({str(seeds_dir / '000-journal-two-column.pdf')!r}), ocr=OcrOptions(enabled=False))\n"
        "sandbox._index_words(result, words)\n"
        "print(result.pages, 'numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 0 and out[1] == "False"


def type0_pdf(path: Path, tounicode: dict[int, str], codes: list[int]) -> Path:
    """One line in a Type 0 font, Identity-H, not embedded, whose ToUnicode stream maps the
    codes of `tounicode` to the UTF-16BE hex strings given (``""`` for an empty one)."""
    entries = "".join(f"<{code:04X}> <{target}>\n" for code, target in tounicode.items())
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange "
            f"{len(tounicode)} beginbfchar\n{entries}endbfchar endcmap "
            "CMapName currentdict /CMap defineresource pop end end").encode()
    content = ("BT /F1 14 Tf 72 720 Td <" + "".join(f"{code:04X}" for code in codes) + "> Tj ET").encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R"
         b" /Resources << /Font << /F1 4 0 R >> >> >>"),
        (b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+TestSong /Encoding /Identity-H"
         b" /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>"),
        (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+TestSong /DW 1000 /FontDescriptor 8 0 R"
         b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        (b"<< /Type /FontDescriptor /FontName /ABCDEF+TestSong /Flags 4 /FontBBox [0 -140 1000 860]"
         b" /ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>"),
    ]
    return write_objects(path, objects)


def test_a_page_pdfminer_could_map_no_better_is_not_read_again(tmp_path):
    """Most glyphs lack Unicode, in a Type 0 font whose ToUnicode stream does not hold their
    codes: pdfminer, which maps such a font through that stream alone, would read them as the
    same (cid:) glyphs, so pdfium's reading stands. Where the stream holds a code pdfium left
    unmapped (here an empty target), the page is read with pdfplumber as before."""
    lacking = type0_pdf(tmp_path / "lacking.pdf", {1: "4E2D"}, [1, 2, 3, 4, 2, 3])
    with open_glyphs(lacking, "pdfium") as source:
        assert source.pdfium is not None and source.pdfium.read(0).unmapped == 5
        ours = source.read(0)
    theirs = read(lacking, "pdfplumber")[2]
    assert ours.reader == "pdfium"
    assert [c["text"] for c in ours.chars] == [c["text"] for c in theirs] == [
        "中", "(cid:2)", "(cid:3)", "(cid:4)", "(cid:2)", "(cid:3)"]
    assert extract_pdf(lacking, reader="pdfium").warnings == extract_pdf(lacking, reader="pdfplumber").warnings

    holding = type0_pdf(tmp_path / "holding.pdf", {1: "4E2D", 2: ""}, [1, 2, 3, 4, 2, 3])
    with open_glyphs(holding, "pdfium") as source:
        assert source.pdfium is not None and source.pdfium.read(0).unmapped == 5
        assert source.read(0).reader == "pdfplumber"


def test_a_thesis_whose_fonts_lack_most_codes_is_read_by_pdfium_alone(shared_dir):
    """A real thesis (ucasthesis) whose SimSun and SimHei subsets have ToUnicode streams of a
    few dozen codes: no page goes to pdfminer, and the file's reading is the reference's."""
    path = shared_dir / "corpus" / "real" / "zh_paper" / "ucasthesis_Thesis_cid乱码.pdf"
    with open_glyphs(path, "pdfium") as source:
        readers = {source.read(index).reader for index in range(source.pages)}
    assert readers == {"pdfium"}
    ours, theirs = extract_pdf(path, reader="pdfium"), extract_pdf(path, reader="pdfplumber")
    assert [(w.page, w.code) for w in ours.warnings] == [(w.page, w.code) for w in theirs.warnings]
    assert sum(w.code == "unusable_text" for w in ours.warnings) >= 10
