"""Official documents (公文, 函) and laws: 发文字号, letterhead, 主旨, 发文机关 and dates.

- 发文字号 in every printed form: 江科发〔2025〕12号, 国发[2025]3号, 党委【2017】010号, 京政办发（2024）5号,
  and the 第…號 form of Taiwan documents (府教學字第1103718733號), or after a 发文字号：/文号： label;
- the letterhead: 某某厅文件, 某某人民政府办公厅函, "新竹縣政府 函" — its body is the issuer, and
  a 函 without a printed title is titled by its 主旨 (主旨：…，請查照。);
- 发文日期/成文日期 after a label (發文日期：中華民國110年9月30日), or the date line of the
  signature block at the end, with the issuing body signed above it;
- a law's head: （2020年5月28日第十三届全国人民代表大会第三次会议通过）, amendments
  (根据…修正): the adopting body and the date of the latest adoption or amendment, never the
  date it takes effect (自2021年1月1日起施行);
- the issuer printed at the head of a title (淮安市洪泽区人民政府2024年…报告, 某某厅关于…的通知).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.extract.metadata.dates import FoundDate, dates_in, full_date_line

_OPEN, _CLOSE = r"〔\[［(（【", r"〕\]］)）】"
DOC_NUMBER = re.compile(
    rf"[\u4e00-\u9fff]{{1,14}}\s*[{_OPEN}]\s*(?:19|20)\d{{2}}\s*[{_CLOSE}]\s*第?\s*\d{{1,5}}\s*[号號]"
    r"|[\u4e00-\u9fff]{1,14}字第\s*\d{3,14}\s*[号號]"
)
_NUMBER_LABEL = re.compile(r"(?:發文字號|发文字号|文\s*号|文\s*號)\s*[:：]\s*(\S[^\s|｜]{2,40})")
#: The end of a government or party body's name.
BODY = (r"(?:人民代表大会常务委员会|人民代表大会|常务委员会|人民政府|政府|办公厅|辦公廳|办公室|辦公室|委员会|委員會|"
        r"厅|廳|局|部|院|署|会|會|中心|公所|府|处|處|所|委|办|辦|党委|党组|总队|支队|大队)")
_BODY_END = re.compile(BODY + r"$")
_LETTERHEAD = re.compile(r"^[|｜\s]*(?P<body>[\u4e00-\u9fff（）()、\s]{2,40}?)\s*(?P<kind>函|文件|令|公告|通告|通报)[|｜\s]*$")
_SUBJECT = re.compile(r"^[|｜\s]*主\s*旨\s*[:：]\s*")
_SUBJECT_END = re.compile(r"[|｜\s]*(?:說\s*明|说\s*明|辦\s*法|办\s*法|依\s*據|依\s*据|正\s*本|副\s*本)\s*[:：]")
_DATE_LABEL = re.compile(r"(?:發文日期|发文日期|成文日期|發布日期|发布日期|印发日期|印發日期)\s*[:：]\s*")
_ADOPTED = re.compile(
    r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*"
    r"(?P<body>(?:第[一二三四五六七八九十]+届)?(?:全国人民代表大会(?:常务委员会)?|[\u4e00-\u9fff]{2,16}人民代表大会(?:常务委员会)?|"
    r"(?:中华人民共和国)?国务院|[\u4e00-\u9fff]{2,20}?(?:常务会议|委员会|人民政府)))"
    r"[^。；;）)]{0,40}?(?P<act>通过|修正|修订|公布|发布|批准)"
)
_TITLE_ISSUER = re.compile(rf"^(?P<body>[\u4e00-\u9fff、\s]{{2,60}}?{BODY})\s*(?=关于|關於|(?:19|20)\d{{2}}\s*年|[\u4e00-\u9fff]{{0,6}}(?:工作报告|年度报告))")
_PUNCT = re.compile(r"[|｜]")


@dataclass(frozen=True)
class Letterhead:
    """A letterhead: the issuing body and the kind it prints (函, 文件, 令…)."""

    issuer: str
    kind: str


@dataclass(frozen=True)
class Adoption:
    """A law's head: the body that adopted it and the date of its latest adoption or amendment."""

    issuer: str
    date: FoundDate


def doc_number(texts: Sequence[str]) -> str:
    """The first 发文字号 printed in `texts` (a labelled one first), spaces removed; '' if none."""
    for text in texts:
        if m := _NUMBER_LABEL.search(text or ""):
            value = re.sub(r"\s+", "", m.group(1))
            value = found.group(0) if (found := DOC_NUMBER.search(value)) else re.sub(r"(?<=[号號]).*$", "", value)
            if re.search(r"\d", value):
                return value
    for text in texts:
        if m := DOC_NUMBER.search(text or ""):
            return re.sub(r"\s+", "", m.group(0))
    return ""


def letterhead(text: str) -> Letterhead | None:
    """"| 新竹縣政府 函" → (新竹縣政府, 函); "江川省科学技术厅文件" → (江川省科学技术厅, 文件); None otherwise."""
    m = _LETTERHEAD.match(text or "")
    if not m:
        return None
    body = re.sub(r"\s+", "", m.group("body"))
    if not _BODY_END.search(body) or len(body) < 3:
        return None
    return Letterhead(body, m.group("kind"))


def subject(paragraphs: Sequence[str]) -> str:
    """The 主旨 of a 函: from 主旨： to 說明：/说明： (or the end of its sentence); '' if none."""
    for i, text in enumerate(paragraphs):
        m = _SUBJECT.match(text or "")
        if not m:
            continue
        parts = [text[m.end():]]
        parts += list(paragraphs[i + 1:i + 4])
        joined = ""
        for part in parts:
            end = _SUBJECT_END.search(part)
            joined += part[:end.start()] if end else part
            if end or joined.rstrip(" |｜").endswith("。"):
                break
        return re.sub(r"\s+", "", _PUNCT.sub("", joined)).strip()
    return ""


def labelled_date(texts: Sequence[str]) -> FoundDate | None:
    """The date after a 发文日期/成文日期 label (發文日期：中華民國110年9月30日)."""
    for text in texts:
        if m := _DATE_LABEL.search(text or ""):
            found = dates_in(text[m.end():m.end() + 30])
            if found and found[0].start == 0:
                return found[0]
    return None


def signature(tail: Sequence[str]) -> tuple[str, FoundDate | None]:
    """The issuer signed above the date line at the end of an official document, and that date.

    `tail` is the last paragraphs of the document; the date line is nothing but a date
    (2025年3月1日, 二〇二五年三月一日), possibly after the body's name on the same line.
    """
    for i in range(len(tail) - 1, -1, -1):
        text = _PUNCT.sub("", tail[i]).strip()
        date = full_date_line(text)
        body_before = ""
        if date is None:
            found = dates_in(text)
            if found and found[-1].end >= len(text.rstrip("。. ")) and found[-1].start > 0:
                body_before, date = text[:found[-1].start].strip(), found[-1]
                if not _BODY_END.search(re.split(r"\s+", body_before)[-1]):
                    continue
            else:
                continue
        bodies = [b for b in re.split(r"\s+", body_before) if _BODY_END.search(b)]
        if not bodies and i > 0:
            above = _PUNCT.sub("", tail[i - 1]).strip()
            bodies = [b for b in re.split(r"\s+", above) if 3 <= len(b) <= 40 and _BODY_END.search(b)]
        return "、".join(dict.fromkeys(bodies)), date
    return "", None


def adoption(texts: Sequence[str]) -> Adoption | None:
    """The adopting body and the date of the latest adoption or amendment printed in a law's head."""
    found: list[tuple[FoundDate, str]] = []
    for text in texts:
        if not re.match(r"^\s*(?:[（(]|根据|(?:19|20)\d{2}\s*年)", text or ""):
            continue  # a law's head is its own bracketed line, not a sentence that mentions a law
        for m in _ADOPTED.finditer(text or ""):
            date = dates_in(m.group("date"))
            if date:
                body = re.sub(r"^中华人民共和国(?=国务院)|第[一二三四五六七八九十]+届", "", m.group("body"))
                found.append((date[0], body))
    if not found:
        return None
    first_body = found[0][1]
    latest = max(found, key=lambda pair: (pair[0].year, pair[0].month or 0, pair[0].day or 0))[0]
    return Adoption(first_body, latest)


def title_issuer(title: str) -> str:
    """The body printed at the head of a title: 某某厅关于…的通知, 某某人民政府2024年…报告; '' if none."""
    m = _TITLE_ISSUER.match(title or "")
    if not m:
        return ""
    bodies = [b for b in re.split(r"[、\s]+", m.group("body")) if b]
    if not all(_BODY_END.search(b) for b in bodies):
        return ""
    return "、".join(bodies)


def is_body(text: str) -> bool:
    """Does `text` name a government or party body (ends with 人民政府, 厅, 局, 委员会…)?"""
    return bool(_BODY_END.search(text or ""))
