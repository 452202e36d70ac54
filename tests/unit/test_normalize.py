"""The ingestion normalisation: one glyph in, at most a few characters out, punctuation kept."""

from indexer.extract.normalize import is_unusable_glyph, join_separator, normalize_glyph


def test_chinese_punctuation_is_kept_as_printed():
    for mark in "，。；：？！（）“”《》〔〕、—…":
        assert normalize_glyph(mark) == mark


def test_full_width_letters_and_digits_fold_to_ascii():
    assert "".join(map(normalize_glyph, "ＡＢｃ１２３")) == "ABc123"


def test_kangxi_radicals_fold_to_unified_ideographs():
    assert normalize_glyph("\u2f08") == "人"  # KANGXI RADICAL MAN
    assert normalize_glyph("\u2f2f") == "工"


def test_unmapped_and_control_glyphs_are_dropped_and_flagged():
    assert normalize_glyph("(cid:123)") == ""
    assert normalize_glyph("\x07") == ""
    assert is_unusable_glyph("(cid:5)")
    assert is_unusable_glyph("\ue000")  # private use
    assert not is_unusable_glyph("科")


def test_ideographic_space_becomes_a_space():
    assert normalize_glyph("\u3000") == " "


def test_join_separator_only_spaces_latin_words():
    assert join_separator("科技", "安全") == ""
    assert join_separator("software", "ItgInsight") == " "
    assert join_separator("ItgInsight", "软件") == ""
    assert join_separator("2025年", "第3期") == ""
