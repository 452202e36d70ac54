"""A planned query (`indexer.search.understanding.Plan`) matched and scored unit by unit.

Private to the search backend. Each unit is evaluated on its own (its words in any word field, or
one of its dictionary alternatives), so that a passage's *coverage* — how many of the required
units it holds — is known:

* all of them: a strict match;
* all but one, when there are `NEAR_MIN_UNITS` or more: a near match, ranked among the strict
  ones at `near_factor` of its score (a document missing one term of four still ranks);
* fewer: the any-term fallback, below both, as for an unplanned query.

Soft units (numbers) add their score where they occur; documents of a year the query names are
raised by `YEAR_BONUS`; the best `PROXIMITY_CANDIDATES` passages are re-ranked by how close their
units stand (`proximity`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh import query as wq

from indexer.search import analysis
from indexer.search.understanding import Plan, Unit

#: Word fields a unit's words are looked for in, with their BM25F weight (an unplanned query's too).
WORD_FIELDS = (("content", 1.0), ("title", 2.5), ("keywords", 2.0), ("abstract", 0.6))
#: Weight of an exact-characters match (an unknown word, a Chinese alternative), spread over its bigrams.
EXACT_WEIGHT = 2.0
#: Fewest required units for a passage missing one of them to rank among the strict matches.
NEAR_MIN_UNITS = 3


def near_factor(required: int) -> float:
    """The score factor of a passage missing one of `required` units: ((n - 1) / n)², so 0.44 for one
    of three, 0.56 of four, 0.81 of ten (one word of a long question matters less than one of three)."""
    return ((required - 1) / required) ** 2 if required else 1.0

#: Ranking factor 1 + this for a document of a year the query names (2024年 …).
YEAR_BONUS = 0.3
#: Ranking factor up to 1 + this for a passage whose units stand together (`proximity`).
PROXIMITY_BONUS = 0.5
PROXIMITY_CANDIDATES = 200
#: Fewest required units for proximity re-ranking: it reads the units' bigram positions (as a phrase
#: does); two words are left to BM25 and the adjacency bonus, which keeps one- and two-word searches as fast.
PROXIMITY_MIN_UNITS = 3
#: Characters per gap between units still counted as "together" (a short clause).
PROXIMITY_REACH = 4


@dataclass
class Coverage:
    """What the units of a plan matched: per passage, how many required units, and the summed score."""

    count: NDArray[np.int32]
    score: NDArray[np.float32]
    required: int


def unit_query(searcher: Any, unit: Unit) -> wq.Query:
    """A unit as one Whoosh query: all its words in any word field (an unknown word as exact
    characters), or one of its alternatives."""
    reader = searcher.reader()
    per_word = []
    for word in unit.words:
        fields = FieldsOr([wq.Term(f, word, boost=b) for f, b in WORD_FIELDS])
        if reader.doc_frequency("content", word) == 0 and len(word) >= 2:
            fields = wq.Or([fields, substring("grams", analysis.squeeze(word), EXACT_WEIGHT)])
        per_word.append(fields)
    options = [per_word[0] if len(per_word) == 1 else wq.And(per_word)]
    options += [alternative_query(a) for a in unit.alternatives]
    return options[0] if len(options) == 1 else wq.Or(options)


def alternative_query(form: str) -> wq.Query:
    """A dictionary form: one Latin word as a word (``ic`` is not the ic of public), anything else as
    its exact characters, spaces aside (混合云, 洛克希德·马丁, lockheed martin, r&d)."""
    words = analysis.query_words(form)
    if form.isascii() and len(words) == 1 and words[0] == analysis.squeeze(form):
        return FieldsOr([wq.Term(f, words[0], boost=b) for f, b in WORD_FIELDS])
    return substring("grams", analysis.squeeze(form), EXACT_WEIGHT)


def substring(fieldname: str, squeezed: str, weight: float) -> wq.Query:
    """Documents whose field holds `squeezed` as a substring: consecutive bigrams, or a prefix for one character."""
    if len(squeezed) == 1:
        return wq.Prefix(fieldname, squeezed, boost=weight)
    grams = analysis.phrase_bigrams(squeezed)
    boost = weight / len(grams)
    if len(grams) == 1:
        return wq.Term(fieldname, grams[0], boost=boost)
    return wq.Phrase(fieldname, grams, boost=boost)


class FieldsOr(wq.Or):  # type: ignore[misc]  # Whoosh is untyped
    """One word in several fields: always a tree of union matchers, which can skip low-scoring
    blocks (Whoosh preloads and scores every posting instead on segments under 5,000 documents)."""

    matcher_type = wq.Or.DEFAULT_MATCHER


def coverage(evaluator: Any, searcher: Any, plan: Plan, size: int) -> Coverage:
    """Evaluate every unit once: how many required units each passage holds, and the score of all."""
    count = np.zeros(size, np.int32)
    score = np.zeros(size, np.float32)
    hard = plan.hard()
    for unit in hard:
        mask, unit_score = evaluator.evaluate(unit_query(searcher, unit))
        count += mask
        score += unit_score
    for unit in plan.soft():
        _, unit_score = evaluator.evaluate(unit_query(searcher, unit))
        score += unit_score
    if plan.years:
        years = evaluator.v.years()
        score = np.where(np.isin(years, plan.years), score * np.float32(1 + YEAR_BONUS), score)
    return Coverage(count, score, len(hard))


def proximity(evaluator: Any, plan: Plan, candidates: NDArray[np.intp]) -> NDArray[np.float32]:
    """A factor per candidate (1 to 1 + `PROXIMITY_BONUS`): higher where its units stand closer.

    Where a unit occurs is read off the passage's bigram positions (the unit's first two
    characters; positions are characters of the text without whitespace). The closest window
    holding one occurrence of every unit present (two at least) is compared with the characters
    those units need: ``gaps × PROXIMITY_REACH`` or less counts fully, farther less and less.
    """
    factor = np.ones(candidates.size, np.float32)
    units = [u for u in plan.hard() if len(analysis.squeeze(u.words[0])) >= 2]
    if len(units) < PROXIMITY_MIN_UNITS or not candidates.size:
        return factor
    index = {int(d): i for i, d in enumerate(candidates.tolist())}
    hits: list[list[tuple[int, int]]] = [[] for _ in range(candidates.size)]
    for number, unit in enumerate(units):
        gram = analysis.squeeze(unit.words[0])[:2]
        p = evaluator.v.postings("grams", gram, positions=True)
        if not p.ids.size or p.positions is None or p.counts is None:
            continue
        keep = np.isin(p.ids, candidates)
        if not keep.any():
            continue
        ends = np.cumsum(p.counts)
        starts = ends - p.counts
        for doc, start, end in zip(p.ids[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True):
            hits[index[doc]].extend((int(pos), number) for pos in p.positions[start:end])
    for i, occurrences in enumerate(hits):
        span, present = _window(occurrences)
        if present >= 2:
            need = (present - 1) * PROXIMITY_REACH + 2
            closeness = min(1.0, need / max(span, 1)) * (present - 1) / (len(units) - 1)
            factor[i] = 1 + PROXIMITY_BONUS * closeness
    return factor


def _window(occurrences: list[tuple[int, int]]) -> tuple[int, int]:
    """(the shortest span in characters holding every unit present, how many units are present)."""
    if not occurrences:
        return 0, 0
    occurrences.sort()
    present = len({u for _, u in occurrences})
    if present < 2:
        return 0, present
    seen: dict[int, int] = {}
    best = occurrences[-1][0] - occurrences[0][0]
    left = 0
    for pos, unit in occurrences:
        seen[unit] = seen.get(unit, 0) + 1
        while len(seen) == present:
            best = min(best, pos - occurrences[left][0])
            first = occurrences[left][1]
            seen[first] -= 1
            if not seen[first]:
                del seen[first]
            left += 1
    return best, present
