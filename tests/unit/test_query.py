"""The query parser: every operator, fields, phrases and the syntax errors it reports."""

from __future__ import annotations

import pytest

from indexer.errors import QuerySyntaxError
from indexer.search.query import (
    MAX_DEPTH,
    MAX_QUERY_CHARS,
    MAX_WORDS,
    And,
    Not,
    Or,
    Term,
    YearRange,
    highlight_terms,
    parse,
)


def test_space_is_and():
    assert parse("科技安全 治理") == And((Term("科技安全"), Term("治理")))


@pytest.mark.parametrize("query", ["芯片 OR 半导体", "芯片 | 半导体", "芯片|半导体", "芯片 ｜ 半导体"])
def test_or(query):
    assert parse(query) == Or((Term("芯片"), Term("半导体")))


def test_and_binds_tighter_than_or():
    assert parse("科技 安全 OR 风险") == Or((And((Term("科技"), Term("安全"))), Term("风险")))


@pytest.mark.parametrize("query", ["科技安全 NOT 美国", "科技安全 -美国", "科技安全 －美国"])
def test_not(query):
    assert parse(query) == And((Term("科技安全"), Not(Term("美国"))))


def test_hyphen_inside_a_word_is_not_not():
    assert parse("COVID-19") == Term("covid-19")


@pytest.mark.parametrize("query", ['"新安全格局"', "“新安全格局”", "＂新安全格局＂"])
def test_phrases_in_ascii_and_chinese_quotes(query):
    assert parse(query) == Term("新安全格局", phrase=True)


def test_phrase_keeps_spaces_and_operators_literally():
    assert parse('"科技 OR 安全"') == Term("科技 or 安全", phrase=True)


def test_parentheses_group():
    assert parse("(芯片 | 半导体) 国产化") == And((Or((Term("芯片"), Term("半导体"))), Term("国产化")))
    assert parse("（芯片 | 半导体） 国产化") == parse("(芯片 | 半导体) 国产化")


@pytest.mark.parametrize("query, field", [
    ("标题:科技安全", "title"), ("title:科技安全", "title"), ("标题：科技安全", "title"),
    ("作者:王旭", "author"), ("author:王旭", "author"), ("来源:情报工程", "source"),
    ("source:情报工程", "source"), ("文号:国办发", "number"), ("关键词:科技安全", "keywords"),
])
def test_fields(query, field):
    node = parse(query)
    assert isinstance(node, Term) and node.field == field and not node.phrase


def test_field_with_a_phrase():
    assert parse("标题:“科技安全”") == Term("科技安全", "title", phrase=True)


def test_traditional_query_is_folded():
    assert parse("科技安全 預警機制") == And((Term("科技安全"), Term("预警机制")))


@pytest.mark.parametrize("query, expected", [
    ("年份:2020-2025", YearRange(2020, 2025)), ("year:2023", YearRange(2023, 2023)),
    ("year:2020-", YearRange(2020, None)), ("年份：-2019", YearRange(None, 2019)),
    ("year:2025-2020", YearRange(2020, 2025)), ("年份:2020~2022", YearRange(2020, 2022)),
])
def test_year_ranges(query, expected):
    assert parse(query) == expected


@pytest.mark.parametrize("query, value", [("类型:政策", "policy"), ("type:paper", "paper"), ("类型:新闻", "news")])
def test_type_values(query, value):
    assert parse(query) == Term(value, "type")


def test_stop_words_dropped_between_real_words():
    assert parse("科技安全 的 概念") == And((Term("科技安全"), Term("概念")))


def test_times_and_ratios_are_not_fields():
    assert parse("10:30") == Term("10:30")


@pytest.mark.parametrize("query, says", [
    ("", "为空"), ("   ", "为空"),
    ('"新安全格局', "引号不成对"), ("“新安全格局", "引号不成对"), ('科技 "', "引号不成对"),
    ('""', "引号内为空"),
    ("作家:王旭", "没有“作家”这个字段"), ("foo:bar", "unknown field"),
    ("标题:", "缺少内容"),
    ("的", "停用词"), ("的 是 什么", "停用词"),
    ("-美国", "只有排除"), ("NOT 美国", "只有排除"),
    ("OR 科技", "OR"), ("科技 OR", "OR"), ("科技 | | 安全", "OR"),
    ("(科技", "括号不成对"), ("科技)", "右括号多余"), ("()", "括号内为空"),
    ("科技 NOT", "NOT"),
    ("年份:去年", "年份"), ("year:20", "年份"),
    ("类型:小说", "未知类型"),
])
def test_bad_syntax_says_what_is_wrong(query, says):
    with pytest.raises(QuerySyntaxError) as caught:
        parse(query)
    assert says in str(caught.value)
    assert caught.value.exit_code == 2


def test_highlight_terms_skip_exclusions_and_fields():
    terms = highlight_terms(parse('科技安全 “新安全格局” -美国 标题:治理'))
    assert "科技安全" in terms and "新安全格局" in terms
    assert "美国" not in terms and "治理" not in terms


@pytest.mark.parametrize("query, says", [
    ("科" * (MAX_QUERY_CHARS + 1), f"最多 {MAX_QUERY_CHARS} 字"),
    ("-" * 1200 + "科技", f"at most {MAX_QUERY_CHARS}"),
    ("(" * 330 + "科技" + ")" * 330, f"最多 {MAX_DEPTH} 层"),
    ("-" * (MAX_DEPTH + 1) + "科技 安全", "nests too deeply"),
    ("NOT " * (MAX_DEPTH + 1) + "科技 安全", "nests too deeply"),
    ("-(" * MAX_DEPTH + "科技" + ")" * MAX_DEPTH + " 安全", "nests too deeply"),
    (" ".join(f"w{i}" for i in range(MAX_WORDS + 1)), f"最多 {MAX_WORDS} 个"),
    ("数据安全法实施以来中华人民共和国数据分类分级保护制度逐步落实" * 20, "too many words"),
])
def test_limits_are_refused_with_the_limit_named(query, says):
    with pytest.raises(QuerySyntaxError) as caught:
        parse(query)
    assert says in str(caught.value)


def test_queries_at_the_limits_parse():
    assert parse("(" * MAX_DEPTH + "科技" + ")" * MAX_DEPTH) == Term("科技")
    assert parse("科技 " + "-" * (MAX_DEPTH - 1) + "美国")
    assert len(parse(" ".join(f"w{i}" for i in range(MAX_WORDS))).items) == MAX_WORDS
    assert parse("a" * MAX_QUERY_CHARS + "   ") == Term("a" * MAX_QUERY_CHARS)


def test_a_pasted_sentence_is_one_search():
    sentence = "以新安全格局保障新发展格局，健全国家安全体系，增强维护国家安全能力，提高公共安全治理水平。"
    assert isinstance(parse(sentence), Term)


def test_an_unclosed_quote_in_a_long_query_quotes_only_its_start():
    with pytest.raises(QuerySyntaxError) as caught:
        parse("科技 “" + "安全" * 400)
    assert len(str(caught.value)) < 100
