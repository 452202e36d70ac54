"""The metadata rules one by one, on the printed forms real documents use (indexer.extract.metadata)."""

from __future__ import annotations

import pytest

from indexer.extract.layout import Line
from indexer.extract.metadata import covers, journals, news, official
from indexer.extract.metadata.dates import chinese_number, dates_in, first_date, full_date_line
from indexer.extract.metadata.names import byline, is_name, unit_line


@pytest.mark.parametrize(("text", "iso"), [
    ("2025年10月20日", "2025-10-20"),
    ("2025 年 3 月", "2025-03"),
    ("二〇二三年六月", "2023-06"),
    ("二○二五年三月十二日", "2025-03-12"),
    ("發文日期：中華民國110年9月30日", "2021-09-30"),   # 民國 years count from 1912
    ("中华民国一百一十年三月五日", "2021-03-05"),
    ("民國109年10月5日", "2020-10-05"),
    ("网络首发时间：2024-3-23", "2024-03-23"),
    ("2020.01.02", "2020-01-02"),
    ("2012年", "2012"),
])
def test_dates_in_every_printed_form_become_iso(text, iso):
    found = first_date(text)
    assert found is not None and found.iso() == iso


def test_impossible_dates_and_numbers_that_are_no_dates():
    assert first_date("2025年13月") is not None and first_date("2025年13月").iso() == "2025"  # the year stands
    assert dates_in("第110号文件，共2025份") == []
    assert chinese_number("二十三") == 23 and chinese_number("十") == 10 and chinese_number("一百一十") == 110
    assert full_date_line("二〇二三年六月") is not None and full_date_line("2018年04月 报告") is None


@pytest.mark.parametrize(("line", "names", "units"), [
    ("王旭¹,刘锐¹,何俊琦²", ("王旭", "刘锐", "何俊琦"), ()),
    ("罗兴武 孙 萌 刘 洋 陈 帅", ("罗兴武", "孙萌", "刘洋", "陈帅"), ()),          # two-character names padded
    ("本报记者 程 龙 潘俊强", ("程龙", "潘俊强"), ()),
    ("◎韩爱惠 卢卫华 范延平 赵建明", ("韩爱惠", "卢卫华", "范延平", "赵建明"), ()),
    ("山西省闻喜县诚镇初中 李新录", ("李新录",), ("山西省闻喜县诚镇初中",)),     # the unit before the name
    ("2018202177 官佳薇", ("官佳薇",), ()),                                   # a student number
    ("数据201 肖楚恒", ("肖楚恒",), ()),                                      # a class
    ("北京航空航天大学 张 津执笔", ("张津",), ("北京航空航天大学",)),
    ("作者：徐公子胜治", ("徐公子胜治",), ()),                                # a pen name after 作者：
])
def test_bylines(line, names, units):
    found = byline(line)
    assert found is not None and (found.names, found.units) == (names, units)


@pytest.mark.parametrize("line", ["功能说明", "新华社记者", "亮点", "简介", "结构层功能", "第一章 总则", "指导教师:戴宏亮"])
def test_headings_and_labels_are_not_bylines(line):
    assert byline(line) is None


def test_names_start_with_a_surname():
    assert is_name("欧阳修") and is_name("任仲平") and is_name("陈帅")
    assert not is_name("数据") and not is_name("功能说明") and not is_name("国家")


def test_units_under_a_byline():
    assert unit_line("（苏州大学 计算机科学与技术学院，江苏 苏州 215006）") == ("苏州大学 计算机科学与技术学院",)
    assert unit_line("(1. 中国科学院 计算技术研究所，北京 100190；2. 中国科学院大学，北京 100049)") == (
        "中国科学院 计算技术研究所", "中国科学院大学")
    assert unit_line("摘要：本文研究大学的学院制改革。") == ()


@pytest.mark.parametrize(("texts", "number"), [
    (["江科发〔2025〕12号"], "江科发〔2025〕12号"),
    (["国发[2025] 3号"], "国发[2025]3号"),
    (["党委【2017】010 号"], "党委【2017】010号"),
    (["京政办发（2024）5号"], "京政办发（2024）5号"),
    (["裝 發文字號：府教學字第1103718733號"], "府教學字第1103718733號"),
    (["發文日期：中華民國109年10月5日發文字號：北市安健個字第1093003080號速別：普通件"], "北市安健個字第1093003080號"),
    (["本办法自2025年1月1日起施行。"], ""),
])
def test_document_numbers_in_every_bracket(texts, number):
    assert official.doc_number(texts) == number


def test_letterheads_and_the_subject_of_a_letter():
    assert official.letterhead("| 新竹縣政府 函") == official.Letterhead("新竹縣政府", "函")
    assert official.letterhead("江川省科学技术厅文件") == official.Letterhead("江川省科学技术厅", "文件")
    assert official.letterhead("科技情报研究动态") is None and official.letterhead("函") is None
    assert official.subject(["主旨：有關本縣辦理「110學年度科技教育創意實作競賽」乙", "|",
                             "| 案，請各校踴躍報名參加，詳如說明，請查照。| 說明："]) == (
        "有關本縣辦理「110學年度科技教育創意實作競賽」乙案，請各校踴躍報名參加，詳如說明，請查照。")
    assert official.subject(["正文没有主旨"]) == ""


def test_a_law_is_dated_by_its_latest_adoption_not_its_effective_date():
    head = ["（2020年5月28日第十三届全国人民代表大会第三次会议通过）", "自2021年1月1日起施行"]
    law = official.adoption(head)
    assert law is not None and (law.issuer, law.date.iso()) == ("全国人民代表大会", "2020-05-28")
    head = ["（1982年12月4日第五届全国人民代表大会第五次会议通过",
            "根据2004年3月14日第十届全国人民代表大会第二次会议通过的《中华人民共和国宪法修正案》修正）"]
    amended = official.adoption(head)
    assert amended is not None and amended.date.year == 2004
    committee = official.adoption(["（2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过）"])
    assert committee is not None and committee.issuer == "全国人民代表大会常务委员会"


def test_issuers_at_the_head_of_a_title_and_in_the_signature():
    assert official.title_issuer("淮安市洪泽区人民政府2024年政府信息公开工作年度报告") == "淮安市洪泽区人民政府"
    assert official.title_issuer("国务院办公厅 国家发展改革委关于加强X的通知") == "国务院办公厅、国家发展改革委"
    assert official.title_issuer("东北电气发展股份有限公司2018年第一季度报告") == ""
    issuer, date = official.signature(["特此通知。", "江川省科学技术厅", "二〇二五年三月一日"])
    assert issuer == "江川省科学技术厅" and date is not None and date.iso() == "2025-03-01"


@pytest.mark.parametrize(("line", "journal", "year", "volume", "issue"), [
    ("·2025年10月·中国土地", "中国土地", 2025, "", ""),
    ("第9卷 第4期 航空动力学报", "航空动力学报", None, "9", "4"),
    ("情报工程 2026年 第12卷 第1期", "情报工程", 2026, "12", "1"),
    ("第**卷 第*期 中文信息学报 Vol. **，No. * 201*年*月", "中文信息学报", None, "", ""),  # a template's placeholders
    ("2020年1月 网络、群体与市场课程作设计 |1", "", 2020, "", ""),                       # a list is no journal name
])
def test_mastheads(line, journal, year, volume, issue):
    found = journals.masthead(line)
    assert found is not None and (found.journal, found.year, found.volume, found.issue) == (journal, year, volume, issue)


def test_running_titles_and_repeated_headers():
    assert journals.masthead("陈思远，等：基于政策文本挖掘的区域科技政策协同度测度") is None
    assert journals.masthead("中文信息学报") is None
    assert journals.masthead("中文信息学报", repeated=True) == journals.Masthead("中文信息学报")
    assert journals.book_title({1: "急诊知识图谱与智能分析", 2: "第1章 人工智能概述", 3: "急诊知识图谱与智能分析",
                                4: "第1章 人工智能概述"}) == "急诊知识图谱与智能分析"
    assert journals.book_title({1: "一、总体情况", 2: "二、主动公开"}) == ""


def test_printed_pages_and_publication_dates():
    assert journals.printed_pages({1: ["-9-"], 2: ["-10-"], 3: ["-11-"]}, 1, 3) == "9-11"
    assert journals.printed_pages({1: ["·24·"]}, 1, 1) == "24"
    assert journals.printed_pages({1: ["33"], 2: ["340"]}, 1, 2) == ""  # not a run of page numbers
    received = journals.publication_date(["收稿时间： ；网络首发时间：", "2022-11-15 2023-3-3 2024-1-30"])
    assert received is not None and received.year == 2024


def test_newspaper_lines_and_closing_credits():
    line = news.paper_line("《人民日报》（2025年10月20日 第 01 版）")
    assert line is not None and (line.paper, line.date.iso(), line.issue) == ("人民日报", "2025-10-20", "2025年10月20日 第01版")
    assert news.paper_line("《求是》2025年第8期") is None
    assert news.closing_reporters("（新华社北京10月19日电 记者赵超、安蓓、谢希瑶）") == ["赵超", "安蓓", "谢希瑶"]
    assert news.closing_reporters("（完）") == []


def _line(text: str, x0: float, top: float, size: float = 14.0) -> Line:
    return Line(text, x0, x0 + size * len(text), top, top + size, size, False, 1)


def test_a_thesis_cover_laid_out_as_a_two_column_table():
    lines = [_line("硕士学位论文", 200, 200, 22), _line("论文作者 杨宗稳 指导教师", 90, 500),
             _line("申请学位 工学硕士 培养单位", 90, 540), _line("南开大学研究生院", 240, 650),
             _line("二〇二三年六月", 248, 690), _line("蒲凌君副教授", 408, 500), _line("计算机学院", 415, 540)]
    cover = covers.read_cover(lines, "硕士学位论文")
    assert (cover.author, cover.supervisor, cover.degree, cover.institution) == ("杨宗稳", "蒲凌君", "工学硕士", "南开大学")
    assert cover.date is not None and cover.date.iso() == "2023-06"
    assert covers.is_cover_label("硕士研究生学位论文") and covers.is_cover_label("本科毕业论文（设计）")
    assert not covers.is_cover_label("学位论文写作规范研究综述与展望")


def test_a_thesis_title_wraps_under_its_label_and_the_university_comes_from_the_running_header():
    lines = [_line("题目： 数字普惠金融对中小", 115, 255, 26), _line("企业信用风险影响研究", 200, 303, 26),
             _line("姓 名： 王宇晨", 133, 465, 16), _line("导师姓名： 刘宏志 教授", 133, 625, 16)]
    cover = covers.read_cover(lines, "硕士研究生学位论文", running=["北京大学硕士学位论文"])
    assert (cover.title, cover.author, cover.supervisor) == ("数字普惠金融对中小企业信用风险影响研究", "王宇晨", "刘宏志")
    assert (cover.degree, cover.institution) == ("硕士", "北京大学")


def test_a_sentence_that_mentions_a_law_is_not_a_laws_head():
    sentence = "本文分析了2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过的《数据安全法》。"
    assert official.adoption([sentence]) is None
