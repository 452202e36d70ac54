"""GB/T 7714-2015 entries: built from what extraction really finds in the seed corpus and the demo library,
checked against the seeds' *.truth.json, and the rules on hand-made metadata."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from indexer.extract.pipeline import extract_pdf
from indexer.library.catalog import Catalog, PathStat
from indexer.library.reader import CatalogReader
from indexer.meta import DocumentMeta
from userdata.digest.citation import authors_text, parse_imprint, reference, source_line, type_code
from userdata.digest.model import SourceSnapshot
from userdata.digest.sources import describe, page_label

SEEDS = ["000-journal-two-column", "001-journal-footnotes", "002-newspaper-page", "003-digest-compilation"]


@pytest.fixture(scope="module")
def references(seeds_dir: Path, demo_dir: Path, tmp_path_factory) -> dict[str, str]:
    """title (spaces removed) → entry, for every document of the seeds and the demo PDFs."""
    folder = tmp_path_factory.mktemp("citations")
    catalog = Catalog(folder / "catalog.db")
    pdfs = [seeds_dir / f"{name}.pdf" for name in SEEDS] + sorted(demo_dir.glob("*.pdf"))
    for path in pdfs:
        result = extract_pdf(path)
        catalog.store_result(result.sha256, [PathStat(str(path), 1, 1)], result)
    catalog.close()
    with CatalogReader(folder) as reader:
        ids = [r[0] for r in reader.db.execute("SELECT doc_id FROM documents")]
        refs = [describe(reader, doc_id).source for doc_id in ids]
    return {_plain(s.title): reference(s) for s in refs}


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_truth_article_is_cited_with_its_authors_and_title(references, seeds_dir, seed):
    truth = json.loads((seeds_dir / f"{seed}.truth.json").read_text(encoding="utf-8"))
    for article in truth["articles"]:
        entry = references[_plain(article["title"])]
        authors = article["authors"][:3] + (["等"] if len(article["authors"]) > 3 else [])
        lead = ", ".join(authors) + ". " if authors else ""
        assert entry.startswith(lead), entry
        assert _plain(article["title"]) + "[" in _plain(entry)
        assert entry.endswith(".")


def test_journal_article_has_journal_year_volume_issue_and_printed_pages(references):
    assert references["科技情报支撑山西省科技安全治理对策研究"] == (
        "王旭, 刘锐, 何俊琦. 科技情报支撑山西省科技安全治理对策研究[J]. 情报工程, 2026, 12(1): 1-8.")
    # The demo paper sits on PDF pages 1-3, printed as pages 37-39 of its issue.
    assert references["基于政策文本挖掘的区域科技政策协同度测度——以江川省为例"] == (
        "陈思远, 刘晓彤, 王建国. 基于政策文本挖掘的区域科技政策协同度测度——以江川省为例[J]. "
        "江川科技情报, 2025(2): 37-39.")


def test_newspaper_item_has_date_and_page(references):
    assert references["筑牢科技安全屏障赋能高质量发展"] == (
        "郭海成. 筑牢科技安全屏障 赋能高质量发展[N]. 晋中日报, 2026-04-13(3).")


def test_policy_has_issuer_and_document_number(references):
    entry = references["江川省科学技术厅关于印发《江川省科技情报资源开放共享管理办法（试行）》的通知"]
    assert entry == ("江川省科学技术厅. 江川省科学技术厅关于印发《江川省科技情报资源开放共享管理办法（试行）》的通知: "
                     "江科发〔2025〕12号[Z]. 2025.")


def test_reprinted_articles_cite_the_original_then_the_compilation(references):
    assert references["以国家战略科技力量体系化创新发展新质生产力"] == (
        "薛美慧, 丁明磊, 尹西明. 以国家战略科技力量体系化创新发展新质生产力[J]. 中国科技论坛, 2025(5). "
        "转引自: 科技决策参考, 2025年第8期: 1-6.")
    assert references["打通科技成果转化“最后一公里”"] == (
        "刘如. 打通科技成果转化“最后一公里”[N]. 科技日报, 2025-07-14(理论版). 转引自: 科技决策参考, 2025年第8期: 15-16.")
    # Segmentation calls this one a paper; its 来源 line still makes it a reprint.
    assert references["智能化技术预测：发展趋势、困境与未来思考"].endswith("转引自: 科技决策参考, 2025年第8期: 11-14.")
    assert references["森林防火十不准"] == "森林防火十不准[EB/OL]. 中国应急信息网, 2026. 转引自: 晋中日报, 2026-04-13(3)."


def test_more_than_three_authors_and_latin_names():
    assert authors_text(["甲", "乙", "丙", "丁"]) == "甲, 乙, 丙, 等"
    assert authors_text(["甲", " ", "乙"]) == "甲, 乙"
    assert authors_text(["SMITH J", "DOE A", "LI M", "WANG X"]) == "SMITH J, DOE A, LI M, et al."
    four = SourceSnapshot(DocumentMeta(title="题名", authors=("甲", "乙", "丙", "丁"), source="情报学报", year=2024,
                                       doc_type="paper"), first_page=3, last_page=3)
    assert reference(four) == "甲, 乙, 丙, 等. 题名[J]. 情报学报, 2024: 3."


def test_missing_facts_are_left_out_not_invented():
    assert reference(SourceSnapshot(DocumentMeta(title="无名文件", doc_type="policy"))) == "无名文件[Z]."
    assert reference(SourceSnapshot(DocumentMeta(title="年度工作报告", year=2024))) == "年度工作报告[R]. 2024."
    assert reference(SourceSnapshot(DocumentMeta(title=" 讲稿 ", authors=("张三",), doc_type="slides"))) == "张三. 讲稿[Z]."
    assert reference(SourceSnapshot(DocumentMeta(title="", doc_type="news"))) == "[无题名][N]. [报纸名不详]."
    assert type_code(SourceSnapshot(DocumentMeta(title="x", doc_type="news", source="人民日报"))) == "N"


def test_imprint_and_source_line_parsing():
    journal = parse_imprint("情报工程 2026年 第12卷 第1期")
    assert (journal.name, journal.year, journal.volume, journal.issue, journal.dated) == ("情报工程", 2026, "12", "1",
                                                                                         False)
    paper = parse_imprint("晋中日报 2026年4月13日 星期一 第3版 要闻")
    assert (paper.name, paper.date, paper.edition) == ("晋中日报", "2026-04-13", "3")
    assert source_line("（来源：《人民论坛·学术前沿》，2025年第7期；作者：卢阳旭）") == "《人民论坛·学术前沿》，2025年第7期"
    assert parse_imprint(source_line("（来源：《人民论坛·学术前沿》，2025年第7期；作者：卢阳旭）")).name == "人民论坛·学术前沿"
    assert source_line("科技部") == "" and parse_imprint("") == parse_imprint("  ")


@pytest.mark.parametrize(("lines", "label"), [(["·37·"], "37"), (["—2—"], "2"), (["情报工程 2026年", "8"], "8"),
                                              (["- 3 -"], "3"), (["第5页"], "5"), (["2026"], ""), (["页眉"], "")])
def test_printed_page_numbers(lines, label):
    assert page_label(lines) == label


# GB/T 7714-2015's own examples, built from the fields extraction reads (the place of publication is
# never printed where extraction looks, so the [D] entry has none).

def test_a_thesis_is_cited_as_d_with_its_university():
    thesis = DocumentMeta(title="一种基于近边界数据的模型所有权推断方法研究", authors=("杨宗稳",), year=2023, doc_type="paper",
                          date="2023-06", degree="工学硕士", institution="南开大学", supervisor="蒲凌君")
    assert reference(SourceSnapshot(thesis, first_page=1, last_page=66)) == (
        "杨宗稳. 一种基于近边界数据的模型所有权推断方法研究[D]. 南开大学, 2023.")


def test_a_journal_article_with_volume_issue_and_printed_pages():
    article = DocumentMeta(title="蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口",
                           authors=("袁训来", "陈哲", "肖书海", "王伟"), source="科学通报", journal="科学通报",
                           year=2012, volume="55", issue="34", pages="3219", doc_type="paper")
    assert reference(SourceSnapshot(article, first_page=1, last_page=1)) == (
        "袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口[J]. 科学通报, 2012, 55(34): 3219.")


def test_a_newspaper_article_dated_by_its_own_line():
    item = DocumentMeta(title="数字革命与竞争国际化", authors=("丁文祥",), source="中国青年报", issue="2000年11月20日 第15版",
                        date="2000-11-20", year=2000, doc_type="news")
    assert reference(SourceSnapshot(item)) == "丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15)."


def test_a_policy_by_its_issuer_and_a_standard_as_s():
    policy = DocumentMeta(title="国务院关于印发“十三五”国家科技创新规划的通知", doc_number="国发〔2016〕43号",
                          issuer="国务院", year=2016, doc_type="policy")
    assert reference(SourceSnapshot(policy)) == "国务院. 国务院关于印发“十三五”国家科技创新规划的通知: 国发〔2016〕43号[Z]. 2016."
    joint = DocumentMeta(title="关于加强X的意见", issuer="科技部、财政部", year=2024, doc_type="policy")
    assert reference(SourceSnapshot(joint)) == "科技部, 财政部. 关于加强X的意见[Z]. 2024."
    standard = DocumentMeta(title="文献著录: 第4部分 非书资料", doc_number="GB/T 3792.4—2009",
                            issuer="全国信息与文献标准化技术委员会", year=2010, doc_type="policy")
    assert reference(SourceSnapshot(standard)) == (
        "全国信息与文献标准化技术委员会. 文献著录: 第4部分 非书资料: GB/T 3792.4—2009[S]. 2010.")
