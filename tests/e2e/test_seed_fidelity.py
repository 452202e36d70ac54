"""Extraction against the exact ground truth of the seed PDFs (the fidelity scorer's measure)."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from indexer.extract.attribution import parse_attribution
from indexer.extract.pipeline import extract_pdf


def squash(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@pytest.fixture(scope="module")
def seed_results(seeds_dir):
    out = []
    for truth_file in sorted(seeds_dir.glob("*.truth.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        out.append((truth, extract_pdf(seeds_dir / truth["file"])))
    assert len(out) == 5
    return out


def test_every_article_is_found_with_its_exact_title_and_authors(seed_results):
    for truth, result in seed_results:
        docs = result.documents
        assert len(docs) == len(truth["articles"]), truth["file"]
        for article in truth["articles"]:
            best = max(docs, key=lambda d: fuzz.ratio(squash(d.title), squash(article["title"])))
            assert squash(best.title) == squash(article["title"])
            assert set(map(squash, article.get("authors", []))) <= set(map(squash, best.authors))


def test_text_missing_and_noise_stay_within_bounds(seed_results):
    total = missing = inserted = 0
    for truth, result in seed_results:
        for article in truth["articles"]:
            best = max(result.documents, key=lambda d: fuzz.ratio(squash(d.title), squash(article["title"])))
            want = squash(article["text"])
            got = squash("".join(p.text for p in best.passages))
            ops = Levenshtein.editops(want, got)
            missing += sum(1 for o in ops if o.tag in ("delete", "replace"))
            inserted += sum(1 for o in ops if o.tag == "insert")
            total += len(want)
    assert missing / total <= 0.005, missing / total
    assert inserted / total <= 0.02, inserted / total


def test_metadata_of_the_journal_paper(seed_results):
    truth, result = seed_results[0]
    doc = result.documents[0]
    assert doc.doc_type == "paper"
    assert doc.keywords == truth["articles"][0]["keywords"]
    assert squash(doc.abstract).startswith(squash(truth["articles"][0]["abstract"])[:40])
    assert doc.year == 2026


def test_digest_articles_carry_their_source_line_parsed(seed_results):
    truth, result = seed_results[3]
    assert truth["file"].startswith("003")
    for article, doc in zip(truth["articles"], result.documents):
        line = parse_attribution(article["source"])  # the truth keeps the line as printed
        assert line is not None and doc.source == line.source and "来源" not in doc.source
        assert doc.issue == line.issue and doc.year == line.year == 2025
        assert set(line.authors) <= set(article["authors"])
