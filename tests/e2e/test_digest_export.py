"""Issue 5 acceptance: a digest built from the seed corpus, exported in all four formats through the CLI.

The seeds are indexed into a temporary library, one document is marked 秘密, notes are written
on passages, and a digest of six items (four quotations, an abstract and a commentary) in two
sections is built. The export is refused until the digest carries the mark; then DOCX, PDF,
HTML and Markdown are exported with `hanlin digest export`. The DOCX converted by LibreOffice
and the PDF export, both read back with `pdftotext`, hold every quotation, note and reference
in reading order and the mark on every page; so do the HTML and the Markdown; `hanlin audit`
has one row per export with the file's SHA-256.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.library.reader import CatalogReader
from userdata.digest.sources import describe, notes_on
from userdata.digest.store import DigestStore
from userdata.notes.store import Anchor, NoteStore

HANLIN = Path(sys.executable).with_name("hanlin")
MARK = "秘密"
SECURITY = "科技情报支撑山西省科技安全治理对策研究"          # 000: the marked journal article
NEW_PATTERN = "新安全格局下的科技安全：重要意义、现实挑战与对策思考"  # 001: journal article
REPRINT = "以国家战略科技力量体系化创新发展新质生产力"          # 003: article in a compilation
NEWS = "筑牢科技安全屏障 赋能高质量发展"                      # 002: newspaper item
REFERENCES = [
    "王旭, 刘锐, 何俊琦. 科技情报支撑山西省科技安全治理对策研究[J]. 情报工程, 2026, 12(1): 1-8.",
    "周宁南, 翟一鸣, 李艳. 新安全格局下的科技安全：重要意义、现实挑战与对策思考[J]. 国家安全研究: 1-8.",
    ("薛美慧, 丁明磊, 尹西明. 以国家战略科技力量体系化创新发展新质生产力[J]. 中国科技论坛, 2025(5). "
     "转引自: 科技决策参考, 2025年第8期: 1-6."),
    "郭海成. 筑牢科技安全屏障 赋能高质量发展[N]. 晋中日报, 2026-04-13(3).",
]
NOTES = {
    SECURITY: "解读甲：情报支撑是本省科技安全治理的短板，建议纳入年度重点。",
    NEW_PATTERN: "解读乙：三位一体的内涵可作为本单位科技安全工作的框架。",
    REPRINT: "解读丙：战略科技力量的布局与本省实验室体系建设直接相关。",
}
COMMENTARY = "编者按：以上材料从情报支撑、安全格局两个角度分析了科技安全形势，供领导参阅。"


def run(*args: str | Path, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], check=False, capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout, env=env)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def world(seeds_dir: Path, tmp_path_factory) -> dict:
    """The indexed seed library with one marked document, the user's notes and a digest; nothing exported yet."""
    root = tmp_path_factory.mktemp("digest-acceptance")
    lib, user = root / "lib", root / "user"
    # --no-ocr: the scanned seed would be a second, recognised copy of 003's first article among the hits.
    indexed = run(HANLIN, "index", seeds_dir, "--library", lib, "--quiet", "--workers", "2", "--no-ocr")
    assert indexed.returncode == 0, indexed.stderr
    marked = run(HANLIN, "mark", "set", MARK, seeds_dir / "000-journal-two-column.pdf", "--library", lib)
    assert marked.returncode == 0, marked.stderr
    with CatalogReader(lib) as reader:
        ids = {_plain(t): d for d, t in reader.db.execute("SELECT doc_id, title FROM documents")}
        digest_id, expected = _build_digest(reader, ids, user)
    return {"root": root, "lib": lib, "user": user, "digest": digest_id, "expected": expected}


def _plain(title: str) -> str:
    return re.sub(r"\s+", "", title)


def _build_digest(reader: CatalogReader, ids: dict[str, str], user: Path) -> tuple[str, list[str]]:
    """Six items in two sections; returns the digest id and the texts expected in reading order."""
    store, notes = DigestStore(user), NoteStore(user, author="张三")
    try:
        digest = store.create_digest("科技安全专题摘编", issue="2025年第8期", compiler="张三",
                                     organisation="省科技情报研究所", date="2025-08-20")
        first = store.add_section(digest.id, "科技安全形势")
        second = store.add_section(digest.id, "对策与建议")
        expected = _quote_with_note(store, notes, reader, first.id, ids[_plain(SECURITY)], NOTES[SECURITY])
        expected += _quote_with_note(store, notes, reader, first.id, ids[_plain(NEW_PATTERN)], NOTES[NEW_PATTERN])
        store.add_commentary(first.id, body_text=COMMENTARY, body_html=f"<p>{COMMENTARY}</p>")
        expected.append(COMMENTARY)
        expected += _quote_with_note(store, notes, reader, second.id, ids[_plain(REPRINT)], NOTES[REPRINT])
        expected += _quote_with_note(store, notes, reader, second.id, ids[_plain(NEWS)], None)
        ref = describe(reader, ids[_plain(SECURITY)])
        store.add_abstract(second.id, ref)
        expected.append(ref.source.abstract)
        return digest.id, expected
    finally:
        store.close()
        notes.close()


def _quote_with_note(store, notes, reader, section_id, doc_id, note_text) -> list[str]:
    """Quote the opening sentences of a passage (as a reader selection would) and attach a note on its first words."""
    passage = min((p for p in reader.passages(doc_id) if len(p.text) >= 100 and p.page == p.end_page),
                  key=lambda p: len(p.text))
    stop = passage.text.find("。", 50)
    quote = passage.text[:stop + 1 if 0 < stop < 150 else 150]
    page_text = reader.page_texts(_sha(reader, doc_id), passage.page, passage.page)[passage.page]
    start = passage.start
    assert page_text[start:start + len(quote)] == quote, "the passage's offsets point into its page's text"
    anchor = Anchor(quote, page_text[max(0, start - 32):start], page_text[start + len(quote):start + len(quote) + 32],
                    passage.page, start, start + len(quote))
    item = store.add_quote(section_id, describe(reader, doc_id), text=quote, page=passage.page, anchor=anchor)
    if note_text is None:
        return [quote]
    notes.add(item.file_sha256, Anchor(quote[:12], "", "", passage.page, start, start + 12),
              body_text=note_text, stance="关注", tags=["科技安全"])
    found = notes_on(item, notes.notes(item.file_sha256))
    assert [n.body_text for n in found] == [note_text]
    store.attach_notes(item.id, [n.id for n in found])
    return [quote, note_text]


def _sha(reader: CatalogReader, doc_id: str) -> str:
    return reader.document(doc_id).file_sha256


def digest_cli(world: dict, *args: str | Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, HANLIN_USER_DIR=str(world["user"]), PYTHONIOENCODING="utf-8")
    return run(HANLIN, *args, env=env)


@pytest.fixture(scope="module")
def exported(world: dict) -> dict[str, Path]:
    """The export refused without the mark, then marked and exported in all four formats."""
    out = world["root"] / "out"
    out.mkdir()
    refused = digest_cli(world, "digest", "export", world["digest"][:8], "--format", "docx", "-o", out / "x.docx",
                         "--library", world["lib"])
    assert refused.returncode == 7, refused.stderr
    assert f"须先将摘编标为“{MARK}”" in refused.stderr and f"mark the digest {MARK} or higher" in refused.stderr
    assert list(out.iterdir()) == []
    assert json.loads(digest_cli(world, "audit", "--json").stdout) == []
    store = DigestStore(world["user"])
    try:
        store.update_digest(world["digest"], mark=MARK)
    finally:
        store.close()
    files = {}
    for fmt in ("docx", "pdf", "html", "md"):
        files[fmt] = out / f"科技安全专题摘编.{fmt}"
        done = digest_cli(world, "digest", "export", world["digest"], "--format", fmt, "-o", files[fmt],
                          "--library", world["lib"], "--json")
        assert done.returncode == 0, done.stderr
        row = json.loads(done.stdout)
        assert row["sha256"] == hashlib.sha256(files[fmt].read_bytes()).hexdigest() and row["mark"] == MARK
    return files


def assert_in_order(text: str, expected: list[str]) -> None:
    """Every expected text appears in `text`, each after the previous one (whitespace ignored)."""
    haystack, at = squeeze(text), 0
    for needle in expected:
        found = haystack.find(squeeze(needle), at)
        assert found >= 0, f"missing or out of order: {needle[:40]}… (searched from {at} of {len(haystack)})"
        at = found + len(squeeze(needle))


def pdf_text(path: Path) -> str:
    done = run("pdftotext", "-raw", "-enc", "UTF-8", path, "-")  # -raw: no dehyphenation (2026-04-|13)
    assert done.returncode == 0, done.stderr
    return done.stdout


def body_text(pdf: str) -> str:
    """The PDF's text without its running headers and footers, which pdftotext puts between the lines
    of a paragraph that crosses a page break: lines that are the mark or a page number."""
    furniture = re.compile(rf"^\s*(?:{MARK}|[-—–·\s]*\d+[-—–·\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
    return "\n".join(line for line in pdf.splitlines() if not furniture.match(line))


def everything(world: dict) -> list[str]:
    return world["expected"] + [f"[{n}] {entry}" for n, entry in enumerate(REFERENCES, 1)]


def test_the_digest_has_enough_items_notes_and_a_marked_source(world):
    store = DigestStore(world["user"])
    try:
        outline = store.outline(world["digest"])
    finally:
        store.close()
    items = outline.items()
    assert len(outline.sections) == 2 and len(items) == 6
    assert sorted(i.kind for i in items) == ["abstract", "commentary", "quote", "quote", "quote", "quote"]
    assert sum(len(i.note_ids) for i in items) == 3 and [i.mark for i in items].count(MARK) == 2


@pytest.fixture(scope="module")
def docx_as_pdf(world, exported) -> str:
    """The DOCX export converted to PDF by LibreOffice, as `pdftotext` reads it."""
    converted = world["root"] / "lo"
    profile = (world["root"] / "lo-profile").as_uri()  # our own profile: other soffice runs may be going
    done = run("soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
               converted, exported["docx"], timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    return pdf_text(converted / "科技安全专题摘编.pdf")


def test_docx_converted_by_libreoffice_holds_everything_in_order(world, docx_as_pdf):
    """Every character of every quotation, note, commentary and reference, in order (a quotation's
    closing 。 at the end of a full justified line too), and the mark heads every page."""
    assert_in_order(body_text(docx_as_pdf), everything(world))
    assert all(MARK in page for page in docx_as_pdf.split("\f") if page.strip()), "the mark is on every page"


def test_pdf_export_text_is_extractable_and_holds_everything_in_order(world, exported):
    text = pdf_text(exported["pdf"])
    assert_in_order(body_text(text), everything(world))
    assert all(MARK in page for page in text.split("\f") if page.strip()), "the mark is on every page"


def test_html_and_markdown_hold_everything_in_order(world, exported):
    page = exported["html"].read_text(encoding="utf-8")
    assert_in_order(html.unescape(re.sub(r"<[^>]+>", "", page)), everything(world))
    assert MARK in page
    markdown = exported["md"].read_text(encoding="utf-8")
    assert_in_order(re.sub(r"[*_`>\\]", "", markdown), everything(world))
    assert MARK in markdown


def test_audit_has_one_row_per_export_with_the_file_hash(world, exported):
    rows = json.loads(digest_cli(world, "audit", "--json").stdout)
    assert [r["format"] for r in rows] == ["docx", "pdf", "html", "md"]
    for row in rows:
        path = Path(row["path"])
        assert path == exported[row["format"]]
        assert row["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest() and row["size"] == path.stat().st_size
        assert row["digest_id"] == world["digest"] and row["digest_title"] == "科技安全专题摘编"
        assert len(row["item_ids"]) == 6 and row["mark"] == MARK and row["user"]
    listed = json.loads(digest_cli(world, "digest", "list", "--json").stdout)
    assert [(d["id"], d["mark"], d["items"], d["sections"]) for d in listed] == [(world["digest"], MARK, 6, 2)]
