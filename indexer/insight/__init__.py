"""Analysis of a library's documents: bibliometrics and policy timelines, Qt-free.

What a user does after searching — who publishes on a topic, from which institutions, which
policies came out when and from which bodies, which keywords go together and which ones burst —
computed from the catalogue (`indexer.library.catalog`), over the whole library or the documents a
search found (`indexer.search.SearchIndex.matching_documents`)::

    from indexer.insight import analyse, load_documents

    docs = load_documents(conn)                 # every document; or load_documents(conn, doc_ids)
    result = analyse(docs)                      # Analysis: counts, people, timeline, network, bursts
    result.to_json(); result.tables()           # for the CLI (--json / --csv) and exports

Modules: `documents` (the catalogue rows read once), `counts`, `people` (authors and
institutions, with `affiliations` reading who belongs where from the front matter), `timeline`,
`terms` (keywords, else salient words of title and abstract), `network` (co-occurrence graph,
clusters and layout with networkx), `burst` (Kleinberg's burst detection), `report` (the whole
analysis and its tables), `tables` (CSV and XLSX files), `library` (one call on a library folder).
"""

from __future__ import annotations

from indexer.insight.documents import DocumentCache, DocumentRow, load_documents
from indexer.insight.report import Analysis, analyse

__all__ = ["Analysis", "DocumentCache", "DocumentRow", "analyse", "load_documents"]
