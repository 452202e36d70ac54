"""Word segmentation on several cores gives what `analysis.index_words` gives, in order."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from indexer.search import analysis, segmenting


@dataclass
class Item:
    text: str


TEXTS = ["科技安全是国家安全的重要内容，科技情报工作连接创新前沿与安全底线。",
         "到2030年，基本建立覆盖全面的科技伦理治理体制。Hybrid cloud 与 R&D。",
         "", "晋中市第38个爱国卫生月活动启动"]


@pytest.mark.parametrize("processes", [1, 2])
def test_segment_all_matches_index_words_in_order(monkeypatch, processes):
    monkeypatch.setattr(segmenting, "PARALLEL_MIN", 5)  # above it, worker processes segment
    monkeypatch.setattr(segmenting, "CHUNK", 3)
    items = [Item(f"{TEXTS[i % len(TEXTS)]}第{i}段") for i in range(23)]
    out = list(segmenting.segment_all(items, processes=processes))
    assert [item for item, _ in out] == items
    assert [words for _, words in out] == [[(w.text, w.pos) for w in analysis.index_words(i.text)] for i in items]


def test_few_items_are_segmented_in_process():
    items = [Item(t) for t in TEXTS]
    assert [w for _, w in segmenting.segment_all(items, processes=4)] == [
        [(w.text, w.pos) for w in analysis.index_words(t)] for t in TEXTS]
