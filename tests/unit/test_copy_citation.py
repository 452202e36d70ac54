"""The citation the app copies for a document (复制引文): the GB/T 7714 entry from the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.library.reader import CatalogReader
from tests.unit.digest_library import catalogue
from userdata.digest.sources import citation
from userdata.errors import DigestError


def test_a_journal_article_and_a_newspaper_item_of_the_seeds(seeds_dir: Path, tmp_path: Path):
    ids = catalogue(tmp_path, [seeds_dir / "000-journal-two-column.pdf", seeds_dir / "002-newspaper-page.pdf"])
    by_title = {title.replace(" ", ""): doc_id for title, doc_id in ids.items()}
    with CatalogReader(tmp_path) as reader:
        assert citation(reader, by_title["科技情报支撑山西省科技安全治理对策研究"]) == (
            "王旭, 刘锐, 何俊琦. 科技情报支撑山西省科技安全治理对策研究[J]. 情报工程, 2026, 12(1): 1-8.")
        assert citation(reader, by_title["筑牢科技安全屏障赋能高质量发展"]) == (
            "郭海成. 筑牢科技安全屏障 赋能高质量发展[N]. 晋中日报, 2026-04-13(3).")
        with pytest.raises(DigestError, match="no such document"):
            citation(reader, "no-such-doc")
