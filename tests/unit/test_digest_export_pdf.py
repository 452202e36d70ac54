"""PDF export: real text (pdfplumber and pdfium read it back in order) in embedded Chinese fonts."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from pdfminer.pdftypes import resolve1

from userdata.digest.document import Cover, DigestDocument, Quotation, Section
from userdata.digest.export import ExportError, fonts, linebreak, to_pdf, write
from userdata.digest.export.sample import sample_document


@pytest.fixture(scope="module")
def system_faces() -> dict[str, fonts.Face]:
    try:
        return fonts.faces()
    except ExportError:
        pytest.skip("no Chinese font installed on this machine")


@pytest.fixture(scope="module")
def exported(system_faces, tmp_path_factory) -> tuple[DigestDocument, Path]:
    document = sample_document()
    path = tmp_path_factory.mktemp("pdf") / "摘编.pdf"
    write(document, "pdf", path)
    return document, path


@pytest.fixture(scope="module")
def pages(exported) -> list[str]:
    with pdfplumber.open(exported[1]) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected_in_order(document: DigestDocument) -> list[str]:
    """Quotations, their citations and notes, and the references, in reading order, from the tree."""
    out = [document.cover.title]
    for section in document.sections:
        out.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Quotation):
                out += [block.text, f"第{block.page}页"]
                for note in block.notes:
                    paras = re.split(r"</p>|</li>", note.body_html) if note.body_html else note.body_text.split("\n")
                    out += [p for p in (re.sub(r"<[^>]+>", "", x).strip() for x in paras) if p]
            else:
                out.append(re.sub(r"<[^>]+>", "", block.body_html or block.body_text))
    return out + ["参考文献"] + [f"[{n}]{ref}" for n, ref in enumerate(document.references, 1)]


def assert_in_order(text: str, needles: list[str]) -> None:
    haystack, at = squash(text), 0
    for needle in needles:
        found = haystack.find(squash(needle), at)
        assert found >= 0, f"not found after position {at}: {needle!r}"
        at = found + len(squash(needle))


def body(page_text: str) -> str:
    """A page's text without its running header (the mark) and footer (the page number)."""
    lines = [line for line in page_text.splitlines() if line.strip()]
    return "\n".join(lines[1:-1])


def test_text_is_selectable_and_in_reading_order(exported, pages):
    document, _ = exported
    assert_in_order("\n".join(body(p) for p in pages), expected_in_order(document))


def test_pdfium_reads_the_same_text(exported):
    document, path = exported
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        text = "".join(body(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
    finally:
        pdf.close()
    assert_in_order(text, [q.text for q in document.quotations()] + list(document.references))


def test_no_kangxi_radicals_in_the_text(pages):
    """Qt's PDF writer maps 力 生 行 of Noto CJK to ⼒ ⽣ ⾏ (U+2F00…); ours keeps the real characters."""
    text = "".join(pages)
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]
    assert "(cid:" not in text
    assert "力" in text and "生产" in text


def test_mark_and_page_number_on_every_page(pages):
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        lines = text.splitlines()
        assert lines[0].strip() == "内部", number
        assert squash(lines[-1]) == f"—{number}—", number


def test_every_font_is_embedded(exported):
    found = embedded_fonts(exported[1])
    assert found
    for name, files in found.items():
        assert files & {"FontFile", "FontFile2", "FontFile3"}, name


def test_no_line_starts_with_closing_punctuation(pages):
    for text in pages:
        for line in text.splitlines():
            assert line.strip()[:1] not in "，。、；：？！）》”", line


def test_document_information(exported):
    document, path = exported
    with pdfplumber.open(path) as pdf:
        assert pdf.metadata["Title"] == document.cover.title
        assert pdf.metadata["Author"] == "政策研究室"


def _one_face(tmp_path: Path, face: fonts.Face) -> Path:
    folder = tmp_path / "fonts"
    folder.mkdir()
    os.symlink(face.path, folder / face.path.name)
    return folder


def _find_face(cff: bool) -> fonts.Face:
    from fontTools.ttLib import TTFont

    for face in fonts._discover(tuple(fonts.font_dirs())).values():
        with TTFont(str(face.path), fontNumber=face.index, lazy=True) as font:
            if ("CFF " in font) == cff:
                return face
    pytest.skip(f"no {'CFF' if cff else 'TrueType'}-outline Chinese font on this machine")


@pytest.mark.parametrize("cff", [True, False], ids=["cff", "truetype"])
def test_cff_and_truetype_fonts_embed_as_truetype_with_readable_text(tmp_path: Path, cff: bool):
    """Noto CJK (CFF outlines) on Linux, SimSun/FangSong (TrueType) on Windows: both end up as
    subset TrueType (FontFile2, Identity-H), the one kind pdfminer, and so Hanlin's indexer, reads."""
    face = _find_face(cff)
    document = DigestDocument(Cover("科技安全专题摘编", mark="内部"), (
        Section("科技安全", 1, (Quotation("科技安全是国家安全的重要组成部分，力量、生产、行动。", 1, 2, "某文"),)),),
        ("某作者. 某文[J]. 某刊, 2025(1).",))
    path = tmp_path / "one.pdf"
    to_pdf.write(document, path, font_dirs=[_one_face(tmp_path, face)])
    files = embedded_fonts(path)
    assert files and all(f == {"FontFile2"} for f in files.values()), files
    with pdfplumber.open(path) as pdf:
        text = squash(pdf.pages[0].extract_text())
    assert "科技安全是国家安全的重要组成部分，力量、生产、行动。" in text
    assert "某作者.某文[J].某刊,2025(1)." in text


def test_no_chinese_font_is_a_clear_error_and_no_file(tmp_path: Path):
    path = tmp_path / "none.pdf"
    with pytest.raises(ExportError) as caught:
        to_pdf.write(sample_document(), path, font_dirs=[tmp_path / "empty"])
    assert caught.value.reason == "font"
    assert "fonts-noto-cjk" in caught.value.message and "未找到" in caught.value.message
    assert not path.exists() and not list(tmp_path.iterdir())


def test_line_breaking_rules():
    pieces = [(c, 10.0, None, False) for c in "甲乙丙丁戊，己（庚辛）ABCDE壬"]
    items = linebreak.atoms(pieces)
    assert "ABCDE" in [a.text for a in items]  # a Latin word stays whole
    for width in range(30, 120, 10):
        for line in linebreak.lines(items, width, width):
            shown = "".join(a.text for a in linebreak.visible(items, line))
            assert shown[:1] not in linebreak.NO_START, (width, shown)
            assert shown[-1:] not in linebreak.NO_END, (width, shown)


def embedded_fonts(path: Path) -> dict[str, set[str]]:
    """Base font name → the FontFile keys of its descriptor, for every font on every page."""
    out: dict[str, set[str]] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            resources = resolve1(page.page_obj.resources) or {}
            for ref in (resolve1(resources.get("Font")) or {}).values():
                font = resolve1(ref)
                target = font
                if "DescendantFonts" in font:
                    target = resolve1(resolve1(font["DescendantFonts"])[0])
                descriptor = resolve1(target.get("FontDescriptor")) or {}
                name = str(resolve1(font.get("BaseFont")))
                out[name] = {k for k in descriptor if str(k).startswith("FontFile")}
    return out


def test_everything_stays_inside_the_margins(tmp_path: Path, system_faces):
    url = "https://example.invalid/" + "very-long-path/" * 12 + "index.html"
    document = DigestDocument(Cover("边距"), (Section("一节", 1, (
        Quotation("科技安全" * 40 + url, 1, 1, "某文"),)),), ("某文. " + url,))
    path = tmp_path / "margins.pdf"
    write(document, "pdf", path)
    left, right = to_pdf.LEFT - 0.5, to_pdf.PAGE_W - to_pdf.RIGHT + 0.5
    with pdfplumber.open(path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
        text = squash("".join(page.extract_text() for page in pdf.pages))
    assert chars and all(left <= c["x0"] and c["x1"] <= right for c in chars)
    assert url in text.replace("-\n", "")


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from userdata.digest.export import ExportError, write
from userdata.digest.export.sample import sample_document
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writing past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # the fonts and the PDF are larger
try:
    write(sample_document(), "pdf", Path(sys.argv[1]) / "big.pdf")
except ExportError as exc:
    print(exc.reason, exc.exit_code)
"""


@pytest.mark.skipif(os.name == "nt", reason="POSIX resource limits")
def test_a_full_disk_is_a_write_error_and_leaves_nothing(tmp_path: Path, system_faces):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", FULL_DISK, str(tmp_path)], cwd=Path(__file__).parents[2],
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.stdout.split() == ["write", "6"], run.stdout + run.stderr
    assert list(tmp_path.iterdir()) == []
