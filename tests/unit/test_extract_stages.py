"""Extraction stages on small PDFs made in the test: columns, fake bold, furniture, wraps, articles."""

from __future__ import annotations

import re

import pytest

from indexer.errors import ExtractionError
from indexer.extract.pipeline import extract_pdf

LEFT = ("数据要素市场化配置改革是构建新发展格局的重要支撑。各地围绕数据确权、流通交易、收益分配和安全治理"
        "开展了大量探索，形成了一批可复制推广的经验做法，但也暴露出制度供给不足的问题。")
RIGHT = ("科技情报机构应当主动融入创新决策链条。通过建设专题数据库、开展技术预见和竞争情报分析，"
         "为地方政府研判产业技术路线、识别关键核心技术风险提供及时可靠的支撑。")


def _all_text(result) -> str:
    return "".join(p.text for d in result.documents for p in d.passages)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_two_columns_are_read_column_by_column(make_pdf):
    path = make_pdf([[LEFT * 3, RIGHT * 3]], columns=2, font_size=10)
    text = _squash(_all_text(extract_pdf(path)))
    assert _squash(LEFT * 3) in text
    assert _squash(RIGHT * 3) in text
    assert text.index(_squash(LEFT)) < text.index(_squash(RIGHT))


def test_fake_bold_title_is_read_once(make_pdf):
    path = make_pdf([["# 关于加强数据安全管理的通知", LEFT]])
    doc = extract_pdf(path).documents[0]
    assert doc.title == "关于加强数据安全管理的通知"
    assert "关关" not in _all_text(extract_pdf(path))


def test_running_header_footer_and_page_numbers_are_removed(make_pdf):
    pages = [[LEFT * 2], [RIGHT * 2], [LEFT + RIGHT]]
    path = make_pdf(pages, header="决策参考 2025年第3期", footer="— {page} —")
    result = extract_pdf(path)
    text = _all_text(result)
    assert "决策参考" not in text and "—" not in text
    assert all("决策参考" not in page for page in result.page_texts)
    assert _squash(LEFT * 2) in _squash(text)


def test_hard_wrapped_lines_are_rejoined_without_spaces(make_pdf):
    path = make_pdf([[LEFT * 2]], font_size=12)
    passages = [p.text for d in extract_pdf(path).documents for p in d.passages]
    assert any(LEFT in p for p in passages), passages  # exact: no space or break inside
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", "".join(passages))


def test_latin_words_keep_their_spaces(make_pdf):
    path = make_pdf([[(72, 100, "The results are robust to alternative specifications", 10),
                      (72, 130, "各区人民政府，市政府各委、办、局：", 10)]])
    text = _all_text(extract_pdf(path))
    assert "The results are robust to alternative specifications" in text
    assert "各区人民政府，市政府各委、办、局：" in text


def test_clauses_start_new_paragraphs(make_pdf):
    lines = [
        (72, 100, "第一条 为了规范科技情报资源的开放共享，制定本办法。", 11),
        (72, 120, "第二条 本办法适用于本省行政区域内财政资金支持形成的科技", 11),
        (72, 140, "情报资源的开放共享活动。", 11),
        (72, 160, "第三条 开放共享应当遵循统筹规划、分类管理、安全可控的原则。", 11),
    ]
    path = make_pdf([lines])
    text = extract_pdf(path).page_texts[0]
    assert "\n第二条" in text and "\n第三条" in text
    assert "第二条 本办法适用于本省行政区域内财政资金支持形成的科技情报资源的开放共享活动。" in text


def test_a_policy_has_its_doc_number_title_and_type(make_pdf):
    lines = [
        (150, 80, "江川省科学技术厅文件", 26),
        (240, 140, "江科发〔2025〕12号", 14),
        (90, 190, "江川省科学技术厅关于开展科技情报资源普查的通知", 18),
        (72, 240, "各设区市科技局，省直有关单位：", 14),
        (72, 270, "第一条 为摸清全省科技情报资源底数，决定开展普查工作。", 14),
        (72, 300, "第二条 普查范围为财政资金支持形成的各类科技情报资源。", 14),
    ]
    doc = extract_pdf(make_pdf([lines])).documents[0]
    assert doc.title == "江川省科学技术厅关于开展科技情报资源普查的通知"
    assert doc.doc_number == "江科发〔2025〕12号"
    assert doc.doc_type == "policy"
    assert doc.year == 2025
    assert doc.authors == () and doc.issuer == "江川省科学技术厅"  # the issuing body is not an author


def test_a_compilation_is_split_into_its_articles(make_pdf):
    first = ["# 以场景创新加快科技成果转化", "王立新、李婉清", LEFT * 2,
             "（来源：《江川科技论坛》2025年第2期；作者：研究员王立新、李婉清）"]
    second = ["# 科技情报机构数字化转型的做法", "赵明哲", RIGHT * 2,
              "（来源：《科技情报研究动态》2025年第1期）"]
    docs = extract_pdf(make_pdf([first, second])).documents
    assert [d.title for d in docs] == ["以场景创新加快科技成果转化", "科技情报机构数字化转型的做法"]
    assert docs[0].authors == ("王立新", "李婉清") and docs[1].authors == ("赵明哲",)
    assert (docs[0].source, docs[0].issue, docs[0].year) == ("江川科技论坛", "2025年第2期", 2025)
    assert (docs[1].source, docs[1].issue) == ("科技情报研究动态", "2025年第1期")
    assert _squash(LEFT * 2) in _squash("".join(p.text for p in docs[0].passages))
    assert "来源" not in "".join(p.text for p in docs[0].passages)


def test_passages_respect_size_limits_and_map_back_to_the_page(make_pdf):
    paragraphs = [LEFT * 3, RIGHT * 2, LEFT * 9, LEFT + RIGHT, RIGHT * 4, LEFT]
    result = extract_pdf(make_pdf([paragraphs[:3], paragraphs[3:]], font_size=10))
    passages = [p for d in result.documents for p in d.passages]
    assert len(passages) >= 3
    for passage in passages[:-1]:
        assert 150 <= len(passage.text) <= 600, len(passage.text)
        assert passage.text[-1] in "。！？；", passage.text[-20:]
    for passage in passages:
        page_text = result.page_texts[passage.page - 1]
        if passage.end_page == passage.page:
            assert page_text[passage.start:passage.end] == passage.text
        else:
            assert passage.text.startswith(page_text[passage.start:][:20])


def test_a_page_without_text_is_flagged_as_scanned(make_pdf):
    result = extract_pdf(make_pdf([[LEFT], []]))
    codes = {(w.page, w.code) for w in result.warnings}
    assert (2, "no_text") in codes
    assert (1, "no_text") not in codes


def test_a_pdf_without_pages_says_so(shared_dir):
    path = shared_dir / "corpus" / "real" / "robustness" / "malformed_zero_pages.pdf"
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(path)
    assert caught.value.reason == "empty"
    assert "没有任何页面" in caught.value.message


def test_a_broken_page_tree_is_corrupt_not_a_crash(shared_dir):
    path = shared_dir / "corpus" / "real" / "robustness" / "malformed_operator_list_cycle.pdf"
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(path)
    assert caught.value.reason == "corrupt"


def test_a_decimal_number_starting_a_line_does_not_start_an_item(make_pdf):
    # The second line ends short because "3.3845亿元" could not be broken: it is no new item.
    lines = [
        (72, 100, "全市科技服务业营收稳步提升，高新技术企业数量连续八年居全省第二；2025", 10),
        (72, 115, "年，全市登记技术合同214份，技术开发与服务合同占比过半，合同成交额", 10),
        (72, 130, "3.3845亿元，同比增长222%；全市科技服务业营收稳步提升，入统企业共实现营收", 10),
        (72, 145, "11.4亿元。", 10),
    ]
    text = extract_pdf(make_pdf([lines])).page_texts[0]
    assert "合同成交额3.3845亿元" in text
