"""The `make_pdf` test helper draws what its docstring promises."""

from __future__ import annotations

import pdfplumber


def test_positioned_line_lands_at_its_coordinates(make_pdf):
    path = make_pdf([[(72, 100, "科技情报", 12)]])
    with pdfplumber.open(path) as pdf:
        word = pdf.pages[0].extract_words()[0]
    assert word["text"] == "科技情报"
    assert abs(word["x0"] - 72) < 0.5 and abs(word["top"] - 100) < 1.5


def test_bold_is_over_printed(make_pdf):
    path = make_pdf([[(72, 72, "关于", 16, "bold")]])
    with pdfplumber.open(path) as pdf:
        chars = [c["text"] for c in pdf.pages[0].chars]
    assert sorted(chars) == sorted("关关于于")


def test_two_columns_header_footer_and_articles(make_pdf):
    left = "甲" * 1100  # more than one column holds
    path = make_pdf([["# 第一篇", left, "# 第二篇", "乙" * 40]], columns=2,
                    header="决策参考 2025年第3期", footer="— {page} —")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        half = page.width / 2
        right_text = page.crop((half, 0, page.width, page.height)).extract_text()
        full_text = page.extract_text()
    assert "决策参考 2025年第3期" in full_text and "— 1 —" in full_text
    assert "第第二二篇篇" in right_text.replace("\n", "")
    assert "乙" * 10 in right_text.replace("\n", "")


def test_flowing_text_that_does_not_fit_is_an_error(make_pdf):
    import pytest

    with pytest.raises(ValueError, match="does not fit"):
        make_pdf([["字" * 20000]])
