"""`hanlin mark` end to end: a librarian marks a file, lists, re-indexes an edited file, clears, and an
installed (read-only) library refuses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HANLIN = Path(sys.executable).with_name("hanlin")


def hanlin(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(HANLIN), *map(str, args)], check=False, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def ok(*args: str | Path) -> str:
    proc = hanlin(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def lib(make_pdf, tmp_path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, title in (("通知.pdf", "关于加强科技安全工作的通知"), ("论文.pdf", "新质生产力的内涵与路径")):
        shutil.move(make_pdf([[f"# {title}", "各地区要把科技安全摆在突出位置。" * 4]], name=f"_{name}"), docs / name)
    ok("index", docs, "--library", tmp_path / "lib", "--quiet", "--workers", "1")
    return tmp_path / "lib"


def test_mark_a_file_list_reindex_and_clear(lib, tmp_path, make_pdf):
    notice = tmp_path / "docs" / "通知.pdf"
    assert "marked 秘密: 1" in ok("mark", "set", "秘密", notice, "--library", lib)
    [row] = json.loads(ok("mark", "list", "--library", lib, "--json"))
    assert row["mark"] == "秘密" and row["title"] == "关于加强科技安全工作的通知" and row["path"] == str(notice)
    assert row["set_by"] and row["set_at"] > 0

    shutil.move(make_pdf([["# 关于加强科技安全工作的通知", "修订稿：健全风险监测预警体系。" * 4]], name="_v2.pdf"), notice)
    ok("index", tmp_path / "docs", "--library", lib, "--quiet", "--workers", "1")
    [again] = json.loads(ok("mark", "list", "--library", lib, "--json"))
    assert again["mark"] == "秘密" and again["doc_id"] != row["doc_id"]

    hits = json.loads(ok("search", "修订稿", "--library", lib, "--json"))
    cleared = json.loads(ok("mark", "clear", hits["hits"][0]["doc_id"], "--library", lib, "--json"))
    assert cleared == {"documents": [again["doc_id"]]}
    assert "no marked documents" in ok("mark", "list", "--library", lib)


def test_levels_show_and_set(lib):
    assert ok("mark", "levels", "--library", lib).strip() == "公开 < 内部 < 秘密 < 机密"
    assert json.loads(ok("mark", "levels", "--set", "公开", "内部", "秘密", "机密", "绝密", "--library", lib,
                         "--json")) == {"levels": ["公开", "内部", "秘密", "机密", "绝密"]}
    assert "绝密" in ok("mark", "levels", "--library", lib)


def test_unknown_mark_or_target_exits_2(lib, tmp_path):
    bad_mark = hanlin("mark", "set", "绝密", tmp_path / "docs" / "论文.pdf", "--library", lib)
    assert bad_mark.returncode == 2 and "绝密" in bad_mark.stderr and "Traceback" not in bad_mark.stderr
    bad_target = hanlin("mark", "set", "内部", tmp_path / "nothing.pdf", "--library", lib)
    assert bad_target.returncode == 2 and "no such document or file" in bad_target.stderr


def test_installed_library_refuses_with_exit_4(lib, tmp_path):
    ok("mark", "set", "内部", tmp_path / "docs" / "论文.pdf", "--library", lib)
    (lib / ".hanlin-bundle.json").write_text("{}", encoding="utf-8")
    refused = hanlin("mark", "clear", tmp_path / "docs" / "论文.pdf", "--library", lib)
    assert refused.returncode == 4 and "read-only" in refused.stderr
    assert json.loads(ok("mark", "list", "--library", lib, "--json"))[0]["mark"] == "内部"
