"""Bylines: the person names printed under a title, and the unit printed beside them.

Real bylines carry more than names: superscript marks (王旭¹,²), a ◎ or ● before the names, a
label (作者：, 文/, 本报记者, 新华社记者), two-character names padded to the width of three with
a space (孙 萌, 程 龙), a unit before the name (山西省闻喜县诚镇初中 李新录), a student number
or class (2018202177 官佳薇, 数据201 肖楚恒), a role after it (张津执笔). `byline` strips them
and keeps a name only when it looks like one: two to four Han characters starting with a
Chinese surname, not a heading word (功能说明, 简介).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# 百家姓 and other common surnames, simplified and traditional.
_SURNAMES = set(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花"
    "方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝"
    "明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝"
    "管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫"
    "乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍"
    "赖卓蔺屠蒙池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连"
    "茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾"
    "毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公官玄覃闫付仝佘敬粟晋练揭兰谌邸银冼植区麦苟母代占来原门佟矫初战鄢"
    "尉庹綦缑漆但过由旷涂肖岳邝卿檀才帅牟信展补续鲜衣楚操迟修雒谯揣英亓逢靖郇蹇仉督苑"
    "陳張劉黃吳趙鄭楊許謝葉蕭羅賴鍾呂蘇莊盧馮孫鄧錢韓馬顏龍鄒湯賀陸蔣華嚴歐陽葛鄔廖簡魏邱駱譚閻聶顧龔"
)
_COMPOUND = ("欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "公孙", "慕容",
             "长孙", "宇文", "司徒", "令狐", "夏侯", "端木", "独孤", "南宫", "西门", "呼延", "轩辕", "申屠", "澹台")
#: Words that open a section or label a field: never a name, whatever their first character.
_NOT_NAMES = {
    "摘要", "引言", "前言", "目录", "简介", "概述", "说明", "方法", "应用", "背景", "结论", "结语", "展望", "附录", "附件",
    "管理", "目标", "任务", "要求", "原则", "范围", "意义", "现状", "问题", "对策", "建议", "总结", "总则", "附则", "关键词",
    "作者", "编者", "记者", "通讯员", "主编", "责编", "编辑", "导师", "教授", "研究员", "讲师", "博士", "硕士", "本报",
    "图片", "表格", "正文", "注释", "参考", "文献", "致谢", "声明", "内容", "主旨", "说明书", "通知", "公告", "意见",
    "华东", "华南", "华北", "华中", "东北", "西北", "西南", "国家", "国务院", "中央", "全国", "人民", "政府", "中国",
    "文件", "简报", "时间", "地点", "单位", "地址", "电话", "传真", "邮编", "网址", "邮箱", "姓名", "学号", "专业",
}
_NOT_NAME_ENDINGS = ("说明", "概述", "简介", "介绍", "研究", "分析", "方法", "设计", "方案", "计划", "管理", "系统",
                     "模型", "技术", "报告", "规定", "办法", "通知", "指南", "要点", "问题", "建设", "工作", "发展")
#: Labels printed before the names of a byline.
_LEAD = re.compile(
    r"^(?:[◎●○■□▲△◆◇★☆※·•*]+\s*)?"
    r"(?:(?:作\s*者|撰\s*文|执\s*笔|文\s*[/／]\s*图|文\s*[/／]|图\s*[/／]|口述|整理)\s*[:：|｜]?\s*|"
    r"(?:本报(?:特约)?记者|本刊记者|新华社记者|中新社记者|特约记者|见习记者|实习生|通讯员|记\s*者)\s*[:：]?\s*)*"
)
_LABELLED = re.compile(r"^(?:作\s*者|撰\s*文|执\s*笔)\s*[:：]")
#: Roles printed after a name: 张津执笔, 王某某 整理, 李四等.
_ROLE_AFTER = re.compile(r"(?:执笔|整理|编译|主编|编著|撰稿|摄影|摄|译|著|等)$")
_MARKS = re.compile(r"[\d¹²³⁰-⁹*∗†‡#§,，a-z]+$")
_UNIT = re.compile(
    r"(?:大学|学院|学校|中学|小学|初中|高中|研究院|研究所|研究中心|中心|医院|公司|集团|银行|委员会|局|厅|部|处|院|所|站|馆|"
    r"办公室|实验室|重点实验室|学部|系|报社|杂志社|出版社|协会|学会)$"
)
_HAN = re.compile(r"^[\u4e00-\u9fff·]+$")


@dataclass(frozen=True)
class Byline:
    """The names of a byline and the units printed with them (作者单位)."""

    names: tuple[str, ...]
    units: tuple[str, ...] = ()


def is_name(token: str) -> bool:
    """Two to four Han characters (a · allowed) starting with a Chinese surname, not a heading word."""
    if not _HAN.match(token) or token in _NOT_NAMES:
        return False
    plain = token.replace("·", "")
    if "·" in token:
        return 3 <= len(token) <= 12  # transliterated names: 阿卜杜拉·买买提
    if not 2 <= len(plain) <= 4 or plain.endswith(_NOT_NAME_ENDINGS):
        return False
    if plain.startswith(_COMPOUND):
        return len(plain) >= 3
    return plain[0] in _SURNAMES and len(plain) <= 3


def byline(text: str, max_length: int = 80) -> Byline | None:
    """The names (and units) of a byline such as "王旭¹,刘锐¹,何俊琦²" or "◎韩爱惠 卢卫华"; None if not one.

    Every token must be a name, a unit before the names, a student number or class, or a
    role word: one stray word and the line is not a byline.
    """
    text = (text or "").strip()
    labelled = bool(_LABELLED.match(text))
    text = _LEAD.sub("", text)
    if not text or len(text) > max_length:
        return None
    tokens = [t for t in re.split(r"[、,，;；\s]+", text) if t]
    tokens = _join_padded(tokens)
    names: list[str] = []
    units: list[str] = []
    for token in tokens:
        bare = _ROLE_AFTER.sub("", _MARKS.sub("", token).strip("*∗()（）"))
        if is_name(bare) or labelled and len(tokens) == 1 and _HAN.match(bare) and 2 <= len(bare) <= 6:
            names.append(bare)  # after 作者：, a pen name too (徐公子胜治)
        elif not names and _UNIT.search(bare) and len(bare) >= 4:
            units.append(bare)  # the unit printed before the names
        elif not names and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]{0,8}\d{3,}", token):
            continue  # a student's number or class before the name
        else:
            return None
    if not 1 <= len(names) <= 12:
        return None
    return Byline(tuple(dict.fromkeys(names)), tuple(units))


def byline_names(text: str) -> list[str]:
    """The names of a byline, [] when `text` is not one."""
    found = byline(text)
    return list(found.names) if found else []


def _join_padded(tokens: list[str]) -> list[str]:
    """Two-character names padded with a space: ["孙", "萌"] → ["孙萌"] (a surname, then one character)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if len(token) == 1 and token in _SURNAMES and nxt and _HAN.match(nxt[:1]) and len(_MARKS.sub("", nxt)) <= 3:
            first = _MARKS.sub("", nxt)
            if len(first) == 1 or _ROLE_AFTER.search(first):
                out.append(token + nxt)
                i += 2
                continue
        out.append(token)
        i += 1
    return out


def unit_line(text: str) -> tuple[str, ...]:
    """作者单位 printed under a byline: "（苏州大学 计算机科学与技术学院，江苏 苏州 215006）" → the units.

    The line must be bracketed or start with a numbered mark (1. 2. ①) and hold a unit name;
    places and postcodes after the unit are left out.
    """
    text = (text or "").strip()
    m = re.match(r"^[（(](.+)[)）]$", text)
    body = m.group(1) if m else text
    if not m and not re.match(r"^(?:\d\s*[.．、]|[①-⑳])", text):
        return ()
    units = []
    for part in re.split(r"[;；]|\s*(?:\d\s*[.．、]|[①-⑳])\s*", body):
        head = re.split(r"[，,]", part.strip())[0].strip()
        if _UNIT.search(head.split(" ")[0]) or re.search(r"(?:大学|学院|研究所|研究院|中心|公司)", head):
            units.append(re.sub(r"\s+", " ", head))
    return tuple(u for u in units if u)
