"""Kleinberg's burst detection over years: when a term is used far more often than usual.

Kleinberg, "Bursty and Hierarchical Structure in Streams" (KDD 2002), the batched form with two
states: in year t, r_t of the d_t documents use the term. The base state expects the share
p0 = Σr / Σd, the burst state p1 = s·p0. A year costs −ln of the binomial probability of r_t
in its state; entering the burst state costs γ·ln n (n years), leaving it nothing. The cheapest
state sequence (Viterbi) marks the bursts; a burst's weight is how much cheaper its years are in
the burst state than in the base state (the measure CiteSpace reports as burst strength).

The binomial coefficient is the same in both states of a year, so it changes neither the cheapest
sequence nor a weight and is left out; all terms are run together, as numpy arrays.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from indexer.insight.documents import DocumentRow


@dataclass(frozen=True)
class Burst:
    """A term's burst: its first and last year and its weight."""

    term: str
    start: int
    end: int
    weight: float


def _costs(used: NDArray[np.float64], totals: NDArray[np.float64], s: float
           ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    """Per term and year, the cost in the base and the burst state (without the binomial coefficient),
    and which terms can burst at all (used in some but not every document)."""
    r_all = used.sum(axis=1)
    d_all = float(totals.sum())
    ok = (r_all > 0) & (r_all < d_all) if d_all else np.zeros(len(used), dtype=bool)
    p0 = np.where(ok, r_all / max(d_all, 1.0), 0.5)[:, None]
    p1 = np.minimum(s * p0, 0.9999)
    rest = totals[None, :] - used
    base = -(used * np.log(p0) + rest * np.log1p(-p0))
    burst = -(used * np.log(p1) + rest * np.log1p(-p1))
    return base, burst, ok


def viterbi(used: NDArray[np.float64], totals: NDArray[np.float64], s: float = 2.0, gamma: float = 1.0
            ) -> tuple[NDArray[np.int8], NDArray[np.float64]]:
    """States (0 base, 1 burst) of `used` (terms × years) over `totals` (years), and each year's saving
    in the burst state (base cost − burst cost)."""
    terms, years = used.shape
    base, burst, ok = _costs(used, totals, s)
    if years < 2:
        return np.zeros((terms, years), dtype=np.int8), base - burst
    enter = gamma * math.log(years)
    cost0 = base[:, 0].copy()
    cost1 = np.full(terms, np.inf)
    back = np.zeros((terms, years, 2), dtype=np.int8)
    for t in range(years):
        if t:
            to0 = np.minimum(cost0, cost1)  # leaving a burst costs nothing
            back[:, t, 0] = cost1 < cost0
            from0 = cost0 + enter
            back[:, t, 1] = cost1 < from0
            cost1 = np.minimum(from0, cost1) + burst[:, t]
            cost0 = to0 + base[:, t]
        else:
            cost1 = cost0 - base[:, 0] + enter + burst[:, 0]
    states = np.zeros((terms, years), dtype=np.int8)
    state = (cost1 < cost0).astype(np.int8)
    rows = np.arange(terms)
    for t in range(years - 1, -1, -1):
        states[:, t] = state
        state = back[rows, t, state]
    states[~ok] = 0
    return states, base - burst


def burst_states(used: Sequence[int], totals: Sequence[int], s: float = 2.0, gamma: float = 1.0) -> list[int]:
    """The state (0 base, 1 burst) of each year, for `used[t]` of `totals[t]` documents using one term."""
    states, _ = viterbi(np.asarray([used], dtype=np.float64), np.asarray(totals, dtype=np.float64), s, gamma)
    return [int(x) for x in states[0]]


def bursts_of(used: Sequence[int], totals: Sequence[int], first_year: int, term: str,
              s: float = 2.0, gamma: float = 1.0) -> list[Burst]:
    """The bursts of one term over consecutive years from `first_year`."""
    states, saving = viterbi(np.asarray([used], dtype=np.float64), np.asarray(totals, dtype=np.float64), s, gamma)
    return _runs(term, states[0], saving[0], first_year)


def _runs(term: str, states: NDArray[np.int8], saving: NDArray[np.float64], first_year: int) -> list[Burst]:
    out: list[Burst] = []
    t = 0
    while t < len(states):
        if not states[t]:
            t += 1
            continue
        start = t
        while t < len(states) and states[t]:
            t += 1
        out.append(Burst(term, first_year + start, first_year + t - 1, round(float(saving[start:t].sum()), 3)))
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
    totals = np.zeros(last - first + 1)
    np.add.at(totals, np.asarray(dated) - first, 1)
    df: Counter[str] = Counter(t for year, found in zip(years, terms, strict=True) if year for t in set(found))
    chosen = sorted(t for t, n in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:candidates] if n >= 2)
    if not chosen:
        return []
    row = {t: i for i, t in enumerate(chosen)}
    used = np.zeros((len(chosen), len(totals)))
    for year, found in zip(years, terms, strict=True):
        if year:
            for term in set(found):
                i = row.get(term)
                if i is not None:
                    used[i, year - first] += 1
    states, saving = viterbi(used, totals, s, gamma)
    out = [b for i, term in enumerate(chosen) if states[i].any() for b in _runs(term, states[i], saving[i], first)]
    return sorted(out, key=lambda b: (-b.weight, b.start, b.term))[:limit]
