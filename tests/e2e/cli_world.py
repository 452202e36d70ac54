"""A small world for driving `hanlin` end to end: a signing key, an indexed library, a user database
with one digest, and a `run` that calls the installed console script with that world's folders."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

HANLIN = Path(sys.executable).with_name("hanlin")


@dataclass
class World:
    """Folders of one test machine, and the id of its one digest."""

    root: Path
    config: Path
    library: Path
    user: Path
    pdf: Path
    digest_id: str

    def env(self) -> dict[str, str]:
        """The environment of a `hanlin` run on this machine."""
        return dict(os.environ, HANLIN_CONFIG_DIR=str(self.config), HANLIN_USER_DIR=str(self.user),
                    PYTHONIOENCODING="utf-8")

    def run(self, *args: str | Path, timeout: float = 240, **popen: object) -> subprocess.CompletedProcess[str]:
        """`hanlin ARGS` with this world's folders; output captured as text."""
        return subprocess.run([str(HANLIN), *map(str, args)], env=self.env(), capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=timeout, check=False,
                              **popen)  # type: ignore[call-overload]


def write_pdf(path: Path, lines: list[str]) -> None:
    """A one-page Chinese PDF with a title line and body lines."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number, line in enumerate(lines):
        canvas.setFont("STSong-Light", 16 if number == 0 else 10.5)
        canvas.drawString(56, 780 - 30 * number, line)
    canvas.showPage()
    canvas.save()


def make_world(root: Path) -> World:
    """Index one PDF, create a key, make a digest with one commentary; returns the world."""
    from userdata.digest.store import DigestStore

    (root / "pdfs").mkdir(parents=True)
    pdf = root / "pdfs" / "a.pdf"
    write_pdf(pdf, ["关于加强科技安全治理的若干意见", "健全科技安全风险监测预警体系。"])
    world = World(root, root / "config", root / "lib", root / "user", pdf, "")
    for args in (("index", root / "pdfs", "--library", world.library, "--quiet", "--workers", "1"),
                 ("keys", "create", "--name", "资料室")):
        done = world.run(*args)
        assert done.returncode == 0, done.stderr
    store = DigestStore(world.user)
    try:
        digest = store.create_digest("科技安全专题摘编", issue="2026年第1期")
        section = store.add_section(digest.id, "一、总体形势")
        store.add_commentary(section.id, body_text="编者按：供参阅。")
    finally:
        store.close()
    world.digest_id = digest.id
    return world
