"""Output files of `hanlin digest export -o` and `hanlin bundle create -o`: only a regular file or a
new path is replaced; a folder, device, pipe, socket or a missing folder is a clear message and the
documented exit status (6 and 4), nothing is audited; a full disk leaves nothing behind and prints
no Python trace; an export follows the umask; a temporary file left by `kill -9` goes next time."""

from __future__ import annotations

import os
import random
import resource
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_world import World, make_world

pytestmark = pytest.mark.skipif(os.name != "posix", reason="special files and resource limits are POSIX")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(tmp_path_factory.mktemp("outputs"))


def special_files(folder: Path) -> dict[str, Path]:
    """A folder, a FIFO, a socket, a device node like /dev/null (root only) and links to some of them."""
    folder.mkdir()
    found = {"folder": folder / "folder"}
    found["folder"].mkdir()
    os.mkfifo(folder / "fifo")
    found["fifo"] = folder / "fifo"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock"))
    sock.close()
    found["socket"] = folder / "sock"
    try:
        os.mknod(folder / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found["device"] = folder / "null"
        (folder / "link-device").symlink_to(found["device"])
        found["link to device"] = folder / "link-device"
    except PermissionError:
        pass
    (folder / "link-folder").symlink_to(found["folder"])
    found["link to folder"] = folder / "link-folder"
    (folder / "dangling").symlink_to(folder / "nowhere")
    found["dangling link"] = folder / "dangling"
    return found


def audit_rows(world: World) -> int:
    return world.run("audit").stdout.count("\t")


def node(path: Path) -> tuple[int, int]:
    info = os.lstat(path)
    return info.st_mode, info.st_ino


def test_digest_export_refuses_special_files_and_audits_nothing(world: World, tmp_path: Path):
    before = audit_rows(world)
    for name, path in special_files(tmp_path / "special").items():
        was = node(path)
        done = world.run("digest", "export", world.digest_id, "--format", "docx", "-o", path)
        assert done.returncode == 6, (name, done.stderr)
        assert "not a regular file" in done.stderr and "Traceback" not in done.stderr, name
        assert node(path) == was, name
    assert audit_rows(world) == before
    assert not [p for p in (tmp_path / "special").iterdir() if p.name.endswith(".part")]


def test_digest_export_through_a_link_replaces_the_file_it_points_to(world: World, tmp_path: Path):
    real = tmp_path / "real.md"
    real.write_text("旧", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    done = world.run("digest", "export", world.digest_id, "--format", "md", "-o", link)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and "编者按" in real.read_text(encoding="utf-8")


def test_bundle_create_refuses_special_files_folders_and_missing_folders(world: World, tmp_path: Path):
    targets = special_files(tmp_path / "special")
    targets["missing folder"] = tmp_path / "missing" / "lib.hlb"
    targets["file as folder"] = world.pdf / "lib.hlb"
    for name, path in targets.items():
        was = node(path) if os.path.lexists(path) else None
        done = world.run("bundle", "create", "--library", world.library, "-o", path)
        assert done.returncode == 4, (name, done.stderr)
        assert done.stderr.startswith("hanlin: ") and "Traceback" not in done.stderr, name
        assert (node(path) if was else None) == was, name
    assert not [p for p in (tmp_path / "special").iterdir() if p.name.startswith(".")]


def limited(size: int) -> Callable[[], None]:
    """A `preexec_fn`: files may not grow past `size` bytes, as on a nearly full disk (EFBIG)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_a_full_disk_during_bundle_create_is_exit_4_and_leaves_nothing(world: World, tmp_path: Path):
    out = tmp_path / "usb"
    out.mkdir()
    done = world.run("bundle", "create", "--library", world.library, "-o", out / "lib.hlb",
                     preexec_fn=limited(40_000))
    assert done.returncode == 4, done.stderr
    assert "无法写入文献包" in done.stderr  # SQLite reports EFBIG as an I/O error, a real full disk as full
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert list(out.iterdir()) == []


def test_a_full_disk_during_docx_export_closes_the_zip_and_leaves_nothing(world: World, tmp_path: Path):
    from userdata.digest.store import DigestStore

    store = DigestStore(world.user)
    try:
        digest = store.create_digest("长摘编")
        section = store.add_section(digest.id, "一")
        chars = random.Random(7).choices([chr(c) for c in range(0x4E00, 0x9FA5)], k=60_000)
        store.add_commentary(section.id, body_text="".join(chars))
    finally:
        store.close()
    out = tmp_path / "exports"
    out.mkdir()
    before = audit_rows(world)
    done = world.run("digest", "export", digest.id, "--format", "docx", "-o", out / "d.docx",
                     preexec_fn=limited(60_000))
    assert done.returncode == 6, done.stderr
    assert "disk is full" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert list(out.iterdir()) == [] and audit_rows(world) == before


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_an_export_gets_the_users_umask(world: World, tmp_path: Path, mask: int, mode: int):
    out = tmp_path / "d.html"
    done = world.run("digest", "export", world.digest_id, "--format", "html", "-o", out,
                     preexec_fn=lambda: os.umask(mask))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_a_temporary_left_by_kill_9_is_removed_by_the_next_export(world: World, tmp_path: Path):
    out = tmp_path / "d.pdf"
    code = ("import os, sys; from pathlib import Path; from indexer import fs\n"
            "with fs.replacing(Path(sys.argv[1])) as tmp:\n"
            "    tmp.write_bytes(b'%PDF half'); os.kill(os.getpid(), 9)\n")
    killed = subprocess.run([sys.executable, "-c", code, str(out)],
                            check=False)
    assert killed.returncode == -signal.SIGKILL
    assert [p.name.startswith(".d.pdf.hanlin-") for p in tmp_path.iterdir()] == [True]
    done = world.run("digest", "export", world.digest_id, "--format", "pdf", "-o", out)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["d.pdf"]
