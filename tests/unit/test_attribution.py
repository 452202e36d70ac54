"""Attribution lines (来源 / 摘自 / 原载 …) read into publication, year, issue and authors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.extract.attribution import author_names, parse_attribution


@pytest.mark.parametrize("line, source, year, issue", [
    ("（来源：《中国科技论坛》2025年第5期；作者：研究员丁明磊）", "中国科技论坛", 2025, "2025年第5期"),
    ("（来源：科技日报，2025年7月14日理论版；作者：刘如）", "科技日报", 2025, "2025年7月14日理论版"),
    ("来源：人民日报 2025年10月20日 第5版", "人民日报", 2025, "2025年10月20日 第5版"),
    ("【来源】人民日报", "人民日报", None, ""),
    ("摘自《求是》2025年第8期", "求是", 2025, "2025年第8期"),
    ("原载学习时报2025-03-02第5版", "学习时报", 2025, "2025-03-02第5版"),
    ("(来源: 中国应急信息网)", "中国应急信息网", None, ""),
])
def test_the_many_printed_forms(line, source, year, issue):
    parsed = parse_attribution(line)
    assert parsed is not None and (parsed.source, parsed.year, parsed.issue) == (source, year, issue)


@pytest.mark.parametrize("sentence", ["来源于江川省统计局2024年的数据显示，增长明显。", "摘自某报告的数据显示增长",
                                      "原载体的性质决定了结果。" * 20])
def test_body_sentences_are_not_attributions(sentence):
    assert parse_attribution(sentence) is None


def test_posts_and_units_are_taken_off_the_names():
    assert author_names("中国科学技术发展战略研究院助理研究员薛美慧、研究员丁明磊，北京理工大学管理学院研究员尹西明。") == (
        "薛美慧", "丁明磊", "尹西明")
    assert author_names("张三 李四") == ("张三", "李四")


def test_the_seed_compilation_lines(seeds_dir: Path):
    truth = json.loads((seeds_dir / "003-digest-compilation.truth.json").read_text(encoding="utf-8"))
    parsed = [parse_attribution(a["source"]) for a in truth["articles"]]
    assert [p.source for p in parsed if p] == ["中国科技论坛", "人民论坛·学术前沿", "中国科技论坛", "科技日报", "科技中国"]
    assert [p.issue for p in parsed if p][:2] == ["2025年第5期", "2025年第7期"]
    for article, p in zip(truth["articles"], parsed):
        assert p is not None and p.year == 2025 and list(p.authors) == article["authors"]


def test_the_demo_library_lines(demo_dir: Path):
    data = json.loads((demo_dir / "digest-compilation.json").read_text(encoding="utf-8"))
    lines = [a["source"] for a in data.get("articles", []) if a.get("source")]
    assert lines
    for line in lines:
        parsed = parse_attribution(line)
        assert parsed is not None and parsed.source and "来源" not in parsed.source and parsed.year == 2025
