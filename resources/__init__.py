"""The app icon and the desktop-integration files, installed as the package `hanlin_resources`.

This folder is the top-level `resources/` of the source tree; pyproject.toml maps the package
`hanlin_resources` onto it (`[tool.setuptools] package-dir`), so its files are package data
found beside this module in a source checkout, an editable or a wheel install and the
PyInstaller build (`packaging/hanlin.spec` takes the same package data) alike:

- `icons/hanlin.svg`, the icon's source, `icons/hicolor/<N>x<N>/apps/hanlin.png` rendered from it
  and `icons/hanlin.ico` for Windows (`icons/build_icons.py` makes them; it is not installed);
- `hanlin.desktop` (freedesktop menu entry) and `cn.hanlin.Hanlin.metainfo.xml` (AppStream),
  which packaging/install.sh installs with the PNGs.

Qt-free: the GUI turns these paths into a QIcon (desktop/app.py).
"""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
ICONS_DIR = RESOURCES_DIR / "icons"
ICON_SVG = ICONS_DIR / "hanlin.svg"
ICON_ICO = ICONS_DIR / "hanlin.ico"
#: The sizes the icon is rendered at, in pixels (icons/build_icons.py SIZES).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
DESKTOP_FILE = RESOURCES_DIR / "hanlin.desktop"
APP_ID = "cn.hanlin.Hanlin"
METAINFO_FILE = RESOURCES_DIR / f"{APP_ID}.metainfo.xml"


def icon_png(size: int) -> Path:
    """The icon rendered at `size`×`size` pixels (one of ICON_SIZES)."""
    return ICONS_DIR / "hicolor" / f"{size}x{size}" / "apps" / "hanlin.png"


def icon_pngs() -> list[Path]:
    """Every rendered size of the icon, smallest first."""
    return [icon_png(size) for size in ICON_SIZES]
