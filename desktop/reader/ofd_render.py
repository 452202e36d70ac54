"""An OFD page drawn with Qt: its text objects, images and paths (`indexer.extract.ofd.PageDrawing`).

No offline renderer of OFD exists for Python, so the page is painted here from what the OFD reader
gives: each character at its own position, size, colour and angle (the font by its family name, mapped
to an installed CJK font of the same style: 宋体/仿宋/楷体 serif, 黑体 sans), images where their CTM puts
them, and paths (the red rule of a 公文, table lines, frames) as polylines. Embedded fonts are not used,
so glyph shapes may differ from the producer's, while every character sits where the file puts it, which
is where the reader's highlight boxes (`indexer.extract.locate`) are.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen, QTransform

from indexer.extract.ofd import ImageRun, OfdDocument, PathRun, TextRun

_EM = 100  # glyphs are drawn at this pixel size and scaled to theirs (QFont takes whole pixels)
_SANS = ("黑体", "hei", "sans", "雅黑", "arial", "helvetica", "gothic")


def _font(family: str, bold: bool, italic: bool) -> QFont:
    sans = any(word in family.lower() for word in _SANS)
    font = QFont()
    font.setFamilies([family, "Noto Sans CJK SC" if sans else "Noto Serif CJK SC",
                      "Noto Serif CJK SC", "Noto Sans CJK SC"])
    font.setStyleHint(QFont.StyleHint.SansSerif if sans else QFont.StyleHint.Serif)
    font.setPixelSize(_EM)
    font.setBold(bold)
    font.setItalic(italic)
    return font


def render_page(document: OfdDocument, index: int, pixels: QSize) -> QImage:
    """Page `index` (0-based) of `document` painted into an image of `pixels`."""
    drawing = document.drawing(index)
    image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    painter.scale(pixels.width() / max(drawing.width, 1.0), pixels.height() / max(drawing.height, 1.0))
    fonts: dict[tuple[str, bool, bool], QFont] = {}
    for item in drawing.items:
        if isinstance(item, ImageRun):
            _image(painter, document, item)
        elif isinstance(item, PathRun):
            _path(painter, item)
        else:
            key = (item.font, item.bold, item.italic)
            if key not in fonts:
                fonts[key] = _font(*key)
            _text(painter, item, fonts[key])
    painter.end()
    return image


def _image(painter: QPainter, document: OfdDocument, item: ImageRun) -> None:
    picture = QImage.fromData(document.image(item.part))
    if picture.isNull():
        return  # a format Qt cannot read (JBIG2) or a damaged image
    a, b, c, d, e, f = item.matrix
    painter.save()
    painter.setTransform(QTransform(a, b, c, d, e, f), combine=True)
    painter.drawImage(QRectF(0, 0, 1, 1), picture)
    painter.restore()


def _path(painter: QPainter, item: PathRun) -> None:
    path = QPainterPath()
    for line in item.polylines:
        path.moveTo(QPointF(*line[0]))
        for point in line[1:]:
            path.lineTo(QPointF(*point))
    pen = QPen(QColor(*item.stroke), max(item.width, 0.3)) if item.stroke else QPen(Qt.PenStyle.NoPen)
    painter.setPen(pen)
    painter.setBrush(QBrush(QColor(*item.fill)) if item.fill else Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def _text(painter: QPainter, item: TextRun, font: QFont) -> None:
    painter.setFont(font)
    painter.setPen(QColor(*item.color))
    scale = item.size / _EM
    for char, (x, y) in zip(item.text, item.positions, strict=False):
        painter.save()
        painter.translate(x, y)
        painter.rotate(-item.angle)
        painter.scale(scale, scale)
        painter.drawText(QPointF(0, 0), char)
        painter.restore()
