"""Safe opening of PDFs: every way a file can fail gives one clear bilingual `ExtractionError`."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pdfplumber.utils.exceptions import PdfminerException

from indexer.errors import ExtractionError
from indexer.extract.pdf import MESSAGES, checked_sha256, explain, open_pdf, out_of_memory, sha256_file
from indexer.extract.pipeline import extract_pdf


@pytest.fixture(scope="module")
def robustness(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "robustness"


def read_error(path: Path) -> ExtractionError:
    """The error `checked_sha256` + `open_pdf` raise for `path` (the way `extract_pdf` opens)."""
    with pytest.raises(ExtractionError) as info:
        checked_sha256(path)
        open_pdf(path).close()
    return info.value


def assert_bilingual(error: ExtractionError) -> None:
    """One line, Chinese first, English in parentheses, and never a traceback."""
    assert "\n" not in error.message
    assert "Traceback" not in error.message
    assert any("\u4e00" <= c <= "\u9fff" for c in error.message)
    assert error.message.endswith(")")


def test_every_message_has_chinese_and_english() -> None:
    for zh, en in MESSAGES.values():
        assert any("\u4e00" <= c <= "\u9fff" for c in zh)
        assert en.isascii()


def test_user_password_says_so_and_what_to_do(robustness: Path) -> None:
    error = read_error(robustness / "enc_user.pdf")
    assert error.reason == "encrypted"
    assert "密码" in error.message and "password" in error.message
    assert "去除密码" in error.message and "ask the sender" in error.message
    assert_bilingual(error)


def test_owner_password_only_still_extracts(robustness: Path) -> None:
    result = extract_pdf(robustness / "enc_owner.pdf")
    assert "第一条" in "".join(result.page_texts)


def test_zero_bytes(robustness: Path) -> None:
    error = read_error(robustness / "empty.pdf")
    assert error.reason == "empty"
    assert "0 字节" in error.message and "empty file" in error.message
    assert_bilingual(error)


def test_not_a_pdf(robustness: Path) -> None:
    error = read_error(robustness / "notpdf.pdf")
    assert error.reason == "not_pdf"
    assert "纯文本" in error.message and "plain text" in error.message
    assert_bilingual(error)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("关于加强数据安全管理的通知\n各区人民政府：\n".encode("gb18030"), "plain text"),
        ("第一条 为了规范数据处理活动。".encode() * 80, "plain text"),  # cut inside a character
        (b"<!DOCTYPE html><html><body>404</body></html>", "web page"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    ],
)
def test_renamed_files_say_what_they_look_like(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "通知.pdf"
    path.write_bytes(content)
    error = read_error(path)
    assert error.reason == "not_pdf"
    assert kind in error.message
    assert_bilingual(error)


def test_word_document_renamed(tmp_path: Path) -> None:
    path = tmp_path / "报告.pdf"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    error = read_error(path)
    assert error.reason == "not_pdf"
    assert "Word" in error.message


def test_folder_named_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    error = read_error(folder)
    assert error.reason == "not_pdf"
    assert "a folder" in error.message


@pytest.mark.parametrize("name", ["truncated.pdf", "truncated_small.pdf"])
def test_truncated(robustness: Path, name: str) -> None:
    error = read_error(robustness / name)
    assert error.reason == "corrupt"
    assert "截断" in error.message and "truncated" in error.message
    assert_bilingual(error)


def test_missing_file(tmp_path: Path) -> None:
    error = read_error(tmp_path / "不存在.pdf")
    assert error.reason == "missing"
    assert "找不到文件" in error.message and "file not found" in error.message
    assert_bilingual(error)


def test_file_disappearing_after_the_checks(make_pdf) -> None:
    path = make_pdf([[(72, 72, "第一条 为了规范数据处理活动。", 12)]])
    checked_sha256(path)
    path.unlink()
    with pytest.raises(ExtractionError) as info:
        open_pdf(path)
    assert info.value.reason == "missing"
    assert "disappeared while being read" in info.value.message


def test_permission_denied(make_pdf) -> None:
    path = make_pdf([[(72, 72, "第一条", 12)]])
    path.chmod(0)
    code = (
        "import sys; from pathlib import Path; from indexer.extract.pdf import checked_sha256\n"
        "from indexer.errors import ExtractionError\n"
        "try:\n    checked_sha256(Path(sys.argv[1]))\n"
        "except ExtractionError as e:\n    print(e.reason); print(e.message)\n"
    )
    out = subprocess.run(
        [*as_unprivileged_user(), sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    reason, message = out.stdout.splitlines()
    assert reason == "unreadable"
    assert "没有读取此文件的权限" in message and "permission denied" in message


def as_unprivileged_user() -> list[str]:
    """Command prefix that takes root's power to read any file away (a no-op for other users)."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def test_malformed_operator_list_typeerror_is_corrupt(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "real" / "robustness" / "malformed_operator_list_cycle.pdf"
    pdf = open_pdf(path)
    try:
        with pytest.raises(TypeError) as info:  # what pdfplumber raises for this file
            list(pdf.pages)
    finally:
        pdf.stream.close()  # pdf.close() would walk the broken pages again
    error = explain(path, info.value)
    assert error.reason == "corrupt"
    assert "TypeError" in error.message and "corrupt PDF" in error.message
    assert_bilingual(error)


def test_a_bug_in_our_own_code_is_internal_not_corrupt(tmp_path: Path) -> None:
    def buggy() -> None:
        return {}["missing key"]

    with pytest.raises(KeyError) as info:
        buggy()
    error = explain(tmp_path / "a.pdf", info.value)
    assert error.reason == "internal"
    assert "test_pdfio" in error.message  # where, for the bug report


def test_memory_errors_are_found_inside_pdfplumber_wrappers(tmp_path: Path) -> None:
    wrapped = PdfminerException(MemoryError())
    assert out_of_memory(wrapped)
    assert explain(tmp_path / "a.pdf", wrapped, memory_limit_mb=512).reason == "memory"
    assert "512 MB" in explain(tmp_path / "a.pdf", wrapped, memory_limit_mb=512).message
    assert not out_of_memory(PdfminerException(ValueError("bad")))


def test_sha256_matches_hashlib(make_pdf) -> None:
    import hashlib

    path = make_pdf([[(72, 72, "第一条", 12)]])
    assert checked_sha256(path) == sha256_file(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_other_read_errors_are_unreadable_not_bugs(tmp_path: Path) -> None:
    error = explain(tmp_path / "a.pdf", OSError(5, "Input/output error"))
    assert error.reason == "unreadable"
    assert "Input/output error" in error.message and "check the disk" in error.message


def test_processes_that_only_hand_files_over_do_not_load_the_pdf_parsers():
    """An index run's parent (hashing, the catalogue, the workers' results) and a search load
    neither pdfplumber nor pdfminer (about 60 ms of start-up); opening a file does."""
    script = (
        "import sys\n"
        "import indexer.cli.index_cmd, indexer.cli.search_cmd, indexer.extract.sandbox, indexer.library.library\n"
        "print(sorted(m for m in ('pdfplumber', 'pdfminer') if m in sys.modules))\n"
        "from indexer.extract.pdf import open_pdf\n"
        "print(open_pdf.__module__, 'pdfplumber' in sys.modules)\n"
    )
    lines = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split("\n")
    assert lines[0] == "[]"
    assert lines[1] == "indexer.extract.pdf False"
