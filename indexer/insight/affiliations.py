"""Who belongs to which institution, read from a document's front matter (and its attribution line).

Papers print it in one of three ways, each handled here:

- numbered: a byline with markers and numbered units — ``王旭¹,刘锐¹,何俊琦²`` then
  ``(1.山西省科技情报与战略研究中心,山西太原030024; 2.山西省气象灾害防御技术中心,…)``;
- an author note — ``作者简介：周宁南，中国现代国际关系研究院科技与网络安全研究所助理研究员，…；翟一鸣，…``;
- an attribution line of a reprint — ``作者：中国科学技术发展战略研究院助理研究员薛美慧、研究员丁明磊，
  北京理工大学管理学院研究员尹西明`` (a name without an institution belongs to the one before it).

Otherwise, when the catalogue gives the document a single affiliation (作者单位), every author
belongs to it. Titles and posts (研究员, 所长, 教授 …) and addresses are cut off the institution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_MARK = "[¹²³⁴⁵⁶⁷⁸⁹⁰0-9]"
#: Titles and posts printed around a name: cut from an institution's end (longest first).
_TITLE_WORDS = """助理研究员 副研究员 研究员 研究实习员 实习研究员 高级工程师 正高级工程师 工程师 助理工程师 副教授 教授
讲师 助教 博士后 博士研究生 博士生 硕士研究生 硕士生 研究生 博士 硕士 本科生 所长 副所长 主任 副主任 院长 副院长
处长 副处长 科长 部长 副部长 研究馆员 副研究馆员 馆员 助理馆员 高级经济师 经济师 高级编辑 编辑 记者 特约研究员
首席专家 专家 学生 党委书记 书记 主任医师 副主任医师 医师"""
_TITLES = sorted(_TITLE_WORDS.split(), key=len, reverse=True)
_TITLE_END = re.compile("(?:[、,，\\s]*(?:" + "|".join(_TITLES) + "))+$")
_INSTITUTION_WORD = re.compile("大学|学院|研究院|研究所|研究中心|中心|科学院|实验室|委员会|局|厅|部|公司|集团|医院|学校|"
                               "办公室|协会|学会|出版社|报社|图书馆|银行|基地")
_AUTHOR_LINE = re.compile(r"作者[:：]([^）)。\n]{2,300})")
_AUTHOR_NOTE = re.compile(r"作者简介[:：]([^\n]{2,600})")
_NUMBERED_UNIT = re.compile(r"(?:^|[(（;；\s])([0-9])\s*[.．、]\s*([^,，;；()（）\n0-9]{3,60})")


def clean_institution(text: str) -> str:
    """An institution as printed, without the titles after it, the address or the postcode."""
    text = re.split(r"[,，;；(（]", text, maxsplit=1)[0]
    text = re.sub(r"\s*[0-9]{6}\s*$", "", text).strip(" 　·.．、")
    previous = None
    while previous != text:
        previous = text
        text = _TITLE_END.sub("", text).strip(" 　·.．、")
    return text if _INSTITUTION_WORD.search(text) else ""


def attribute(authors: Sequence[str], affiliations: Sequence[str], texts: Iterable[str]) -> dict[str, str]:
    """Each author's institution as `texts` (the front matter, the attribution line) print it.

    Authors whose institution is not found are left out; `affiliations` (the catalogue's
    作者单位) is used when it names one institution only.
    """
    found: dict[str, str] = {}
    texts = list(texts)
    for text in texts:
        for reader in (_numbered, _author_line, _author_note):
            for name, institution in reader(authors, text).items():
                if institution:
                    found.setdefault(name, institution)
    cleaned = [c for c in (clean_institution(a) or a.strip() for a in affiliations) if c]
    if len(set(cleaned)) == 1:
        for name in authors:
            found.setdefault(name, cleaned[0])
    return {name: found[name] for name in authors if name in found}


def _numbered(authors: Sequence[str], text: str) -> dict[str, str]:
    """Authors with markers (王旭¹, 刘锐1,2) and the numbered units in the front matter."""
    head = text[:1500]
    units: dict[str, str] = {}
    for number, unit in _NUMBERED_UNIT.findall(head):
        units.setdefault(number, clean_institution(unit))
    if not units:
        return {}
    out = {}
    for name in authors:
        match = re.search(re.escape(name) + rf"\s*({_MARK}(?:[,，]{_MARK})*)(?![0-9])", head)
        if match:
            first = match.group(1).translate(_SUPERSCRIPTS)[0]
            if units.get(first):
                out[name] = units[first]
    return out


def _author_line(authors: Sequence[str], text: str) -> dict[str, str]:
    """``作者：<institution><title><name>、<title><name>，<institution>…`` (a reprint's attribution)."""
    out: dict[str, str] = {}
    for match in _AUTHOR_LINE.finditer(text):
        current = ""
        for part in re.split(r"[、,，;；]", match.group(1)):
            part = part.strip()
            name = next((n for n in authors if part.endswith(n)), None)
            if name is None:
                continue
            institution = clean_institution(part[: -len(name)])
            current = institution or current
            if current:
                out.setdefault(name, current)
    return out


def _author_note(authors: Sequence[str], text: str) -> dict[str, str]:
    """``作者简介：<name>，<institution><title>，…；<name>，…`` (an author note)."""
    out: dict[str, str] = {}
    for match in _AUTHOR_NOTE.finditer(text):
        for part in re.split(r"[;；]", match.group(1)):
            part = part.strip()
            name = next((n for n in authors if part.startswith(n)), None)
            if name is None:
                continue
            for piece in re.split(r"[,，]", part[len(name):]):
                institution = clean_institution(piece.strip())
                if institution:
                    out.setdefault(name, institution)
                    break
    return out
