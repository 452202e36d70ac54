"""Hanlin's query language: a small hand-written parser producing a backend-neutral tree.

Syntax (see docs/search.md)::

    科技安全 治理            space = AND
    芯片 OR 半导体 / 芯片 | 半导体
    科技安全 NOT 美国 / 科技安全 -美国
    "新安全格局" / “新安全格局”   exact substring of the passage text
    (芯片 | 半导体) 国产化     parentheses group
    标题:科技安全  title:…  作者:/author:  来源:/source:  类型:/type:  文号:/number:
    关键词:/keyword:  年份:2020-2025 / year:2020- / year:-2019 / 年份:2023   (： also accepted)

The whole query is folded first (full-width → half-width, traditional → simplified), so
``标题：`` and ``（…）`` work too. `parse` raises `QuerySyntaxError` with a bilingual
message for unbalanced quotes or parentheses, an unknown field, an empty query, a query
of only stop words or only exclusions, and for a query over one of the limits below (longer
than `MAX_QUERY_CHARS`, nested deeper than `MAX_DEPTH`, more than `MAX_WORDS` words to look
up): every accepted query parses in milliseconds and searches in about a second at most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.errors import QuerySyntaxError
from indexer.search import analysis

FIELD_ALIASES = {
    "标题": "title", "题名": "title", "title": "title",
    "作者": "author", "author": "author",
    "来源": "source", "出处": "source", "source": "source",
    "类型": "type", "type": "type",
    "文号": "number", "发文字号": "number", "number": "number",
    "关键词": "keywords", "keyword": "keywords", "keywords": "keywords",
    "年份": "year", "年": "year", "year": "year",
}

DOC_TYPES = {
    "policy": "policy", "政策": "policy", "公文": "policy", "法规": "policy", "文件": "policy",
    "paper": "paper", "论文": "paper", "期刊": "paper", "文献": "paper",
    "news": "news", "新闻": "news", "报道": "news",
    "digest": "digest", "汇编": "digest", "简报": "digest", "摘编": "digest",
    "other": "other", "其他": "other", "其它": "other",
}

#: Longest query accepted, in characters (a pasted paragraph of a passage fits; a page does not).
MAX_QUERY_CHARS = 1000
#: Deepest nesting of parentheses and NOT/- accepted (each ``(`` or NOT is one level).
MAX_DEPTH = 20
#: Most words a query may look up: each jieba word of a plain word, each phrase and field condition.
MAX_WORDS = 200

_OPEN_QUOTES = {'"': '"”', "“": '”"', "”": '”"'}
_BREAKS = set('()|"“”')
_YEAR = re.compile(r"^(\d{4})?\s*(?:-|~|\.\.|至|到)?\s*(\d{4})?$")


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase (`phrase`), optionally in a field; `text` is folded."""

    text: str
    field: str = ""
    phrase: bool = False


@dataclass(frozen=True)
class YearRange:
    """Documents whose year is between `low` and `high` (inclusive; None = open)."""

    low: int | None
    high: int | None


@dataclass(frozen=True)
class And:
    """Every item must match."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one item must match."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The item must not match."""

    item: Node


Node = Term | YearRange | And | Or | Not


@dataclass(frozen=True)
class _Tok:
    kind: str  # word, phrase, or, not, lparen, rparen
    text: str = ""
    field: str = ""


def parse(query: str, *, max_chars: int | None = MAX_QUERY_CHARS) -> Node:
    """Parse a query into a tree of `Term`, `YearRange`, `And`, `Or`, `Not`.

    `max_chars` None skips the length check (for a caller that checked the query it was given
    with `check_length` before rewriting it).
    """
    if not query or not query.strip():
        raise QuerySyntaxError("检索式为空 (the query is empty)")
    if max_chars is not None:
        check_length(query, max_chars)
    tokens = _lex(analysis.fold(query, lower=False))
    parser = _Parser(tokens)
    node = parser.or_expr()
    if parser.peek() is not None:
        raise QuerySyntaxError("右括号多余 (unbalanced parentheses: a ')' has no '(')")
    kept = _drop_stop_words(node)
    if kept is None:
        raise QuerySyntaxError("检索式只有停用词（如“的”“是”），请输入有意义的词 (the query has only stop words)")
    if not _has_positive(kept):
        raise QuerySyntaxError("检索式只有排除条件，请至少给出一个要找的词 (the query only excludes: give a word to find)")
    _check_words(kept)
    return kept


def check_length(query: str, max_chars: int = MAX_QUERY_CHARS) -> None:
    """Raise `QuerySyntaxError` if `query` (without surrounding whitespace) is over `max_chars` characters."""
    length = len(query.strip())
    if length > max_chars:
        raise QuerySyntaxError(f"检索式过长：{length} 字，最多 {max_chars} 字。请缩短，只保留最关键的词或一句原文 "
                               f"(the query is too long: {length} characters, at most {max_chars}; "
                               "shorten it to its key words or one sentence)")


def _check_words(node: Node) -> None:
    count = _word_count(node)
    if count > MAX_WORDS:
        raise QuerySyntaxError(f"检索词过多：{count} 个，最多 {MAX_WORDS} 个。请只保留最关键的词 "
                               f"(too many words to look up: {count}, at most {MAX_WORDS}; keep the key words)")


def _word_count(node: Node) -> int:
    """How many words a search looks up for `node` (a plain word: its jieba words)."""
    if isinstance(node, Term):
        plain = not node.phrase and node.field in ("", "keywords")
        return max(1, len(analysis.query_words(node.text))) if plain else 1
    if isinstance(node, (And, Or)):
        return sum(_word_count(i) for i in node.items)
    if isinstance(node, Not):
        return _word_count(node.item)
    return 1


def highlight_terms(node: Node) -> list[str]:
    """Folded strings to highlight in passage text: the words and phrases the query looks for."""
    out: list[str] = []
    _collect(node, out)
    return list(dict.fromkeys(t for t in out if t))


def _collect(node: Node, out: list[str]) -> None:
    if isinstance(node, Term):
        if node.field in ("", "keywords"):
            out.append(analysis.squeeze(node.text))
            if not node.phrase:
                out.extend(analysis.query_words(node.text))
    elif isinstance(node, (And, Or)):
        for item in node.items:
            _collect(item, out)


# ---------------------------------------------------------------------------- lexer


def _lex(query: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char == "(":
            tokens.append(_Tok("lparen"))
            i += 1
        elif char == ")":
            tokens.append(_Tok("rparen"))
            i += 1
        elif char == "|":
            tokens.append(_Tok("or"))
            i += 1
        elif char in _OPEN_QUOTES:
            text, i = _read_phrase(query, i)
            tokens.append(_Tok("phrase", text))
        elif char == "-" and i + 1 < n and not query[i + 1].isspace():
            tokens.append(_Tok("not"))
            i += 1
        else:
            i = _read_word(query, i, tokens)
    return tokens


def _read_phrase(query: str, i: int) -> tuple[str, int]:
    closing = _OPEN_QUOTES[query[i]]
    end = next((j for j in range(i + 1, len(query)) if query[j] in closing), -1)
    if end < 0:
        rest = query[i:i + 21] + ("…" if len(query) > i + 21 else "")
        raise QuerySyntaxError(f"引号不成对：{rest} (unbalanced quotes: a phrase is not closed)")
    text = query[i + 1:end]
    if not analysis.squeeze(text):
        raise QuerySyntaxError("引号内为空 (empty quotes: put the exact words inside)")
    return text.lower(), end + 1


def _read_word(query: str, i: int, tokens: list[_Tok]) -> int:
    j = i
    while j < len(query) and not query[j].isspace() and query[j] not in _BREAKS:
        j += 1
    word = query[i:j]
    if word in ("OR", "NOT", "AND"):
        if word != "AND":  # AND is what a space means already
            tokens.append(_Tok(word.lower()))
        return j
    if ":" in word:
        name, value = word.split(":", 1)
        field = FIELD_ALIASES.get(name.lower())
        if field is None and name and not name.isdigit():
            known = " ".join(k for k in FIELD_ALIASES if not k.isascii()) + " / title author source type number keyword year"
            raise QuerySyntaxError(f"没有“{name}”这个字段，可用字段：{known} (unknown field {name!r})")
        if field:
            if not value and j < len(query) and query[j] in _OPEN_QUOTES:
                text, end = _read_phrase(query, j)
                tokens.append(_Tok("phrase", text, field))
                return end
            if not value:
                raise QuerySyntaxError(f"字段“{name}:”后缺少内容 (nothing after the field {name}:)")
            tokens.append(_Tok("word", value.lower(), field))
            return j
    tokens.append(_Tok("word", word.lower()))
    return j


# ---------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, tokens: list[_Tok]):
        self.tokens = tokens
        self.i = 0
        self.depth = 0  # parentheses and NOTs open around the current token

    def enter(self) -> None:
        """One level deeper (a ``(`` or a NOT); refuses past `MAX_DEPTH`, before Python's recursion limit."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuerySyntaxError(f"检索式嵌套过深：括号和 NOT/- 最多 {MAX_DEPTH} 层 "
                                   f"(the query nests too deeply: at most {MAX_DEPTH} levels of parentheses and NOT/-)")

    def peek(self) -> _Tok | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Node:
        items = []
        while (tok := self.peek()) is not None and tok.kind not in ("or", "rparen"):
            items.append(self.unary())
        if not items:
            where = "开头" if self.i == 0 else "末尾或括号内"
            raise QuerySyntaxError(f"OR 或 | 两边都需要检索词（{where}缺少） (OR needs a term on both sides)"
                                   if self.peek() is not None or self.i > 0 and self.tokens[self.i - 1].kind == "or"
                                   else "括号内为空 (empty parentheses)")
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node:
        tok = self.take()
        if tok.kind == "not":
            if (after := self.peek()) is None or after.kind in ("or", "rparen"):
                raise QuerySyntaxError("NOT 或 - 后缺少要排除的词 (NOT needs a term after it)")
            self.enter()
            item = self.unary()
            self.depth -= 1
            return Not(item)
        if tok.kind == "lparen":
            if (after := self.peek()) is not None and after.kind == "rparen":
                raise QuerySyntaxError("括号内为空 (empty parentheses)")
            self.enter()
            node = self.or_expr()
            if self.peek() is None:
                raise QuerySyntaxError("括号不成对：缺少“)” (unbalanced parentheses: missing ')')")
            self.take()
            self.depth -= 1
            return node
        if tok.kind in ("word", "phrase"):
            return _leaf(tok)
        raise QuerySyntaxError("右括号多余 (unbalanced parentheses: a ')' has no '(')")


def _leaf(tok: _Tok) -> Node:
    if tok.field == "year":
        return _year(tok.text)
    if tok.field == "type":
        value = DOC_TYPES.get(tok.text.strip())
        if value is None:
            raise QuerySyntaxError(f"未知类型“{tok.text}”，可用：政策 论文 新闻 汇编 其他 "
                                   "(unknown type; use policy, paper, news, digest, other)")
        return Term(value, "type")
    return Term(tok.text, tok.field, tok.kind == "phrase")


def _year(text: str) -> YearRange:
    m = _YEAR.match(text.strip())
    if not m or not (m.group(1) or m.group(2)):
        raise QuerySyntaxError(f"年份“{text}”无法理解，应写作 2023、2020-2025、2020- 或 -2019 "
                               "(year must look like 2023, 2020-2025, 2020- or -2019)")
    low, high = (int(g) if g else None for g in m.groups())
    single = "-" not in text and "~" not in text and ".." not in text and "至" not in text and "到" not in text
    if single:
        high = low
    if low is not None and high is not None and low > high:
        low, high = high, low
    return YearRange(low, high)


def _drop_stop_words(node: Node) -> Node | None:
    """Remove plain words that are only stop words; None when nothing is left."""
    if isinstance(node, Term):
        if node.phrase or node.field:
            return node
        return node if analysis.query_words(node.text) else None
    if isinstance(node, (And, Or)):
        items = tuple(x for x in (_drop_stop_words(i) for i in node.items) if x is not None)
        if not items:
            return None
        return items[0] if len(items) == 1 else type(node)(items)
    if isinstance(node, Not):
        inner = _drop_stop_words(node.item)
        return Not(inner) if inner is not None else None
    return node


def _has_positive(node: Node) -> bool:
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_has_positive(i) for i in node.items)
    if isinstance(node, Or):
        return all(_has_positive(i) for i in node.items)
    return True
