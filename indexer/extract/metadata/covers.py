"""Thesis cover pages: the title under the 学位论文 label, and the labelled fields of the cover table.

A thesis cover prints a label set largest (硕士学位论文, 博士研究生学位论文, 本科毕业论文) above the
title, then a table of labels and values: 论文作者/作者姓名/姓 名, 指导教师/导师姓名, 申请学位/学位类别,
培养单位/院 系, and the date (二〇二三年六月). Cover tables are often laid out in two columns, so
the rows are rebuilt from the lines' positions (lines at the same height, left to right) before
the labels are read. The university is the one printed on the cover (南开大学研究生院 → 南开大学)
or in the running header (北京大学硕士学位论文), else the 培养单位.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.extract.layout import Line
from indexer.extract.metadata.dates import FoundDate, full_date_line
from indexer.extract.metadata.names import is_name

COVER_LABEL = re.compile(
    r"^[\u4e00-\u9fff（）()]{0,12}?(?:学位论文|學位論文|毕业论文|畢業論文|毕业设计|毕业设计（论文）|毕业论文（设计）)"
    r"(?:[（(][^）)]{1,6}[)）])?$"
)
_FIELDS = {
    "author": ("论文作者", "作者姓名", "研究生姓名", "学生姓名", "研究生", "申请人", "作者", "姓名", "学生"),
    "supervisor": ("指导教师姓名", "指导教师", "导师姓名", "指导老师", "指导者", "导师"),
    "degree": ("申请学位级别", "申请学位类别", "专业学位类别", "申请学位", "学位类别", "学位级别", "学位类型"),
    "institution": ("学位授予单位", "授予学位单位", "培养单位", "学校名称", "所在学院", "院系", "学院"),
    "title": ("论文题目", "中文题目", "题目"),
    "other": ("学科专业", "专业名称", "研究方向", "答辩委员会主席", "评阅人", "学号", "专业", "学科", "密级", "分类号",
              "中图分类号", "学校代码", "单位代码", "UDC", "完成日期", "答辩日期", "提交日期", "日期", "入学年份", "班级"),
}
_LABELS = sorted(((label, key) for key, labels in _FIELDS.items() for label in labels), key=lambda p: -len(p[0]))
_LABEL = re.compile(
    "(?:" + "|".join(r"\s*".join(map(re.escape, label)) for label, _ in _LABELS) + ")"
)
_ROLES = re.compile(r"(?:副教授|教授|副研究员|研究员|讲师|高级工程师|正高级工程师|工程师|博士|院士|老师)")
_UNIVERSITY = re.compile(r"[\u4e00-\u9fff]{2,24}(?:大学|学院|研究院|研究所|科学院|党校)")
_GRADUATE_SCHOOL = re.compile(r"(?:研究生院|研究生部|研究生工作部|研究生处)$")


@dataclass(frozen=True)
class Cover:
    """What a thesis cover prints: title, author, supervisor, degree, institution and date."""

    title: str = ""
    author: str = ""
    supervisor: str = ""
    degree: str = ""
    institution: str = ""
    date: FoundDate | None = None


def is_cover_label(text: str) -> bool:
    """硕士学位论文, 博士研究生学位论文, 本科毕业论文（设计）: a cover's label, not a title."""
    return bool(COVER_LABEL.match(re.sub(r"\s+", "", text or "")))


def rows(lines: Sequence[Line]) -> list[tuple[str, float]]:
    """The cover's lines regrouped into visual rows (same page and height), left to right, with their size."""
    ordered = sorted(lines, key=lambda ln: (ln.page, ln.top, ln.x0))
    grouped: list[list[Line]] = []
    for line in ordered:
        last = grouped[-1][-1] if grouped else None
        if last and last.page == line.page and abs(line.top - last.top) < 0.5 * max(line.size, last.size):
            grouped[-1].append(line)
        else:
            grouped.append([line])
    return [(" ".join(ln.text.strip() for ln in sorted(group, key=lambda ln: ln.x0)), group[0].size)
            for group in grouped]


def read_cover(lines: Sequence[Line], label: str, running: Sequence[str] = ()) -> Cover:
    """The fields of a thesis cover whose label is `label`; `running` are the file's running headers."""
    values: dict[str, str] = {}
    date: FoundDate | None = None
    university = ""
    cover_rows = rows(lines)
    for n, (row, size) in enumerate(cover_rows):
        for key, value in _labelled(row):
            if key == "title":  # a title wraps onto the rows below, in the same size
                for more, more_size in cover_rows[n + 1:]:
                    if _labels_in(more) or abs(more_size - size) > 0.5:
                        break
                    value += more.strip()
            values.setdefault(key, value)
        plain = _GRADUATE_SCHOOL.sub("", re.sub(r"\s+", "", row))
        if date is None and (found := full_date_line(plain)):
            date = found
        if not university and not _labels_in(row) and _UNIVERSITY.fullmatch(plain):
            university = plain
    for header in running:
        if not university and (m := re.match(r"^([\u4e00-\u9fff]{2,20}(?:大学|学院|研究院|科学院))(?:[\u4e00-\u9fff]{0,4}学位论文)",
                                             re.sub(r"\s+", "", header))):
            university = m.group(1)
    institution = university or _unit(values.get("institution", ""))
    return Cover(
        title=values.get("title", ""),
        author=_person(values.get("author", "")),
        supervisor=_person(values.get("supervisor", "")),
        degree=values.get("degree", "") or _degree_of(label),
        institution=institution,
        date=date,
    )


def has_label(text: str) -> bool:
    """Does `text` hold a cover field's label (作者姓名：, 指导教师 …)?"""
    return bool(_labels_in(text))


def _labels_in(row: str) -> list[re.Match[str]]:
    """The field labels of a row: at the start of a word, or followed by a colon."""
    return [m for m in _LABEL.finditer(row)
            if m.start() == 0 or row[m.start() - 1].isspace() or re.match(r"\s*[:：]", row[m.end():])]


def _labelled(row: str) -> list[tuple[str, str]]:
    """(field, value) pairs of one row: "论文作者 杨宗稳 指导教师 蒲凌君副教授" → author, supervisor."""
    found = _labels_in(row)
    pairs = []
    for n, m in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(row)
        value = row[m.end():end].strip(" ：:_　|")
        key = next(k for label, k in _LABELS if re.sub(r"\s+", "", m.group(0)) == label)
        if value and key != "other":
            pairs.append((key, re.sub(r"\s{2,}", " ", value)))
    return pairs


def _person(value: str) -> str:
    """"蒲凌君副教授" → 蒲凌君, "刘青泉研究员中国科学院力学研究所" → 刘青泉, "刘宏志 教授" → 刘宏志."""
    value = re.sub(r"\s+", " ", value).strip()
    head = _ROLES.split(value, maxsplit=1)[0].strip()
    name = head.split(" ")[0] if " " in head else head
    return name if is_name(name) else ""


def _unit(value: str) -> str:
    return value.split(" ")[0].strip() if value else ""


def _degree_of(label: str) -> str:
    if "博士" in label:
        return "博士"
    if "硕士" in label:
        return "硕士"
    if "本科" in label or "学士" in label:
        return "学士"
    return ""
