"""The terms of each document: its keywords (关键词) when printed, else salient words of its title and abstract.

Salient words are jieba's words (the index's segmenter and stop words) of the title (counted
twice) and the abstract, ranked by tf·idf over the documents analysed, five per document. The
full text is not used: titles and abstracts say what a document is about, as in bibliometric
tools (CiteSpace's noun phrases of title and abstract), and segmenting them stays fast on a
library of thousands of documents.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Sequence

from indexer.insight.documents import DocumentRow

#: Salient words kept per document without keywords.
TERMS_PER_DOCUMENT = 5
_WORDLIKE = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9\-]{2,}")
#: Words of titles that say what kind of document it is, not what it is about.
_GENERIC_WORDS = """关于 通知 印发 有关 请查照 查照 若干 意见 办法 规定 实施 工作 方案 报告 决定 通报 函 复函 批复
研究 分析 探讨 思考 探索 基于 问题 对策 建议 及其 以及 进一步 加快 推动 推进 加强 我国 我市 我省 本县"""
GENERIC = frozenset(_GENERIC_WORDS.split())
_lock = threading.Lock()
_words_cache: dict[str, tuple[str, ...]] = {}


def document_terms(docs: Sequence[DocumentRow]) -> list[tuple[str, ...]]:
    """Each document's terms, in the order of `docs` (no term twice in a document)."""
    words = {d.doc_id: _words(d) for d in docs if not _keywords(d)}
    df: Counter[str] = Counter(w for found in words.values() for w in set(found))  # one pass: fast
    total = max(len(words), 1)
    idf = {w: math.log(1 + total / n) for w, n in df.items()}
    out: list[tuple[str, ...]] = []
    for doc in docs:
        keywords = _keywords(doc)
        if keywords:
            out.append(keywords)
            continue
        tf: dict[str, int] = {}
        for w in words[doc.doc_id]:
            tf[w] = tf.get(w, 0) + 1
        ranked = sorted(tf, key=lambda w: (-tf[w] * idf[w], w))
        out.append(tuple(ranked[:TERMS_PER_DOCUMENT]))
    return out


def _keywords(doc: DocumentRow) -> tuple[str, ...]:
    """The printed keywords; a single entry holding several space-separated ones is split."""
    if len(doc.keywords) == 1 and len(doc.keywords[0].split()) > 1:
        return tuple(dict.fromkeys(doc.keywords[0].split()))
    return doc.keywords


def _words(doc: DocumentRow) -> tuple[str, ...]:
    """Words of the title (twice) and abstract, remembered per document."""
    known = _words_cache.get(doc.doc_id)  # a dict read needs no lock; writes take it
    if known is not None:
        return known
    from indexer.search import analysis

    segmenter = analysis.init_segmenter()
    stops = analysis.stop_words()
    found: list[str] = []
    for text, times in ((doc.title, 2), (doc.abstract, 1)):
        if not text:
            continue
        words = [w for w in segmenter.cut(text, HMM=True) if _WORDLIKE.fullmatch(w) and w not in stops
                 and w not in GENERIC]
        found += words * times
    result = tuple(found)
    with _lock:
        if len(_words_cache) > 200_000:
            _words_cache.clear()
        _words_cache[doc.doc_id] = result
    return result
