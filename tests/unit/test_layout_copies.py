"""Over-printed copies (fake bold): the quick test that spares most pages the search for them."""

import random

from indexer.extract import layout
from indexer.extract.layout import Glyph, _dedupe, _may_overprint


def glyph(text: str, x0: float, top: float, size: float = 10.0) -> Glyph:
    return Glyph(text, x0, x0 + size, top, top + size, size, "SimSun")


def full_search(glyphs: list[Glyph]) -> list[tuple[str, float, float, bool]]:
    """`_dedupe` with the quick test answering "maybe" for every page."""
    quick = layout._may_overprint
    layout._may_overprint = lambda _: True
    try:
        return [(g.text, g.x0, g.top, g.bold) for g in _dedupe(glyphs)]
    finally:
        layout._may_overprint = quick


def test_a_copy_across_a_cell_edge_is_found():
    # 0.4 pt to the right and down, across both 1-point cell edges.
    page = [glyph("标", 99.8, 199.9), glyph("题", 110.0, 199.9), glyph("标", 100.2, 200.3)]
    assert _may_overprint(page)
    kept = _dedupe(page)
    assert [g.text for g in kept] == ["标", "题"]
    assert kept[0].bold


def test_the_same_character_elsewhere_on_the_page_is_no_copy():
    page = [glyph("的", 100.0, 200.0), glyph("的", 160.0, 200.0), glyph("的", 100.0, 214.0),
            glyph("的", 102.0, 201.0)]  # two points right: beyond the neighbouring cells
    assert not _may_overprint(page)
    assert [(g.text, g.bold) for g in _dedupe(page)] == [(g.text, False) for g in page]


def test_the_quick_test_never_hides_a_copy_the_search_finds():
    rng = random.Random(11)
    found = 0
    for _ in range(400):
        texts = "的一是在了不和有大这"[: rng.randint(1, 10)]
        page = [glyph(rng.choice(texts), rng.uniform(-3, 40), rng.uniform(-3, 40), rng.choice((5.0, 10.0)))
                for _ in range(rng.randint(0, 30))]
        expected = full_search([Glyph(g.text, g.x0, g.x1, g.top, g.bottom, g.size, g.font) for g in page])
        if len(expected) < len(page):
            found += 1
            assert _may_overprint(page)
        assert [(g.text, g.x0, g.top, g.bold) for g in _dedupe(page)] == expected
    assert found > 50  # the random pages do hold copies
