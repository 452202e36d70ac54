"""`hanlin search` end to end: a PDF indexed with `hanlin index`, then searched as the scorers do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PARAGRAPHS = [
    "# 科技安全治理对策研究",
    "科技安全是国家安全的重要内容，科技情报工作连接创新前沿与安全底线。",
    "到2030年，基本建立覆盖全面、导向明确的科技伦理治理体制，健全风险监测预警机制。",
    "晋中市第38个爱国卫生月活动启动仪式在左权县举行，旨在共同建设健康晋中。",
]


def hanlin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "indexer.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=240, check=False)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    root = tmp_path_factory.mktemp("cli")
    pdf = root / "doc.pdf"
    canvas = Canvas(str(pdf), pagesize=A4, invariant=1)
    y = A4[1] - 80
    for paragraph in PARAGRAPHS:
        size = 16 if paragraph.startswith("# ") else 10.5
        text = paragraph.removeprefix("# ")
        canvas.setFont("STSong-Light", size)  # registered by conftest
        for start in range(0, len(text), 40):
            canvas.drawString(60, y, text[start:start + 40])
            y -= size * 1.6
        y -= 10
    canvas.showPage()
    canvas.save()
    lib = root / "lib"
    run = hanlin("index", str(pdf), "--library", str(lib))
    assert run.returncode == 0, run.stderr
    return lib


def test_json_contract(library: Path):
    run = hanlin("search", '"30年"', "--library", str(library), "--json", "--limit", "5")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert {"query", "total", "facets", "hits"} <= set(out)
    assert out["query"] == '"30年"' and out["total"] == 1
    hit = out["hits"][0]
    assert {"passage_id", "doc_id", "doc_title", "file", "page", "text", "highlight", "score"} <= set(hit)
    assert "2030年" in hit["text"] and len(hit["text"]) <= 1200
    assert "<b>30年</b>" in hit["highlight"] and hit["page"] == 1


def test_traditional_query_and_text_output(library: Path):
    run = hanlin("search", "預警機制", "--library", str(library))
    assert run.returncode == 0, run.stderr
    assert "【预警机制】" in run.stdout


@pytest.mark.parametrize("query", ['"科技', "作家:王旭", "", "的"])
def test_bad_query_exits_2_without_traceback(library: Path, query: str):
    run = hanlin("search", query, "--library", str(library))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.startswith("hanlin: ")


def test_not_a_library_exits_4(tmp_path: Path):
    run = hanlin("search", "科技", "--library", str(tmp_path))
    assert run.returncode == 4 and "Traceback" not in run.stderr


def test_own_synonyms_and_no_expand(library: Path, tmp_path: Path):
    import shutil

    lib = tmp_path / "lib"
    shutil.copytree(library, lib)
    assert hanlin("synonyms", "add", "不成行", "--library", str(lib)).returncode == 2
    added = hanlin("synonyms", "add", "科情 => 科技情报", "--library", str(lib))
    assert added.returncode == 0, added.stderr
    listed = json.loads(hanlin("synonyms", "list", "--library", str(lib), "--json").stdout)
    assert listed["own"] == ["科情 => 科技情报"] and listed["dictionary_version"] >= 1
    found = json.loads(hanlin("search", "科情工作", "--library", str(lib), "--json").stdout)
    assert found["total"] == 1 and found["expansions"] == [{"word": "科情", "also": ["科技情报"]}]
    text = hanlin("search", "科情工作", "--library", str(lib)).stdout
    assert "也检索了 (also searched)：科技情报" in text
    off = json.loads(hanlin("search", "科情工作", "--library", str(lib), "--json", "--no-expand").stdout)
    assert off["total"] == 0 and not off["expand"]
    assert hanlin("synonyms", "remove", "科情 => 科技情报", "--library", str(lib)).returncode == 0
    assert hanlin("synonyms", "remove", "科情 => 科技情报", "--library", str(lib)).returncode == 2
