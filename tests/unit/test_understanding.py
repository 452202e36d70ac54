"""Query understanding and the synonyms dictionary, without an index: what a query requires,
what only helps, what it leaves out and what else it looks for."""

from __future__ import annotations

import pytest

from indexer.errors import QuerySyntaxError
from indexer.search import query as ql
from indexer.search import synonyms
from indexer.search.understanding import make_plan


def plan(text: str, syn: synonyms.Synonyms | None = None):
    return make_plan(ql.parse(text), syn if syn is not None else synonyms.shipped())


def test_question_words_are_left_out_and_listed():
    p = plan("中国现代国际关系研究院科技与网络安全研究所的所长是谁")
    words = [w for u in p.hard() for w in u.words]
    assert "谁" not in words and "所长" in words and "研究所" in words
    assert "谁" in p.ignored
    p = plan("美国白宫是什么时候发布新版国家安全战略报告的")
    assert {"什么", "时候"} <= set(p.ignored)
    assert "时候" not in [w for u in p.units for w in u.words]


def test_a_measure_word_after_a_question_word_belongs_to_the_question():
    p = plan("我国签署了多少个政府间科技合作协定")
    assert {"多少", "个"} <= set(p.ignored)
    assert "个" not in [w for u in p.units for w in u.words]


def test_numbers_are_soft_and_a_year_is_remembered():
    p = plan("2024年 山西省 重点实验室 总数")
    soft = p.soft()
    assert [u.text for u in soft] == ["2024年"]
    assert p.years == [2024]
    assert all(not u.soft for u in p.hard()) and len(p.hard()) == 3


def test_a_query_of_only_a_number_still_requires_it():
    p = plan("5000件")
    assert [u.words for u in p.hard()] == [("5000",)]
    assert p.soft() == []


def test_dictionary_forms_become_one_unit_with_alternatives():
    p = plan("北大数字普惠金融指数 蚂蚁集团")
    by_text = {u.text: u for u in p.units}
    assert "北京大学" in by_text["北大"].alternatives
    assert "蚂蚁金服" in by_text["蚂蚁集团"].alternatives
    assert ("蚂蚁集团", by_text["蚂蚁集团"].alternatives) in p.expansions


def test_english_names_across_query_words_are_looked_up_together():
    p = plan("Lockheed Martin 数字孪生 hybrid cloud")
    texts = {u.text: u.alternatives for u in p.units}
    assert "洛克希德·马丁" in texts["lockheed martin"]
    assert "混合云" in texts["hybrid cloud"]


def test_one_way_entries_do_not_expand_backwards():
    assert "北京大学" in plan("北大").units[0].alternatives
    assert plan("北京大学").units[0].alternatives == ()  # 北大 would find 东北大学


def test_alternatives_that_contain_the_query_word_are_not_added():
    p = plan("十三五")
    assert all("十三五" not in a for a in p.units[0].alternatives)


def test_no_expansion_without_a_dictionary():
    p = make_plan(ql.parse("发改委 科技"), None)
    assert p is not None and p.expansions == [] and all(not u.alternatives for u in p.units)


def test_queries_with_or_or_only_a_phrase_have_no_plan():
    assert make_plan(ql.parse('"新安全格局"'), synonyms.shipped()) is None
    assert make_plan(ql.parse("芯片 OR 半导体"), synonyms.shipped()) is None


def test_pieces_typed_together_are_kept_for_adjacency():
    p = plan("科技安全 首次提出")
    assert "首次提出" in p.adjacent


def test_shipped_dictionary_has_a_version_and_known_groups():
    d = synonyms.shipped()
    assert d.version >= 1 and len(d) > 50
    assert "国家发展和改革委员会" in d.lookup(("发改委",))
    assert "高超声速" in d.lookup(("高超音速",))


def test_library_entries_are_added_and_checked():
    own = synonyms.with_library("数安法 => 数据安全法\n")
    assert own.lookup(("数安法",)) == ["数据安全法"]
    assert own.lookup(("发改委",))  # the shipped ones stay
    with pytest.raises(QuerySyntaxError, match="line 2"):
        synonyms.parse_entries("甲乙 = 丙丁\n没有等号\n", strict=True)
    assert len(synonyms.parse_entries("甲乙 = 丙丁\n没有等号\n")) == 1
