"""Every file of a library damaged in turn: `hanlin search`, `status` and `index` never crash or lose data.

A small library is built once. For each of its files (the catalogue and its WAL, every file of the
index: segments, table of contents, checksum manifest, schema version) bytes are flipped at
several offsets, and the file is truncated; on a fresh copy for each, the three commands run
through the `hanlin` entry point (`indexer.cli.main`, in this process, with a watchdog against
hangs). Asserted for every run:

- no exception escapes (no traceback), and the exit status is a documented one (0 or 4);
- damage to an index file is repaired from the sound catalogue: searches give the hits of the
  undamaged library, and after `search` or `index` the index verifies again;
- the catalogue is never replaced: a run that refuses it (status 4) leaves its bytes as they
  were (unless SQLite checkpointed a WAL into it on closing), and it is never left missing or empty.

`TALLY` is printed at the end (`pytest -s`) for the reliability report.
"""

from __future__ import annotations

import contextlib
import faulthandler
import hashlib
import io
import json
import logging
import shutil
import sqlite3
import traceback
from collections import Counter
from pathlib import Path

import pytest
from cli_world import write_pdf

from indexer.cli import main
from indexer.library.catalog import CATALOG_NAME
from indexer.library.library import Library
from indexer.search import IndexNeedsRebuild, SearchIndex
from indexer.search._whoosh import checksums

QUERY = "科技安全"
COMMANDS = ("search", "status", "index")
FLIPS = (0.02, 0.35, 0.6, 0.97)
HANG_SECONDS = 300
TALLY: Counter[str] = Counter()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> dict:
    """A library of four PDFs (two index commits, so two segments), with its expected hits."""
    root = tmp_path_factory.mktemp("corruption")
    pdfs = root / "pdfs"
    pdfs.mkdir()
    for n in range(4):
        write_pdf(pdfs / f"{n}.pdf", [f"科技安全治理研究之{n}", "健全科技安全风险监测预警体系，加强数据安全法的实施。" * 2,
                                      f"第{n}段：推动量子通信产业发展，攻关卡脖子技术。"])
    with Library.open(root / "library", create=True) as library:
        library.add([pdfs / "0.pdf", pdfs / "1.pdf"], workers=1)
        library.add([pdfs], workers=1)
    code, out, err = hanlin("search", QUERY, "--library", str(root / "library"), "--json", "--limit", "50")
    assert code == 0, err
    # A copy taken while a connection holds an uncheckpointed transaction: the catalogue has a WAL.
    conn = sqlite3.connect(root / "library" / CATALOG_NAME, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('probe', '1')")
    shutil.copytree(root / "library", root / "with-wal")
    conn.close()
    assert (root / "with-wal" / f"{CATALOG_NAME}-wal").stat().st_size > 0
    return {"library": root / "with-wal", "hits": hit_ids(out), "empty": _empty(root)}


def _empty(root: Path) -> Path:
    (root / "no-pdfs").mkdir()
    return root / "no-pdfs"


def hanlin(*args: str) -> tuple[int | str, str, str]:
    """Run the `hanlin` entry point; (exit status or "traceback", stdout, stderr incl. the log)."""
    out, err = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(err)
    log = logging.getLogger("hanlin.library")
    log.addHandler(handler)
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    checksums.forget()  # as in a new process
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code: int | str = main(list(args))
    except Exception as exc:  # noqa: BLE001 -- what would be a traceback from the `hanlin` command
        code = "traceback"
        err.write("".join(traceback.format_exception(exc)))
    finally:
        faulthandler.cancel_dump_traceback_later()
        log.removeHandler(handler)
    return code, out.getvalue(), err.getvalue()


def hit_ids(stdout: str) -> list[str]:
    return sorted(h["passage_id"] for h in json.loads(stdout)["hits"])


def library_files(library: Path) -> list[str]:
    return sorted(str(p.relative_to(library)) for p in library.rglob("*")
                  if p.is_file() and p.stat().st_size and p.name != ".lock")


def damaged_copies(pristine: dict, tmp_path: Path, name: str) -> list[tuple[str, Path]]:
    """(variant, library folder) for each damage done to the file `name` of a fresh copy."""
    out = []
    size = (pristine["library"] / name).stat().st_size
    for fraction in FLIPS:
        at = min(size - 1, int(size * fraction))
        folder = tmp_path / f"flip-{fraction}"
        shutil.copytree(pristine["library"], folder)
        with (folder / name).open("r+b") as handle:
            handle.seek(at)
            byte = handle.read(1)
            handle.seek(at)
            handle.write(bytes([byte[0] ^ 0x5A]))
        out.append((f"flip@{at}", folder))
    folder = tmp_path / "truncated"
    shutil.copytree(pristine["library"], folder)
    with (folder / name).open("r+b") as handle:
        handle.truncate(size // 2)
    out.append(("truncate", folder))
    return out


def run(command: str, library: Path, pristine: dict) -> tuple[int | str, str, str]:
    if command == "search":
        return hanlin("search", QUERY, "--library", str(library), "--json", "--limit", "50")
    if command == "status":
        return hanlin("status", "--library", str(library), "--json")
    return hanlin("index", str(pristine["empty"]), "--library", str(library), "--quiet")


def index_is_sound(library: Path, passages: int) -> bool:
    try:
        index = SearchIndex.open(library / "index", create=False)
    except IndexNeedsRebuild:
        return False
    try:
        return index.doc_count() == passages
    finally:
        index.close()


def catalogue_passages(library: Path) -> int | None:
    try:
        conn = sqlite3.connect((library / CATALOG_NAME).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM passages").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


@pytest.mark.parametrize("command", COMMANDS)
def test_every_library_file_damaged(pristine: dict, tmp_path: Path, command: str):
    problems = []
    passages = len(pristine["hits"])
    for name in library_files(pristine["library"]):
        category = "catalogue" if name.startswith(CATALOG_NAME) else "index"
        for variant, library in damaged_copies(pristine, tmp_path / name.replace("/", "_"), name):
            catalog = library / CATALOG_NAME
            before = hashlib.sha256(catalog.read_bytes()).hexdigest()
            # SQLite moves a WAL's committed transactions into the file when a connection closes:
            # that changes its bytes without replacing anything, so only a WAL-less catalogue is compared.
            had_wal = (library / f"{CATALOG_NAME}-wal").is_file()
            code, out, err = run(command, library, pristine)
            where = f"{command} {name} {variant}: {code} {err[-1500:]}"
            TALLY[f"{category} inputs"] += 1
            if code == "traceback" or "Traceback" in err:
                TALLY["tracebacks"] += 1
                problems.append(f"traceback: {where}")
                continue
            if code not in (0, 4):
                problems.append(f"undocumented status: {where}")
                continue
            TALLY[f"{category} clean {'errors' if code else 'successes'}"] += 1
            after = hashlib.sha256(catalog.read_bytes()).hexdigest() if catalog.is_file() else None
            if after is None or catalog.stat().st_size == 0 or (code == 4 and after != before and not had_wal):
                TALLY["data lost"] += 1
                problems.append(f"catalogue replaced or changed: {where}")
            if category == "index":
                if code != 0:
                    problems.append(f"index damage not repaired: {where}")
                elif command == "search" and hit_ids(out) != pristine["hits"]:
                    problems.append(f"different hits: {where}")
                elif command != "status" and not index_is_sound(library, passages):
                    problems.append(f"index not rebuilt: {where}")
                if catalogue_passages(library) != passages:
                    TALLY["data lost"] += 1
                    problems.append(f"catalogue lost passages: {where}")
            shutil.rmtree(library)
    print(f"\n{command}: {dict(TALLY)}")
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def user_database(tmp_path_factory) -> Path:
    """A user database with notes and a digest, closed and checkpointed (no WAL left)."""
    from userdata.digest.store import DigestStore
    from userdata.notes.store import Anchor, NoteStore

    folder = tmp_path_factory.mktemp("user")
    store = NoteStore(folder)
    try:
        for i in range(40):
            store.add("c" * 64, Anchor(f"引文{i}" * 20, page=1 + i), body_text="政策解读" * 30, doc_title="文献")
    finally:
        store.close()
    digests = DigestStore(folder)
    digests.create_digest("科技安全专题摘编")
    digests.close()
    return folder


@pytest.mark.parametrize("command", [("digest", "list"), ("audit",)])
def test_the_user_database_damaged(user_database: Path, tmp_path: Path, command: tuple[str, ...]):
    """notes.db with bytes flipped or truncated: the digest and audit commands say so (status 8)
    or work (the flip hit unused space); never a traceback, and the user's file is never rewritten."""
    from userdata.db import DB_NAME

    problems = []
    size = (user_database / DB_NAME).stat().st_size
    damages = [(f"flip@{int(size * f)}", int(size * f)) for f in (0.0, 0.01, *FLIPS)] + [("truncate", -1)]
    for variant, at in damages:
        folder = tmp_path / variant
        shutil.copytree(user_database, folder)
        path = folder / DB_NAME
        with path.open("r+b") as handle:
            if at < 0:
                handle.truncate(size // 2)
            else:
                handle.seek(at)
                byte = handle.read(1)
                handle.seek(at)
                handle.write(bytes([byte[0] ^ 0x5A]))
        before = path.read_bytes()
        code, _, err = hanlin(*command, "--user-dir", str(folder))
        TALLY["notes.db inputs"] += 1
        where = f"{' '.join(command)} {variant}: {code} {err[-800:]}"
        if code == "traceback" or "Traceback" in err:
            TALLY["tracebacks"] += 1
            problems.append(f"traceback: {where}")
        elif code not in (0, 8):
            problems.append(f"undocumented status: {where}")
        else:
            TALLY[f"notes.db clean {'errors' if code else 'successes'}"] += 1
        if code != 0 and path.read_bytes() != before:
            TALLY["data lost"] += 1
            problems.append(f"damaged notes.db rewritten: {where}")
    print(f"\n{' '.join(command)}: {dict(TALLY)}")
    assert not problems, "\n".join(problems)
