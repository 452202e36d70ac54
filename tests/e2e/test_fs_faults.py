"""File-system faults met by `hanlin index`, `search` and `status`, end to end.

Names that are not valid UTF-8, FIFOs and links to /dev/zero named ``*.pdf``, folders without
permission (tested with the file-access capabilities dropped: root reads anything otherwise),
paths longer than PATH_MAX, a read-only library, a full disk (``RLIMIT_FSIZE``), empty or
absurd arguments and a 0-byte catalogue. Every run must end within its time limit, with a
documented exit status (docs/cli.md) and no traceback.

With ``HANLIN_FS_TALLY=file.json`` the runs are tallied there by category (inputs, clean
errors, tracebacks, hangs) for the reliability report.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

HANLIN = Path(sys.executable).with_name("hanlin")
DOCUMENTED_EXITS = {0, 1, 2, 3, 4, 5, 6, 7}
NO_DAC = ("setpriv", "--inh-caps=-all", "--bounding-set=-all") if os.geteuid() == 0 else ()
TALLY: defaultdict[str, Counter[str]] = defaultdict(Counter)
BAD_NAME = b"zz\xff.pdf"


@pytest.fixture(scope="module", autouse=True)
def tally() -> Iterator[None]:
    yield
    target = os.environ.get("HANLIN_FS_TALLY")
    if target:
        Path(target).write_text(json.dumps(TALLY, indent=1), encoding="utf-8")


def hanlin(category: str, *args: str | os.PathLike[str] | bytes, prefix: Sequence[str] = (),
           timeout: float = 240, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `hanlin`; a hang, a traceback or an undocumented exit status fails the test."""
    argv = [*prefix, str(HANLIN), *(os.fsdecode(a) if isinstance(a, bytes) else os.fspath(a) for a in args)]
    TALLY[category]["inputs"] += 1
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", errors="surrogateescape",
                              timeout=timeout, check=False, preexec_fn=preexec)
    except subprocess.TimeoutExpired:
        TALLY[category]["hangs"] += 1
        raise
    if "Traceback" in proc.stderr:
        TALLY[category]["tracebacks"] += 1
    elif proc.returncode != 0:
        TALLY[category]["clean_errors"] += 1
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in DOCUMENTED_EXITS, (proc.returncode, proc.stderr)
    return proc


def as_json(proc: subprocess.CompletedProcess[str]) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def pdf(make_pdf) -> Callable[[str, str], Path]:
    def make(name: str, word: str) -> Path:
        return make_pdf([[f"# 关于{word}的通知", f"各单位要重视{word}工作，建立长效机制。" * 6]], name=name)
    return make


@pytest.fixture
def docs(pdf, tmp_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.move(pdf("a.pdf", "科技安全"), folder / "a.pdf")
    return folder


def no_dac() -> tuple[str, ...]:
    if not NO_DAC:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to drop root's file-access capabilities")
    return NO_DAC


# ---------------------------------------------------------------------- names that are not UTF-8


def test_a_name_that_is_not_utf8_is_indexed_found_and_round_trips(docs, pdf, tmp_path):
    folder = os.fsencode(docs)
    shutil.copy(docs / "a.pdf", folder + b"/" + BAD_NAME)  # the reported case: a copy
    shutil.move(pdf("b.pdf", "数据治理"), folder + b"/\xb9\xfa.pdf")  # GBK 国, its own content
    (Path(os.fsdecode(folder + b"/bad\xfe.pdf"))).write_bytes(b"not a pdf")
    lib = tmp_path / "lib"
    summary = as_json(hanlin("utf8", "index", docs, "--library", lib, "--json"))
    assert summary["found"] == 4 and summary["indexed"] == 2 and summary["duplicates"] == 1
    [failed] = summary["failed"]
    assert os.fsencode(failed["path"]) == folder + b"/bad\xfe.pdf"
    assert as_json(hanlin("utf8", "index", docs, "--library", lib, "--json"))["skipped"] == 4  # every path known again
    hits = as_json(hanlin("utf8", "search", "数据治理", "--library", lib, "--json"))["hits"]
    assert {os.fsencode(h["file"]) for h in hits} == {folder + b"/\xb9\xfa.pdf"}
    status = as_json(hanlin("utf8", "status", "--library", lib, "--json"))
    assert status["paths"] == 4 and [os.fsencode(f["path"]) for f in status["failures"]] == [folder + b"/bad\xfe.pdf"]
    text = hanlin("utf8", "search", "数据治理", "--library", lib)
    assert "\\udcb9\\udcfa.pdf" in text.stdout
    os.unlink(folder + b"/\xb9\xfa.pdf")
    assert as_json(hanlin("utf8", "index", docs, "--library", lib, "--prune", "--json"))["pruned"] == 1


# ---------------------------------------------------------------------- FIFOs and devices


def test_fifos_and_links_to_devices_are_reported_not_opened(docs, tmp_path):
    os.mkfifo(docs / "pipe.pdf")
    (docs / "zero.pdf").symlink_to("/dev/zero")
    (docs / "gone.pdf").symlink_to(tmp_path / "nothing.pdf")
    (docs / "link.pdf").symlink_to(docs / "a.pdf")  # a link to a regular file is indexed
    summary = as_json(hanlin("fifo_device", "index", docs, "--library", tmp_path / "lib", "--json", timeout=120))
    assert summary["found"] == 2 and summary["indexed"] == 1 and summary["duplicates"] == 1
    reasons = {Path(u["path"]).name: u["reason"] for u in summary["unreadable"]}
    assert reasons == {"pipe.pdf": "not_a_file", "zero.pdf": "not_a_file", "gone.pdf": "dangling"}
    named = hanlin("fifo_device", "index", docs / "pipe.pdf", "--library", tmp_path / "lib", timeout=60)
    assert named.returncode == 2 and "not_a_file" in named.stdout
    extract = hanlin("fifo_device", "extract", docs / "zero.pdf", docs / "pipe.pdf", timeout=60)
    assert extract.returncode == 3 and extract.stderr.count("not a regular file") == 2


# ---------------------------------------------------------------------- permissions


def test_a_folder_without_permission_is_reported(docs, pdf, tmp_path):
    prefix = no_dac()
    locked = docs / "locked"
    locked.mkdir()
    shutil.move(pdf("c.pdf", "国家安全"), locked / "c.pdf")
    locked.chmod(0)
    try:
        summary = as_json(hanlin("permission", "index", docs, "--library", tmp_path / "lib", "--json",
                                 prefix=prefix))
        text = hanlin("permission", "index", docs, "--library", tmp_path / "lib", prefix=prefix)
    finally:
        locked.chmod(0o755)
    assert summary["found"] == 1 and summary["indexed"] == 1
    assert summary["unreadable"] == [{"path": str(locked), "reason": "permission",
                                      "message": summary["unreadable"][0]["message"]}]
    assert "permission denied" in summary["unreadable"][0]["message"]
    assert "unreadable 1" in text.stdout and str(locked) in text.stdout


def test_a_library_folder_without_access_is_a_clear_error(docs, tmp_path):
    prefix = no_dac()
    lib = tmp_path / "lib"
    as_json(hanlin("permission", "index", docs, "--library", lib, "--json"))
    lib.chmod(0)
    try:
        runs = [hanlin("permission", *args, "--library", lib, prefix=prefix)
                for args in (("search", "科技安全"), ("status",), ("index", docs))]
    finally:
        lib.chmod(0o755)
    for proc in runs:
        assert proc.returncode == 4 and "cannot access the library folder" in proc.stderr


def test_a_read_only_library_is_searched_without_writing(docs, tmp_path):
    prefix = no_dac()
    lib = tmp_path / "lib"
    as_json(hanlin("read_only", "index", docs, "--library", lib, "--json"))
    before = sorted(p.name for p in lib.iterdir())
    (lib / "catalog.db").chmod(0o444)
    lib.chmod(0o555)
    try:
        hits = as_json(hanlin("read_only", "search", "科技安全", "--library", lib, "--json", prefix=prefix))
        status = as_json(hanlin("read_only", "status", "--library", lib, "--json", prefix=prefix))
        index = hanlin("read_only", "index", docs, "--library", lib, prefix=prefix)
        mark = hanlin("read_only", "mark", "set", "内部", docs / "a.pdf", "--library", lib, prefix=prefix)
    finally:
        lib.chmod(0o755)
    assert hits["total"] > 0 and status["files_ok"] == 1 and status["read_only"]
    assert index.returncode == 4 and "no permission to write this library" in index.stderr
    assert mark.returncode == 4
    assert sorted(p.name for p in lib.iterdir()) == before  # nothing created, not even -shm


# ---------------------------------------------------------------------- long paths


def test_files_under_a_path_longer_than_path_max_are_reported(docs, tmp_path):
    top = tmp_path / "deep"
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(24):  # 24 × 201 bytes: past Linux's PATH_MAX of 4096
            os.mkdir("d" * 200, dir_fd=fd)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open("deep.pdf", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(out, (docs / "a.pdf").read_bytes())
        os.close(out)
    finally:
        os.close(fd)
    shutil.copy(docs / "a.pdf", top / "shallow.pdf")
    summary = as_json(hanlin("long_path", "index", top, "--library", tmp_path / "lib", "--json"))
    assert summary["found"] == 1 and summary["indexed"] == 1
    [problem] = summary["unreadable"]
    assert problem["reason"] == "too_long" and len(os.fsencode(problem["path"])) > 4096
    named = hanlin("long_path", "index", problem["path"], "--library", tmp_path / "lib", "--json")
    assert named.returncode == 2 and json.loads(named.stdout)["unreadable"][0]["reason"] == "too_long"


# ---------------------------------------------------------------------- full disk


def test_a_full_disk_stops_index_with_a_message_and_keeps_what_was_stored(pdf, tmp_path):
    docs = tmp_path / "many"
    docs.mkdir()
    words = ["科技安全", "数据治理", "国家安全", "粮食安全", "能源安全", "生态保护", "人才培养", "产业升级"]
    for number, word in enumerate(words):
        shutil.move(pdf(f"{number}.pdf", word), docs / f"{number}.pdf")
    lib = tmp_path / "lib"
    limit = 140_000  # the empty catalogue takes about 80 KB

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    full = hanlin("full_disk", "index", docs, "--library", lib, "--commit-every", "1", "--workers", "1",
                  preexec=small_files)
    assert full.returncode == 4 and "disk is full" in full.stderr
    kept = as_json(hanlin("full_disk", "status", "--library", lib, "--json"))
    rerun = as_json(hanlin("full_disk", "index", docs, "--library", lib, "--json"))
    assert rerun["skipped"] + rerun["indexed"] == len(words) and rerun["failed"] == []
    assert rerun["skipped"] >= kept["files_ok"] - kept["pending_index"]
    final = as_json(hanlin("full_disk", "status", "--library", lib, "--json"))
    assert final["files_ok"] == len(words) and final["pending_index"] == 0
    assert as_json(hanlin("full_disk", "search", "粮食安全", "--library", lib, "--json"))["total"] > 0


# ---------------------------------------------------------------------- arguments and catalogue


@pytest.mark.parametrize("args", [
    ("extract", "x.pdf", "--min-timeout", "inf"), ("extract", "x.pdf", "--min-timeout", "1e308"),
    ("extract", "x.pdf", "--timeout-per-page", "inf"), ("extract", "x.pdf", "--timeout-per-page", "nan"),
    ("extract", "x.pdf", "--memory-mb", "99999999999999999999"), ("index", "x", "--library", "l", "--workers", "1e9"),
    ("search", "科技", "--library", "l", "--limit", "0"), ("search", "科技", "--library", ""),
    ("status", "--library", ""), ("index", ".", "--library", ""), ("mark", "list", "--library", " "),
])
def test_absurd_arguments_are_usage_errors(args, tmp_path):
    proc = hanlin("arguments", *args)
    assert proc.returncode == 2 and "error: argument" in proc.stderr
    assert not (tmp_path / "catalog.db").exists() and not Path("catalog.db").exists()


def test_a_zero_byte_catalogue_is_refused_not_replaced(docs, tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "catalog.db").write_bytes(b"")
    for args in (("status",), ("search", "科技安全"), ("index", docs)):
        proc = hanlin("zero_catalog", *args, "--library", lib)
        assert proc.returncode == 4 and "catalogue database is corrupt" in proc.stderr
    assert (lib / "catalog.db").stat().st_size == 0
