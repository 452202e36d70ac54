"""The parts of the analysis on their own: Kleinberg bursts, attribution patterns, tables, the CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.errors import OutputFileError
from indexer.insight.affiliations import attribute, clean_institution
from indexer.insight.burst import burst_states, bursts_of, term_bursts
from indexer.insight.documents import DocumentRow
from indexer.insight.tables import csv_text, write_csv, write_xlsx


def _doc(n: int, year: int, keywords: tuple[str, ...]) -> DocumentRow:
    return DocumentRow(doc_id=f"d{n}", title="", authors=(), source="", journal="", keywords=keywords, abstract="",
                       year=year, doc_type="paper", doc_number="", issuer="", date="", affiliations=(),
                       file_sha256=f"f{n}", first_page=1, last_page=1)


def test_a_term_used_much_more_in_some_years_bursts_there():
    used = [1, 1, 1, 1, 8, 9, 8, 1, 1, 1]
    assert burst_states(used, [10] * 10) == [0, 0, 0, 0, 1, 1, 1, 0, 0, 0]
    (burst,) = bursts_of(used, [10] * 10, 2015, "芯片")
    assert (burst.term, burst.start, burst.end) == ("芯片", 2019, 2021)
    assert burst.weight > 10


def test_an_even_term_does_not_burst_and_a_higher_cost_of_entering_keeps_short_rises_out():
    assert burst_states([3] * 8, [10] * 8) == [0] * 8
    assert burst_states([0] * 5, [10] * 5) == [0] * 5
    assert burst_states([1, 1, 4, 1, 1], [10] * 5, gamma=0.5) == [0, 0, 1, 0, 0]  # entering costs 0.5·ln 5
    assert burst_states([1, 1, 4, 1, 1], [10] * 5, gamma=1.0) == [0] * 5  # ln 5 > what the year saves


def test_term_bursts_over_documents_by_year():
    docs, terms = [], []
    n = 0
    for year in range(2016, 2026):
        for i in range(10):
            hot = year in (2022, 2023) and i < 7 or i == 0
            docs.append(_doc(n, year, ()))
            terms.append(("安全", "芯片") if hot else ("安全",))
            n += 1
    (burst,) = term_bursts(docs, terms)  # 安全 is in every document: no burst
    assert (burst.term, burst.start, burst.end) == ("芯片", 2022, 2023)


@pytest.mark.parametrize(("text", "expected"), [
    ("山西省科技情报与战略研究中心,山西太原030024", "山西省科技情报与战略研究中心"),
    ("中国现代国际关系研究院科技与网络安全研究所所长、研究员", "中国现代国际关系研究院科技与网络安全研究所"),
    ("中国科学技术发展战略研究院助理研究员", "中国科学技术发展战略研究院"),
    ("研究员", ""),
    ("男，1984年生", ""),
])
def test_an_institution_loses_titles_and_addresses(text: str, expected: str):
    assert clean_institution(text) == expected


def test_attribution_patterns():
    byline = "某题目\n张三¹,李四1,2,王五²\n(1.清华大学公共管理学院,北京 100084;2.北京大学信息管理系,北京 100871)\n摘要:…"
    assert attribute(["张三", "李四", "王五"], [], [byline]) == {
        "张三": "清华大学公共管理学院", "李四": "清华大学公共管理学院", "王五": "北京大学信息管理系"}
    line = "（来源：某刊，2025年第1期；作者：甲研究院研究员赵一、副研究员钱二，乙大学管理学院教授孙三）"
    assert attribute(["赵一", "钱二", "孙三"], [], [line]) == {"赵一": "甲研究院", "钱二": "甲研究院", "孙三": "乙大学管理学院"}
    # nothing printed, several units in the catalogue: not guessed; one unit: everyone's
    assert attribute(["赵一", "钱二"], ["甲研究院", "乙大学"], ["正文"]) == {}
    assert attribute(["赵一", "钱二"], ["甲研究院"], ["正文"]) == {"赵一": "甲研究院", "钱二": "甲研究院"}


def test_tables_as_csv_and_xlsx(tmp_path: Path):
    from openpyxl import load_workbook

    table = (["作者 author", "文献数 documents"], [["王旭", 2], ["刘锐, 二", 1]])
    assert list(csv.reader(io.StringIO(csv_text(table)))) == [["作者 author", "文献数 documents"], ["王旭", "2"],
                                                              ["刘锐, 二", "1"]]
    write_csv(tmp_path / "a.csv", table)
    assert (tmp_path / "a.csv").read_bytes().startswith("\ufeff作者".encode())
    write_xlsx(tmp_path / "a.xlsx", {"authors": table, "x" * 40: table})
    book = load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == ["authors", "x" * 31]
    assert [[c.value for c in row] for row in book["authors"].iter_rows()] == [list(table[0]), *table[1]]
    with pytest.raises(OutputFileError, match="无法写入"):
        write_csv(tmp_path / "missing" / "a.csv", table)


def test_the_cli_prints_json_csv_and_refuses_a_bad_query(tmp_path: Path, make_pdf):
    from indexer.library.library import Library

    pdf = make_pdf([["国务院办公厅关于加强科技安全的通知", "国办发〔2024〕5号", "各省人民政府：科技安全是国家安全的重要组成。",
                     "国务院办公厅", "2024年3月1日"]], name="notice.pdf")
    with Library.open(tmp_path / "lib", create=True) as library:
        library.add([pdf], workers=1, ocr=False)
    hanlin = [sys.executable, "-m", "indexer.cli"]
    run = subprocess.run([*hanlin, "analyze", "--library", str(tmp_path / "lib"), "--json"], capture_output=True,
                         text=True, check=True)
    data = json.loads(run.stdout)
    assert data["documents"] == 1 and data["scope"] == ""
    run = subprocess.run([*hanlin, "analyze", "科技安全", "--library", str(tmp_path / "lib"), "--csv", "counts_year"],
                         capture_output=True, text=True, check=True)
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert rows[0] == ["年份 year", "文献数 documents"] and sum(int(r[1]) for r in rows[1:]) == 1
    run = subprocess.run([*hanlin, "analyze", "(", "--library", str(tmp_path / "lib")], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    run = subprocess.run([*hanlin, "analyze", "--library", str(tmp_path / "lib"), "--xlsx",
                          str(tmp_path / "no" / "t.xlsx")], capture_output=True, text=True, check=False)
    assert run.returncode == 6 and "无法写入" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run([*hanlin, "analyze", "--library", str(tmp_path / "lib")], capture_output=True, text=True,
                         check=True)
    assert "整个文献库 1 篇文献" in run.stdout
