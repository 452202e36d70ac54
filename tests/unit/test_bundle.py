"""Signed library bundles: round trip, read-only installs, atomic replacement, and tampering.

One small library is indexed and bundled once per module; every tampering test makes its own
altered copy of that bundle and checks that it is refused with its own check, that the target
library is untouched, and that nothing of the bundle was unpacked beside it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from indexer.bundles import bundle, keys
from indexer.bundles.bundle import BundleError
from indexer.errors import LibraryError
from indexer.library.library import INSTALLED_MARKER, Library

FONT = "STSong-Light"  # registered by tests/conftest.py
TEXTS = {
    "policy.pdf": ["关于加强科技安全治理的若干意见", "各地区各部门要健全科技安全风险监测预警体系，加强关键核心技术攻关。"],
    "paper.pdf": ["数据安全法实施情况研究", "本文分析数据安全法实施以来数据分类分级保护制度的落实情况。"],
}


def write_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page Chinese PDF with these lines (reportlab's built-in CID font)."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number, line in enumerate(lines):
        canvas.setFont(FONT, 16 if number == 0 else 10.5)
        canvas.drawString(56, 780 - 30 * number, line)
    canvas.showPage()
    canvas.save()
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """A librarian's library, their key (config folder) and a bundle of the library."""
    root = tmp_path_factory.mktemp("librarian")
    pdfs = root / "pdfs"
    pdfs.mkdir()
    for name, lines in TEXTS.items():
        write_pdf(pdfs / name, lines)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(keys.CONFIG_DIR_ENV, str(root / "config"))
        public = keys.create_key("librarian")
        other = keys.create_key("intruder")
        with Library.open(root / "library", create=True) as library:
            library.add([pdfs], workers=1)
            library.set_own_synonyms("数安法 => 数据安全法")
        info = bundle.create_bundle(root / "library", root / "library.hlb", key_name="librarian")
    return {"root": root, "library": root / "library", "bundle": root / "library.hlb", "public": public,
            "other": other, "info": info, "config": root / "config"}


@pytest.fixture
def staff(built, tmp_path: Path, monkeypatch) -> Path:
    """A staff machine's config folder trusting the librarian's key (only)."""
    monkeypatch.setenv(keys.CONFIG_DIR_ENV, str(tmp_path / "staff-config"))
    keys.trust_key(built["public"])
    return tmp_path


def snapshot(folder: Path) -> dict:
    """Every file under `folder` with its size, mtime and hash (to prove nothing was written)."""
    if not folder.exists():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        found[str(path.relative_to(folder))] = (st.st_size, st.st_mtime_ns, digest)
    return found


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def resign(built, contents: dict[str, bytes], manifest: dict, key_name: str = "librarian",
           claimed: keys.PublicKey | None = None) -> dict[str, bytes]:
    """`contents` with `manifest` signed by `key_name` (claiming `claimed`'s key id if given)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(keys.CONFIG_DIR_ENV, str(built["config"]))
        private, public = keys.load_private(key_name)
    claimed = claimed or public
    manifest = dict(manifest, key_id=claimed.key_id)
    body = bundle.canonical(manifest)
    signature = keys.sign(private, bundle.SIGNING_CONTEXT + body)
    sig = {"algorithm": "ed25519", "key_id": claimed.key_id, "signature": base64.b64encode(signature).decode()}
    return dict(contents, **{bundle.MANIFEST: body, bundle.SIGNATURE: bundle.canonical(sig)})


def flip(data: bytes, at: int | None = None) -> bytes:
    at = len(data) // 2 if at is None else at
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def assert_refused(path: Path, check: str, staff_dir: Path) -> BundleError:
    """Verify and install both refuse `path` with `check`; the target stays as it was."""
    with pytest.raises(BundleError) as verified:
        bundle.verify_bundle(path)
    assert verified.value.check == check, verified.value
    assert verified.value.exit_code == 5
    target = staff_dir / "installed"
    before = snapshot(target)
    with pytest.raises(BundleError) as installed:
        bundle.install_bundle(path, target)
    assert installed.value.check == check
    assert snapshot(target) == before
    leftovers = [p.name for p in staff_dir.iterdir() if ".installing-" in p.name or ".previous-" in p.name]
    assert leftovers == []
    return verified.value


# ---------------------------------------------------------------------------- round trip


def test_bundle_holds_manifest_signature_catalogue_and_index(built):
    names = set(members(built["bundle"]))
    assert {"manifest.json", "manifest.sig", "library/catalog.db", "library/index/hanlin-schema-version"} <= names
    manifest = json.loads(members(built["bundle"])["manifest.json"])
    assert manifest["documents"] == 2 and manifest["passages"] >= 2 and manifest["files"] == 2
    assert {m["name"] for m in manifest["members"]} == names - {"manifest.json", "manifest.sig"}
    for m in manifest["members"]:
        data = members(built["bundle"])[m["name"]]
        assert (len(data), hashlib.sha256(data).hexdigest()) == (m["size"], m["sha256"])
    assert manifest["key_id"] == built["public"].key_id
    assert {"created_at", "library_id", "schema_version", "app_version", "catalog_version"} <= set(manifest)


def test_verify_then_install_gives_a_searchable_read_only_library(built, staff):
    info = bundle.verify_bundle(built["bundle"])
    assert info.key.key_id == built["public"].key_id
    target = staff / "installed"
    bundle.install_bundle(built["bundle"], target)
    assert (target / INSTALLED_MARKER).is_file()
    with Library.open(target) as library:
        assert library.read_only
        assert library.search_index().search("科技安全", limit=5).total >= 1
        status = library.status()
        assert status["read_only"] and status["installed_bundle"]["library_id"] == info.manifest["library_id"]


def test_the_librarians_own_synonyms_travel_in_the_bundle(built, staff):
    from indexer.library.searching import search_library

    target = staff / "installed"
    bundle.install_bundle(built["bundle"], target)
    with Library.open(target) as library:
        assert "数安法 => 数据安全法" in library.own_synonyms()
    found = search_library(target, "数安法", limit=5)
    assert found.hits and "数据安全法" in found.hits[0].text and found.also_searched() == ["数据安全法"]
    assert search_library(target, "数安法", limit=5, expand=False).hits == []


def test_installed_library_is_never_written(built, staff):
    target = staff / "installed"
    bundle.install_bundle(built["bundle"], target)
    before = snapshot(target)
    with Library.open(target) as library:
        library.search_index().search("数据安全法", limit=3)
        library.status()
        with pytest.raises(LibraryError, match="installed from a bundle and is read-only"):
            library.add([built["root"] / "pdfs"])
        with pytest.raises(LibraryError, match="read-only"):
            library.rebuild_index("test")
        with pytest.raises(LibraryError, match="read-only"):
            library.flush()
    with Library.open(target, create=True, read_only=False) as again:  # the marker wins
        assert again.read_only
    assert snapshot(target) == before


def test_read_only_library_with_a_broken_index_asks_for_a_reinstall(built, staff):
    target = staff / "installed"
    bundle.install_bundle(built["bundle"], target)
    toc = next((target / "index").glob("_MAIN_*.toc"))
    toc.write_bytes(toc.read_bytes()[:20])
    with Library.open(target) as library, pytest.raises(LibraryError, match="install the bundle again"):
        library.search_index()


def test_read_only_open_of_a_librarian_library_does_not_touch_catalogue_or_index(built):
    library_dir = built["library"]
    before = {k: v for k, v in snapshot(library_dir).items() if not k.startswith("catalog.db-")}
    with Library.open(library_dir, read_only=True) as library:
        assert library.search_index().search("科技安全").total >= 1
        with pytest.raises(LibraryError, match="opened read-only"):
            library.lock()
    after = {k: v for k, v in snapshot(library_dir).items() if not k.startswith("catalog.db-")}
    assert after == before


def test_install_replaces_an_installed_library_only_after_the_new_one_searches(built, staff, monkeypatch):
    target = staff / "installed"
    bundle.install_bundle(built["bundle"], target)
    before = snapshot(target)

    def broken(staging, info):
        raise BundleError("test_failed", "simulated")

    monkeypatch.setattr(bundle, "_test_library", broken)
    with pytest.raises(BundleError, match="test_failed"):
        bundle.install_bundle(built["bundle"], target)
    assert snapshot(target) == before
    assert sorted(p.name for p in staff.iterdir()) == ["installed", "staff-config"]


def test_install_again_swaps_in_the_new_copy(built, staff):
    target = staff / "installed"
    bundle.install_bundle(built["bundle"], target)
    first = json.loads((target / INSTALLED_MARKER).read_text(encoding="utf-8"))
    bundle.install_bundle(built["bundle"], target)
    second = json.loads((target / INSTALLED_MARKER).read_text(encoding="utf-8"))
    assert second["manifest_sha256"] == first["manifest_sha256"]
    assert sorted(p.name for p in staff.iterdir()) == ["installed", "staff-config"]
    with Library.open(target) as library:
        assert library.search_index().search("科技安全").total >= 1


def test_an_older_bundle_of_the_same_library_is_a_downgrade(built, staff):
    target = staff / "installed"
    bundle.install_bundle(built["bundle"], target)
    marker = target / INSTALLED_MARKER
    info = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps(dict(info, created_at="2999-01-01T00:00:00Z")), encoding="utf-8")
    with pytest.raises(BundleError) as refused:
        bundle.install_bundle(built["bundle"], target)
    assert refused.value.check == "downgrade"
    bundle.install_bundle(built["bundle"], target, allow_downgrade=True)


def test_a_librarian_library_or_other_folder_is_replaced_only_with_force(built, staff):
    target = staff / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(LibraryError, match="--force"):
        bundle.install_bundle(built["bundle"], target)
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    bundle.install_bundle(built["bundle"], target, force=True)
    assert not (target / "notes.txt").exists()


def test_installed_files_are_not_private(built, staff):
    target = staff / "installed"
    bundle.install_bundle(built["bundle"], target)
    assert stat.S_IMODE(target.stat().st_mode) & 0o055 == 0o055 & ~_umask()
    assert stat.S_IMODE(built["bundle"].stat().st_mode) & 0o044 == 0o044 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------------------- tampering


def payload_names(built) -> list[str]:
    return sorted(m["name"] for m in built["info"].members)


@pytest.mark.parametrize("which", range(4))
def test_a_changed_byte_in_any_member_is_refused(built, staff, which):
    contents = members(built["bundle"])
    name = payload_names(built)[which % len(payload_names(built))]
    contents[name] = flip(contents[name])
    path = write_zip(staff / "changed.hlb", list(contents.items()))
    error = assert_refused(path, "changed_member", staff)
    assert name in str(error) and "文献包中的文件被改动" in str(error)


def test_a_changed_byte_in_the_raw_file_is_refused(built, staff):
    data = built["bundle"].read_bytes()
    with zipfile.ZipFile(built["bundle"]) as zf:
        info = zf.getinfo("library/catalog.db")
    at = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 2
    path = staff / "flipped.hlb"
    path.write_bytes(flip(data, at))
    assert_refused(path, "changed_member", staff)


@pytest.mark.parametrize("name", ["manifest.json", "manifest.sig"])
def test_a_changed_manifest_or_signature_is_refused(built, staff, name):
    contents = members(built["bundle"])
    if name == "manifest.json":
        contents[name] = contents[name].replace(b'"documents":2', b'"documents":3')
    else:
        sig = json.loads(contents[name])
        raw = bytearray(base64.b64decode(sig["signature"]))
        raw[10] ^= 1
        contents[name] = bundle.canonical(dict(sig, signature=base64.b64encode(bytes(raw)).decode()))
    path = write_zip(staff / "resigned.hlb", list(contents.items()))
    error = assert_refused(path, "bad_signature", staff)
    assert "签名无效" in str(error)


def test_a_missing_member_is_refused(built, staff):
    contents = members(built["bundle"])
    gone = next(n for n in contents if n.startswith("library/index/_MAIN_"))
    del contents[gone]
    error = assert_refused(write_zip(staff / "missing.hlb", list(contents.items())), "missing_member", staff)
    assert gone in str(error) and "缺少" in str(error)


@pytest.mark.parametrize("extra", ["library/index/extra.seg", "README.txt"])
def test_an_extra_member_is_refused(built, staff, extra):
    contents = members(built["bundle"])
    contents[extra] = b"surprise"
    error = assert_refused(write_zip(staff / "extra.hlb", list(contents.items())), "extra_member", staff)
    assert extra in str(error)


def test_a_bundle_signed_by_an_untrusted_key_is_refused(built, staff):
    contents = members(built["bundle"])
    manifest = json.loads(contents["manifest.json"])
    path = write_zip(staff / "intruder.hlb", list(resign(built, contents, manifest, "intruder").items()))
    error = assert_refused(path, "untrusted_key", staff)
    assert built["other"].fingerprint in str(error)


def test_a_bundle_signed_with_another_key_than_it_names_is_refused(built, staff):
    contents = members(built["bundle"])
    manifest = json.loads(contents["manifest.json"])
    forged = resign(built, contents, manifest, "intruder", claimed=built["public"])
    error = assert_refused(write_zip(staff / "wrongkey.hlb", list(forged.items())), "bad_signature", staff)
    assert "另一个密钥签名" in str(error)


def test_a_signed_manifest_naming_an_escaping_path_is_still_refused(built, staff):
    contents = members(built["bundle"])
    manifest = json.loads(contents["manifest.json"])
    manifest["members"].append({"name": "library/../evil", "size": 4, "sha256": "0" * 64})
    path = write_zip(staff / "evil-manifest.hlb", list(resign(built, contents, manifest).items()))
    assert_refused(path, "bad_manifest", staff)


def test_an_unsigned_bundle_is_refused(built, staff):
    contents = members(built["bundle"])
    del contents["manifest.sig"]
    assert_refused(write_zip(staff / "unsigned.hlb", list(contents.items())), "unsigned", staff)


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(("entry", "check"), [
    ("../escape.txt", "unsafe_member"),
    ("library/../../escape.txt", "unsafe_member"),
    ("/etc/evil", "unsafe_member"),
    ("C:/evil", "unsafe_member"),
    ("library\\..\\evil", "unsafe_member"),
    ("library/index/", "unsafe_member"),
    (_symlink("library/index/link"), "unsafe_member"),
    ("library/catalog.db", "duplicate_member"),
])
def test_unsafe_and_duplicate_entries_are_refused(built, staff, entry, check):
    contents = list(members(built["bundle"]).items()) + [(entry, b"x")]
    with pytest.warns(UserWarning, match="Duplicate name") if check == "duplicate_member" else _nothing():
        path = write_zip(staff / "unsafe.hlb", contents)
    assert_refused(path, check, staff)
    assert not (staff / "escape.txt").exists() and not (staff.parent / "escape.txt").exists()


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04" + b"\0" * 40])
def test_a_file_that_is_not_a_bundle_is_refused(staff, data):
    path = staff / "junk.hlb"
    path.write_bytes(data)
    assert_refused(path, "not_bundle", staff)


def test_a_bundle_changed_between_verify_and_unpack_is_caught(built, staff, monkeypatch):
    path = staff / "swapped.hlb"
    shutil.copy(built["bundle"], path)
    contents = members(built["bundle"])
    contents["library/catalog.db"] = flip(contents["library/catalog.db"])
    real_verify = bundle.verify_bundle

    def verify_then_swap(p, trusted=None):
        info = real_verify(p, trusted)
        write_zip(path, list(contents.items()))  # the removable medium now serves other bytes
        return info

    monkeypatch.setattr(bundle, "verify_bundle", verify_then_swap)
    with pytest.raises(BundleError) as refused:
        bundle.install_bundle(path, staff / "installed")
    assert refused.value.check == "changed_member"
    assert not (staff / "installed").exists()
    assert [p.name for p in staff.iterdir() if ".installing-" in p.name] == []


def test_bundle_of_a_library_made_with_another_schema_is_incompatible(built, staff):
    contents = members(built["bundle"])
    manifest = json.loads(contents["manifest.json"])
    manifest["schema_version"] += 1
    path = write_zip(staff / "future.hlb", list(resign(built, contents, manifest).items()))
    assert_refused(path, "incompatible", staff)


def test_an_installed_library_cannot_be_indexed_into(built, staff):
    target = staff / "installed"
    bundle.install_bundle(built["bundle"], target)
    with Library.open(target, create=True) as library, pytest.raises(LibraryError) as refused:
        library.add([built["root"] / "pdfs"])
    assert "文献包安装" in str(refused.value) and "read-only" in str(refused.value)


def test_a_library_without_passages_is_bundled_and_installed(built, staff, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(keys.CONFIG_DIR_ENV, str(built["config"]))
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "not-a.pdf").write_bytes(b"not a PDF at all")
    with Library.open(tmp_path / "empty-lib", create=True) as library:
        library.add([tmp_path / "nothing"], workers=1)
    made = bundle.create_bundle(tmp_path / "empty-lib", tmp_path / "empty.hlb", key_name="librarian")
    assert made.manifest["passages"] == 0
    target = tmp_path / "installed-empty"
    bundle.install_bundle(tmp_path / "empty.hlb", target)
    with Library.open(target) as library:
        assert library.read_only
        assert library.search_index().search("科技安全").total == 0
        assert library.status()["files_failed"] == 1


def test_staging_folders_left_by_a_killed_install_are_removed_by_the_next(built, staff):
    target = staff / "installed"
    stale = staff / ".installed.installing-abc123"
    (stale / "index").mkdir(parents=True)
    (stale / "index" / "big.seg").write_bytes(b"\0" * (1 << 20))
    other = staff / ".someone-else.installing-xyz"
    other.mkdir()
    bundle.install_bundle(built["bundle"], target)
    assert not stale.exists()
    assert other.exists()  # another library's install is none of this one's business
    assert not [p.name for p in staff.iterdir() if p.name.startswith(".installed.")]
    left_aside = staff / ".installed.previous-def456"
    left_aside.mkdir()
    bundle.install_bundle(built["bundle"], target)
    assert not left_aside.exists()


def test_an_install_running_elsewhere_is_not_disturbed(built, staff, monkeypatch):
    target = staff / "installed"
    with bundle._install_lock(target):
        running = staff / ".installed.installing-running"
        running.mkdir()
        with pytest.raises(LibraryError, match="installing this library"):
            bundle.install_bundle(built["bundle"], target)
        assert running.exists()
