"""OCR (`indexer.extract.ocr`) on real scans of ../shared/corpus: what is recognised, where, and when.

The files are small on purpose (a one-page test sheet, a two-page low-resolution book scan): the
engine is real, nothing is mocked, and the whole module runs in well under a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract.locate import page_text, span_rects
from indexer.extract.ocr import OcrOptions, OcrPage, ocr_layout, pages_to_recognise, recognise
from indexer.extract.pipeline import _read_pages, extract_pdf


@pytest.fixture(scope="module")
def scans(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "real" / "zh_scanned"


@pytest.fixture(scope="module")
def sheet(scans: Path) -> OcrPage:
    """The test sheet: one line of real text, then an image with a horizontal and a vertical text box."""
    (page,) = recognise(scans / "文字加图片_竖排文本框.pdf", [1])
    return page


def test_the_image_s_horizontal_and_vertical_text_is_read_in_order(sheet: OcrPage) -> None:
    lines = [line.text for line in ocr_layout(sheet).lines]
    assert "横向文本框" in lines
    assert "竖向文本框" in lines  # a vertical column, read top to bottom
    assert "English text" in lines  # the gap between the words is a space
    vertical = next(line for line in sheet.lines if line.vertical)
    assert vertical.text == "竖向文本框"
    tops = [box[1] for box in vertical.boxes]
    assert tops == sorted(tops) and tops[-1] - tops[0] > 40  # one box per character, going down the page


def test_character_boxes_sit_on_the_page_where_the_words_are(sheet: OcrPage) -> None:
    line = next(line for line in sheet.lines if line.text == "横向文本框")
    assert len(line.boxes) == 5
    x0s = [box[0] for box in line.boxes]
    assert x0s == sorted(x0s)
    # The image is drawn at x 90–269, y 157–283 (top-left origin) on the 595×842 pt page.
    for x0, top, x1, bottom in line.boxes:
        assert 90 <= x0 < x1 <= 269 and 157 <= top < bottom <= 283
        assert 8 < bottom - top < 30 and 0 < x1 - x0 < 30


def test_ocr_page_json_round_trips(sheet: OcrPage) -> None:
    again = OcrPage.from_json(sheet.to_json())
    assert [line.text for line in again.lines] == [line.text for line in sheet.lines]
    assert again.confidence == pytest.approx(sheet.confidence, abs=1e-3)
    assert again.engine == sheet.engine and again.number == 1


def test_a_sparse_text_layer_over_an_image_is_replaced_by_what_ocr_reads(scans: Path) -> None:
    path = scans / "文字加图片_竖排文本框.pdf"
    plain = extract_pdf(path)
    assert "横向文本框" not in plain.page_texts[0]  # the text layer holds only 我是文字
    result = extract_pdf(path, ocr=OcrOptions())
    assert "横向文本框" in result.page_texts[0] and "我是文字" in result.page_texts[0]
    assert 0.9 < result.ocr_pages[1] <= 1
    passages = [p for d in result.documents for p in d.passages]
    assert passages and all(p.ocr == result.ocr_pages[1] for p in passages)
    assert [w.code for w in result.warnings if w.page == 1] == ["ocr"]


def test_a_usable_ocr_layer_made_by_a_scanner_is_kept(scans: Path) -> None:
    """审计函: a scan with its own (imperfect) invisible OCR layer: that layer reads as text, so no page
    is recognised again."""
    path = scans / "审计函_扫描_OCR层有错.pdf"
    layouts, warnings = _read_pages(path, None)
    assert len(layouts) == 6 and pages_to_recognise(path, layouts, warnings) == {}


def test_a_blank_page_is_not_sent_to_ocr_but_a_scanned_one_is(make_pdf, scans: Path) -> None:
    """A page with nothing drawn on it (a thesis's blank verso) has no text to find: it is not
    recognised; a scanned page (an image, no text) is."""
    path = make_pdf([["# 第一章 绪论", "本章介绍研究背景与意义。" * 6], [], ["第二章的正文从这里开始。" * 6]])
    layouts, warnings = _read_pages(path, None)
    assert len(layouts) == 3 and layouts[1].glyph_count == 0
    assert pages_to_recognise(path, layouts, warnings) == {}
    scan = scans / "资本论_扫描_低清_2p.pdf"
    layouts, warnings = _read_pages(scan, None)
    assert sorted(pages_to_recognise(scan, layouts, warnings)) == [1, 2]


def test_a_page_of_little_text_is_a_picture_candidate_confirmed_only_when_asked(make_pdf) -> None:
    """A page with a few characters and no picture is recognised only if pictures cover it: with
    `pictures` (OCR on) it is not wanted; without (OCR off, nothing will be recognised) the
    candidate is left unconfirmed, and no warning is made of it."""
    path = make_pdf([["图一"], ["第二章的正文从这里开始，这一页的文字足够多。" * 12]])
    layouts, warnings = _read_pages(path, None)
    assert pages_to_recognise(path, layouts, warnings) == {}
    assert pages_to_recognise(path, layouts, warnings, pictures=False) == {1: "image_text"}
    result = extract_pdf(path, ocr=OcrOptions(enabled=False))
    assert [w.code for w in result.warnings if w.page == 1] == []


def test_scanned_pages_without_ocr_are_flagged_and_the_file_is_found_by_name(scans: Path) -> None:
    result = extract_pdf(scans / "资本论_扫描_低清_2p.pdf", ocr=OcrOptions(enabled=False))
    codes = [(w.page, w.code) for w in result.warnings]
    assert (1, "ocr_off") in codes and (2, "ocr_off") in codes
    assert (0, "no_searchable_text") in codes
    (doc,) = result.documents
    assert doc.title == "资本论_扫描_低清_2p"
    assert [p.text for p in doc.passages] == ["资本论_扫描_低清_2p.pdf"]


def test_cached_pages_are_used_instead_of_recognising_them_again(scans: Path, sheet: OcrPage) -> None:
    cached = sheet.to_json()
    cached["lines"][0]["t"] = "缓存" * (len(cached["lines"][0]["t"]) // 2) + "页" * (len(cached["lines"][0]["t"]) % 2)
    seen: list[tuple[int, int, int]] = []
    result = extract_pdf(scans / "文字加图片_竖排文本框.pdf",
                         ocr=OcrOptions(cached={1: cached}, on_page=lambda p, d, t: seen.append((p.number, d, t))))
    assert "缓存" in result.page_texts[0]
    assert seen == [(1, 1, 1)]
    stale = dict(cached, engine="another-engine")
    again = extract_pdf(scans / "文字加图片_竖排文本框.pdf", ocr=OcrOptions(cached={1: stale}))
    assert "缓存" not in again.page_texts[0]  # recognised by another engine: recognised again


def test_the_reader_rebuilds_an_ocr_page_with_the_stored_text_and_boxes(scans: Path, sheet: OcrPage) -> None:
    path = scans / "文字加图片_竖排文本框.pdf"
    result = extract_pdf(path, ocr=OcrOptions(cached={1: sheet.to_json()}))
    page = page_text(path, 1, result.body_size, result.furniture.get(1, []), sheet.to_json())
    assert page.text == result.page_texts[0]
    start = page.text.index("横向文本框")
    (rect,) = span_rects(page.boxes, start, start + 5)
    assert 90 <= rect[0] < rect[2] <= 269 and 157 <= rect[1] < rect[3] <= 283


def test_the_scanned_seed_reads_as_its_truth_text(seeds_dir: Path) -> None:
    """Acceptance of issue 12: the first three pages of 003-digest-compilation, scanned: the first article's
    title is found, and its recognised text has at most 3% of the truth's characters wrong or missing."""
    import json
    import unicodedata

    from rapidfuzz.distance import Levenshtein

    def squash(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    truth = json.loads((seeds_dir / "003-digest-compilation.truth.json").read_text(encoding="utf-8"))["articles"][0]
    result = extract_pdf(seeds_dir / "003-digest-compilation-scanned.pdf", ocr=OcrOptions())
    assert sorted(result.ocr_pages) == [1, 2, 3]
    doc = next(d for d in result.documents if squash(d.title) == squash(truth["title"]))
    got = squash("".join(p.text for p in doc.passages))
    text = squash(truth["text"])
    end = min(range(len(got) - 300, len(got) + 300), key=lambda e: Levenshtein.distance(text[:e], got))
    wrong = sum(1 for op in Levenshtein.editops(text[:end], got) if op.tag in ("delete", "replace"))
    assert end > 5000  # the three pages hold about half of the article
    assert wrong / end <= 0.03, wrong / end
