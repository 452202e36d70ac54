"""Kleinberg's burst detection over years: when a term is used far more often than usual.

Kleinberg, "Bursty and Hierarchical Structure in Streams" (KDD 2002), the batched form with two
states: in year t, r_t of the d_t documents use the term. The base state expects the share
p0 = Σr / Σd, the burst state p1 = s·p0. A year costs −ln of the binomial probability of r_t
in its state; entering the burst state costs γ·ln n (n years), leaving it nothing. The cheapest
state sequence (Viterbi) marks the bursts; a burst's weight is how much cheaper its years are in
the burst state than in the base state (the measure CiteSpace reports as burst strength).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.insight.documents import DocumentRow


@dataclass(frozen=True)
class Burst:
    """A term's burst: its first and last year and its weight."""

    term: str
    start: int
    end: int
    weight: float


def burst_states(used: Sequence[int], totals: Sequence[int], s: float = 2.0, gamma: float = 1.0) -> list[int]:
    """The state (0 base, 1 burst) of each batch, for `used[t]` of `totals[t]` documents using the term."""
    n = len(used)
    r_all, d_all = sum(used), sum(totals)
    if n < 2 or r_all == 0 or d_all == 0 or r_all >= d_all:
        return [0] * n
    p = (r_all / d_all, min(s * r_all / d_all, 0.9999))
    enter = gamma * math.log(n)
    costs = [0.0, math.inf]  # start in the base state
    back: list[tuple[int, int]] = []
    for r, d in zip(used, totals, strict=True):
        step = (_cost(p[0], r, d), _cost(p[1], r, d))
        from_base = (costs[0], costs[0] + enter)
        from_burst = (costs[1], costs[1])
        best = [(0 if from_base[j] <= from_burst[j] else 1) for j in (0, 1)]
        costs = [min(from_base[j], from_burst[j]) + step[j] for j in (0, 1)]
        back.append((best[0], best[1]))
    state = 0 if costs[0] <= costs[1] else 1
    states = [0] * n
    for t in range(n - 1, -1, -1):
        states[t] = state
        state = back[t][state]
    return states


def _cost(p: float, r: int, d: int) -> float:
    """−ln of the binomial probability of `r` of `d` at rate `p`."""
    if d == 0:
        return 0.0
    log_choose = math.lgamma(d + 1) - math.lgamma(r + 1) - math.lgamma(d - r + 1)
    return -(log_choose + r * math.log(p) + (d - r) * math.log(1 - p))


def bursts_of(used: Sequence[int], totals: Sequence[int], first_year: int, term: str,
              s: float = 2.0, gamma: float = 1.0) -> list[Burst]:
    """The bursts of one term over consecutive years from `first_year`."""
    states = burst_states(used, totals, s, gamma)
    r_all, d_all = sum(used), sum(totals)
    out: list[Burst] = []
    t = 0
    while t < len(states):
        if not states[t]:
            t += 1
            continue
        start = t
        weight = 0.0
        while t < len(states) and states[t]:
            p0, p1 = r_all / d_all, min(s * r_all / d_all, 0.9999)
            weight += _cost(p0, used[t], totals[t]) - _cost(p1, used[t], totals[t])
            t += 1
        out.append(Burst(term, first_year + start, first_year + t - 1, round(weight, 3)))
    return out


def term_bursts(docs: Sequence[DocumentRow], terms: Sequence[Sequence[str]], limit: int = 30,
                candidates: int = 300, s: float = 2.0, gamma: float = 1.0) -> list[Burst]:
    """The strongest bursts among the `candidates` terms used by most documents (of two at least),
    over the years of `docs` (dated documents only), strongest first."""
    years = [d.year for d in docs]
    dated = [y for y in years if y]
    if not dated:
        return []
    first, last = min(dated), max(dated)
    totals = [0] * (last - first + 1)
    for y in dated:
        totals[y - first] += 1
    df: Counter[str] = Counter()
    for year, found in zip(years, terms, strict=True):
        if year:
            df.update(set(found))
    chosen = {t for t, n in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:candidates] if n >= 2}
    used: dict[str, list[int]] = {t: [0] * len(totals) for t in chosen}
    for year, found in zip(years, terms, strict=True):
        if year:
            for term in set(found) & chosen:
                used[term][year - first] += 1
    out = [b for term in sorted(chosen) for b in bursts_of(used[term], totals, first, term, s, gamma)]
    return sorted(out, key=lambda b: (-b.weight, b.start, b.term))[:limit]
