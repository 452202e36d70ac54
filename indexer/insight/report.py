"""The whole analysis of a set of documents, as data, JSON and tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from indexer.insight.burst import Burst, term_bursts
from indexer.insight.counts import DIMENSIONS, all_counts
from indexer.insight.documents import DocumentRow
from indexer.insight.network import Network, cooccurrence
from indexer.insight.people import AuthorCount, InstitutionCount, top_people
from indexer.insight.terms import document_terms
from indexer.insight.timeline import TimelineEntry, policy_timeline

#: A table: its column headers and rows (what CSV and XLSX files hold).
Table = tuple[list[str], list[list[Any]]]
#: The parts of an analysis, in the order the CLI and the view show them.
PARTS = ("counts", "authors", "institutions", "timeline", "network", "bursts")


@dataclass
class Analysis:
    """What `analyse` found in `documents` documents (`scope`: '' for the whole library, else the query)."""

    scope: str
    documents: int
    counts: dict[str, dict[str, int]]
    authors: list[AuthorCount]
    institutions: list[InstitutionCount]
    timeline: list[TimelineEntry]
    network: Network
    bursts: list[Burst]
    co_authors: Network = field(default_factory=Network)

    def to_json(self) -> dict[str, Any]:
        """The analysis as JSON (`hanlin analyze --json`); an unknown value counts under ''."""
        return {
            "scope": self.scope, "documents": self.documents, "counts": self.counts,
            "authors": [{"name": a.name, "documents": a.documents, "institutions": list(a.institutions)}
                        for a in self.authors],
            "institutions": [{"name": i.name, "documents": i.documents, "authors": list(i.authors)}
                             for i in self.institutions],
            "timeline": [{"doc_id": e.doc_id, "date": e.date, "issuers": list(e.issuers), "doc_number": e.doc_number,
                          "title": e.title} for e in self.timeline],
            "network": self.network.to_json(), "co_authors": self.co_authors.to_json(),
            "bursts": [b.__dict__ for b in self.bursts],
        }

    def tables(self) -> dict[str, Table]:
        """Every part as a table, by name (``counts_year`` … ``bursts``), headers in Chinese and English."""
        out: dict[str, Table] = {}
        for dimension, label in DIMENSIONS.items():
            out[f"counts_{dimension}"] = ([f"{label} {dimension}", "文献数 documents"],
                                          [[value or "（未知）", n] for value, n in self.counts[dimension].items()])
        out["authors"] = (["作者 author", "文献数 documents", "机构 institutions"],
                          [[a.name, a.documents, "；".join(a.institutions)] for a in self.authors])
        out["institutions"] = (["机构 institution", "文献数 documents", "作者 authors"],
                               [[i.name, i.documents, "；".join(i.authors)] for i in self.institutions])
        out["timeline"] = (["日期 date", "发文机关 issuer", "发文字号 number", "标题 title", "doc_id"],
                           [[e.date, "、".join(e.issuers), e.doc_number, e.title, e.doc_id] for e in self.timeline])
        out["network"] = (["词 term", "文献数 documents", "聚类 cluster", "共现词 co-occurring (weight)"],
                          [[n.term, n.documents, n.cluster + 1, _neighbours(self.network, n.term)]
                           for n in self.network.nodes])
        out["bursts"] = (["词 term", "起始 start", "结束 end", "强度 weight"],
                         [[b.term, b.start, b.end, b.weight] for b in self.bursts])
        return out


def _neighbours(network: Network, term: str) -> str:
    pairs = [(e.target if e.source == term else e.source, e.weight) for e in network.edges if term in (e.source, e.target)]
    return "；".join(f"{other} ({w})" for other, w in sorted(pairs, key=lambda p: (-p[1], p[0])))


def analyse(docs: Sequence[DocumentRow], attributions: Mapping[str, Mapping[str, str]] | None = None, *,
            scope: str = "", top: int = 50, max_nodes: int = 60) -> Analysis:
    """Analyse `docs`: counts, the `top` authors and institutions (`attributions`: author → institution by
    ``doc_id``, from `frontmatter.Attributions`), the policy timeline, the keyword network of `max_nodes`
    terms, the term bursts and the co-author network."""
    terms = document_terms(docs)
    authors, institutions = top_people(docs, attributions or {}, top)
    return Analysis(
        scope=scope, documents=len(docs), counts=all_counts(list(docs)), authors=authors, institutions=institutions,
        timeline=policy_timeline(docs), network=cooccurrence(terms, max_nodes=max_nodes),
        bursts=term_bursts(docs, terms),
        co_authors=cooccurrence((d.authors for d in docs if d.doc_type != "policy"), max_nodes=max_nodes))
