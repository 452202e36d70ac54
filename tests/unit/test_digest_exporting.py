"""Export orchestration: refusal on marks, atomic writes (no partial file on failure), hashing, audit rows."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from digest_library import catalogue, set_mark

from indexer.library.reader import CatalogReader
from userdata.digest.exporting import export_digest
from userdata.digest.sources import describe
from userdata.digest.store import DigestStore
from userdata.errors import DigestError, ExportRefused
from userdata.notes.store import NoteStore

POLICY = "江川省科学技术厅关于印发《江川省科技情报资源开放共享管理办法（试行）》的通知"
PAPER = "基于政策文本挖掘的区域科技政策协同度测度——以江川省为例"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def library(demo_dir: Path, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("export-lib")
    ids = catalogue(folder, sorted(demo_dir.glob("*.pdf")))
    set_mark(folder, ids[POLICY], "秘密")
    return folder, ids


@pytest.fixture
def env(library, tmp_path):
    folder, ids = library
    store, reader = DigestStore(tmp_path / "user"), CatalogReader(folder)
    digest = store.create_digest("科技政策专题摘编", issue="2025年第8期")
    section = store.add_section(digest.id, "一、政策")
    for title in (POLICY, PAPER):
        passage = reader.passages(ids[title])[0]
        store.add_quote(section.id, describe(reader, ids[title]), text=passage.text, page=passage.page)
    yield store, reader, digest
    store.close()
    reader.close()


def test_refused_without_a_mark_then_lower_mark_then_unknown_mark(env, tmp_path):
    store, reader, digest = env
    out = tmp_path / "out.html"
    with pytest.raises(ExportRefused, match="秘密") as refused:
        export_digest(store, digest.id, "html", out, reader=reader)
    assert refused.value.exit_code == 7 and refused.value.needed == "秘密"
    assert "须先将摘编标为“秘密”" in str(refused.value) and "mark the digest 秘密 or higher" in str(refused.value)
    store.update_digest(digest.id, mark="内部")
    with pytest.raises(ExportRefused, match="marked 内部 but quotes documents marked 秘密"):
        export_digest(store, digest.id, "html", out, reader=reader)
    store.update_digest(digest.id, mark="绝密")
    with pytest.raises(ExportRefused, match="not one of"):
        export_digest(store, digest.id, "html", out, reader=reader)
    assert not out.exists() and store.audit.entries() == []


def test_export_writes_hashes_and_audits(env, tmp_path):
    store, reader, digest = env
    store.update_digest(digest.id, mark="机密")
    out = tmp_path / "摘编.pdf"
    entry = export_digest(store, digest.id, "pdf", out, reader=reader, notes=NoteStore(tmp_path / "user"),
                          user="zhangsan")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and entry.size == len(data)
    assert entry.sha256 == hashlib.sha256(data).hexdigest()
    assert (entry.user, entry.format, entry.path, entry.mark, entry.digest_title) == (
        "zhangsan", "pdf", str(out), "机密", "科技政策专题摘编")
    assert entry.item_ids == tuple(i.id for i in store.outline(digest.id).items())
    assert store.audit.entries() == [entry] and entry.at.endswith("+00:00")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["user", "摘编.pdf"]  # no temporary file left


def test_unwritable_targets_leave_nothing(env, tmp_path):
    store, reader, digest = env
    store.update_digest(digest.id, mark="秘密")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    for target in (tmp_path / "missing" / "x.md", tmp_path / "a-file" / "x.md"):
        with pytest.raises(DigestError, match="folder does not exist") as failed:
            export_digest(store, digest.id, "md", target, reader=reader)
        assert failed.value.exit_code == 6
    with pytest.raises(DigestError, match="unsupported export format"):
        export_digest(store, digest.id, "rtf", tmp_path / "x.rtf", reader=reader)
    assert store.audit.entries() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "user"]


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from userdata.digest.exporting import export_digest
from userdata.digest.store import DigestStore
from userdata.errors import DigestError
from indexer.library.reader import CatalogReader

store, reader = DigestStore(sys.argv[1]), CatalogReader(sys.argv[2])
digest = store.digests()[0]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writing past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (256, 256))  # the Markdown is several KB
try:
    export_digest(store, digest.id, "md", Path(sys.argv[3]) / "big.md", reader=reader)
except DigestError as exc:
    print("refused", exc.exit_code, exc)
"""


def test_a_full_disk_leaves_no_partial_file(env, library, tmp_path):
    store, _reader, digest = env
    store.update_digest(digest.id, mark="秘密")
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.run([sys.executable, "-c", FULL_DISK, str(tmp_path / "user"), str(library[0]), str(out)],
                         cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert run.stdout.startswith("refused 6"), run.stdout + run.stderr
    assert "disk is full" in run.stdout and "nothing partial was left" in run.stdout and ".tmp" not in run.stdout
    assert list(out.iterdir()) == [] and store.audit.entries() == []
