"""A co-occurrence network of terms (or authors): nodes, weighted edges, clusters and a layout.

networkx does the graph work: communities by Louvain modularity (`louvain_communities`, seeded,
so the same library gives the same clusters) and positions by its force-directed spring layout
(Fruchterman–Reingold, seeded), computed here so that a view only draws. The graph keeps the
`max_nodes` terms used by most documents: a readable picture, and a layout that numpy alone
computes in milliseconds.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any


@dataclass(frozen=True)
class Node:
    """A term: documents using it, its cluster (0 = largest) and its position (x, y in 0…1)."""

    term: str
    documents: int
    cluster: int
    x: float
    y: float


@dataclass(frozen=True)
class Edge:
    """Two terms and the number of documents using both."""

    source: str
    target: str
    weight: int


@dataclass(frozen=True)
class Network:
    """The graph as plain data; `clusters` lists each cluster's terms, most documents first."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    clusters: list[list[str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Nodes, edges and clusters as JSON-able lists."""
        return {"nodes": [n.__dict__ for n in self.nodes], "edges": [e.__dict__ for e in self.edges],
                "clusters": self.clusters}


def cooccurrence(term_sets: Iterable[Sequence[str]], max_nodes: int = 60, seed: int = 7,
                 max_edges: int = 400) -> Network:
    """The network of the `max_nodes` most used terms of `term_sets` (one sequence per document), with
    the `max_edges` strongest edges among them (on a large library nearly every pair of the most used
    terms co-occurs somewhere: the strongest say where the clusters are, and keep the picture readable)."""
    import networkx as nx

    sets = [tuple(dict.fromkeys(t for t in terms if t)) for terms in term_sets]
    df: Counter[str] = Counter(t for terms in sets for t in terms)
    kept = [t for t, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:max_nodes]]
    if not kept:
        return Network()
    chosen = set(kept)
    rank = {t: i for i, t in enumerate(kept)}
    numbered = (sorted(rank[t] for t in terms if t in chosen) for terms in sets if len(terms) > 1)
    counted: Counter[tuple[int, int]] = Counter(pair for ranks in numbered for pair in combinations(ranks, 2))
    pairs = {(min(kept[a], kept[b]), max(kept[a], kept[b])): w for (a, b), w in counted.items()}
    strongest = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:max_edges]
    graph = nx.Graph()
    graph.add_nodes_from(kept)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in strongest)
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted((sorted(c, key=lambda t: (-df[t], t)) for c in communities), key=lambda c: (-len(c), c[0]))
    cluster_of = {t: i for i, members in enumerate(ordered) for t in members}
    positions = _layout(nx, graph, seed)
    nodes = [Node(t, df[t], cluster_of[t], *positions[t]) for t in kept]
    edges = [Edge(a, b, w) for (a, b), w in strongest]
    return Network(nodes, edges, ordered)


def _layout(nx: Any, graph: Any, seed: int) -> dict[str, tuple[float, float]]:
    """Positions in 0…1: each connected part laid out on its own (spring layout), the parts packed
    in rows, largest first, each in a square sized by its number of terms (n^0.75) — separate groups of
    keywords neither collapse into each other nor fly apart."""
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for part in parts:
        side = len(part) ** 0.75  # more room per term in larger groups: their terms have more neighbours
        if len(part) == 1:
            local = {part[0]: (0.5, 0.5)}
        else:
            raw = nx.spring_layout(graph.subgraph(part), weight="weight", seed=seed, iterations=80,
                                   k=2.5 / math.sqrt(len(part)))
            local = _unit(raw)
        boxes.append((side, local))
    width = max(math.sqrt(sum(side * side for side, _ in boxes)) * 1.4, boxes[0][0])
    out: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for side, local in boxes:
        if x + side > width + 1e-9:
            x, y, row = 0.0, y + row, 0.0
        margin = 0.35 * side if side > 1 else 0.0
        for term, (px, py) in local.items():
            out[term] = (x + margin / 2 + px * (side - margin), y + margin / 2 + py * (side - margin))
        x += side
        row = max(row, side)
    return {t: (round(px, 4), round(py, 4)) for t, (px, py) in _unit(out).items()}


def _unit(raw: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Positions scaled into 0…1 on both axes (keeping their aspect when one axis has no spread)."""
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return {t: ((float(p[0]) - min(xs)) / span, (float(p[1]) - min(ys)) / span) for t, p in raw.items()}
