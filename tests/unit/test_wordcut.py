"""`FastCut` cuts text into the very words jieba's accurate mode with its HMM gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.search import analysis
from indexer.search.wordcut import FastCut

EDGES = [
    "", " ", "\r\n", "。", "a", "科", "2030", "R&D", "国办发〔2018〕17号",
    "到2030年，基本建立覆盖全面的科技伦理治理体制。Hybrid cloud 与 R&D。",
    "晋中市第38个爱国卫生月活动启动\n王旭 刘锐 何俊琦",
    "張三豐在臺灣大學講課",  # traditional characters, an unknown name: the HMM's words
    "新质生产力新质生产力新质生产力",  # a user-dictionary word, repeated
    "abc123def_x.y-z%+#&  \t 中文English混排",
    "的的的的的的的的的的",
]


@pytest.fixture(scope="module")
def tokenizer():
    return analysis.init_segmenter().tokenizer


def _texts(seeds_dir: Path, shared_dir: Path) -> list[str]:
    texts = list(EDGES)
    for truth in sorted(seeds_dir.glob("*.truth.json")):
        for article in json.loads(truth.read_text(encoding="utf-8"))["articles"]:
            texts += [article.get("text", ""), article.get("title", ""), article.get("abstract", "")]
    synth = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "synth_passages.py"), "--passages", "300", "--seed", "7",
         "--out", "-"], check=True, capture_output=True, text=True, encoding="utf-8").stdout
    texts += [json.loads(line)["text"] for line in synth.splitlines()]
    return texts


def test_words_are_jiebas_on_real_and_synthetic_text(tokenizer, seeds_dir, shared_dir):
    fast = FastCut(tokenizer)
    texts = _texts(seeds_dir, shared_dir)
    assert sum(map(len, texts)) > 100_000
    for text in texts:
        for variant in (text, analysis.fold(text)):
            assert fast.words(variant) == list(tokenizer.cut(variant, HMM=True)), variant[:60]


def test_other_modes_go_to_jieba(tokenizer):
    fast = FastCut(tokenizer)
    text = "科技情报支撑山西省科技安全治理对策研究"
    assert list(fast.cut(text, cut_all=True)) == list(tokenizer.cut(text, cut_all=True))
    assert list(fast.cut(text, HMM=False)) == list(tokenizer.cut(text, HMM=False))
    assert list(fast.cut(text)) == list(tokenizer.cut(text))


def test_the_segmenter_is_the_fast_cut():
    segmenter = analysis.init_segmenter()
    assert isinstance(segmenter, FastCut)
    assert segmenter.FREQ is segmenter.tokenizer.FREQ


def test_a_tie_goes_to_the_longer_first_word_as_in_jieba(tmp_path):
    import jieba

    # 甲乙|丙 and 甲|乙丙 score the same two sums, added in either order: jieba takes the first
    # word that ends last.
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲 2\n丙 2\n甲乙 9\n乙丙 9\n乙 1\n", encoding="utf-8")
    small = jieba.Tokenizer(str(dictionary))
    with dictionary.open("rb") as source:
        small.FREQ, small.total = small.gen_pfdict(source)
    small.initialized = True
    assert list(small.cut("甲乙丙", HMM=True)) == ["甲乙", "丙"]
    assert FastCut(small).words("甲乙丙") == ["甲乙", "丙"]
    assert FastCut(small).words("丙甲乙丙甲") == list(small.cut("丙甲乙丙甲", HMM=True))


def test_the_hmm_reads_a_run_of_unknown_characters_once(tokenizer, monkeypatch: pytest.MonkeyPatch):
    """Names and rare terms recur: their HMM words are remembered (up to `HMM_KEPT` runs) and
    are the HMM's own."""
    from indexer.search import wordcut

    fast = FastCut(tokenizer)
    runs: list[str] = []
    hmm = fast._hmm_cut
    fast._hmm_cut = lambda run: runs.append(run) or hmm(run)
    text = "張三豐在臺灣大學講課，張三豐在臺灣大學講課"
    assert fast.words(text) == list(tokenizer.cut(text, HMM=True))
    assert len(runs) == len(set(runs)) > 0
    monkeypatch.setattr(wordcut, "HMM_KEPT", 0)
    bounded = FastCut(tokenizer)
    bounded._hmm_cut = lambda run: runs.append(run) or hmm(run)
    before = len(runs)
    assert bounded.words(text) == list(tokenizer.cut(text, HMM=True))
    assert len(runs) - before == 2 * before  # nothing kept: each run read each time
