"""Bar charts of counts with Qt's own charting module (QtCharts): no plotting library to ship.

A `BarChart` is a `QChartView` that shows one {label: count} mapping as vertical bars (years,
in order) or horizontal bars (the largest values first, read top to bottom), each bar labelled
with its count, sized to be read at a glance in a quarter of a 1366×768 window.
"""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

BAR_COLOUR = QColor("#2f6f9f")
#: Labels longer than this are cut with an ellipsis (the full label is in the table).
LABEL_CHARS = 16


def title_font(base: QFont) -> QFont:
    """The font of every chart's title in the 分析 window: `base`, bold, 11 points."""
    font = QFont(base)
    font.setPointSize(11)
    font.setBold(True)
    return font


def paint_title(painter: QPainter, widget: QWidget, title: str) -> None:
    """A drawn chart's title, centred across the top of `widget`; leaves the widget's font set."""
    painter.setFont(title_font(widget.font()))
    painter.drawText(QRectF(0, 2, widget.width(), 22), Qt.AlignmentFlag.AlignCenter, title)
    painter.setFont(widget.font())


class BarChart(QChartView):
    """Counts as bars; `horizontal` for categories (largest first), vertical for years."""

    def __init__(self, title: str, horizontal: bool = False, limit: int = 10, parent: QWidget | None = None):
        super().__init__(parent)
        self.horizontal = horizontal
        self.limit = limit
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = QChart()
        chart.setTitle(title)
        chart.setTitleFont(title_font(chart.titleFont()))
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        self.setMinimumSize(300, 200)
        self.labels: list[str] = []
        self.values: list[int] = []

    def title(self) -> str:
        """The chart's title (a figure's caption)."""
        return self.chart().title()

    def set_counts(self, counts: dict[str, int], unknown: str) -> None:
        """Show `counts` (an unknown value, '', is labelled `unknown`); years keep their order."""
        items = list(counts.items())
        if self.horizontal:
            items = sorted(items, key=lambda kv: -kv[1])[: self.limit]
            items.reverse()  # Qt draws the first category at the bottom: the largest goes on top
        self.labels = [_short(label or unknown) for label, _ in items]
        self.values = [n for _, n in items]
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSet("")
        bars.setColor(BAR_COLOUR)
        bars.setBorderColor(BAR_COLOUR)
        bars.setLabelColor(QColor("#222222"))
        bars.append([float(v) for v in self.values])
        series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.setBarWidth(0.7)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(self.labels or [""])
        values = QValueAxis()
        step = max(1, math.ceil(max(self.values, default=0) * 1.15 / 4))  # whole numbers on 5 ticks
        values.setRange(0, 4 * step)
        values.setLabelFormat("%d")
        values.setTickCount(5)
        categories.setTruncateLabels(False)
        font = QFont(categories.labelsFont())
        font.setPointSize(9)
        categories.setLabelsFont(font)
        values.setLabelsFont(font)
        if self.horizontal:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        else:
            categories.setLabelsAngle(-45 if len(self.labels) > 12 else 0)
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
