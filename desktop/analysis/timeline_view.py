"""The policy timeline: one lane per issuing body, a mark per document at its date; hover a mark
for its date, 发文字号 and title, click it to open the document."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.analysis.charts import paint_title
from desktop.analysis.network_view import cluster_colour
from indexer.insight.timeline import TimelineEntry, lanes

LANE_HEIGHT = 30
LABEL_WIDTH = 190
AXIS_HEIGHT = 34
RADIUS = 6
TOP = 26  # below the title


def day_number(date: str) -> float | None:
    """A date (YYYY-MM-DD, YYYY-MM or YYYY) as a day count; a month is its middle, a year its middle."""
    parts = date.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return datetime.date(year, 7, 1).toordinal()
        month = int(parts[1])
        day = int(parts[2]) if len(parts) > 2 else 15
        return datetime.date(year, month, day).toordinal()
    except (ValueError, IndexError):
        return None


class TimelineView(QWidget):
    """Issuers × dates; `document_activated(doc_id)` on a click on a mark."""

    document_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(500, 160)
        self.entries: list[TimelineEntry] = []
        self.lanes: list[str] = []
        self._title = ""
        self._marks: list[tuple[QPointF, TimelineEntry]] = []
        self._span: tuple[float, float] = (0.0, 1.0)

    def title(self) -> str:
        """The figure's caption."""
        return self._title

    def set_entries(self, entries: list[TimelineEntry], title: str) -> None:
        """Show the dated `entries` (undated ones are in the table only)."""
        self._title = title
        self.entries = [e for e in entries if day_number(e.date) is not None]
        self.lanes = lanes(self.entries, limit=12)
        days = [day_number(e.date) or 0.0 for e in self.entries]
        if days:
            first = datetime.date.fromordinal(int(min(days))).year
            last = datetime.date.fromordinal(int(max(days))).year
            self._span = (datetime.date(first, 1, 1).toordinal(), datetime.date(last + 1, 1, 1).toordinal())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, 24 + AXIS_HEIGHT + LANE_HEIGHT * max(3, len(self.lanes) + 1))

    def _lane_of(self, entry: TimelineEntry) -> int:
        for issuer in entry.issuers or ("",):
            if issuer in self.lanes:
                return self.lanes.index(issuer)
        return len(self.lanes)  # 其他 (other bodies)

    def _x(self, day: float) -> float:
        left, right = LABEL_WIDTH, self.width() - 16
        first, last = self._span
        return left + (right - left) * (day - first) / max(1.0, last - first)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        self._paint(painter)
        painter.end()

    def _paint(self, painter: QPainter) -> None:
        paint_title(painter, self, self._title)
        if not self.entries:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("没有带日期的政策文件"))
            return
        names = [*self.lanes, self.tr("其他机关")]
        used = {self._lane_of(e) for e in self.entries}
        top = TOP
        for i, name in enumerate(names):
            if i == len(self.lanes) and i not in used:
                continue
            y = top + i * LANE_HEIGHT + LANE_HEIGHT / 2
            painter.setPen(QPen(QColor("#e4e4e4"), 1))
            painter.drawLine(QPointF(LABEL_WIDTH, y), QPointF(self.width() - 16, y))
            painter.setPen(QColor("#333333"))
            label = name or self.tr("（机关未知）")
            metrics = painter.fontMetrics()
            painter.drawText(QRectF(4, y - LANE_HEIGHT / 2, LABEL_WIDTH - 10, LANE_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, LABEL_WIDTH - 12))
        bottom = top + len(names) * LANE_HEIGHT
        self._paint_axis(painter, bottom)
        for point, entry in self.marks():
            colour = cluster_colour(self._lane_of(entry))
            painter.setPen(QPen(colour.darker(140), 1))
            painter.setBrush(colour)
            painter.drawEllipse(point, RADIUS, RADIUS)
        self._paint_labels(painter)

    def marks(self) -> list[tuple[QPointF, TimelineEntry]]:
        """Where each dated document's mark is drawn at the widget's present size."""
        self._marks = [(QPointF(self._x(day_number(e.date) or 0.0), TOP + self._lane_of(e) * LANE_HEIGHT
                                + LANE_HEIGHT / 2), e) for e in self.entries]
        return self._marks

    def _paint_labels(self, painter: QPainter) -> None:
        """Each mark's 发文字号 (else its title) beside it, where the next mark on its lane leaves room."""
        small = QFont(self.font())
        small.setPointSize(8)
        painter.setFont(small)
        painter.setPen(QColor("#444444"))
        metrics = painter.fontMetrics()
        by_lane: dict[float, list[tuple[QPointF, TimelineEntry]]] = {}
        for point, entry in self._marks:
            by_lane.setdefault(point.y(), []).append((point, entry))
        for marks in by_lane.values():
            marks.sort(key=lambda m: m[0].x())
            for i, (point, entry) in enumerate(marks):
                room = (marks[i + 1][0].x() if i + 1 < len(marks) else self.width() - 16) - point.x() - 2 * RADIUS
                if room < 40:
                    continue
                text = metrics.elidedText(entry.doc_number or entry.title, Qt.TextElideMode.ElideRight,
                                          int(min(room, 220)))
                painter.drawText(QPointF(point.x() + RADIUS + 3, point.y() + metrics.ascent() / 2 - 1), text)

    def _paint_axis(self, painter: QPainter, y: float) -> None:
        painter.setPen(QPen(QColor("#555555"), 1))
        painter.drawLine(QPointF(LABEL_WIDTH, y), QPointF(self.width() - 16, y))
        first = datetime.date.fromordinal(int(self._span[0])).year
        last = datetime.date.fromordinal(int(self._span[1])).year
        step = max(1, (last - first) // 12 + 1)
        for year in range(first, last + 1, step):
            x = self._x(datetime.date(year, 1, 1).toordinal())
            painter.drawLine(QPointF(x, y), QPointF(x, y + 5))
            painter.drawText(QRectF(x - 30, y + 6, 60, 18), Qt.AlignmentFlag.AlignCenter, str(year))

    def entry_at(self, point: QPointF) -> TimelineEntry | None:
        """The document whose mark is under `point`, if any (the nearest)."""
        best, distance = None, float((RADIUS + 3) ** 2)
        for centre, entry in self.marks():
            d = (centre.x() - point.x()) ** 2 + (centre.y() - point.y()) ** 2
            if d <= distance:
                best, distance = entry, d
        return best

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        entry = self.entry_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if entry else Qt.CursorShape.ArrowCursor)
        if entry is None:
            QToolTip.hideText()
            return
        text = "\n".join(part for part in (entry.date, "、".join(entry.issuers), entry.doc_number, entry.title) if part)
        QToolTip.showText(event.globalPosition().toPoint(), text, self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        entry = self.entry_at(event.position())
        if entry is not None and event.button() == Qt.MouseButton.LeftButton:
            self.document_activated.emit(entry.doc_id)
