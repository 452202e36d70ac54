"""The DOCX export opens in LibreOffice (as on Kylin/UOS desktops) and prints every page right.

Every character too: LibreOffice often prints nothing for a 。 or ， it hangs past the end of a
full line of a justified paragraph (see `docx_styles._overflow_punct`), so quotations whose
closing 。 falls at every column of a line are converted and read back.

Needs LibreOffice Writer (Debian: ``apt-get install libreoffice-writer-nogui``); skipped without it.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pytest

from userdata.digest.document import Cover, DigestDocument, Quotation, Section
from userdata.digest.export import write
from userdata.digest.export.sample import sample_document

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body(pages: list[str]) -> str:
    """The pages' text without the first (the mark) and last line (the page number) of each."""
    return "\n".join("\n".join(page.splitlines()[1:-1]) for page in pages)


def converted_pages(document: DigestDocument, folder) -> list[str]:
    """`document` exported as DOCX, converted to PDF by LibreOffice, each page's text (pdfplumber)."""
    source = folder / "digest.docx"
    write(document, "docx", source)
    run = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder / "out"), str(source)],
        capture_output=True, text=True, timeout=240, check=False)
    pdf_path = folder / "out" / "digest.pdf"
    assert run.returncode == 0 and pdf_path.exists(), run.stdout + run.stderr
    with pdfplumber.open(pdf_path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[str]:
    return converted_pages(sample_document(), tmp_path_factory.mktemp("lo"))


#: No punctuation, so that a prefix of k of its characters moves what follows by k columns.
_PAD = "科技安全是国家安全的重要组成部分科技情报工作连接创新前沿与安全底线"
#: A comma mid-sentence and the closing 。, both of which LibreOffice would hang at a full line's end.
_SENTENCE = "形成场景任务与优势主体动态适配，优势主体的科技先导能力上升为国家科技先导能力的动态循环。"


def stops_at_every_column() -> DigestDocument:
    """26 quotations, each its sentence pushed one column further: in one of them (whatever the
    line's length, up to 26 characters) the 。 falls just past the end of a full line; every one
    is followed by its [1] and page, so that line is never the paragraph's last."""
    quotes = tuple(Quotation(_PAD[:k] + _SENTENCE, citation=1, page=k + 1, doc_title="测试") for k in range(26))
    return DigestDocument(cover=Cover(title="标点测试", mark="内部"), sections=(Section("引文", 1, quotes),),
                          references=("测试. 测试[J]. 测试, 2025(1).",))


def test_every_quotation_and_reference_in_order(pages):
    document = sample_document()
    haystack, at = squash(body(pages)), 0
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


def test_a_closing_stop_at_the_end_of_a_full_line_is_printed(tmp_path_factory):
    document = stops_at_every_column()
    text = squash(body(converted_pages(document, tmp_path_factory.mktemp("lo-stops"))))
    at = 0
    for k, quote in enumerate(document.quotations()):
        found = text.find(squash(quote.text) + "[1]", at)
        assert found >= 0, f"quotation {k} (…{quote.text[-8:]}[1]) is not printed whole after position {at}"
        at = found + len(quote.text)
