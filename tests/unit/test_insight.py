"""The analysis of a library (indexer.insight) on the seeds and real files: counts against SQL,
authors and institutions against the truth files, the keyword network, a search's documents."""

from __future__ import annotations

import json
import sqlite3
from itertools import combinations
from pathlib import Path

import pytest

from indexer.insight import load_documents
from indexer.insight.counts import DIMENSIONS
from indexer.insight.documents import UNKNOWN
from indexer.insight.frontmatter import Attributions
from indexer.insight.library import analyse_library, matching_documents
from indexer.insight.network import cooccurrence
from indexer.insight.report import analyse
from tests.unit.insight_library import build


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus}")
    return build(tmp_path_factory.mktemp("insight"), corpus)


@pytest.fixture(scope="module")
def truth() -> dict[str, dict]:
    seeds = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
    return {path.name[:3]: json.loads(path.read_text(encoding="utf-8")) for path in seeds.glob("*.truth.json")}


def _sql_counts(conn: sqlite3.Connection, doc_ids: list[str] | None = None) -> dict[str, dict[str, int]]:
    """Each dimension counted by SQL alone over the catalogue (joint issuers by a LIKE per issuer)."""
    where = "" if doc_ids is None else f" WHERE doc_id IN ({', '.join('?' * len(doc_ids))})"
    args = doc_ids or []

    def grouped(expression: str) -> dict[str, int]:
        return dict(conn.execute(f"SELECT {expression} AS v, COUNT(*) FROM documents{where} GROUP BY v", args))

    out = {
        "year": grouped("CASE WHEN year > 0 THEN CAST(year AS TEXT) ELSE '' END"),
        "doc_type": grouped("doc_type"),
        "source": grouped("COALESCE(NULLIF(TRIM(journal), ''), NULLIF(TRIM(source), ''), '')"),
    }
    issuers: dict[str, int] = {}
    names = {part.strip() for (value,) in conn.execute(f"SELECT issuer FROM documents{where}", args)
             for part in (value or "").split("、") if part.strip()}
    for name in names:
        issuers[name] = conn.execute(
            f"SELECT COUNT(*) FROM documents{where or ' WHERE 1'} AND '、' || REPLACE(issuer, ' ', '') || '、' "
            "LIKE ?", [*args, f"%、{name.replace(' ', '')}、%"]).fetchone()[0]
    none = conn.execute(f"SELECT COUNT(*) FROM documents{where or ' WHERE 1'} AND TRIM(COALESCE(issuer, '')) = ''",
                        args).fetchone()[0]
    if none:
        issuers[UNKNOWN] = none
    out["issuer"] = issuers
    return out


def test_every_count_equals_a_direct_sql_count(library: Path):
    result = analyse_library(library)
    with sqlite3.connect(library / "catalog.db") as conn:
        expected = _sql_counts(conn)
        assert result.documents == conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 24
    assert set(result.counts) == set(DIMENSIONS)
    for dimension in DIMENSIONS:
        assert result.counts[dimension] == expected[dimension], dimension
    assert result.counts["doc_type"]["policy"] == 6
    assert result.counts["source"]["晋中日报"] == 6 and result.counts["source"]["情报工程"] == 1


def test_the_counts_of_a_search_equal_sql_counts_over_the_documents_it_finds(library: Path):
    found = matching_documents(library, "科技安全")
    with sqlite3.connect(library / "catalog.db") as conn:
        expected = _sql_counts(conn, found)
        # every document found holds the words; documents that hold them nowhere are not found
        having = {d for (d,) in conn.execute("SELECT DISTINCT doc_id FROM passages WHERE text LIKE '%科技安全%'")}
    assert having <= set(found), "a document whose text says 科技安全 was not found"
    result = analyse_library(library, "科技安全")
    assert result.documents == len(set(found)) == len(found)
    assert result.scope == "科技安全"
    for dimension in DIMENSIONS:
        assert result.counts[dimension] == expected[dimension], dimension
    policies = analyse_library(library, "类型:policy")
    assert policies.counts["doc_type"] == {"policy": 6}
    assert [e.doc_number for e in policies.timeline if e.doc_number][:1] == ["国防部发〔2012〕21号"]


def test_authors_and_institutions_of_the_journal_paper_and_the_compilation(library: Path, truth: dict[str, dict]):
    with sqlite3.connect(library / "catalog.db") as conn:
        docs = load_documents(conn)
        attributions = Attributions().of(conn, docs)
    by_title = {d.title.replace(" ", ""): d for d in docs}
    paper = truth["000"]["articles"][0]
    doc = by_title[paper["title"]]
    assert list(doc.authors) == paper["authors"]
    # the byline 王旭¹,刘锐¹,何俊琦² and its numbered units
    assert attributions[doc.doc_id] == {"王旭": "山西省科技情报与战略研究中心", "刘锐": "山西省科技情报与战略研究中心",
                                        "何俊琦": "山西省气象灾害防御技术中心"}
    expected = {  # as the attribution lines of the truth file say, a name without a unit sharing the one before it
        "薛美慧": "中国科学技术发展战略研究院", "丁明磊": "中国科学技术发展战略研究院", "尹西明": "北京理工大学管理学院",
        "卢阳旭": "中国科学技术发展战略研究院", "何光喜": "中国科学技术发展战略研究院", "胡月": "中国科学技术发展战略研究院",
        "玄兆辉": "中国科学技术发展战略研究院", "袁立科": "中国科学技术发展战略研究院", "刘如": "中国科学技术发展战略研究院",
        "陈健": "中国科学技术发展战略研究院"}
    for article in truth["003"]["articles"]:
        doc = by_title[article["title"].replace(" ", "")]
        assert list(doc.authors) == article["authors"]
        found = attributions[doc.doc_id]
        assert found == {name: expected[name] for name in article["authors"]}
        for name in article["authors"]:  # each unit is printed before its author in the truth's line
            source = article["source"]
            assert found[name] in source[: source.index(name)]
    # the author note of 001: 作者简介：周宁南，中国现代国际关系研究院科技与网络安全研究所助理研究员…
    note = by_title[truth["001"]["articles"][0]["title"].replace(" ", "")]
    assert set(attributions[note.doc_id].values()) == {"中国现代国际关系研究院科技与网络安全研究所"}


def test_top_institutions_count_documents_and_list_their_authors(library: Path):
    result = analyse_library(library, top=100)
    institutions = {i.name: i for i in result.institutions}
    academy = institutions["中国科学技术发展战略研究院"]
    assert academy.documents == 5  # the five articles of the compilation
    assert set(academy.authors) == {"薛美慧", "丁明磊", "卢阳旭", "何光喜", "胡月", "玄兆辉", "袁立科", "刘如", "陈健"}
    assert result.institutions[0].name == "中国科学技术发展战略研究院"
    authors = {a.name: a for a in result.authors}
    assert authors["尹西明"].institutions == ("北京理工大学管理学院",)
    assert authors["王旭"].documents == 1
    assert "国防部" not in authors  # a policy's issuer is not a person
    assert authors["殷昊"].institutions == ("苏州大学 计算机科学与技术学院",)  # one 作者单位 for all four authors


def test_the_keyword_network_has_the_edges_the_keyword_lists_imply(library: Path, truth: dict[str, dict]):
    with sqlite3.connect(library / "catalog.db") as conn:
        docs = [d for d in load_documents(conn) if d.keywords]
    lists = {d.title.replace(" ", ""): d.keywords for d in docs}
    for seed in ("000", "001"):
        article = truth[seed]["articles"][0]
        assert list(lists[article["title"].replace(" ", "")]) == article["keywords"]
    papers = [truth[s]["articles"][0]["keywords"] for s in ("000", "001")]
    network = cooccurrence(papers)
    implied: dict[tuple[str, str], int] = {}
    for keywords in papers:
        for pair in combinations(sorted(keywords), 2):
            implied[pair] = implied.get(pair, 0) + 1
    assert {(e.source, e.target): e.weight for e in network.edges} == implied
    assert len(network.edges) == 12  # 6 pairs per paper, none shared: 科技安全 alone joins them
    nodes = {n.term: n for n in network.nodes}
    assert nodes["科技安全"].documents == 2 and nodes["山西省"].documents == 1
    assert all(0 <= n.x <= 1 and 0 <= n.y <= 1 for n in network.nodes)
    assert sorted(t for c in network.clusters for t in c) == sorted(nodes)
    # the same network from the library's own keywords
    whole = analyse_library(library, max_nodes=1000).network
    for (a, b), weight in implied.items():
        assert any({e.source, e.target} == {a, b} and e.weight >= weight for e in whole.edges), (a, b)


def test_the_policy_timeline_is_dated_with_issuers_and_numbers(library: Path):
    result = analyse_library(library)
    numbers = {e.doc_number: e for e in result.timeline}
    notice = numbers["国防部发〔2012〕21号"]
    assert notice.date == "2012-12-12" and notice.issuers == ("国防部",) and notice.title == "国防部关于放假的通知"
    dated = [e.date for e in result.timeline if e.date]
    assert dated == sorted(dated)
    assert len(result.timeline) == 6


def test_the_json_and_tables_hold_the_same_numbers(library: Path):
    result = analyse_library(library)
    data = result.to_json()
    tables = result.tables()
    assert data["counts"]["year"] == {row[0] if row[0] != "（未知）" else "": row[1]
                                      for row in tables["counts_year"][1]}
    assert [row[0] for row in tables["authors"][1]] == [a["name"] for a in data["authors"]]
    assert len(tables["network"][1]) == len(data["network"]["nodes"])


def test_an_empty_set_of_documents_gives_empty_parts():
    result = analyse([])
    assert result.documents == 0 and result.counts["year"] == {} and result.network.nodes == []
    assert result.bursts == [] and result.timeline == []
