"""`hanlin extract` end to end: JSON contract, summaries, messages and exit statuses."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HANLIN = Path(sys.executable).with_name("hanlin")
TEXT = "第一条 为了规范数据处理活动，保障数据安全，促进数据开发利用。"


def hanlin(*args: str | Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, str(HANLIN), *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def assert_one_clear_line(proc: subprocess.CompletedProcess, path: Path, reason: str) -> str:
    """Exit 3, nothing on stdout, and one stderr line naming the file and the reason."""
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0] and lines[0].endswith(f"[{reason}]")
    assert "Traceback" not in proc.stderr
    return lines[0]


@pytest.fixture(scope="module")
def robustness(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "robustness"


@pytest.fixture
def notice(make_pdf) -> Path:
    return make_pdf([["# 关于加强数据安全管理的通知", TEXT * 3], [TEXT]], name="通知.pdf")


def test_json_is_the_documented_contract(notice: Path) -> None:
    proc = hanlin("extract", notice, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert "\\u" not in proc.stdout  # Chinese as UTF-8, not escaped
    assert data["file"] == str(notice)
    assert data["sha256"] == hashlib.sha256(notice.read_bytes()).hexdigest()
    assert data["pages"] == 2
    assert isinstance(data["warnings"], list) and "page_texts" not in data
    document = data["documents"][0]
    for key in ("title", "authors", "source", "keywords", "abstract", "year", "doc_type", "doc_number"):
        assert key in document
    assert isinstance(document["authors"], list) and isinstance(document["keywords"], list)
    passage = document["passages"][0]
    assert {"page", "text", "start", "end"} <= passage.keys()
    assert "为了规范数据处理活动" in "".join(p["text"] for p in document["passages"])


def test_summary_names_documents_and_pages(notice: Path) -> None:
    proc = hanlin("extract", notice)
    assert proc.returncode == 0, proc.stderr
    assert str(notice) in proc.stdout and "2 页 pages" in proc.stdout
    assert "关于加强数据安全管理的通知" in proc.stdout


def test_owner_password_only_extracts(robustness: Path) -> None:
    proc = hanlin("extract", robustness / "enc_owner.pdf", "--json")
    assert proc.returncode == 0, proc.stderr
    assert "第一条" in proc.stdout


@pytest.mark.parametrize(
    ("name", "reason", "words"),
    [
        ("enc_user.pdf", "encrypted", ("密码", "password", "ask the sender")),
        ("empty.pdf", "empty", ("0 字节", "empty file")),
        ("notpdf.pdf", "not_pdf", ("不是 PDF", "not a PDF")),
        ("truncated.pdf", "corrupt", ("截断", "truncated")),
        ("truncated_small.pdf", "corrupt", ("截断", "truncated")),
    ],
)
def test_bad_files_exit_3_with_one_clear_line(robustness: Path, name: str, reason: str, words) -> None:
    path = robustness / name
    line = assert_one_clear_line(hanlin("extract", path, "--json"), path, reason)
    for word in words:
        assert word in line


def test_text_file_renamed_pdf(tmp_path: Path) -> None:
    path = tmp_path / "报告.pdf"
    path.write_text("二〇二四年工作报告\n一、主要工作\n", encoding="utf-8")
    line = assert_one_clear_line(hanlin("extract", path), path, "not_pdf")
    assert "纯文本" in line and "plain text" in line


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "不存在.pdf"
    line = assert_one_clear_line(hanlin("extract", path), path, "missing")
    assert "找不到文件" in line


def test_permission_denied(notice: Path) -> None:
    notice.chmod(0)
    # root reads any file: drop its capability to do so, to meet a real permission error
    prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search") if os.geteuid() == 0 else ()
    line = assert_one_clear_line(hanlin("extract", notice, prefix=prefix), notice, "unreadable")
    assert "permission denied" in line


def test_time_limit(robustness: Path) -> None:
    path = robustness / "big300.pdf"
    proc = hanlin("extract", path, "--timeout-per-page", "0.001", "--min-timeout", "1")
    line = assert_one_clear_line(proc, path, "timeout")
    assert "/300" in line


def test_memory_cap(robustness: Path) -> None:
    path = robustness / "type0_noToUnicode.pdf"
    line = assert_one_clear_line(hanlin("extract", path, "--memory-mb", "1"), path, "memory")
    assert "1 MB" in line


def test_several_files_give_a_list_in_order_and_exit_3(notice: Path, robustness: Path) -> None:
    bad = robustness / "enc_user.pdf"
    proc = hanlin("extract", notice, bad, robustness / "basic.pdf", "--json")
    assert proc.returncode == 3
    items = json.loads(proc.stdout)
    assert [item["file"] for item in items] == [str(notice), str(bad), str(robustness / "basic.pdf")]
    assert items[1]["error"]["reason"] == "encrypted"
    assert items[2]["pages"] == 3
    assert proc.stderr.count("\n") == 1 and "[encrypted]" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("extract",),
        ("extract", "a.pdf", "--memory-mb", "0"),
        ("extract", "a.pdf", "--timeout-per-page", "soon"),
    ],
)
def test_usage_errors_exit_2(args) -> None:
    proc = hanlin(*args)
    assert proc.returncode == 2
    assert "usage:" in proc.stderr and "Traceback" not in proc.stderr
