"""The DOCX export opens in LibreOffice (as on Kylin/UOS desktops) and prints every page right.

Needs LibreOffice Writer (Debian: ``apt-get install libreoffice-writer-nogui``); skipped without it.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pytest

from desktop.digest.export import write
from desktop.digest.export.sample import sample_document

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("lo")
    source = folder / "digest.docx"
    write(sample_document(), "docx", source)
    run = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder / "out"), str(source)],
        capture_output=True, text=True, timeout=240, check=False)
    pdf_path = folder / "out" / "digest.pdf"
    assert run.returncode == 0 and pdf_path.exists(), run.stdout + run.stderr
    with pdfplumber.open(pdf_path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_every_quotation_and_reference_in_order(pages):
    document = sample_document()
    bodies = ["\n".join(page.splitlines()[1:-1]) for page in pages]
    haystack, at = squash("\n".join(bodies)), 0
    needles = [document.cover.title] + [q.text for q in document.quotations()] + ["参考文献"]
    needles += [f"[{n}]{ref}" for n, ref in enumerate(document.references, 1)]
    for needle in needles:
        found = haystack.find(squash(needle), at)
        assert found >= 0, needle
        at = found + len(squash(needle))


def test_mark_on_every_page_and_numbers_in_the_footer(pages):
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        lines = [line for line in text.splitlines() if line.strip()]
        assert lines[0].strip() == "内部", number
        assert squash(lines[-1]) == f"—{number}—", number
