"""Query understanding: what of a query must match, what only helps, and what else to look for.

Offline and explainable: a plain query (words ANDed, with phrases, fields and exclusions) becomes a
`Plan` of *units*, each one word of the query (or several, when they form a dictionary entry):

* question and function words (`QUESTION_WORDS`: 哪一年, 多少, 是谁, 为什么, 什么时候, 还是 …, and a
  measure word right after 多少/几/哪) are left out and listed in `Plan.ignored`;
* numbers (5000, 45, 2024年) are *soft* units: they raise the score of passages holding them but
  are not required; a year also raises documents of that year (`Plan.years`);
* a run of words that is a form of the synonyms dictionary (`indexer.search.synonyms`) becomes one
  unit that matches either the words or any alternative form (`Plan.expansions` says which);
* pieces typed together of several words (科技安全, 首次提出) are kept for the adjacency bonus.

How units are matched and scored (strict AND, one missing unit of three or more tolerated at a
penalty, any-term fallback, proximity) is the search backend's part. A query with OR at its top
level, or only a phrase or fields, has no plan (`make_plan` returns None) and is searched as written.
No Whoosh here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.search import analysis
from indexer.search import query as ql
from indexer.search.synonyms import MAX_KEY_WORDS, Synonyms

#: Question and function words: never required (a question's answer does not repeat them).
QUESTION_WORDS = frozenset(
    ["谁", "是谁", "哪", "哪儿", "哪里", "哪些", "哪个", "哪位", "哪家", "哪次", "哪年", "哪一年", "哪天", "哪一天", "哪种", "哪项", "哪届", "多少", "几", "几个", "几家", "几次", "几年", "几项", "几种", "几位", "几条", "几何时", "何时", "何地", "何种", "何为", "为何", "为什么", "怎么", "怎么样", "怎样", "如何", "什么", "什么样", "什么时候", "啥", "是否", "是不是", "有没有", "能否", "可否", "还是", "吗", "呢", "么", "请问", "请", "呀", "啊"])
#: Words after 多少 / 几 / 什么 / 哪 that belong to the question: measure words and the kind of answer
#: asked for, which the answer itself seldom names (多少家, 什么时候, 哪一年, 什么型号, 什么原因).
QUESTION_TAILS = frozenset([
    "个", "家", "件", "项", "次", "位", "名", "人", "种", "条", "年", "天", "届", "所", "座", "台", "套", "亿", "万", "一年", "时候", "时间", "日期", "年份", "地方", "地点", "单位", "部门", "机构", "会议", "型号", "名称", "名字", "原因", "方式"])
_HEADS = ("多少", "几", "什么", "哪")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?%?$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
#: Characters of what follows a number and belongs to it, units and measure words (2024年, 5000件, 45岁,
#: 1亿度, 1066秒, 3.3845亿元): a word after a number made only of these is part of the number.
_NUMBER_TAILS = frozenset("年月日号时分秒周天件家个项次位名人岁台套所座条届期版页章节篇部十百千万亿元角倍米吨度克升瓦伏亩户")


@dataclass(frozen=True)
class Unit:
    """One thing a passage should hold: all of `words` (in any word field), or one of `alternatives`."""

    words: tuple[str, ...]
    text: str
    alternatives: tuple[str, ...] = ()
    soft: bool = False


@dataclass
class Plan:
    """What a plain query looks for (see the module docstring)."""

    units: list[Unit]
    others: list[ql.Node] = field(default_factory=list)  # phrases, field terms, groups: required as written
    negatives: list[ql.Node] = field(default_factory=list)
    adjacent: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    expansions: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def hard(self) -> list[Unit]:
        """The units that must match (every unit when all are soft: a query of only a year still needs it)."""
        hard = [u for u in self.units if not u.soft]
        return hard or list(self.units)

    def soft(self) -> list[Unit]:
        """The units that only raise the score."""
        return [u for u in self.units if u.soft] if any(not u.soft for u in self.units) else []


@dataclass
class _Word:
    text: str
    piece: int
    soft: bool = False
    number: str = ""  # for a soft word: the number it belongs to, with its tail (2024年)


def make_plan(scored: ql.Node, synonyms: Synonyms | None) -> Plan | None:
    """The plan of the ranking part of a query (filters already split off); None when it has none."""
    items = scored.items if isinstance(scored, ql.And) else (scored,)
    plain = [i for i in items if _is_plain(i)]
    if not plain:
        return None
    plan = Plan(units=[])
    words: list[_Word] = []
    pieces: dict[int, list[str]] = {}
    for item in items:
        if _is_plain(item):
            assert isinstance(item, ql.Term)
            _read_term(item.text, words, pieces, plan)
        elif isinstance(item, ql.Not):
            plan.negatives.append(item.item)
        else:
            plan.others.append(item)
    if not words:
        return None
    plan.adjacent = [text for text in (_piece_text(p) for p in pieces.values()) if text]
    plan.units = _units(words, synonyms, plan)
    return plan


def _is_plain(node: ql.Node) -> bool:
    return isinstance(node, ql.Term) and not node.field and not node.phrase


def _read_term(text: str, words: list[_Word], pieces: dict[int, list[str]], plan: Plan) -> None:
    """Add a plain term's words to `words`, question words left out (into `plan.ignored`)."""
    stops = analysis.stop_words()
    piece = len(pieces)
    pieces[piece] = []
    tokens = [t.strip() for t in analysis.init_segmenter().cut(analysis.fold(text), HMM=True)]
    tokens = [t for t in tokens if t and any(c.isalnum() for c in t)]
    skip_tail = False
    for i, token in enumerate(tokens):
        if skip_tail and token in QUESTION_TAILS:
            plan.ignored.append(token)
            skip_tail = False
            continue
        skip_tail = False
        if token in QUESTION_WORDS or token.startswith(("哪", "多少")):
            plan.ignored.append(token)
            skip_tail = token in _HEADS
            piece = len(pieces)
            pieces[piece] = []
            continue
        pieces[piece].append(token)
        if token in stops:
            continue
        previous = words[-1] if words and words[-1].piece == piece else None
        if _NUMBER.match(token):
            words.append(_Word(token, piece, soft=True, number=token))
            if _YEAR.match(token) and i + 1 < len(tokens) and tokens[i + 1] == "年":
                plan.years.append(int(token))
        elif previous is not None and previous.soft and set(token) <= _NUMBER_TAILS \
                and tokens[i - 1] == previous.text:
            previous.number += token
        else:
            words.append(_Word(token, piece))


def _piece_text(tokens: list[str]) -> str:
    """The characters of a piece of several words as typed, without stop words at either end."""
    stops = analysis.stop_words()
    while tokens and tokens[0] in stops:
        tokens = tokens[1:]
    while tokens and tokens[-1] in stops:
        tokens = tokens[:-1]
    kept = [t for t in tokens if t not in stops]
    if len(kept) < 2:
        return ""
    return analysis.squeeze("".join(tokens))


def _units(words: list[_Word], synonyms: Synonyms | None, plan: Plan) -> list[Unit]:
    """Words into units: runs that are a dictionary form (longest first) become one unit with its alternatives."""
    units: list[Unit] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word.soft:
            units.append(Unit((word.text,), word.number or word.text, soft=True))
            i += 1
            continue
        found: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        if synonyms is not None:
            for n in range(min(MAX_KEY_WORDS, len(words) - i), 0, -1):
                run = words[i:i + n]
                if any(w.soft for w in run):
                    continue
                key = tuple(w.text for w in run)
                alternatives = [a for a in synonyms.lookup(key) if not _contains(key, a)]
                if alternatives:
                    found = (key, tuple(alternatives))
                    break
        if found is None:
            units.append(Unit((word.text,), word.text))
            i += 1
            continue
        key, forms = found
        text = _joined(key)
        units.append(Unit(key, text, forms))
        plan.expansions.append((text, forms))
        i += len(key)
    return units


def _contains(key: tuple[str, ...], alternative: str) -> bool:
    """Whether `alternative` holds the query form itself (十三五 → 十三五规划): nothing more to look for."""
    return analysis.squeeze("".join(key)) in analysis.squeeze(alternative) and not alternative.isascii()


def _joined(words: tuple[str, ...]) -> str:
    """Words as a person reads them: Latin words with spaces between, Chinese ones run together."""
    out = ""
    for word in words:
        if out and out[-1].isascii() and out[-1].isalnum() and word[0].isascii() and word[0].isalnum():
            out += " "
        out += word
    return out
