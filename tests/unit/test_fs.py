"""indexer.fs: a replaced file is whole or untouched, the folder is flushed, storage errors explained."""

from __future__ import annotations

import errno
import getpass
import os
import stat
from pathlib import Path

import pytest

from indexer import fs


def test_replacing_writes_the_new_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "out.txt"
    with fs.replacing(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_text("新", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "新"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failure_in_the_block_keeps_the_old_file(tmp_path: Path):
    target = tmp_path / "out.txt"
    target.write_text("旧", encoding="utf-8")
    with pytest.raises(RuntimeError), fs.replacing(target) as tmp:
        tmp.write_text("半", encoding="utf-8")
        raise RuntimeError("renderer failed")
    assert target.read_text(encoding="utf-8") == "旧"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failed_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "out.txt"
    target.write_text("旧", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fs.os, "replace", refuse)
    with pytest.raises(OSError) as caught, fs.replacing(target) as tmp:
        tmp.write_text("新", encoding="utf-8")
    assert caught.value.errno == errno.ENOSPC
    assert target.read_text(encoding="utf-8") == "旧"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_missing_folder_raises_the_os_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError), fs.replacing(tmp_path / "missing" / "out.txt"):
        pass  # pragma: no cover - mkstemp fails before the block


def test_the_file_and_then_its_folder_are_flushed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "out.txt"
    flushed: list[str] = []
    monkeypatch.setattr(fs, "fsync_file", lambda path: flushed.append(f"file {Path(path).parent}"))
    monkeypatch.setattr(fs, "fsync_folder", lambda folder: flushed.append(f"folder {folder} {target.exists()}"))
    with fs.replacing(target) as tmp:
        tmp.write_text("x", encoding="utf-8")
    assert flushed == [f"file {tmp_path}", f"folder {tmp_path} True"]  # the folder after the rename


@pytest.mark.skipif(os.name != "posix", reason="folders are fsynced on POSIX only")
def test_fsync_folder_flushes_a_handle_on_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    synced: list[int] = []
    real_fsync = os.fsync

    def record(fd: int) -> None:
        synced.append(os.fstat(fd).st_ino)
        real_fsync(fd)

    monkeypatch.setattr(fs.os, "fsync", record)
    fs.fsync_folder(tmp_path)
    assert synced == [tmp_path.stat().st_ino]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_mode(tmp_path: Path):
    new = tmp_path / "new.txt"
    with fs.replacing(new) as tmp:
        tmp.write_text("x", encoding="utf-8")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~fs.umask()
    old = tmp_path / "old.txt"
    old.write_text("x", encoding="utf-8")
    old.chmod(0o640)
    with fs.replacing(old) as tmp:
        tmp.write_text("y", encoding="utf-8")
    assert stat.S_IMODE(old.stat().st_mode) == 0o640


@pytest.mark.parametrize(("number", "words"), [
    (errno.ENOSPC, "disk is full"), (errno.EDQUOT, "disk is full"), (errno.EFBIG, "file is too large"),
    (errno.EACCES, "no permission"), (errno.EPERM, "no permission"), (errno.EROFS, "no permission"),
    (errno.ENOENT, "folder does not exist"), (errno.ENOTDIR, "not a folder"), (errno.EEXIST, "not a folder"),
    (errno.EIO, "cannot read or write"),
])
def test_storage_problem_names_the_cause(number: int, words: str):
    why = fs.storage_problem(OSError(number, os.strerror(number)))
    assert words in why and why.isascii() is False  # Chinese first, English in brackets


def test_storage_problem_of_an_error_without_errno():
    assert fs.storage_problem(OSError("odd")) == "无法读写 (cannot read or write)"


def test_os_user_is_empty_when_the_system_cannot_tell(monkeypatch: pytest.MonkeyPatch):
    def unknown() -> str:
        raise KeyError("no passwd entry")

    monkeypatch.setattr(getpass, "getuser", unknown)
    assert fs.os_user() == ""
    monkeypatch.setattr(getpass, "getuser", lambda: "zhang")
    assert fs.os_user() == "zhang"


def test_the_library_and_the_exports_explain_an_error_with_the_same_words(tmp_path: Path):
    from indexer.library.library import storage_error
    from userdata.digest.exporting import write_error

    full = OSError(errno.ENOSPC, "No space left on device")
    why = fs.storage_problem(full)
    assert why in str(storage_error(tmp_path, full)) and why in str(write_error(tmp_path / "x.md", full))


def _special_files(tmp_path: Path) -> dict[str, Path]:
    """A folder, a FIFO, a socket, a device node (root only) and links to them, made in `tmp_path`."""
    import socket

    found = {"folder": tmp_path / "folder"}
    found["folder"].mkdir()
    os.mkfifo(tmp_path / "fifo")
    found["fifo"] = tmp_path / "fifo"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    sock.close()
    found["socket"] = tmp_path / "sock"
    try:
        os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
        found["device"] = tmp_path / "null"
    except PermissionError:
        pass
    for name, path in list(found.items()):
        (tmp_path / f"link-{name}").symlink_to(path)
        found[f"link to {name}"] = tmp_path / f"link-{name}"
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    found["dangling link"] = tmp_path / "dangling"
    return found


@pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and device nodes")
def test_a_special_file_is_refused_and_left_as_it_was(tmp_path: Path):
    for name, path in _special_files(tmp_path).items():
        before = os.lstat(path)
        with pytest.raises(fs.NotARegularFile) as caught, fs.replacing(path) as tmp:
            tmp.write_text("x", encoding="utf-8")  # pragma: no cover - refused before the block
        after = os.lstat(path)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), name
        assert "not a regular file" in fs.storage_problem(caught.value), name
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_to_a_regular_file_replaces_that_file_and_keeps_the_link(tmp_path: Path):
    real = tmp_path / "real" / "摘编.md"
    real.parent.mkdir()
    real.write_text("旧", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with fs.replacing(link) as tmp:
        assert tmp.parent == real.parent  # the rename stays on the real file's file system
        tmp.write_text("新", encoding="utf-8")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "新"


def test_a_temporary_left_by_a_killed_process_goes_at_the_next_replacement(tmp_path: Path):
    import subprocess
    import sys

    target = tmp_path / "d.pdf"
    code = ("import os, sys; from pathlib import Path; from indexer import fs\n"
            "with fs.replacing(Path(sys.argv[1])) as tmp:\n"
            "    tmp.write_text('half'); os.kill(os.getpid(), 9)\n")
    subprocess.run([sys.executable, "-c", code, str(target)], check=False)
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".d.pdf.hanlin-") and left[0].endswith(".part")
    other = tmp_path / ".other.pdf.hanlin-x-1-y.part"  # another file's temporary: not ours to judge here
    other.write_text("x")
    with fs.replacing(target) as tmp:
        tmp.write_text("whole", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, "d.pdf"]


def test_a_live_process_keeps_its_temporary_and_an_old_one_goes(tmp_path: Path):
    target = tmp_path / "out.docx"
    live = tmp_path / f"{fs._temp_prefix(target)}{os.getppid()}-abc.part"
    live.write_text("in progress")
    foreign = tmp_path / f".out.docx.hanlin-otherhost-{os.getppid()}-abc.part"
    foreign.write_text("old")
    old = fs.time.time() - fs.STALE_AFTER_S - 60
    os.utime(foreign, (old, old))
    assert fs.remove_stale_temporaries(target) == [foreign]
    assert live.exists()
