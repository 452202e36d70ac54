"""A Notes window over a few sample notes, to look at or to render screenshots.

    python -m desktop.notes.demo                       # open it (notes in a temporary folder)
    xvfb-run -s "-screen 0 1366x768x24" python -m desktop.notes.demo --screenshots docs/screenshots

With ``--screenshots`` it writes ``notes-view-1366x768.png``, ``notes-view-1920x1080.png``
and ``notes-editor.png`` and exits. The user's own notes are never touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.notes.controller import NotesController
from desktop.notes.editor import NoteEditor
from desktop.notes.view import NotesView
from userdata.notes.store import NoteStore

SAMPLES = [
    ("1" * 64, "关于加快推进科技自立自强的若干意见", 3, "加快关键核心技术攻关，提升产业链供应链韧性和安全水平",
     ("<p><b>要点：</b>把供应链安全放在与技术攻关同等的位置。</p><ul><li>芯片、基础软件列为优先领域</li>"
     "<li>配套资金向首台套倾斜</li></ul>"), ["科技安全", "供应链"], "支持"),
    ("1" * 64, "关于加快推进科技自立自强的若干意见", 7, "防范化解重大科技安全风险",
     "<p>风险清单尚未公布，需<i>持续关注</i>后续实施细则。</p>", ["科技安全", "风险"], "关注"),
    ("2" * 64, "数据安全法（2021）", 2, "国家建立数据分类分级保护制度",
     "<p>分类分级目录由各地区、各部门制定，口径可能不一。</p>", ["数据安全", "合规"], "待核实"),
    ("2" * 64, "数据安全法（2021）", 5, "关系国家安全、国民经济命脉、重要民生、重大公共利益等数据属于国家核心数据",
     "<p>核心数据实行更加严格的管理制度，对本单位数据出境业务影响较大。</p>", ["数据出境"], "风险"),
    ("3" * 64, "国际形势简报 2025年第4期", 1, "美国扩大对华半导体设备出口管制清单",
     "<p>对国产设备替代是机遇，也可能带来短期产能缺口。</p>", ["半导体", "出口管制"], "风险"),
]
ORPHAN_PAGES = {"3" * 64: {1: "本期简报已改版，原文内容调整。"}}


def fill(controller: NotesController) -> None:
    """Add the sample notes (one of them orphaned by a re-anchoring against changed text)."""
    for sha, title, page, quote, html, tags, stance in SAMPLES:
        note = controller.add_note((sha, page, 0, len(quote), quote, "", ""), title, tags=tags, stance=stance)
        controller.update_note(note.id, body_html=html, body_text=_plain(html))
    for sha, pages in ORPHAN_PAGES.items():
        controller.reanchor(sha, pages)


def _plain(html: str) -> str:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def render(view: NotesView, folder: Path) -> list[Path]:
    """Write the screenshots; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    first_attached = next(r for r in range(view.proxy.rowCount())
                          if not view.proxy.index(r, 0).data(view.model.OrphanRole))
    view.select_note(view.proxy.index(first_attached, 0).data(view.model.IdRole))  # the orphan's mark stays visible
    for width, height in ((1366, 768), (1920, 1080)):
        view.resize(width, height)
        _settle()
        path = folder / f"notes-view-{width}x{height}.png"
        view.grab().save(str(path))
        written.append(path)
    editor = NoteEditor(view.controller)
    rich = next(n for n in view.controller.all_notes() if "<ul>" in n.body_html or "<ul " in n.body_html)
    editor.open_note(rich.id)
    editor.resize(560, 480)
    editor.show()
    _settle()
    path = folder / "notes-editor.png"
    editor.grab().save(str(path))
    editor.close()
    return [*written, path]


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def main(argv: list[str] | None = None) -> int:
    """Open (or render) the sample Notes window."""
    parser = argparse.ArgumentParser(prog="python -m desktop.notes.demo")
    parser.add_argument("--screenshots", type=Path, help="write PNGs into this folder and exit")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        controller = NotesController(NoteStore(Path(folder), author="王芳"))
        fill(controller)
        view = NotesView(controller)
        view.setWindowTitle(view.tr("笔记 — 翰林"))
        view.resize(1366, 768)
        view.show()
        if args.screenshots:
            QTimer.singleShot(0, lambda: (print(*render(view, args.screenshots), sep="\n"), app.quit()))
        app.exec()
        view.editor.flush()
        controller.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
