"""The search box: Enter, Esc, completion from history and vocabulary."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.search.box import SearchBox


def test_enter_submits_the_trimmed_text(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    box.setText(" 科技安全 ")  # QTest types ASCII only
    with qtbot.waitSignal(box.submitted) as blocker:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert blocker.args == ["科技安全"]


def test_enter_on_empty_box_does_nothing(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    with qtbot.assertNotEmitted(box.submitted):
        qtbot.keyClick(box, Qt.Key.Key_Return)


def test_escape_clears(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    box.setText("风险")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""


def test_completion_offers_history_then_vocabulary_matching_anywhere(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    box.set_history(["科技安全 风险"])
    box.set_vocabulary(["科技安全", "数据安全", "科技安全 风险"])
    assert box.words.stringList() == ["科技安全 风险", "科技安全", "数据安全"]
    completer = box.completer()
    completer.setCompletionPrefix("安全")
    assert completer.completionCount() == 3


def test_completion_list_follows_the_history_once_the_user_types(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    box.set_vocabulary(["科技安全"])
    assert box.words.stringList() == ["科技安全"]
    box.set_history(["数据 风险"])  # as after Enter: nothing rebuilt yet
    assert box.completer().model().rowCount() == 1
    qtbot.keyClicks(box, "k")
    assert box.completer().model().rowCount() == 2


def test_every_example_of_the_placeholder_finds_something_in_the_demo(qtbot, tmp_path):
    """A new user tries the hint on the demo library first: it must not answer 没有找到."""
    from desktop.resources import demo_files
    from indexer.library.library import Library
    from indexer.search import SearchIndex

    box = SearchBox()
    qtbot.addWidget(box)
    examples = box.placeholderText().split("：", 1)[1].split("　")
    assert len(examples) == 4
    with Library.open(tmp_path / "demo", create=True) as library:
        library.add(demo_files(), workers=1)
    index = SearchIndex.open(tmp_path / "demo" / "index", create=False)
    try:
        found = {q: index.search(q, grouped=True).total for q in examples}
    finally:
        index.close()
    assert all(found.values()), found
