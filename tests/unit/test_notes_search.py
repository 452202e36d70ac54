"""Notes search: every operator and field of the library's query language, over real notes."""

from __future__ import annotations

import pytest

from indexer.errors import QuerySyntaxError
from indexer.search.query import parse
from userdata.notes.search import parse_notes_query, search
from userdata.notes.store import Anchor, NoteStore

SHA = "c" * 64


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> dict[str, object]:
    store = NoteStore(tmp_path_factory.mktemp("notes"), author="王芳")
    made = {
        "chips": store.add(SHA, Anchor("加快芯片产业自主创新"), doc_title="科技自立自强意见",
                           body_text="芯片国产化是关键，关注供应链风险。", tags=["芯片", "产业政策"], stance="关注"),
        "data": store.add(SHA, Anchor("数据分类分级保护制度"), doc_title="数据安全法",
                          body_text="分类分级需要配套细则。", tags=["数据安全"], stance="待核实"),
        "risk": store.add(SHA, Anchor("美国出口管制清单扩大"), doc_title="國際形勢簡報",
                          body_text="對半導體設備的限制將加劇。", tags=["半导体", "风险"], stance="风险",
                          author="李雷"),
        "support": store.add(SHA, Anchor("新安全格局保障新发展格局"), doc_title="二十大报告",
                             body_text="以新安全格局保障新发展格局，支持。", tags=["总体国家安全观"], stance="支持"),
    }
    yield made | {"_all": store.notes()}
    store.close()


def found(notes, query: str) -> set[str]:
    ids = {n.id for n in search(notes["_all"], query)}
    return {k for k, v in notes.items() if k != "_all" and v.id in ids}


@pytest.mark.parametrize("query, expected", [
    ("芯片", {"chips"}),                                   # body and tags
    ("分类分级", {"data"}),                                # quote and body
    ("芯片 供应链", {"chips"}),                             # space = AND
    ("芯片 AND 细则", set()),
    ("芯片 OR 细则", {"chips", "data"}),
    ("芯片 | 细则", {"chips", "data"}),
    ("安全 NOT 数据", {"support"}),
    ("安全 -数据", {"support"}),
    ('"新安全格局"', {"support"}),
    ("“保障新发展”", {"support"}),                          # Chinese quotes
    ('"芯片 供应链"', set()),                              # a phrase is one stretch of text
    ("(芯片 | 半导体) 风险", {"chips", "risk"}),
    ("半导体", {"risk"}),                                   # 半導體 in the body, folded
    ("對半導體", {"risk"}),                                  # traditional query, folded
    ("标签:数据安全", {"data"}),
    ("tag:风险", {"risk"}),
    ("标签：芯片", {"chips"}),                               # full-width colon
    ('标签:"国家安全"', {"support"}),
    ("立场:风险", {"risk"}),
    ("stance:待核实", {"data"}),
    ("-立场:风险 安全", {"data", "support"}),
    ("作者:李雷", {"risk"}),
    ("author:王芳 立场:支持", {"support"}),
    ("标题:数据安全法", {"data"}),
    ("标题:国际形势", {"risk"}),                              # title folded too
    ("原文:出口管制", {"risk"}),
    ("内容:出口管制", set()),
    ("关键词:产业政策", {"chips"}),                           # keywords are tags for notes
    ("年份:2000-", {"chips", "data", "risk", "support"}),
    ("year:-1999", set()),
    ("国产化芯片", {"chips"}),                                # all its words are in the note
    ("国产化光刻机", set()),                                  # 光刻机 is not
])
def test_operators_and_fields(notes, query, expected):
    assert found(notes, query) == expected


def test_plain_word_matches_its_words_anywhere(notes):
    # 供应链风险 is a substring; 风险供应链 is not, but both its words are in the note
    assert found(notes, "风险供应链") == {"chips"}


def test_same_tree_as_the_library_without_note_fields():
    for query in ("芯片 OR (半导体 -美国)", '"新安全格局" 作者:张三', "年份:2020-2025 标题：科技"):
        assert parse_notes_query(query) == parse(query)


@pytest.mark.parametrize("query, message", [
    ("", "检索式为空"),
    ('"芯片', "引号不成对"),
    ("(芯片", "括号不成对"),
    ("芯片)", "右括号多余"),
    ("来源:新华社", "不能用“来源”字段"),
    ("颜色:红", "笔记没有“颜色”这个字段"),
    ("标签:", "后缺少内容"),
    ("-芯片", "只有排除条件"),
    ("芯片 OR", "OR 或 | 两边都需要检索词"),
])
def test_syntax_errors_are_messages(query, message):
    with pytest.raises(QuerySyntaxError, match=message):
        parse_notes_query(query)
