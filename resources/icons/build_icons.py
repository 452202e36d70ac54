"""Render the app icon's PNGs and Windows .ico from resources/icons/hanlin.svg.

    .venv/bin/python resources/icons/build_icons.py

Writes `hicolor/<N>x<N>/apps/hanlin.png` for every size of SIZES (the freedesktop icon-theme
layout, copied as is by packaging/install.sh) and `hanlin.ico` holding the sizes Windows uses.
Qt's SVG renderer draws the PNGs, Pillow packs them into the .ico. Run it after editing the SVG
and commit the outputs with it.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE / "hanlin.svg"
SVG_NS = "http://www.w3.org/2000/svg"
ICO = HERE / "hanlin.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
#: Below this size the SVG's group `details` is left out (a 1-pixel frame or line only blurs).
DETAIL_MIN_SIZE = 48


def png_path(size: int) -> Path:
    """Where the PNG of `size` pixels goes."""
    return HERE / "hicolor" / f"{size}x{size}" / "apps" / "hanlin.png"


def svg_renderers() -> tuple[QSvgRenderer, QSvgRenderer]:
    """Renderers of the full SVG and of the SVG without its group `details`."""
    ET.register_namespace("", SVG_NS)
    tree = ET.parse(SVG)
    for parent in tree.iter():
        for child in list(parent):
            if child.get("id") == "details":
                parent.remove(child)
    simple = QSvgRenderer(QByteArray(ET.tostring(tree.getroot())))
    full = QSvgRenderer(str(SVG))
    if not (full.isValid() and simple.isValid()):
        sys.exit(f"build_icons.py: {SVG} is not a valid SVG")
    return full, simple


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn on a transparent `size`×`size` image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def to_pillow(image: QImage) -> Image.Image:
    """A Pillow copy of a Qt image (through PNG bytes)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    """Render every PNG and the .ico; print what was written."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])
    full, simple = svg_renderers()
    images = {}
    for size in SIZES:
        image = render(full if size >= DETAIL_MIN_SIZE else simple, size)
        out = png_path(size)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            sys.exit(f"build_icons.py: cannot write {out}")
        images[size] = to_pillow(image)
        print(f"wrote {out.relative_to(HERE.parent.parent)}")
    largest = images[max(ICO_SIZES)]
    largest.save(ICO, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    print(f"wrote {ICO.relative_to(HERE.parent.parent)} ({', '.join(map(str, ICO_SIZES))} px)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
