"""Search notes with the library's query language, evaluated over the notes themselves.

    标签:数据安全 -立场:风险        tag contains 数据安全, stance not 风险
    "新安全格局" | 芯片             a phrase in the note, its quote, tags or stance, or 芯片
    作者:张三 年份:2025             author; the year the note was written

The parse is `indexer.search.query.parse` itself (same operators, folding, error messages and limits).
Its field list is the library's, so note-only fields (标签/tag, 立场/stance, 原文/quote,
内容/text) are swapped for placeholder words before parsing and swapped back in the tree.
Matching is by substring after `indexer.search.analysis.fold` (full-width → half-width,
traditional → simplified, lower case), whitespace ignored; a plain word also matches when
all its jieba words occur in the note, as the library's word search would. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from indexer.errors import QuerySyntaxError
from indexer.search import analysis
from indexer.search.query import FIELD_ALIASES, And, Node, Not, Or, Term, YearRange, check_length, parse
from userdata.notes.store import Note

#: Fields only notes have, by every name a user may type.
NOTE_FIELDS = {
    "标签": "tags", "tag": "tags", "tags": "tags",
    "立场": "stance", "stance": "stance",
    "原文": "quote", "引文": "quote", "quote": "quote",
    "内容": "body", "正文": "body", "笔记": "body", "text": "body", "note": "body",
}
#: Library fields that mean something for a note (keywords → tags, year → year written).
SHARED_FIELDS = {"author", "title", "year", "keywords"}
_PLACEHOLDER = "zzhanlinnotefield{}zz"
_BREAKS = set('()|"“”')
_QUOTES = {'"': '"”', "“": '”"', "”": '”"'}


def parse_notes_query(query: str) -> Node:
    """The query as a tree of `indexer.search.query` nodes with note fields; raises `QuerySyntaxError`."""
    if not query or not query.strip():
        raise QuerySyntaxError("检索式为空 (the query is empty)")
    check_length(query)  # the query as typed: placeholders make the rewritten one longer
    rewritten, fields = _swap_fields(analysis.fold(query, lower=False))
    return _restore(parse(rewritten, max_chars=None), fields)


def search(notes: Iterable[Note], query: str) -> list[Note]:
    """The notes matching `query`, in the order given."""
    tree = parse_notes_query(query)
    return [n for n in notes if matches(tree, n)]


def matches(node: Node, note: Note) -> bool:
    """Whether `note` satisfies the query tree `node`."""
    if isinstance(node, And):
        return all(matches(item, note) for item in node.items)
    if isinstance(node, Or):
        return any(matches(item, note) for item in node.items)
    if isinstance(node, Not):
        return not matches(node.item, note)
    if isinstance(node, YearRange):
        year = _year(note)
        return year is not None and (node.low is None or year >= node.low) and (node.high is None or
                                                                                 year <= node.high)
    return _term_matches(node, note)


# ---------------------------------------------------------------------------- fields


def _swap_fields(query: str) -> tuple[str, dict[str, tuple[str, str, bool]]]:
    """Replace ``字段:值`` of note fields by placeholders; check every other field name."""
    out: list[str] = []
    fields: dict[str, tuple[str, str, bool]] = {}
    i = 0
    while i < len(query):
        char = query[i]
        if char in _QUOTES:
            end = _closing(query, i)
            out.append(query[i:end])
            i = end
            continue
        if char.isspace() or char in _BREAKS or char == "-":
            out.append(char)
            i += 1
            continue
        j = i
        while j < len(query) and not query[j].isspace() and query[j] not in _BREAKS:
            j += 1
        word = query[i:j]
        name, sep, value = word.partition(":")
        if not sep or not name or name.isdigit():
            out.append(word)
            i = j
            continue
        field = NOTE_FIELDS.get(name.lower())
        if field is None:
            _check_shared(name)
            out.append(word)
            i = j
            continue
        phrase = False
        if not value and j < len(query) and query[j] in _QUOTES:
            end = _closing(query, j)
            value, phrase, j = query[j + 1:end - 1], True, end
        if not analysis.squeeze(value):
            raise QuerySyntaxError(f"字段“{name}:”后缺少内容 (nothing after the field {name}:)")
        key = _PLACEHOLDER.format(len(fields))
        fields[key] = (field, analysis.fold(value), phrase)
        out.append(key)
        i = j
    return "".join(out), fields


def _closing(query: str, i: int) -> int:
    """Index just after the quote closing the one at `i` (or the end: the parser reports it)."""
    closing = _QUOTES[query[i]]
    end = next((k for k in range(i + 1, len(query)) if query[k] in closing), len(query) - 1)
    return end + 1


def _check_shared(name: str) -> None:
    field = FIELD_ALIASES.get(name.lower())
    if field in SHARED_FIELDS:
        return
    known = "标签 立场 作者 标题 原文 内容 年份 / tag stance author title quote text year"
    if field is None:
        raise QuerySyntaxError(f"笔记没有“{name}”这个字段，可用字段：{known} (unknown field {name!r})")
    raise QuerySyntaxError(f"检索笔记时不能用“{name}”字段，可用字段：{known} "
                           f"(notes have no {name!r} field)")


def _restore(node: Node, fields: dict[str, tuple[str, str, bool]]) -> Node:
    if isinstance(node, Term):
        if node.text in fields:
            field, text, phrase = fields[node.text]
            return Term(text, field, phrase)
        return replace(node, field="tags") if node.field == "keywords" else node
    if isinstance(node, (And, Or)):
        return type(node)(tuple(_restore(i, fields) for i in node.items))
    if isinstance(node, Not):
        return Not(_restore(node.item, fields))
    return node


# ---------------------------------------------------------------------------- matching


@lru_cache(maxsize=4096)
def _squeezed(text: str) -> str:
    return analysis.squeeze(text)


@lru_cache(maxsize=1024)
def _words(text: str) -> tuple[str, ...]:
    return tuple(analysis.query_words(text))


def _haystacks(note: Note, field: str) -> list[str]:
    if field == "tags":
        return list(note.tags)
    if field == "stance":
        return [note.stance]
    if field == "author":
        return [note.author]
    if field == "title":
        return [note.doc_title]
    if field == "quote":
        return [note.anchor.quote]
    if field == "body":
        return [note.body_text]
    return [note.body_text, note.anchor.quote, *note.tags, note.stance]


def _term_matches(term: Term, note: Note) -> bool:
    hays = [_squeezed(h) for h in _haystacks(note, term.field) if h]
    needle = _squeezed(term.text)
    if any(needle in h for h in hays):
        return True
    if term.phrase or term.field in ("tags", "stance", "author"):
        return False
    words = [_squeezed(w) for w in _words(term.text)]
    return len(words) > 1 and all(any(w in h for h in hays) for w in words)


def _year(note: Note) -> int | None:
    match = re.match(r"(\d{4})-", note.created)
    if not match:
        return None
    try:  # the year in local time, as the note's time is shown
        return dt.datetime.fromisoformat(note.created).astimezone().year
    except ValueError:
        return int(match.group(1))
