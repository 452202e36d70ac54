"""Search results as a two-level item model: documents, and under each its best passages.

Rows stream in: `show(results)` resets the model and inserts the first `FIRST_ROWS`
documents (about a screenful); the rest follow in chunks once a view has painted those
(`continue_streaming()`), or after `FIRST_DELAY_MS` when no view asks, so the first results
paint before the rest of the page is laid out. Nothing from Whoosh reaches here: rows hold
`indexer.search.results.Hit` values and the passage dicts of `Hit.more`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)

from desktop.search.tree_model import TwoLevelModel
from desktop.table_model import AnyIndex
from indexer.fileformats import format_of
from indexer.search.results import MATCH_ANY, Hit, SearchResults

ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # once: flags() is asked at every paint
MARK_STYLE = '<span style="background-color:#ffe08a; color:#000;">'


@dataclass(frozen=True)
class PassageRef:
    """One matching passage of a result: enough to open it in the reader."""

    passage_id: str
    doc_id: str
    page: int
    highlight: str
    score: float
    ocr: float | None = None  # recognised by OCR: mean confidence (`Hit.ocr`)


def marked(snippet: str) -> str:
    """A snippet's `<b>` matches as highlighted spans (the snippet is already HTML-escaped)."""
    return snippet.replace("<b>", MARK_STYLE).replace("</b>", "</span>").replace("\n", " ")


def plain(snippet: str) -> str:
    """A snippet without markup."""
    return html.unescape(snippet.replace("<b>", "").replace("</b>", ""))


class ResultsModel(TwoLevelModel):
    """Documents found (top level) with their matching passages (children); one column."""

    HitRole = Qt.ItemDataRole.UserRole + 1  # the document's `Hit` (on both levels)
    PassageRole = Qt.ItemDataRole.UserRole + 2  # a `PassageRef` (passage rows only)
    HtmlRole = Qt.ItemDataRole.UserRole + 3  # rich text for the delegate
    IsDocumentRole = Qt.ItemDataRole.UserRole + 4

    FIRST_ROWS = 3  # documents with their passages: a screenful at 1366×768
    FIRST_DELAY_MS = 250  # the rest follow then at the latest: a view that painted asks sooner
    CHUNK_ROWS = 10
    CHUNK_DELAY_MS = 10  # between chunks: the event loop paints and handles input in between

    streaming_finished = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._passages: list[list[PassageRef]] = []
        self._pending: list[Hit] = []
        self._pages: dict[str, int] = {}
        self._type_labels = type_labels(self)
        self._format_labels = format_labels()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._insert_chunk)

    # ------------------------------------------------------------------ structure

    def _top_count(self) -> int:
        return len(self._hits)

    def _child_count(self, row: int) -> int:
        return len(self._passages[row]) if row < len(self._passages) else 0

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    # ------------------------------------------------------------------ data

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if index.row() >= len(self._hits):
                return None
            return self._document_data(self._hits[index.row()], role)
        doc_row = index.internalId() - 1
        if doc_row >= len(self._hits) or index.row() >= len(self._passages[doc_row]):
            return None
        return self._passage_data(self._hits[doc_row], self._passages[doc_row][index.row()], role)

    def _document_data(self, hit: Hit, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.doc_title or self.tr("（无标题）")
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.file
        if role == self.HtmlRole:
            return self._document_html(hit)
        if role == self.HitRole:
            return hit
        if role == self.IsDocumentRole:
            return True
        return None

    def _passage_data(self, hit: Hit, ref: PassageRef, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("第 {page} 页：{text}").format(page=ref.page, text=plain(ref.highlight))
        if role == self.HtmlRole:
            page = html.escape(self.tr("第 {page} 页").format(page=ref.page))
            return f'<span style="color:#666;">{page}</span>{self._ocr_tag(ref.ocr)}　{marked(ref.highlight)}'
        if role == self.PassageRole:
            return ref
        if role == self.HitRole:
            return hit
        if role == self.IsDocumentRole:
            return False
        return None

    def _document_html(self, hit: Hit) -> str:
        kind = format_of(hit.file)
        shown = [self._format_labels[kind]] if kind != "pdf" else []  # PDF, the usual format, goes unsaid
        meta = [*shown, self._type_labels.get(hit.doc_type, hit.doc_type), *hit.meta.facts()]
        meta_html = html.escape(" · ".join(m for m in meta if m))
        title = html.escape(hit.doc_title or self.tr("（无标题）"))
        extra = ""
        if hit.match == MATCH_ANY:
            extra = ' <span style="color:#a15c00;">' + html.escape(self.tr("［部分词匹配］")) + "</span>"
        extra += self._ocr_tag(hit.ocr)
        if hit.versions:
            years = "、".join(str(v["year"]) for v in hit.versions if v["year"])
            note = self.tr("另有 {count} 个相近版本").format(count=len(hit.versions))
            if years:
                note += self.tr("（{years}）").format(years=years)
            extra += ' <span style="color:#2f6f9f;">' + html.escape(note) + "</span>"
        return f'<span style="font-size:large; font-weight:600;">{title}</span>{extra}<br>' \
               f'<span style="color:#555;">{meta_html}</span>'

    def _ocr_tag(self, confidence: float | None) -> str:
        """The OCR mark of a row whose text was recognised from a page image (mean confidence)."""
        if confidence is None:
            return ""
        text = self.tr("OCR 识别 {confidence}").format(confidence=f"{confidence:.0%}")
        return f' <span style="color:#7a4b00; background:#fff3d1;">［{html.escape(text)}］</span>'

    # ------------------------------------------------------------------ filling

    def show(self, results: SearchResults, pages: dict[str, int] | None = None) -> None:
        """Replace the rows with `results.hits`; the first rows now, the rest streamed.

        `pages`: the page to show for passages that run over pages (where the query's words are).
        """
        self._timer.stop()
        self._pages = dict(pages or {})
        self.beginResetModel()
        self._hits, self._passages = [], []
        self.endResetModel()
        self._pending = list(results.hits)
        self._insert(self.FIRST_ROWS)
        if self._pending:
            self._timer.start(self.FIRST_DELAY_MS)
        else:
            self.streaming_finished.emit()

    def continue_streaming(self) -> None:
        """Insert the rest soon: a view has painted the first rows (cheap: only starts a timer)."""
        if self._pending:
            self._timer.start(0)

    def clear(self) -> None:
        """Remove every row."""
        self._timer.stop()
        self._pending = []
        self.beginResetModel()
        self._hits, self._passages = [], []
        self.endResetModel()

    def is_streaming(self) -> bool:
        """Whether rows are still to be inserted."""
        return bool(self._pending)

    def _insert_chunk(self) -> None:
        self._insert(self.CHUNK_ROWS)
        if self._pending:
            self._timer.start(self.CHUNK_DELAY_MS)
        else:
            self.streaming_finished.emit()

    def _insert(self, count: int) -> None:
        batch, self._pending = self._pending[:count], self._pending[count:]
        if not batch:
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._hits.extend(batch)
        self._passages.extend(_passages(hit, self._pages) for hit in batch)
        self.endInsertRows()

    def hits(self) -> list[Hit]:
        """The documents shown, in order."""
        return list(self._hits)


def _passages(hit: Hit, pages: dict[str, int]) -> list[PassageRef]:
    refs = [PassageRef(hit.passage_id, hit.doc_id, pages.get(hit.passage_id, hit.page), hit.highlight, hit.score,
                       hit.ocr)]
    refs += [PassageRef(m["passage_id"], hit.doc_id, pages.get(m["passage_id"], m["page"]), m["highlight"],
                        m["score"]) for m in hit.more]
    return refs


def type_labels(context: QObject | None = None) -> dict[str, str]:
    """Document types as people read them (translated in the ``DocumentTypes`` context)."""
    translate = QCoreApplication.translate
    return {
        "policy": translate("DocumentTypes", "政策文件"),
        "paper": translate("DocumentTypes", "论文"),
        "news": translate("DocumentTypes", "新闻"),
        "digest": translate("DocumentTypes", "汇编文章"),
        "slides": translate("DocumentTypes", "演示文稿"),
        "other": translate("DocumentTypes", "其他"),
    }


def format_labels() -> dict[str, str]:
    """File formats (`indexer.fileformats`) as people name them (translated in the ``FileFormats`` context)."""
    translate = QCoreApplication.translate
    return {"pdf": "PDF", "ofd": "OFD", "word": "Word", "web": translate("FileFormats", "网页"),
            "text": translate("FileFormats", "文本")}
