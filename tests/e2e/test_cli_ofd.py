"""The real OFD files of ../shared/corpus/real/ofd through `hanlin extract`, `hanlin index` and `hanlin search`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

HANLIN = Path(sys.executable).with_name("hanlin")


def hanlin(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(HANLIN), *map(str, args)], check=False, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)


@pytest.fixture(scope="module")
def ofd_dir() -> Path:
    folder = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real" / "ofd"
    if not folder.is_dir():
        pytest.skip(f"real OFD files not found at {folder}")
    return folder


@pytest.fixture(scope="module")
def extracted(ofd_dir) -> tuple[subprocess.CompletedProcess, dict[str, dict]]:
    files = sorted(ofd_dir.glob("*.ofd"))
    proc = hanlin("extract", "--json", *files)
    return proc, {Path(item["file"]).name: item for item in json.loads(proc.stdout)}


def test_every_real_ofd_extracts_without_a_traceback_and_the_truncated_one_fails_in_one_line(extracted):
    proc, items = extracted
    assert len(items) == 13
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert proc.returncode == 3  # the truncated file alone
    [line] = proc.stderr.strip().splitlines()
    assert "truncated_broken.ofd" in line and "[corrupt]" in line and "ZIP" in line
    assert items["truncated_broken.ofd"]["error"]["reason"] == "corrupt"
    failed = [name for name, item in items.items() if "error" in item]
    assert failed == ["truncated_broken.ofd"]


def test_the_red_header_notice_has_its_number_title_and_issuer(extracted):
    _, items = extracted
    [doc] = items["路桥区卫生局文件_红头公文.ofd"]["documents"]
    assert doc["doc_number"] == "路卫发〔2011〕76号"
    assert doc["title"] == "关于同意张阿三同志辞职的批复"
    assert doc["issuer"].endswith("路桥区卫生局")
    assert doc["doc_type"] == "policy" and doc["date"] == "2011-03-10"


def test_the_image_only_page_is_recognised_or_reported_as_without_text(extracted):
    _, items = extracted
    item = items["图片页_JPEG.ofd"]
    codes = {w["code"] for w in item["warnings"]}
    assert "no_text" in codes
    assert "ocr" in codes or "no_searchable_text" in codes


def _phrase(text: str) -> str | None:
    runs = re.findall(r"[\u4e00-\u9fff]{3,}|[A-Za-z]{4,}", text)
    return max(runs, key=len)[:8] if runs else None


def test_each_ofd_with_text_is_found_by_a_phrase_of_its_first_page(ofd_dir, extracted, tmp_path):
    _, items = extracted
    library = tmp_path / "lib"
    proc = hanlin("index", ofd_dir, "--library", library, "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["indexed"] == 12 and [f["reason"] for f in summary["failed"]] == ["corrupt"]
    searched = 0
    for name, item in items.items():
        if "error" in item:
            continue
        first = [p["text"] for doc in item["documents"] for p in doc["passages"] if p["page"] == 1]
        phrase = _phrase(" ".join(first))
        if phrase is None:
            continue  # no word on its first page (the file is found by name only)
        found = hanlin("search", f'"{phrase}"', "--library", library, "--json", "--limit", "50")
        assert found.returncode == 0, found.stderr
        files = {Path(hit["file"]).name for hit in json.loads(found.stdout)["hits"]}
        assert name in files, (name, phrase)
        searched += 1
    assert searched >= 11
