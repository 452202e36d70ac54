"""Render docs/screenshots/digest-*.png: the first two pages of the sample digest in each format.

    .venv/bin/python docs/screenshots/render_digest_screenshots.py

The sample digest (`userdata.digest.export.sample`) is exported to every format in a temporary
folder, each export is turned into a PDF and its pages into PNGs at 80 dpi with pdftoppm:

* ``digest-pdf-N.png``: the PDF export itself;
* ``digest-docx-N.png``: the DOCX converted by LibreOffice (``soffice --headless``). Linux has no
  fonts named 仿宋/楷体/黑体/宋体, so LibreOffice gets a fontconfig file that maps those names to
  the faces the PDF export found on this machine, as WPS or a Windows PC would use the real ones;
* ``digest-html-N.png``: the HTML printed to A4 by Qt WebEngine (Chromium) with its own print CSS;
* ``digest-md-1.png``: the Markdown rendered by markdown-it (CommonMark) as plain HTML and printed
  the same way; Markdown has no page layout, so this shows what a Markdown viewer would.

Needs poppler-utils (pdftoppm), LibreOffice Writer (libreoffice-writer-nogui) and Chinese fonts
(fonts-noto-cjk, fonts-arphic-ukai). Nothing is fetched from the network.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
PAGES = 2
A4_MARGINS_MM = (28, 37, 26, 35)  # left, top, right, bottom, as the exports' own CSS


def main() -> int:
    sys.path.insert(0, str(REPO))
    from userdata.digest.export import write
    from userdata.digest.export.sample import sample_document

    work = Path(tempfile.mkdtemp(prefix="hanlin-digest-shots-"))
    try:
        document = sample_document()
        for fmt in ("pdf", "docx", "html", "md"):
            write(document, fmt, work / f"digest.{fmt}")
        pngs = pages_to_png(work / "digest.pdf", "pdf", work)
        pngs += pages_to_png(docx_to_pdf(work / "digest.docx", work), "docx", work)
        pngs += pages_to_png(html_to_pdf(work / "digest.html", work / "html.pdf"), "html", work)
        pngs += pages_to_png(html_to_pdf(markdown_page(work / "digest.md"), work / "md.pdf"), "md", work, 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for png in pngs:
        print(png.relative_to(REPO))
    return 0


def pages_to_png(pdf: Path, name: str, work: Path, count: int = PAGES) -> list[Path]:
    """Pages 1..count of `pdf` as docs/screenshots/digest-<name>-N.png (80 dpi)."""
    prefix = work / f"png-{name}"
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", str(count), str(pdf), str(prefix)],
                   check=True, timeout=120)
    out = []
    for n, png in enumerate(sorted(work.glob(f"png-{name}-*.png")), 1):
        target = OUT / f"digest-{name}-{n}.png"
        shutil.move(png, target)
        out.append(target)
    return out


def docx_to_pdf(docx: Path, work: Path) -> Path:
    """Convert with LibreOffice, the Chinese font names mapped to this machine's faces."""
    env = dict(os.environ, FONTCONFIG_FILE=str(font_config(work)))
    profile = (work / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(work / "lo"), str(docx)],
                   check=True, timeout=240, env=env, capture_output=True)
    return work / "lo" / (docx.stem + ".pdf")


def font_config(work: Path) -> Path:
    """A fontconfig file: the system's, plus 仿宋/楷体/黑体/宋体 → the faces found for those roles."""
    from userdata.digest.export import fonts

    faces = fonts.faces()
    rules = []
    for role, names in (("fang", ("仿宋", "FangSong")), ("kai", ("楷体", "KaiTi")), ("hei", ("黑体", "SimHei")),
                        ("song", ("宋体", "SimSun"))):
        family = html.escape(faces[role].family.split("|")[0])
        for name in names:
            rules.append(f'<match target="pattern"><test name="family"><string>{name}</string></test>'
                         f'<edit name="family" mode="assign" binding="strong"><string>{family}</string></edit>'
                         "</match>")
    path = work / "fonts.conf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    + "\n".join(rules) + "\n</fontconfig>\n", encoding="utf-8")
    return path


def markdown_page(md: Path) -> Path:
    """The Markdown rendered by markdown-it (CommonMark) into a plain HTML page."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").render(md.read_text(encoding="utf-8"))
    style = ("body { font-family: 'Noto Serif CJK SC', serif; font-size: 12pt; line-height: 1.6; }"
             "blockquote { border-left: 3px solid #bbb; margin-left: 0; padding-left: 1em; color: #333; }")
    page = md.with_suffix(".md.html")
    page.write_text(f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{style}</style>'
                    f"</head><body>{body}</body></html>", encoding="utf-8")
    return page


def html_to_pdf(page: Path, target: Path) -> Path:
    """Print `page` to an A4 PDF with Qt WebEngine (Chromium), off-screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
    from PySide6.QtCore import QEventLoop, QMarginsF, QTimer, QUrl
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    web = QWebEnginePage()
    loop = QEventLoop()
    web.loadFinished.connect(lambda _ok: loop.quit())
    web.load(QUrl.fromLocalFile(str(page)))
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                         QMarginsF(*A4_MARGINS_MM), QPageLayout.Unit.Millimeter)
    web.pdfPrintingFinished.connect(lambda _path, _ok: loop.quit())
    web.printToPdf(str(target), layout)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    del app
    if not target.exists():
        raise RuntimeError(f"Qt WebEngine did not print {page}")
    return target


if __name__ == "__main__":
    sys.exit(main())
