"""Attribution lines: where a reprinted article first appeared, read into its parts.

A compilation (专题摘编, 决策参考, a newspaper's digest page) closes or opens each article
with a line naming the original: （来源：《中国科技论坛》2025年第5期；作者：…）, 来源：科技日报
2025年7月14日 理论版, 【来源】人民日报, 摘自《求是》2025年第8期, 原载学习时报2025-03-02第5版,
《人民日报》（2025年10月20日 第 01 版）.
`parse_attribution` gives the publication's name (without 《》), the year, the issue as printed
after the name (2025年第5期, 2025年7月14日 理论版, 第5版) and the authors of a 作者： part with
their posts and units taken off (研究员丁明磊 → 丁明磊).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extract.metadata.dates import first_date
from indexer.extract.metadata.news import paper_line

_OPEN = "（(【[〔"
_CLOSE = "）)】]〕"
#: The words that open an attribution, longest first.
_LEADS = ("文章来源", "稿件来源", "信息来源", "转载自", "来源", "摘自", "原载", "选自", "转自", "刊于", "载于")
_LINE = re.compile(
    rf"^\s*[{re.escape(_OPEN)}]?\s*(?P<lead>{'|'.join(_LEADS)})\s*[{re.escape(_CLOSE)}]?\s*[:：]?\s*(?P<body>.+?)"
    rf"\s*[{re.escape(_CLOSE)}]?\s*[。.]?\s*$",
    re.DOTALL)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-./](?=\d))")
_AUTHORS = re.compile(r"^(?:作\s*者|文\s*[/／]?\s*图?|撰\s*文|执\s*笔)\s*[:：|｜]\s*")
_NOT_AUTHORS = re.compile(r"^(?:作者单位|作者简介|责任编辑|编辑|原标题|原题)")
#: Posts and titles printed before a name in a 作者： part ("研究员丁明磊"), longest first.
_ROLES = ("助理研究员", "副研究员", "特约研究员", "研究员", "副教授", "教授", "讲师", "博士后", "博士研究生", "博士生",
          "博士", "硕士研究生", "研究生", "主任", "副主任", "院长", "副院长", "所长", "副所长", "处长", "副处长",
          "记者", "通讯员", "工程师", "高级工程师", "党组书记", "书记", "部长", "局长", "厅长", "主席", "院士")
_ROLE = re.compile("|".join(sorted(_ROLES, key=len, reverse=True)))
_NAME = re.compile(r"^[\u4e00-\u9fa5·]{2,4}$")
_ISSUE_LEAD = re.compile(r"^[\s,，、:：]+")


@dataclass(frozen=True)
class Attribution:
    """An attribution line's parts: `source` (the publication), `year`, `issue` as printed, `authors`,
    and `date` (ISO) when the issue is a day's (a newspaper's)."""

    source: str
    year: int | None = None
    issue: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""


def is_attribution(text: str) -> bool:
    """Is this paragraph an attribution line (not a body sentence that happens to start with 来源)?"""
    return parse_attribution(text) is not None


def parse_attribution(text: str) -> Attribution | None:
    """The parts of an attribution line, or None when `text` is not one.

    Bracketed lines and 来源： with a colon are attributions by their form; the bare 摘自 / 原载
    forms need a 《》 title or a year, and any attribution is a short line (at most 150 characters).
    A newspaper's line without a lead word, 《人民日报》（2025年10月20日 第 01 版）, is one too.
    """
    text = text.strip()
    m = _LINE.match(text)
    if m is None and (paper := paper_line(text)):
        return Attribution(paper.paper, paper.date.year, paper.issue, (), paper.date.iso())
    if m is None or len(text) > 150:
        return None
    body, lead = m.group("body").strip(), m.group("lead")
    if body.startswith("于"):
        return None  # 来源于…: a sentence, not a line naming a source
    bracketed = text[0] in _OPEN
    colon = bool(re.match(rf"^\s*[{re.escape(_OPEN)}]?\s*{lead}\s*[{re.escape(_CLOSE)}]?\s*[:：]", text))
    if not (bracketed or colon or "《" in body or _YEAR.search(body)):
        return None
    parts = [p.strip() for p in re.split(r"[；;]", body) if p.strip()]
    authors: tuple[str, ...] = ()
    where = ""
    for part in parts:
        if _NOT_AUTHORS.match(part):
            continue
        if am := _AUTHORS.match(part):
            authors = authors or author_names(part[am.end():])
        elif not where:
            where = part
    source, issue = _split_where(where)
    if not source:
        return None
    year = _YEAR.search(issue)
    date = first_date(issue)
    return Attribution(source, int(year.group(1)) if year else None, issue, authors,
                       date.iso() if date and date.day else "")


def _split_where(where: str) -> tuple[str, str]:
    """"《中国科技论坛》2025年第5期" → ("中国科技论坛", "2025年第5期"); "科技日报 2025年7月14日" likewise."""
    where = where.strip().rstrip("。.")
    if m := re.search(r"《([^》]+)》", where):
        name, rest = m.group(1).strip(), where[m.end():]
    else:
        m = re.search(r"[\s,，、:：(（]|(?:19|20)\d{2}|第\s*[\d一二三四五六七八九十]+\s*[版期]", where)
        name, rest = (where[:m.start()], where[m.start():]) if m else (where, "")
    return name.strip(), _ISSUE_LEAD.sub("", rest).strip(" ）)")


def author_names(text: str) -> tuple[str, ...]:
    """The names in a 作者： part: "单位助理研究员薛美慧、研究员丁明磊，单位研究员尹西明" → the three names.

    Parts are split on 、，,/ and spaces between names; a post or title printed before a name
    (and the unit before it) is dropped; parts that leave no name of 2–4 characters are skipped.
    """
    names = []
    for part in re.split(r"[、,，/／;；]|\s+(?=[\u4e00-\u9fa5])", text.strip().rstrip("。.）)")):
        part = part.strip()
        roles = list(_ROLE.finditer(part))
        if roles:
            part = part[roles[-1].end():].strip()
        if _NAME.match(part):
            names.append(part)
    return tuple(dict.fromkeys(names))
