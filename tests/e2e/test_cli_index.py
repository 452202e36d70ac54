"""`hanlin index` and `hanlin status` end to end: summaries, failures, incremental runs, exit statuses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HANLIN = Path(sys.executable).with_name("hanlin")
BODIES = {
    "通知.pdf": ("关于加强科技安全工作的通知", "各地区要把科技安全摆在突出位置，建立揭榜挂帅的攻关机制。"),
    "论文.pdf": ("新质生产力的内涵与路径", "新质生产力以创新为主导，推动量子通信和稀土永磁产业发展。"),
}


def hanlin(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(HANLIN), *map(str, args)], check=False, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


@pytest.fixture
def docs(make_pdf, tmp_path) -> Path:
    folder = tmp_path / "docs"
    (folder / "子目录").mkdir(parents=True)
    for name, (title, body) in BODIES.items():
        made = make_pdf([[f"# {title}", body * 4, "另起一段：" + body]], name=name)
        shutil.move(made, folder / "子目录" / name if name == "论文.pdf" else folder / name)
    (folder / "坏文件.PDF").write_bytes(b"GIF89a this is no pdf at all")
    (folder / "说明.csv").write_text("not indexed", encoding="utf-8")
    return folder


def index_json(*args: str | Path) -> dict:
    proc = hanlin("index", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def test_index_reports_indexed_and_failed_and_exits_0(docs, tmp_path):
    summary = index_json(docs, "--library", tmp_path / "lib", "--workers", "2")
    assert summary["found"] == 3 and summary["indexed"] == 2
    [failure] = summary["failed"]
    assert failure["path"].endswith("坏文件.PDF") and failure["reason"] == "not_pdf"
    assert summary["passages"] > 0 and summary["documents"] >= 2


def test_text_summary_lists_failures_with_reasons(docs, tmp_path):
    proc = hanlin("index", docs, "--library", tmp_path / "lib")
    assert proc.returncode == 0, proc.stderr
    assert "indexed 2" in proc.stdout and "failed 1" in proc.stdout
    assert "坏文件.PDF" in proc.stdout and "[not_pdf]" in proc.stdout


def test_rerun_skips_everything_and_prune_drops_deleted(docs, tmp_path):
    lib = tmp_path / "lib"
    index_json(docs, "--library", lib)
    again = index_json(docs, "--library", lib)
    assert again["indexed"] == 0 and again["skipped"] == 3 and again["failed"] == []
    (docs / "通知.pdf").unlink()
    pruned = index_json(docs, "--library", lib, "--prune")
    assert pruned["pruned"] == 1
    status = json.loads(hanlin("status", "--library", lib, "--json").stdout)
    assert status["files_ok"] == 1 and status["files_failed"] == 1


def test_status_shows_counts_and_failures(docs, tmp_path):
    lib = tmp_path / "lib"
    summary = index_json(docs, "--library", lib)
    proc = hanlin("status", "--library", lib, "--json")
    assert proc.returncode == 0, proc.stderr
    status = json.loads(proc.stdout)
    assert status["files_ok"] == 2 and status["files_failed"] == 1
    assert status["passages"] == summary["passages"] and status["documents"] == summary["documents"]
    assert status["pages"] == 2 and status["pending_index"] == 0
    assert status["index_size_bytes"] > 0 and status["index_schema_version"] == str(status["schema_version"])
    assert status["last_indexed_at"] > 0
    assert [f["reason"] for f in status["failures"]] == ["not_pdf"]
    text = hanlin("status", "--library", lib)
    assert text.returncode == 0
    assert "2 成功 ok, 1 失败 failed" in text.stdout and "坏文件.PDF" in text.stdout


def test_missing_paths_are_reported_and_only_missing_means_exit_2(docs, tmp_path):
    proc = hanlin("index", tmp_path / "nowhere", "--library", tmp_path / "lib")
    assert proc.returncode == 2
    assert "nowhere" in proc.stderr and "no such file or folder" in proc.stderr
    proc = hanlin("index", tmp_path / "nowhere", docs, "--library", tmp_path / "lib")
    assert proc.returncode == 0 and "nowhere" in proc.stderr


def test_unwritable_library_exits_4_with_a_message(docs, tmp_path):
    (tmp_path / "file").write_text("occupied")
    proc = hanlin("index", docs, "--library", tmp_path / "file" / "lib")
    assert proc.returncode == 4
    assert "Traceback" not in proc.stderr and "library" in proc.stderr


def test_status_of_a_folder_that_is_no_library_exits_4(tmp_path):
    proc = hanlin("status", "--library", tmp_path)
    assert proc.returncode == 4
    assert "not a Hanlin library" in proc.stderr

