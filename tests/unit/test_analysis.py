"""The analyzer: folding, jieba words with ordinal positions, the user dictionary, bigrams."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.search import analysis


def words(text: str) -> list[tuple[str, int]]:
    return [(t.text, t.pos) for t in analysis.index_words(text)]


def test_fold_full_width_traditional_and_case():
    assert analysis.fold("ＡＢＣ１２３，科技風險：預警機制") == "abc123,科技风险:预警机制"
    assert analysis.fold("ItgInsight") == "itginsight"
    assert analysis.fold("標題：X", lower=False) == "标题:X"


def test_fold_with_map_points_back_to_the_original():
    text = "甲…乙風險"  # … expands to three characters under NFKC
    folded, origin = analysis.fold_with_map(text)
    assert folded == "甲...乙风险"
    assert [text[i] for i in origin] == ["甲", "…", "…", "…", "乙", "風", "險"]


def test_positions_are_ordinal_and_sub_words_share_their_word_position():
    tokens = words("科技安全是国家安全的重要内容")
    by_word = dict(tokens)
    assert by_word["科技安全"] == 0
    assert ("科技", 0) in tokens and ("安全", 0) in tokens  # search-mode sub-words, same position
    assert by_word["国家安全"] == 2  # 是 (a stop word) took position 1 without being emitted
    assert by_word["重要"] == 4 and by_word["内容"] == 5
    assert "是" not in by_word and "的" not in by_word


def test_user_dictionary_keeps_policy_terms_whole():
    for term in ("新质生产力", "卡脖子", "揭榜挂帅", "科技自立自强", "科技安全"):
        assert analysis.query_words(f"发展{term}的要求") == ["发展", term, "要求"]


def test_document_number_forms_are_words():
    assert analysis.query_words("国办发〔2021〕10号") == ["国办发", "2021", "10", "号"]


def test_latin_lower_cased_digits_and_single_characters_kept():
    tokens = [t for t, _ in words("使用ItgInsight软件，C语言与5G网络")]
    assert "itginsight" in tokens
    assert "c" in tokens and "5g" in tokens


def test_traditional_and_simplified_give_the_same_words():
    assert analysis.query_words("科技安全預警機制") == analysis.query_words("科技安全预警机制")


def test_punctuation_and_spaces_take_no_position():
    assert words("科技，创新") == words("科技 创新") == [("科技", 0), ("创新", 1)]


def test_bigrams_skip_whitespace_and_end_with_the_mark():
    assert analysis.bigrams("科技 安全\n2030年") == ["科技", "技安", "安全", "全2", "20", "03", "30", "0年",
                                                    "年" + analysis.END_MARK]
    assert analysis.bigrams("") == []
    assert analysis.bigrams("安") == ["安" + analysis.END_MARK]


def test_phrase_bigrams_match_consecutive_positions_of_the_text():
    text = analysis.bigrams("建设数据中心")
    assert analysis.phrase_bigrams("据中") == ["据中"]
    assert text.index("据中") == 3
    inside_number = analysis.bigrams("到2030年")
    at = inside_number.index("30")
    assert inside_number[at:at + 2] == analysis.phrase_bigrams("30年")


def test_stop_words_are_known():
    assert analysis.is_stop_word("的") and analysis.is_stop_word("什么")
    assert not analysis.is_stop_word("科技")


def test_jieba_cache_lives_in_hanlins_cache_dir():
    segmenter = analysis.init_segmenter()
    assert (analysis.cache_dir() / analysis.PREFIX_CACHE).is_file()
    assert analysis.init_segmenter() is segmenter  # loaded once


def test_jiebas_prefix_dictionary_is_kept_and_read_back_as_jieba_builds_it(tmp_path: Path):
    """Hanlin keeps jieba's prefix dictionary in a format of its own (faster to load than jieba's
    marshal cache); read back, it is the dictionary jieba builds, in the same order, with the same
    total. A damaged or foreign file is built again and replaced; an unwritable folder only means
    building it each time."""
    import jieba

    reference = jieba.Tokenizer()
    expected, total = reference.gen_pfdict(reference.get_dict_file())
    cache = tmp_path / "cache" / analysis.PREFIX_CACHE
    built = jieba.Tokenizer()
    analysis._load_prefix_dict(built, cache, "v1")
    assert cache.is_file() and built.initialized and built.total == total
    read = jieba.Tokenizer()
    analysis._load_prefix_dict(read, cache, "v1")
    assert list(read.FREQ.items()) == list(expected.items()) and read.total == total
    assert list(read.cut("科技安全治理体系建设")) == list(built.cut("科技安全治理体系建设"))

    cache.write_bytes(cache.read_bytes()[:-100])  # truncated: built again
    again = jieba.Tokenizer()
    analysis._load_prefix_dict(again, cache, "v1")
    reread = jieba.Tokenizer()
    analysis._load_prefix_dict(reread, cache, "v1")
    assert again.FREQ == reread.FREQ == expected
    assert not cache.read_bytes().startswith(b"x")
    cache.write_bytes(b"x" + cache.read_bytes())  # not ours: built again
    analysis._load_prefix_dict(jieba.Tokenizer(), cache, "v1")
    assert not cache.read_bytes().startswith(b"x")
    other = jieba.Tokenizer()
    analysis._load_prefix_dict(other, tmp_path / "missing" / "file" / analysis.PREFIX_CACHE, "v2")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    unwritable = jieba.Tokenizer()
    analysis._load_prefix_dict(unwritable, blocked / analysis.PREFIX_CACHE, "v1")
    assert unwritable.FREQ == expected and not list(tmp_path.glob("**/*.partial"))


def test_cache_dir_can_be_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("HANLIN_CACHE_DIR", str(tmp_path))
    assert analysis.cache_dir() == tmp_path


def test_lone_surrogates_are_replaced_not_fatal():
    assert analysis.fold("科技\ud800安全") == "科技\ufffd安全"
    folded, origin = analysis.fold_with_map("風\udcff險")
    assert folded == "风\ufffd险" and origin == [0, 1, 2]


def test_jieba_loads_its_files_without_pkg_resources(tmp_path: Path):
    """A fresh process segments with jieba's own dictionary without importing setuptools'
    pkg_resources (0.1 s per process), and leaves the module importable afterwards."""
    script = (
        "import sys\n"
        "from indexer.search import analysis\n"
        "print(analysis.init_segmenter().words('国务院办公厅关于科技成果转化的通知'))\n"
        "print('pkg_resources' in sys.modules)\n"
        "import jieba._compat\n"
        "print(jieba._compat.get_module_res('dict.txt').read(4))\n"
    )
    env = {**os.environ, "HANLIN_CACHE_DIR": str(tmp_path)}
    lines = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env=env).stdout.splitlines()
    import jieba

    assert lines[0] == str(analysis.init_segmenter().words("国务院办公厅关于科技成果转化的通知"))
    assert lines[1] == "False"
    assert lines[2] == repr(Path(jieba.__file__).with_name("dict.txt").read_bytes()[:4])
    assert "pkg_resources" not in sys.modules or sys.modules["pkg_resources"] is not None
