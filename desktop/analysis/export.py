"""A chart as PNG or SVG (QSvgGenerator), bytes first, then written atomically by the core."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from indexer.insight.tables import write_bytes

#: PNG pixels per widget pixel: sharp in a printed digest.
PNG_SCALE = 2


def png_bytes(widget: QWidget, scale: int = PNG_SCALE) -> bytes:
    """`widget` as drawn, as a PNG of `scale` times its size, on white."""
    size = widget.size()
    image = QImage(size * scale, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("#ffffff"))
    _render(widget, QPainter(image))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes, the binding takes str
    buffer.close()
    return bytes(data.data())


def svg_bytes(widget: QWidget, title: str) -> bytes:
    """`widget` drawn as SVG (vector: text stays text, lines stay lines)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size: QSize = widget.size()
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription("翰林 Hanlin")
    _render(widget, QPainter(generator))
    buffer.close()
    return bytes(data.data())


def save_figure(widget: QWidget, path: str | Path, title: str) -> None:
    """Write `widget` to `path` as SVG when it ends in .svg, else PNG; `OutputFileError` if it cannot be written."""
    path = Path(path)
    data = svg_bytes(widget, title) if path.suffix.lower() == ".svg" else png_bytes(widget)
    write_bytes(path, data)


def _render(widget: QWidget, painter: QPainter) -> None:
    """Draw `widget` as shown (QWidget's own render: a QGraphicsView's would draw its scene instead)."""
    try:
        QWidget.render(widget, painter, QPoint(0, 0))
    finally:
        painter.end()
