"""The reader: the original page with the hit highlighted, beside the document's extracted text.

Opening a passage loads the document (texts, passages, the query's other hits in it) in a
worker, renders the passage's page with QtPdf, and asks a worker for the page's character
boxes to paint the hit. Previous/next hit walk the document's matching passages. A selection
in either view becomes a `Selection` (page-text offsets); `request_note()` (Ctrl+N) emits it,
`request_digest()` (Ctrl+D, 加入摘编) too. The title shows the document's classification mark.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.hit_pages import Span, match_page, passage_spans, word_spans
from desktop.reader.data import (
    DocumentView,
    PageBoxes,
    Selection,
    load_document,
    rects_for,
    selection_of,
)
from desktop.reader.notes import DocumentNotesPanel, note_spans
from desktop.reader.page_view import PdfPageView
from desktop.reader.text_view import DocumentTextView
from desktop.search.results_model import type_labels
from desktop.session import LibrarySession
from desktop.tasks import Job, Pools, run_in_pool
from indexer.errors import HanlinError
from indexer.library.reader import PassageInfo

if TYPE_CHECKING:
    from indexer.extract.locate import PageText

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0)


class Reader(QWidget):
    """Shows one document at a time; `open_passage` is the way in."""

    document_loaded = Signal(object)  # DocumentView
    page_ready = Signal(int)  # the page shown, once its boxes and highlight are painted
    selection_made = Signal(object)  # Selection or None
    note_requested = Signal(object)  # Selection
    digest_requested = Signal(object, object)  # DocumentInfo, Selection: add the selection to the digest
    failed = Signal(object)  # exception

    def __init__(self, pools: Pools, notes=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reader")
        self.pools = pools
        self.session: LibrarySession | None = None
        self.view: DocumentView | None = None
        self.current: PassageInfo | None = None
        self.spans: list[Span] = []
        self.words: list[Span] = []  # the query's words in the current passage
        self.page_text: PageText | None = None
        self.selection: Selection | None = None
        self.boxes = PageBoxes()
        self._doc_job: Job | None = None
        self._page_job: Job | None = None
        self._types = type_labels(self)
        self.pdf = PdfPageView()
        self.text = DocumentTextView()
        self.notes = notes  # a desktop.notes NotesController, or None
        self.notes_panel = DocumentNotesPanel(notes) if notes is not None else None
        self._make_controls()
        self._lay_out()
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(150)
        self._refit.timeout.connect(self._fit_after_resize)
        self.pdf.resized.connect(self._refit.start)
        self.pdf.canvas.selection_changed.connect(self._canvas_selected)
        copy = QAction(self.tr("复制"), self.pdf)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.triggered.connect(self.copy_selection)
        self.pdf.addAction(copy)
        self.text.selection_changed.connect(self._text_selected)
        self.pdf.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.pdf.canvas.customContextMenuRequested.connect(self._page_menu)
        # Set by the window: adds the document's own actions (open, show in folder, cite) to the page's menu.
        self.document_menu: Callable[[QMenu, str, str], None] | None = None
        self.set_enabled(False)

    # ------------------------------------------------------------------ layout

    def _make_controls(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("readerTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.prev_hit = self._button("◀", self.tr("上一处命中 (Shift+F3)"), self.previous_hit)
        self.next_hit = self._button("▶", self.tr("下一处命中 (F3)"), self.next_hit_)
        self.hit_label = QLabel()
        self.hit_label.setObjectName("hitCounter")
        self.prev_page = self._button("↑", self.tr("上一页"), lambda: self.go_to_page(self.pdf.page - 1))
        self.next_page = self._button("↓", self.tr("下一页"), lambda: self.go_to_page(self.pdf.page + 1))
        self.page_box = QSpinBox()
        self.page_box.setObjectName("pageBox")
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(self.go_to_page)
        self.page_total = QLabel()
        self.zoom_out = self._button("－", self.tr("缩小 (Ctrl+-)"), lambda: self.step_zoom(-1))
        self.zoom_in = self._button("＋", self.tr("放大 (Ctrl+=)"), lambda: self.step_zoom(1))
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(40)
        self.fit_button = self._button(self.tr("适合宽度"), self.tr("页面宽度适合窗口"), self.fit_width)
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(self.tr("命中")))
        for widget in (self.prev_hit, self.hit_label, self.next_hit):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("页")))
        for page_widget in (self.prev_page, self.page_box, self.page_total, self.next_page):
            bar.addWidget(page_widget)
        bar.addSpacing(12)
        for widget in (self.zoom_out, self.zoom_label, self.zoom_in, self.fit_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("readerSplitter")
        self.splitter.addWidget(self.pdf)
        if self.notes_panel is not None:
            self.side = QSplitter(Qt.Orientation.Vertical)
            self.side.setObjectName("readerSide")
            self.side.addWidget(self.text)
            self.side.addWidget(self.notes_panel)
            self.side.setStretchFactor(0, 4)
            self.side.setStretchFactor(1, 1)
            self.side.setSizes([500, 140])
            self.splitter.addWidget(self.side)
            self.notes_panel.note_chosen.connect(self.show_note)
            self.notes.notes_changed.connect(self._notes_changed)
        else:
            self.splitter.addWidget(self.text)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        self.toolbar = QWidget()
        self.toolbar.setObjectName("readerToolbar")
        self.toolbar.setLayout(bar)
        layout.addWidget(self.title)
        layout.addWidget(self.toolbar)
        self.placeholder = QLabel(self.tr(
            "在左侧选择一条检索结果，即可在此阅读原文。\n\n"
            "原文页面上用浅黄色标出命中的段落、深色标出检索词，右侧是提取出的文字。\n"
            "F3 / Shift+F3：下一处 / 上一处命中　　Ctrl+= / Ctrl+-：缩放\n"
            "选中文字后按 Ctrl+N 添加笔记，按 Ctrl+D 加入摘编"))
        self.placeholder.setObjectName("readerPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color:#666;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.splitter)
        layout.addWidget(self.stack, 1)

    def set_enabled(self, enabled: bool) -> None:
        """Navigation works only with a document open."""
        for widget in (self.prev_hit, self.next_hit, self.prev_page, self.next_page, self.page_box,
                       self.zoom_in, self.zoom_out, self.fit_button):
            widget.setEnabled(enabled)
        self.toolbar.setVisible(enabled)

    # ------------------------------------------------------------------ opening

    def set_session(self, session: LibrarySession | None) -> None:
        """Read from another library; closes the document shown."""
        self.session = session
        self.words = []
        self.view = self.current = self.page_text = self.selection = None
        self.boxes = PageBoxes()
        self.title.clear()
        self.stack.setCurrentWidget(self.placeholder)
        self.set_enabled(False)

    def open_passage(self, doc_id: str, passage_id: str, query: str = "", focus: Span | None = None) -> None:
        """Show the document `doc_id` at passage `passage_id` (or at the text `focus`), with `query`'s hits."""
        if self.session is None:
            return
        if self._doc_job is not None:
            self._doc_job.discard()
        session = self.session
        self._doc_job = run_in_pool(lambda job: load_document(session, doc_id, query), pool=self.pools.read,
                                    on_success=lambda view: self._loaded(view, passage_id, focus),
                                    on_error=self._failed)

    def open_note(self, note) -> None:
        """Show the document holding a note (a `desktop.notes` Note) with its quote selected."""
        if self.session is None:
            return
        session, anchor = self.session, note.anchor
        focus = Span(anchor.page, anchor.start, anchor.end)

        def found(doc_id: str | None) -> None:
            if doc_id is None:
                self._failed(HanlinError(self.tr("笔记所在的文件不在当前文献库中：{title}").format(title=note.doc_title)))
            else:
                self.open_passage(doc_id, "", "", focus)

        run_in_pool(lambda job: session.reader().document_at(note.file_sha256, anchor.page), pool=self.pools.read,
                    on_success=found, on_error=self._failed)

    def _loaded(self, view: DocumentView, passage_id: str, focus: Span | None = None) -> None:
        self._doc_job = None
        self.view = view
        if not self.pdf.open(view.doc.file.path, pages=max(view.pages, default=1)):
            self._failed(OSError(self.tr("无法打开原文件：{path}").format(path=view.doc.file.path)))
            return
        self.title.setText(self._title_html(view))
        self.pdf.setVisible(self.pdf.paged)  # Word, web pages, text: their text is the document
        self.text.set_pages(view.pages)
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, self.pdf.page_count()))
        self.page_box.blockSignals(False)
        self.page_total.setText(f"/ {self.pdf.page_count()}")
        self.set_enabled(True)
        self.stack.setCurrentWidget(self.splitter)
        if self.fit_button.isChecked():
            self.pdf.zoom = self._fit_zoom(view.doc.first_page)
        self._attach_notes(view)
        self.document_loaded.emit(view)
        passage = view.passage(passage_id) or (view.hits[0] if view.hits else None) or \
            (view.passages[0] if view.passages else None)
        if focus is not None:
            passage = next((p for p in view.passages if p.page <= focus.page <= p.end_page
                            and (p.page < focus.page or p.start <= focus.start)
                            and (p.end_page > focus.page or focus.start < p.end)), passage)
        if passage is not None:
            self.show_passage(passage)
        else:
            self.go_to_page(view.doc.first_page)
        if focus is not None:
            self.select_span(focus)

    def _title_html(self, view: DocumentView) -> str:
        doc = view.doc
        meta = [self._types.get(doc.doc_type, doc.doc_type), *doc.meta.facts()]
        meta_text = " · ".join(m for m in meta if m)
        title = doc.title or self.tr("（无标题）")
        badge = f"<span style='color:#b91c1c'><b>【{html.escape(doc.mark)}】</b></span>" if doc.mark else ""
        return f"{badge}<b>{html.escape(title)}</b>　<span style='color:#555'>{html.escape(meta_text)}</span>"

    def set_document_mark(self, doc_id: str, mark: str) -> None:
        """The librarian changed a document's mark: show it if that document is open."""
        if self.view is not None and self.view.doc.doc_id == doc_id:
            self.view.doc.mark = mark
            self.title.setText(self._title_html(self.view))

    # ------------------------------------------------------------------ hits and pages

    def show_passage(self, passage: PassageInfo) -> None:
        """Highlight `passage` in both views (the query's words in it strongly) and show the page
        holding those words (a passage may start on the page before)."""
        assert self.view is not None
        self.current = passage
        self.spans = passage_spans(passage, self.view.pages)
        self.words = word_spans(passage, self.view.pages, self.view.terms)
        self.text.highlight(self.spans, self.words)
        self._update_hit_label()
        self.go_to_page(match_page(passage, self.view.pages, self.view.terms), force=True)

    def hit_index(self) -> int:
        """The position of the current passage among the document's hits (-1: not a hit)."""
        if self.view is None or self.current is None:
            return -1
        ids = [p.passage_id for p in self.view.hits]
        return ids.index(self.current.passage_id) if self.current.passage_id in ids else -1

    def next_hit_(self) -> None:
        """The document's next matching passage (wraps around)."""
        self._step_hit(1)

    def previous_hit(self) -> None:
        """The document's previous matching passage (wraps around)."""
        self._step_hit(-1)

    def _step_hit(self, step: int) -> None:
        if self.view is None or not self.view.hits:
            return
        hits = self.view.hits
        at = self.hit_index()
        if at < 0:  # from a passage that is no hit: the first hit after (or before) it
            after = [i for i, p in enumerate(hits) if p.ordinal > (self.current.ordinal if self.current else -1)]
            at = (after[0] - 1 if after else len(hits) - 1) if step > 0 else (after[0] if after else 0)
        self.show_passage(hits[(at + step) % len(hits)])

    def _update_hit_label(self) -> None:
        total = len(self.view.hits) if self.view else 0
        at = self.hit_index()
        self.hit_label.setText(f"{at + 1}/{total}" if at >= 0 else f"–/{total}")

    def go_to_page(self, page: int, force: bool = False) -> None:
        """Render page `page` and load its boxes (highlighting the current passage where it lies)."""
        if self.view is None or not 1 <= page <= self.pdf.page_count():
            return
        if page == self.pdf.page and not force:
            return
        self.pdf.show_page(page)
        self.page_text = None
        self.selection = None
        self.pdf.canvas.set_boxes([])
        self.pdf.canvas.set_highlights([])
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
        self.zoom_label.setText(f"{round(self.pdf.zoom * 100)}%")
        has_text = bool(self.view.pages.get(page, "").strip()) if page in self.view.pages else True
        self.pdf.set_notice("" if has_text else self.tr(
            "此页没有文字层（可能是扫描件），只能查看图像，无法检索或选取文字。"))
        confidence = self.view.doc.file.ocr_pages.get(page)
        if confidence is not None:
            self.pdf.set_notice(self.tr("OCR 识别：此页文字由 OCR 从图像识别（平均置信度 %1），可能有误，请对照页面核对。")
                                .replace("%1", f"{confidence:.0%}"))
        if self.pdf.paged:
            self._load_boxes(page)
        else:
            self.page_ready.emit(page)

    def _load_boxes(self, page: int) -> None:
        if self._page_job is not None:
            self._page_job.discard()
        if self.view is None:
            return
        doc, boxes, session = self.view.doc, self.boxes, self.session

        def load(job):
            ocr = session.reader().ocr_page(doc.file_sha256, page) if session and page in doc.file.ocr_pages else None
            return boxes.get(doc, page, ocr)

        self._page_job = run_in_pool(load, pool=self.pools.read, on_success=self._boxes_loaded, on_error=self._failed)

    def _boxes_loaded(self, page_text: PageText) -> None:
        self._page_job = None
        if page_text.page != self.pdf.page:
            return
        self.page_text = page_text
        self.pdf.canvas.set_boxes(page_text.boxes)
        if not page_text.text.strip():
            self.pdf.set_notice(self.tr("此页没有文字层（可能是扫描件），只能查看图像，无法检索或选取文字。"))
        self._paint_notes()
        rects = rects_for(page_text, self.spans)
        words = rects_for(page_text, self.words)
        self.pdf.canvas.set_highlights(rects, words)
        self.pdf.scroll_to(words or rects)
        self.page_ready.emit(page_text.page)

    def _fit_zoom(self, page: int) -> float:
        width = self.pdf.page_size(max(0, page - 1)).width() or 595.0
        available = self.pdf.scroll_area.viewport().width() - 4
        return max(ZOOMS[0], min(ZOOMS[-1], available / width))

    def fit_width(self) -> None:
        """Zoom so that the page's width fills the view."""
        self.fit_button.setChecked(True)
        if self.view is not None:
            self._apply_zoom(self._fit_zoom(self.pdf.page or 1))

    def _fit_after_resize(self) -> None:
        if self.fit_button.isChecked() and self.view is not None:
            zoom = self._fit_zoom(self.pdf.page or 1)
            if abs(zoom - self.pdf.zoom) > 0.01:
                self._apply_zoom(zoom)

    def step_zoom(self, step: int) -> None:
        """Zoom in (1) or out (-1) by one step."""
        now = self.pdf.zoom
        index = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - now))
        self.set_zoom(ZOOMS[max(0, min(len(ZOOMS) - 1, index + step))])

    def set_zoom(self, zoom: float) -> None:
        """Render the page again at `zoom` (pixels per point), keeping the highlight in view."""
        self.fit_button.setChecked(False)
        self._apply_zoom(zoom)

    def _apply_zoom(self, zoom: float) -> None:
        if self.view is None:
            self.pdf.zoom = zoom
            return
        self.pdf.show_page(self.pdf.page, zoom)
        self.zoom_label.setText(f"{round(zoom * 100)}%")
        self.pdf.scroll_to(self.pdf.canvas.word_rects or self.pdf.canvas.highlights)

    # ------------------------------------------------------------------ selection and notes

    def _canvas_selected(self, start: int, end: int) -> None:
        if self.page_text is None or self.view is None:
            return
        self.selection = selection_of(self.view.doc.file_sha256, self.page_text.page, self.page_text.text,
                                      start, end)
        self.selection_made.emit(self.selection)

    def _text_selected(self, page: int, start: int, end: int) -> None:
        if self.view is None:
            return
        if end <= start:
            return  # a click in the text keeps a selection made on the page
        text = self.view.pages.get(page, "")
        self.selection = selection_of(self.view.doc.file_sha256, page, text, start, end)
        self.selection_made.emit(self.selection)

    def select_span(self, span: Span) -> None:
        """Select a span of a page (in the text view; the page follows), e.g. a note's quote."""
        if self.view is None:
            return
        if span.page != self.pdf.page:
            self.go_to_page(span.page)
        self.text.select_span(span.page, span.start, span.end)

    # ------------------------------------------------------------------ notes beside the text

    def _attach_notes(self, view: DocumentView) -> None:
        if self.notes is None or self.notes_panel is None:
            return
        self.notes.reanchor(view.doc.file_sha256, view.file_pages)
        self.notes_panel.set_file(view.doc.file_sha256)
        self._paint_notes()

    def _notes_changed(self, file_sha256: str) -> None:
        if self.view is not None and file_sha256 == self.view.doc.file_sha256:
            self._paint_notes()

    def _paint_notes(self) -> None:
        if self.notes is None or self.view is None:
            return
        notes = self.notes.notes_for(self.view.doc.file_sha256)
        self.text.mark_notes(note_spans(notes))
        if self.page_text is not None:
            self.pdf.canvas.set_note_rects(rects_for(self.page_text, note_spans(notes, self.page_text.page)))

    def show_note(self, note) -> None:
        """Go to a note of the open file and select its quote."""
        if not note.orphaned:
            self.select_span(Span(note.anchor.page, note.anchor.start, note.anchor.end))

    def _page_menu(self, pos: QPoint) -> None:
        """The page's context menu: copy, note and digest the selection; the document's own actions."""
        if self.view is None:
            return
        menu = QMenu(self.pdf.canvas)
        menu.setObjectName("pageMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        selected = self.selection is not None
        for name, text, slot in (("copySelection", self.tr("复制选中文字"), self.copy_selection),
                                 ("noteSelection", self.tr("为选中文字添加笔记"), self.request_note),
                                 ("digestSelection", self.tr("将选中文字加入摘编"), self.request_digest)):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.setEnabled(selected)
            action.triggered.connect(lambda checked=False, slot=slot: slot())
        if self.document_menu is not None:
            menu.addSeparator()
            self.document_menu(menu, self.view.doc.doc_id, self.view.doc.file.path)
        menu.popup(self.pdf.canvas.mapToGlobal(pos))

    def copy_selection(self) -> None:
        """Put the selected text on the clipboard (Ctrl+C on the page; the text view copies by itself)."""
        if self.selection is not None:
            QGuiApplication.clipboard().setText(self.selection.quote)

    def request_note(self) -> bool:
        """Emit `note_requested` with the current selection; False when nothing is selected."""
        if self.selection is None:
            return False
        self.note_requested.emit(self.selection)
        return True

    def stop(self) -> None:
        """Forget the document and page being loaded (the window is closing: their stores close next)."""
        for job in (self._doc_job, self._page_job):
            if job is not None:
                job.discard()
        self._doc_job = self._page_job = None

    def request_digest(self) -> bool:
        """Emit `digest_requested` with the open document and the selection; False when nothing is selected."""
        if self.selection is None or self.view is None:
            return False
        self.digest_requested.emit(self.view.doc, self.selection)
        return True

    def _failed(self, exc: BaseException) -> None:
        self._doc_job = self._page_job = None
        self.failed.emit(exc)
