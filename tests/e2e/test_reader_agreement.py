"""Both glyph readers through the whole pipeline: what pdfium's reading makes of the seeds and of
real files must be what pdfplumber's makes of them, within the agreement measured.

Measured when the pdfium reader became the default (all 37 files of the ingest benchmark,
1,019 pages: seeds + real/zh_policy, zh_paper, zh_news; see bench/README.md): 976 page texts
identical, the rest differing by spaces, a table read row by row instead of column by column,
or a line's glyphs falling on either side of layout's row tolerance. The two files whose
fonts are GBK-encoded, which pdfminer reads as mojibake and pdfium reads, are left out here
(`tests/unit/test_pdfium_glyphs.py` checks them). The sample below, 189 pages, gave: 178
pages identical, passage text similarity 1.000 on 19 files, 0.9992, 0.9974 (ucasthesis) and
0.956 (a two-column page whose columns pdfium's reading keeps whole, pdfplumber's does not).
"""

from __future__ import annotations

import pytest
from rapidfuzz.distance import Indel

from indexer.extract.model import ExtractResult
from indexer.extract.pipeline import extract_pdf

SAMPLE = [
    "seeds/000-journal-two-column.pdf",
    "seeds/001-journal-footnotes.pdf",
    "seeds/002-newspaper-page.pdf",
    "seeds/003-digest-compilation.pdf",
    "seeds/003-digest-compilation-scanned.pdf",
    "seeds/004-slide-deck.pdf",
    "real/zh_policy/hzq2023_洪泽区政府信息公开工作年度报告.pdf",
    "real/zh_policy/中华人民共和国宪法_b.pdf",
    "real/zh_policy/红头公文格式样例_放假通知.pdf",
    "real/zh_policy/臺北市大安區健康服務中心_函.pdf",
    "real/zh_policy/新竹縣科技教育創意實作競賽實施計畫.pdf",
    "real/zh_policy/党委2017-010号_工会规定_摘页.pdf",
    "real/zh_policy/安徽省建设用地使用标准2020_p173.pdf",
    "real/zh_paper/CCIR2016_多通道LSTM不平衡情绪分类_会议版.pdf",
    "real/zh_paper/学生论文_资金流向GRU股价预测.pdf",
    "real/zh_paper/课程论文_政府新闻社交网络挖掘.pdf",
    "real/zh_paper/中文信息学报_多通道LSTM不平衡情绪分类.pdf",
    "real/zh_paper/航空动力学报1994_民用航空发动机状态监视.pdf",
    "real/zh_paper/中国土地2025_自然资源统一调查监测现状图建设的若干探索.pdf",
    "real/zh_paper/数字拟人品_CNKI期刊首页.pdf",
    "real/zh_paper/数学新星问题征解_乱码.pdf",
    "real/zh_news/杂志版面_内心强大_带OCR层.pdf",
    "real/zh_paper/ucasthesis_Thesis_cid乱码.pdf",
]

MIN_PASSAGE_SIMILARITY = 0.95  # per file; measured minimum 0.956
MIN_OVERALL_SIMILARITY = 0.99  # all passages of the sample joined; measured 0.996
MIN_IDENTICAL_PAGES = 0.90  # share of pages whose text is the same; measured 178/189 = 0.942


def passages(result: ExtractResult) -> str:
    return "\n".join(p.text for d in result.documents for p in d.passages)


@pytest.fixture(scope="module")
def both(shared_dir):
    """Each sample file extracted with pdfplumber's reading and with pdfium's."""
    corpus = shared_dir / "corpus"
    return {name: (extract_pdf(corpus / name, reader="pdfplumber"), extract_pdf(corpus / name, reader="pdfium"))
            for name in SAMPLE}


@pytest.mark.parametrize("name", SAMPLE)
def test_each_file_gives_the_same_documents(both, name):
    reference, ours = both[name]
    assert ours.pages == reference.pages
    assert [d.title for d in ours.documents] == [d.title for d in reference.documents]
    assert [(d.first_page, d.last_page) for d in ours.documents] == \
        [(d.first_page, d.last_page) for d in reference.documents]
    assert [d.meta for d in ours.documents] == [d.meta for d in reference.documents]
    assert sorted((w.page, w.code) for w in ours.warnings) == sorted((w.page, w.code) for w in reference.warnings)
    assert Indel.normalized_similarity(passages(ours), passages(reference)) >= MIN_PASSAGE_SIMILARITY


def test_the_sample_reads_alike_overall(both):
    reference = "\n".join(passages(pair[0]) for pair in both.values())
    ours = "\n".join(passages(pair[1]) for pair in both.values())
    assert Indel.normalized_similarity(ours, reference) >= MIN_OVERALL_SIMILARITY
    pages = [(a, b) for pair in both.values() for a, b in zip(pair[0].page_texts, pair[1].page_texts, strict=True)]
    assert sum(a == b for a, b in pages) >= MIN_IDENTICAL_PAGES * len(pages)
