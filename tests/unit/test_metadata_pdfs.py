"""Metadata read from small generated PDFs laid out the way real documents print it: a thesis cover, a
journal's first page, a Taiwan 函, a law, a newspaper compilation, a government report, a company report."""

from __future__ import annotations

from indexer.extract.pipeline import extract_pdf

BODY = "本研究围绕数据治理展开讨论，分析了现有方法的不足，并提出了改进的思路与实施路径。" * 3


def test_a_thesis_is_titled_by_the_title_under_its_cover_label(make_pdf):
    cover = [
        (200, 150, "硕士学位论文", 26),
        (120, 230, "一种基于近边界数据的模型所有权推断方法研究", 16),
        (110, 260, "Research on Model Ownership Inference Method", 16),
        (90, 420, "论文作者 杨宗稳 指导教师", 14), (400, 420, "蒲凌君副教授", 14),
        (90, 455, "申请学位 工学硕士 培养单位", 14), (400, 455, "计算机学院", 14),
        (240, 560, "南开大学研究生院", 14),
        (248, 595, "二〇二三年六月", 14),
    ]
    doc = extract_pdf(make_pdf([cover, ["# 摘要", BODY, BODY]])).documents[0]
    assert doc.title == "一种基于近边界数据的模型所有权推断方法研究"
    assert doc.authors == ("杨宗稳",)  # 指导教师 is not an author
    meta = doc.meta
    assert (meta.supervisor, meta.degree, meta.institution) == ("蒲凌君", "工学硕士", "南开大学")
    assert (meta.date, doc.year, doc.doc_type) == ("2023-06", 2023, "paper")


def test_a_journal_masthead_byline_units_and_printed_pages(make_pdf):
    first = [
        (60, 40, "·2025年10月·中国土地", 8),
        (70, 90, "自然资源统一调查监测现状图建设的若干探索*", 24),
        (150, 140, "◎韩爱惠 卢卫华 孙 萌", 11),
        (100, 165, "（自然资源部国土卫星遥感应用中心，北京 100048）", 9),
        (56, 200, BODY[:40], 10), (56, 220, BODY[40:80], 10), (56, 240, BODY[80:120], 10),
    ]
    path = make_pdf([first, [BODY, BODY]], footer="-{page}-")
    doc = extract_pdf(path).documents[0]
    assert doc.title == "自然资源统一调查监测现状图建设的若干探索"  # the footnote mark is off
    assert doc.authors == ("韩爱惠", "卢卫华", "孙萌")
    meta = doc.meta
    assert (doc.source, meta.journal, meta.date, doc.year) == ("中国土地", "中国土地", "2025-10", 2025)
    assert meta.affiliations == ("自然资源部国土卫星遥感应用中心",)
    assert (meta.pages, doc.doc_type) == ("1-2", "paper")


def test_a_letter_is_titled_by_its_subject_with_its_number_issuer_and_roc_date(make_pdf):
    letter = [
        (200, 80, "新竹縣政府 函", 20),
        (60, 150, "受文者：新竹縣立東興國民中學", 14),
        (60, 180, "發文日期：中華民國110年9月30日", 12),
        (60, 200, "發文字號：府教學字第1103718733號", 12),
        (60, 240, "主旨：有關本縣辦理「110學年度科技教育創意實作競賽」乙", 16),
        (90, 262, "案，請各校踴躍報名參加，詳如說明，請查照。", 16),
        (60, 290, "說明：", 16),
        (90, 312, "一、依據本縣110學年度科技教育推動總體計畫辦理。", 16),
        (90, 334, "二、參賽對象為各公私立國中學生，可跨校組隊參加。", 16),
    ]
    doc = extract_pdf(make_pdf([letter])).documents[0]
    assert doc.title == "有關本縣辦理「110學年度科技教育創意實作競賽」乙案，請各校踴躍報名參加，詳如說明，請查照。"
    assert (doc.meta.issuer, doc.doc_number, doc.doc_type) == ("新竹縣政府", "府教學字第1103718733號", "policy")
    assert (doc.meta.date, doc.year) == ("2021-09-30", 2021)  # 民國110年
    assert doc.authors == ()
    assert "新竹縣政府" in "".join(p.text for p in doc.passages)  # the letterhead stays searchable


def test_a_law_has_the_year_it_was_adopted_and_the_adopting_body(make_pdf):
    law = ["# 中华人民共和国数据保全法", "（2020年5月28日第十三届全国人民代表大会第三次会议通过）",
           "第一条 为了规范数据处理活动，保障数据安全，制定本法。", "第二条 本法自2021年1月1日起施行。"]
    doc = extract_pdf(make_pdf([law])).documents[0]
    assert (doc.year, doc.meta.date, doc.meta.issuer, doc.doc_type) == (2020, "2020-05-28", "全国人民代表大会", "policy")


def test_newspaper_articles_reprinted_in_a_compilation(make_pdf):
    first = ["# 久久为功，蓝天成为常态", "本报记者 程 龙 潘俊强", "《人民日报》（2025年10月20日 第 01 版）", BODY, BODY]
    second = ["# 确保基本实现现代化取得决定性进展", "新华社记者", "《人民日报》（2025年10月20日 第 02 版）", BODY,
              "（新华社北京10月19日电 记者赵超、安蓓）"]
    docs = extract_pdf(make_pdf([first, second])).documents
    assert [d.title for d in docs] == ["久久为功，蓝天成为常态", "确保基本实现现代化取得决定性进展"]
    assert docs[0].authors == ("程龙", "潘俊强") and docs[1].authors == ("赵超", "安蓓")
    for doc, page in zip(docs, ("01", "02")):
        assert (doc.source, doc.issue, doc.meta.date, doc.year, doc.doc_type) == (
            "人民日报", f"2025年10月20日 第{page}版", "2025-10-20", 2025, "news")
        assert "人民日报》" not in "".join(p.text for p in doc.passages)


def test_a_government_report_is_a_policy_of_the_body_named_in_its_title(make_pdf):
    report = ["# 淮安市洪泽区人民政府2024年政府信息公开工作年度报告", "一、总体情况",
              "2024年，区政府坚持以人民为中心，全面推进政务公开，主动公开政府信息1200余条。" * 3]
    doc = extract_pdf(make_pdf([report])).documents[0]
    assert (doc.doc_type, doc.meta.issuer, doc.year) == ("policy", "淮安市洪泽区人民政府", 2024)
    assert doc.authors == ()


def test_no_year_is_guessed_from_the_body_and_a_section_heading_is_no_author(make_pdf):
    page = [(200, 80, "实施方案", 30, "bold"), (72, 140, "功能说明", 18, "bold"),
            (72, 180, "平台在2012年上线，2019年完成改造，现提供论文评审与反馈。", 12),
            (72, 200, "参考文献检查：验证引用格式，是否匹配真实文献库。", 12)]
    doc = extract_pdf(make_pdf([page])).documents[0]
    assert (doc.title, doc.authors, doc.year, doc.meta.date) == ("实施方案", (), None, "")
    assert doc.doc_type == "other"  # 参考文献 inside a sentence is not a paper's reference list


def test_a_company_cover_joins_the_name_and_the_report_under_it(make_pdf):
    cover = [(120, 200, "东北电气发展股份有限公司", 18), (150, 240, "2018年第一季度报告", 16),
             (200, 280, "2018年04月", 16, "bold")]
    doc = extract_pdf(make_pdf([cover, [BODY, BODY]], font_size=9)).documents[0]
    assert doc.title == "东北电气发展股份有限公司2018年第一季度报告"
    assert (doc.meta.date, doc.year, doc.doc_type) == ("2018-04", 2018, "other")


def test_a_title_set_on_two_lines_of_a_mind_map_is_read_whole(make_pdf):
    page = [(300, 60, "热化学方程式用化学式描述反应", 10.5), (60, 300, "化学学科常用符号公式", 21),
            (300, 320, "又称化学反应式", 10.5), (120, 330, "及其表示", 21), (300, 380, "分子式表示分子组成", 10.5)]
    assert extract_pdf(make_pdf([page])).documents[0].title == "化学学科常用符号公式及其表示"


def test_a_file_of_numbered_cases_without_headings_is_split_at_them(make_pdf):
    items = ["【案例十四】科技學院：降低用電成本之應用例", "▇背景 座落在嘉義某科技學院，建校時已建置中央監控系統。" * 3,
             "【案例十五】國立大學：用電成本分析之應用例", "▇背景 座落新竹某國立大學，年度超約罰款高達六百萬。" * 3]
    docs = extract_pdf(make_pdf([items], font_size=14)).documents
    assert [d.title for d in docs] == ["【案例十四】科技學院：降低用電成本之應用例", "【案例十五】國立大學：用電成本分析之應用例"]
    assert {d.doc_type for d in docs} == {"other"}


def test_a_file_without_any_text_is_still_one_document_found_by_its_name(make_pdf):
    result = extract_pdf(make_pdf([[], []], name="扫描件.pdf"))
    assert [(d.title, d.first_page, d.last_page, [p.text for p in d.passages]) for d in result.documents] == [
        ("扫描件", 1, 2, ["扫描件.pdf"])]  # the name-only passage of a file with no searchable text
    assert "no_text_layer" in {w.code for w in result.warnings}


def test_a_printed_title_is_never_replaced_by_the_file_name(make_pdf):
    first = [(100, 80, "110學年度新竹縣科技教育創意實作競賽實施計畫", 14), (72, 120, "壹、前言", 12), (72, 140, BODY[:40], 12)]
    later = [(72, 80, "附件一 報名表", 16), (72, 120, BODY[:40], 12), (72, 140, BODY[40:80], 12)]
    doc = extract_pdf(make_pdf([first, [BODY], later], name="實施計畫.pdf")).documents[0]
    assert doc.title == "110學年度新竹縣科技教育創意實作競賽實施計畫"  # not 實施計畫, not 附件一 報名表


def test_a_page_taken_out_of_a_standard_is_titled_by_its_running_header(make_pdf):
    page = [(200, 40, "安徽省建设用地使用标准（2020年版）", 9),
            (72, 80, "路段的交通量和大型车比例与基准值的编制条件不同时，其用地指标按表7.6中的系数进行调整。", 12),
            (72, 120, BODY[:40], 10.5), (72, 140, BODY[40:80], 10.5), (72, 160, BODY[80:120], 10.5)]
    doc = extract_pdf(make_pdf([page])).documents[0]
    assert doc.title == "安徽省建设用地使用标准（2020年版）"
    assert "其用地指标按表7.6中的系数进行调整" in "".join(p.text for p in doc.passages)


def test_a_government_work_report_is_a_policy_dated_by_its_subtitle(make_pdf):
    report = [(220, 80, "政府工作报告", 22), (100, 130, "——2024年3月5日在第十四届全国人民代表大会第二次会议上", 14),
              (220, 160, "国务院总理 李强", 14), (72, 200, "各位代表：", 12), (72, 220, BODY[:40], 12),
              (72, 240, "现在，我代表国务院，向大会报告政府工作，请予审议。", 12)]
    doc = extract_pdf(make_pdf([report])).documents[0]
    assert (doc.title, doc.doc_type, doc.meta.date, doc.year, doc.authors) == (
        "政府工作报告", "policy", "2024-03-05", 2024, ("李强",))
