"""What a digest quotes of a hit: the sentences holding the match, without the source's reference marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract.pipeline import extract_pdf
from userdata.digest.excerpt import (
    hit_excerpt,
    hit_span,
    matched_terms,
    sentence_spans,
    strip_reference_marks,
)


@pytest.fixture(scope="module")
def paper(seeds_dir: Path) -> list[str]:
    """The passages of the seed journal paper (its first one holds 关键词… 中图分类号… and [1]-[3])."""
    return [p.text for d in extract_pdf(seeds_dir / "000-journal-two-column.pdf").documents for p in d.passages]


def front(passages: list[str]) -> str:
    return next(p for p in passages if "中图分类号" in p)


def test_the_sentence_holding_the_match_without_front_matter_or_marks(paper):
    quote = hit_excerpt(front(paper), "…<b>科技</b>成为国与国博弈的<b>主战场</b>")
    assert quote.startswith("随着新一轮科技革命") and quote.endswith("关键底线。")
    assert "关键词" not in quote and "[1]" not in quote


def test_front_matter_lines_are_never_quoted(paper):
    quote = hit_excerpt(front(paper), "<b>科技情报</b>工作")
    assert quote.startswith("科技情报工作是") and "关键词" not in quote


def test_neighbouring_sentences_join_when_they_hold_other_terms(paper):
    text = front(paper)
    one = hit_span(text, ["主战场"])
    two = hit_span(text, ["主战场", "5个主要方面"])
    assert one and two and two[0] == one[0] and two[1] > one[1]
    assert two[1] - two[0] <= 300


def test_a_long_sentence_is_cut_at_its_clauses():
    sentence = "，".join(f"第{i}项内容较长需要说明" for i in range(60)) + "。"
    span = hit_span(sentence, ["第30项"], max_chars=80)
    assert span and span[1] - span[0] <= 80 and "第30项" in sentence[span[0]:span[1]]


def test_sentences_end_with_their_closing_quotes():
    text = "他说：“要加快转化！”随后散会。"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["他说：“要加快转化！”", "随后散会。"]


def test_no_match_quotes_nothing_narrower():
    assert hit_span("全文没有命中。", ["检索"]) is None
    assert hit_excerpt("全文没有命中[1]。", "") == "全文没有命中。"


def test_reference_marks_are_dropped():
    assert strip_reference_marks("底线[1]。方面[2-4]，决策［3］；研究¹²。另见[1, 3]。") == "底线。方面，决策；研究。另见。"
    assert strip_reference_marks("江科发〔2025〕12号，[J]期刊，2025[2025]") == "江科发〔2025〕12号，[J]期刊，2025[2025]"


def test_matched_terms_come_from_the_highlight():
    assert matched_terms("…<b>科技 情报</b>和<b>耳目</b>与<b>科技 情报</b>&amp;") == ["科技情报", "耳目"]
