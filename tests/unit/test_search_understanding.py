"""Questions, synonyms, near matches, proximity and versions on a small real Whoosh index (no mocks)."""

from __future__ import annotations

import pytest

from indexer.search import IndexedPassage, SearchIndex
from indexer.search.results import MATCH_ALL, MATCH_ANY
from indexer.search.synonyms import with_library

TEXTS = [
    # (doc, year, title, text)
    ("cloud", 2023, "省级科技数据中心建设研究", "技术要点：建议科技数据中心采用混合云的模式部署，兼顾安全与弹性。"),
    ("cloud", 2023, "省级科技数据中心建设研究", "科技数据中心的建设应当统一标准，分级管理，逐步推进。"),
    ("far", 2022, "工作进展（一）", ("大型科研仪器管理制度有待完善。各地还加强了人才队伍建设，完善了考核评价办法，"
                                   "优化了经费管理流程，支持青年科研人员承担重大任务，并与金融机构合作设立专项基金，"
                                   "带动社会资本投向基础研究和应用研究，开放共享局面初步形成。")),
    ("near", 2022, "工作进展（二）", ("平台已推动大型科研仪器开放共享，服务企业超过一万家。各地还加强了人才队伍建设，"
                                   "完善了考核评价办法，优化了经费管理流程，支持青年科研人员承担重大任务，"
                                   "并与金融机构合作设立专项基金，带动社会资本投向基础研究和应用研究。")),
    ("miss", 2021, "东方超环实验", "全超导托卡马克核聚变实验装置实现了1亿摄氏度1066秒运行，创造世界纪录。"),
    ("report-2022", 2022, "2022年科技创新发展报告", ("全省研发经费投入持续增长，规模以上工业企业研发机构覆盖率稳步提高，"
                                                   "科技成果转化成效明显，技术合同成交额再创新高。")),
    ("report-2023", 2023, "2023年科技创新发展报告", ("全省研发经费投入持续增长，规模以上工业企业研发机构覆盖率稳步提高，"
                                                   "科技成果转化成效明显，技术合同成交额再创历史新高。")),
    ("abbr", 2020, "数据安全法实施情况", "数据安全法实施以来，数据分类分级保护制度逐步落实。"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    ix = SearchIndex.recreate(tmp_path_factory.mktemp("ix") / "index")
    with ix.writer() as writer:
        for i, (doc, year, title, text) in enumerate(TEXTS):
            writer.add(IndexedPassage.from_row({
                "passage_id": f"p{i}", "doc_id": doc, "file_sha256": f"sha-{doc}", "file": f"/lib/{doc}.pdf",
                "page": 1 + i, "end_page": 1 + i, "start": 0, "end": len(text), "ordinal": i, "text": text,
                "title": title, "authors": [], "source": "", "keywords": [], "abstract": "", "year": year,
                "doc_type": "paper", "doc_number": ""}))
    yield ix
    ix.close()


def test_an_english_term_finds_its_chinese_form_and_says_so(index):
    r = index.search("科技数据中心 hybrid cloud 部署建议", limit=5)
    assert r.hits[0].passage_id == "p0"
    assert "混合云" in r.also_searched()
    assert "<b>混合云</b>" in r.hits[0].highlight


def test_expansion_can_be_switched_off(index):
    on = index.search("hybrid cloud", limit=5)
    off = index.search("hybrid cloud", limit=5, expand=False)
    assert on.total == 1 and on.hits[0].passage_id == "p0"
    assert off.total == 0 and off.expansions == [] and not off.expand


def test_a_question_finds_its_answer_without_its_question_words(index):
    r = index.search("东方超环是在哪一年创造世界纪录的", limit=5)
    assert r.hits[0].doc_id == "miss"
    assert r.hits[0].match == MATCH_ALL  # 哪一年 and 是/的 are not required
    assert "哪一年" in r.ignored


def test_a_passage_missing_one_term_of_four_still_ranks(index):
    r = index.search("大型科研仪器 开放共享 服务企业 数量", limit=5)
    assert r.total == 0
    assert r.hits and r.hits[0].doc_id == "near" and r.hits[0].match == MATCH_ANY


def test_passages_whose_words_stand_close_rank_first(index):
    r = index.search("大型科研仪器 开放共享", limit=5)
    assert {h.doc_id for h in r.hits} == {"far", "near"}
    assert r.hits[0].doc_id == "near"  # the words side by side, not a paragraph apart


def test_versions_are_grouped_and_the_query_year_leads(index):
    r = index.search("研发经费投入 技术合同成交额", limit=10, grouped=True)
    assert len(r.hits) == 1
    lead = r.hits[0]
    assert len(lead.versions) == 1 and {lead.doc_id, lead.versions[0]["doc_id"]} == {"report-2022", "report-2023"}
    for year in (2022, 2023):
        r = index.search(f"{year}年 研发经费投入 技术合同成交额", limit=10, grouped=True)
        assert r.hits[0].year == year and r.hits[0].versions[0]["year"] != year


def test_passages_of_versions_are_all_listed_when_not_grouped(index):
    r = index.search('"研发经费投入持续增长"', limit=10)
    assert {h.doc_id for h in r.hits} == {"report-2022", "report-2023"}


def test_library_entries_are_searched(index):
    assert index.search("数安法", limit=5).total == 0
    r = index.search("数安法", limit=5, synonyms=with_library("数安法 => 数据安全法"))
    assert r.hits[0].doc_id == "abbr" and r.also_searched() == ["数据安全法"]


def test_phrases_stay_exact(index):
    assert index.search('"混合云"', limit=5).total == 1
    assert index.search('"hybrid cloud"', limit=5).total == 0
