"""Burst terms over the years, as CiteSpace draws them: a row per term, the years of its burst in red."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from desktop.analysis.charts import paint_title
from indexer.insight.burst import Burst

ROW = 24
TERM_WIDTH = 150
NUMBERS_WIDTH = 150


class BurstsView(QWidget):
    """The strongest bursts, strongest first; the years span the analysed documents."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bursts: list[Burst] = []
        self.years: tuple[int, int] = (0, 0)
        self._title = ""
        self.setMinimumSize(500, 160)

    def title(self) -> str:
        """The figure's caption."""
        return self._title

    def set_bursts(self, bursts: list[Burst], years: tuple[int, int], title: str) -> None:
        """Show `bursts` over `years` (first, last)."""
        self.bursts, self.years, self._title = bursts, years, title
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, 60 + ROW * max(3, len(self.bursts)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        self._paint(painter)
        painter.end()

    def _paint(self, painter: QPainter) -> None:
        paint_title(painter, self, self._title)
        if not self.bursts:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("没有突现词（需要多个年份的文献）"))
            return
        first, last = self.years
        count = last - first + 1
        left, right = TERM_WIDTH, self.width() - NUMBERS_WIDTH
        cell = (right - left) / max(1, count)
        top = 48
        painter.setPen(QColor("#333333"))
        header = [(0, TERM_WIDTH, self.tr("词")), (right + 6, NUMBERS_WIDTH, self.tr("强度　起止"))]
        for x, width, text in header:
            painter.drawText(QRectF(x + 4, 26, width, 20), Qt.AlignmentFlag.AlignVCenter, text)
        step = max(1, count // 10)
        for i in range(0, count, step):
            painter.drawText(QRectF(left + i * cell - 20, 26, 40 + cell, 20), Qt.AlignmentFlag.AlignCenter,
                             str(first + i))
        for row, burst in enumerate(self.bursts):
            y = top + row * ROW
            painter.setPen(QColor("#333333"))
            painter.drawText(QRectF(4, y, TERM_WIDTH - 8, ROW), Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(burst.term, Qt.TextElideMode.ElideRight, TERM_WIDTH - 8))
            for i in range(count):
                year = first + i
                hot = burst.start <= year <= burst.end
                painter.fillRect(QRectF(left + i * cell + 0.5, y + 7, max(1.0, cell - 1), ROW - 14),
                                 QColor("#d62728") if hot else QColor("#c9d6e3"))
            painter.drawText(QRectF(right + 10, y, NUMBERS_WIDTH - 10, ROW), Qt.AlignmentFlag.AlignVCenter,
                             f"{burst.weight:.2f}　{burst.start}–{burst.end}")
