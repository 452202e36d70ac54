"""What every export shares: the entry point, errors, atomic writes, rich text, paragraphs, fonts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx.document
import pytest

from userdata.digest.document import Cover, DigestDocument, NoteBlock, Quotation, Section
from userdata.digest.export import FORMATS, ExportError, blocks, fonts, richtext, write
from userdata.digest.export.sample import sample_document
from userdata.errors import DigestError

REPO = Path(__file__).resolve().parents[2]


def small() -> DigestDocument:
    return DigestDocument(Cover("小摘编", mark="内部"),
                          (Section("一节", 1, (Quotation("一段引文。", 1, 3, "某文"),)),), ("某文",))


def test_unknown_format_is_our_error_in_both_languages(tmp_path: Path):
    with pytest.raises(ExportError) as caught:
        write(small(), "odt", tmp_path / "a.odt")
    assert isinstance(caught.value, DigestError) and caught.value.reason == "format"
    assert "不支持的导出格式" in caught.value.message and "unsupported export format" in caught.value.message
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(("fmt", "magic"), [(".MD", b"**"), ("markdown", b"**"), ("HTML", b"<!DOCTYPE"),
                                            ("docx", b"PK")])
def test_format_names_are_forgiving(tmp_path: Path, fmt: str, magic: bytes):
    path = tmp_path / "out"
    write(small(), fmt, path)
    assert path.read_bytes().startswith(magic)
    assert set(FORMATS) == {"docx", "pdf", "html", "md"}


def test_a_failed_export_leaves_the_old_file_and_no_partial_one(tmp_path: Path, monkeypatch):
    path = tmp_path / "摘编.docx"
    path.write_bytes(b"the previous export")

    def broken_save(self, target):  # the DOCX is built in memory, then written: either may fail
        if hasattr(target, "write"):
            target.write(b"PK half a file")
        else:
            Path(target).write_bytes(b"PK half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(ExportError) as caught:
        write(small(), "docx", path)
    assert caught.value.reason == "write" and "No space left on device" in caught.value.message
    assert path.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["摘编.docx"]


def test_a_missing_folder_is_a_write_error(tmp_path: Path):
    with pytest.raises(ExportError) as caught:
        write(small(), "md", tmp_path / "no" / "such" / "摘编.md")
    assert caught.value.reason == "write" and "无法写入" in caught.value.message


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_new_export_gets_ordinary_permissions(tmp_path: Path):
    path = tmp_path / "a.html"
    write(small(), "html", path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_sample_quotes_the_seed_corpus(seeds_dir: Path):
    """The sample's passages and titles are real text from ../shared/corpus/seeds."""
    articles = [a for f in sorted(seeds_dir.glob("*.truth.json"))
                for a in json.loads(f.read_text(encoding="utf-8"))["articles"]]
    texts = {"".join(a["title"].split()): a["text"] + a.get("abstract", "") for a in articles}
    document = sample_document()
    assert len(document.quotations()) >= 5 and len(document.sections) >= 2
    for quote in document.quotations():
        title = "".join(quote.doc_title.split())
        assert title in texts, quote.doc_title
        assert quote.text in texts[title], quote.text[:20]


def test_rich_text_from_the_note_editor_and_plain_html():
    qt_html = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN"><html><head><meta name="qrichtext" content="1" />'
               '<style type="text/css">p, li { white-space: pre-wrap; }</style></head>'
               '<body style=" font-family:\'Sans\'; font-size:9pt; font-weight:400;">'
               '<p style="margin:0px;">要点<span style=" font-weight:700;">加粗</span>和'
               '<span style=" font-style:italic;">斜体</span></p>'
               '<p style="-qt-paragraph-type:empty;"><br /></p>'
               '<ol><li>第一</li><li>第二 &amp; <u>下划线</u></li></ol></body></html>')
    paras = richtext.parse(qt_html)
    assert [(p.marker, [(s.text, s.bold, s.italic, s.underline) for s in p.spans]) for p in paras] == [
        ("", [("要点", False, False, False), ("加粗", True, False, False), ("和", False, False, False),
              ("斜体", False, True, False)]),
        ("1.", [("第一", False, False, False)]),
        ("2.", [("第二 & ", False, False, False), ("下划线", False, False, True)]),
    ]
    assert richtext.plain(richtext.parse("<p>甲<br>乙</p><script>alert(1)</script>")) == "甲\n乙"
    assert richtext.plain(richtext.parse("", "第一行\n\n第二行")) == "第一行\n第二行"


def test_paragraphs_in_reading_order_with_official_numbering():
    document = DigestDocument(
        Cover("题", issue="2026年第1期", compiler="甲", organisation="乙", date="2026-03-05"),
        (Section("总体", 1), Section("分项", 2), Section("细目", 3), Section("（二）已编号", 2), Section("再一节", 1),
         Section("再分", 2, (Quotation("引文", 2, 9, "文", notes=(NoteBlock("解读", stance="支持", author="丙",
                                                                          date="2026-03-04"),)),))),
        ("文一", "文二"))
    paras = blocks.paragraphs(document)
    assert [p.text for p in paras] == [
        "题", "2026年第1期", "编者：甲　　乙", "一、总体", "（一）分项", "1.细目", "（二）已编号", "二、再一节",
        "（一）再分", "引文[2]（《文》，第9页）", "【解读·支持】解读（丙，2026年3月4日）", "参考文献",
        "[1] 文一", "[2] 文二"]
    assert paras[2].tail == "2026年3月5日"
    assert blocks.cn_number(10) == "十" and blocks.cn_number(12) == "十二" and blocks.cn_number(21) == "二十一"


def test_no_font_folder_means_a_clear_font_error(tmp_path: Path):
    with pytest.raises(ExportError) as caught:
        fonts.faces([tmp_path])
    assert caught.value.reason == "font"
    assert "fonts-noto-cjk" in caught.value.message and "SimSun" in caught.value.message


def test_a_chinese_font_under_any_file_name_is_found(tmp_path: Path):
    try:
        face = fonts.faces()["fang"]
    except ExportError:
        pytest.skip("no Chinese font installed on this machine")
    os.symlink(face.path, tmp_path / ("renamed" + face.path.suffix))
    found = fonts.faces([tmp_path])
    assert {f.path.name for f in found.values()} == {"renamed" + face.path.suffix}


PROBE = """
import sys, tempfile, pathlib
sys.modules["PySide6"] = None  # any Qt import now raises ImportError
from userdata.digest.export import write, to_docx, to_pdf, to_html, to_markdown
from userdata.digest.export.sample import sample_document
folder = pathlib.Path(tempfile.mkdtemp())
for fmt in ("docx", "html", "md"):
    write(sample_document(), fmt, folder / ("x." + fmt))
print("ok")
"""


def test_exporters_run_without_qt():
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_digest_exports(tmp_path: Path, fmt: str):
    if fmt == "pdf":
        try:
            fonts.faces()
        except ExportError:
            pytest.skip("no Chinese font installed on this machine")
    path = tmp_path / f"empty.{fmt}"
    write(DigestDocument(Cover("")), fmt, path)
    assert path.stat().st_size > 0


def test_windows_font_files_are_found_by_name(tmp_path: Path):
    """simfang.ttf, simkai.ttf, simhei.ttf: the files every Chinese Windows has, by role."""
    try:
        truetype = next(f for f in fonts.faces().values() if f.path.suffix.lower() in (".ttf", ".ttc"))
    except (ExportError, StopIteration):
        pytest.skip("no TrueType Chinese font installed on this machine")
    for name in ("SIMFANG.TTF", "simkai.ttf", "SimHei.ttf"):
        os.symlink(truetype.path, tmp_path / name)
    found = fonts.faces([tmp_path])
    assert (found["fang"].path.name, found["kai"].path.name, found["hei"].path.name) == (
        "SIMFANG.TTF", "simkai.ttf", "SimHei.ttf")
    assert found["title"].path.name == "SimHei.ttf"  # no 方正小标宋: the title borrows 黑体


def test_damaged_font_files_are_skipped(tmp_path: Path):
    (tmp_path / "simfang.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 2_000_000)
    (tmp_path / "broken.ttc").write_bytes(b"ttcf" + b"\xff" * 2_000_000)
    with pytest.raises(ExportError) as caught:
        fonts.faces([tmp_path])
    assert caught.value.reason == "font"
