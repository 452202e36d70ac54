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
