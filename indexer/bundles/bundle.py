"""Signed library bundles: a librarian's catalogue and index in one file, for staff machines.

A bundle is a zip file (stdlib `zipfile`) holding exactly::

    manifest.json            canonical JSON: format, library id, created_at, counts, versions,
                             signing key id, and the name, size and SHA-256 of every member
    manifest.sig             JSON: {"algorithm": "ed25519", "key_id": …, "signature": base64}
    library/catalog.db       a consistent snapshot of the catalogue (VACUUM INTO, rollback journal)
    library/index/NAME       every file of the Whoosh index

The signature is Ed25519 (`indexer.bundles.keys`) over ``SIGNING_CONTEXT + manifest bytes``.

`verify_bundle` reads the bundle without writing anything: member names first (only the names
above are accepted; traversal, absolute names, symlinks, directories, duplicates, encrypted
members are refused), then the signature against the trusted keys, then the manifest, then the
size and hash of every member, streamed from the zip. Only then does `install_bundle` unpack —
into a folder beside the target, hashing every member again as it writes it — open the copy
read-only, check it and run a test search, and finally swap it in with `os.replace`. Whoosh
unpickles parts of its index: an index whose every byte has not been verified is never opened.

Every refusal is a `BundleError` (exit status 5) whose `check` names the check that failed.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime
import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import time
import uuid
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypedDict

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from indexer import fs
from indexer.bundles import keys
from indexer.errors import HanlinError, LibraryError
from indexer.library.catalog import CATALOG_NAME
from indexer.library.library import INDEX_DIRNAME, INSTALLED_MARKER, Library, _try_lock, is_installed

if TYPE_CHECKING:
    import sqlite_utils
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "hanlin-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PAYLOAD = "library/"
SIGNING_CONTEXT = b"hanlin-bundle-manifest-v1\n"
LIBRARY_ID_KEY = "library_id"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_SIGNATURE_BYTES = 4096
MAX_ENTRIES = 100_000
CHUNK = 1024 * 1024
#: The only member names a bundle may hold besides the manifest and its signature.
_MEMBER_NAME = re.compile(r"^library/(?:catalog\.db|index/[A-Za-z0-9_][A-Za-z0-9_.\-]{0,200})$")
_REQUIRED = ("library/catalog.db", f"library/index/{'hanlin-schema-version'}")
_SKIPPED_INDEX_FILES = {"MAIN_WRITELOCK"}

# What each check means, for people: check -> (中文, English).
CHECKS = {
    "not_bundle": ("不是翰林文献包或文件已损坏", "not a Hanlin bundle, or the file is damaged"),
    "unsafe_member": ("文献包含有不安全的条目", "the bundle holds an unsafe entry"),
    "duplicate_member": ("文献包中有重名条目", "the bundle holds two entries with the same name"),
    "unsigned": ("文献包没有签名或清单", "the bundle has no signature or no manifest"),
    "untrusted_key": ("签名密钥不受信任", "signed by a key this computer does not trust"),
    "bad_signature": ("签名无效：清单被改动，或由另一个密钥签名",
                      "the signature does not verify: the manifest was changed or signed with another key"),
    "bad_manifest": ("清单格式不对", "the manifest is malformed"),
    "incompatible": ("文献包与本程序版本不兼容", "the bundle was made for another version of Hanlin"),
    "missing_member": ("文献包缺少文件", "a file listed in the manifest is missing from the bundle"),
    "extra_member": ("文献包含有清单之外的文件", "the bundle holds a file the manifest does not list"),
    "changed_member": ("文献包中的文件被改动", "a file in the bundle was changed"),
    "downgrade": ("文献包比已安装的旧", "the bundle is older than the installed library"),
    "test_failed": ("解包后的文献库无法打开或检索", "the unpacked library cannot be opened or searched"),
}


class ManifestMember(TypedDict):
    """One payload member as the manifest lists it."""

    name: str
    size: int
    sha256: str


class CatalogCounts(TypedDict):
    """What a catalogue snapshot holds, for the manifest."""

    documents: int
    passages: int
    files: int
    catalog_version: int


class Manifest(TypedDict):
    """``manifest.json``: the signed description of a bundle (see the module docstring)."""

    format: str
    format_version: int
    library_id: str
    created_at: str
    app_version: str
    schema_version: int
    catalog_version: int
    documents: int
    passages: int
    files: int
    key_id: str
    key_name: str
    members: list[ManifestMember]


class BundleSummary(TypedDict):
    """`BundleInfo.summary`: the facts printed, and written into the install marker."""

    library_id: str
    created_at: str
    documents: int
    passages: int
    files: int
    app_version: str
    schema_version: int
    key_id: str
    key_name: str
    fingerprint: str
    manifest_sha256: str
    members: int
    bytes: int


class BundleError(HanlinError):
    """A bundle refused by one of the checks in `CHECKS` (exit status 5)."""

    exit_code = 5

    def __init__(self, check: str, detail: str = ""):
        chinese, english = CHECKS[check]
        text = f"文献包被拒绝 bundle refused [{check}]: {chinese} ({english})"
        super().__init__(f"{text}: {detail}" if detail else text)
        self.check = check
        self.detail = detail


@dataclass
class BundleInfo:
    """A verified bundle: its manifest, the trusted key that signed it, the manifest's hash."""

    path: Path
    manifest: Manifest
    key: keys.PublicKey
    manifest_sha256: str

    @property
    def members(self) -> list[ManifestMember]:
        """``{"name", "size", "sha256"}`` of every payload member."""
        return self.manifest["members"]

    def summary(self) -> BundleSummary:
        """The facts worth printing or writing into the install marker."""
        m = self.manifest
        return {
            "library_id": m["library_id"], "created_at": m["created_at"], "documents": m["documents"],
            "passages": m["passages"], "files": m["files"], "app_version": m["app_version"],
            "schema_version": m["schema_version"], "key_id": self.key.key_id, "key_name": self.key.name,
            "fingerprint": self.key.fingerprint, "manifest_sha256": self.manifest_sha256,
            "members": len(self.members), "bytes": sum(x["size"] for x in self.members),
        }


def canonical(data: Mapping[str, object]) -> bytes:
    """The one byte form of a JSON object that is signed and stored."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ---------------------------------------------------------------------- create


def create_bundle(library_dir: str | os.PathLike[str], out: str | os.PathLike[str], key_name: str | None = None
                  ) -> BundleInfo:
    """Write a signed bundle of the library at `library_dir` to `out` (replaced atomically).

    The library must be fully indexed: its index is brought up to the catalogue first (which
    takes its write lock), and refused if it then still disagrees with the catalogue.
    """
    private, public = keys.load_private(keys.default_key_name(key_name))
    out = Path(out).absolute()
    with _output_errors(out):
        folder = fs.writable_target(out).parent  # a folder, device, pipe or socket is refused before any work
    with Library.open(library_dir) as library:
        library_id = _library_id(library)
        if not library.read_only:
            library.lock()  # nobody writes the index or catalogue while they are copied
            library.sync_index()
        index = library.search_index()
        passages = library.catalog.count_indexed_passages()
        if index.doc_count() != passages or library.catalog.needing_index():
            raise LibraryError(f"{library.root}: 索引与目录不一致，请先运行 hanlin index "
                               "(the index does not match the catalogue: run hanlin index first)")
        index.close()
        with _output_errors(out), tempfile.TemporaryDirectory(prefix=".hanlin-bundle-", dir=folder) as staging:
            snapshot = Path(staging) / CATALOG_NAME
            counts = _snapshot_catalog(library.catalog_path, snapshot)
            members = [("library/catalog.db", snapshot)]
            members += [(f"library/index/{p.name}", p) for p in _index_files(library.index_path)]
            manifest = _manifest(library_id, counts, public)
            _write_zip(out, members, manifest, private, public)
    return verify_bundle(out, trusted=[public])


#: SQLite's primary result codes of a failed write → the errno that explains them.
_SQLITE_STORAGE = {sqlite3.SQLITE_FULL: errno.ENOSPC, sqlite3.SQLITE_IOERR: errno.EIO,
                   sqlite3.SQLITE_CANTOPEN: errno.ENOENT, sqlite3.SQLITE_READONLY: errno.EROFS}


@contextlib.contextmanager
def _output_errors(out: Path) -> Iterator[None]:
    """Storage failures while writing the bundle `out` (and its staging copy beside it) as `LibraryError`."""
    try:
        yield
    except fs.NotARegularFile as exc:
        raise LibraryError(f"拒绝写入文献包 {out}：{fs.storage_problem(exc)}；请另选文件名 "
                           f"(choose another file name)") from exc
    except OSError as exc:
        raise LibraryError(f"无法写入文献包 {out}：{fs.storage_problem(exc)}；未留下不完整的文件 "
                           f"(cannot write the bundle; nothing partial was left): {exc.strerror or exc}") from exc
    except sqlite3.DatabaseError as exc:  # the catalogue's snapshot is written into the output folder
        number = _SQLITE_STORAGE.get(getattr(exc, "sqlite_errorcode", 0) & 0xFF)
        if number is None:
            raise LibraryError(f"无法复制目录数据库 (cannot copy the catalogue): {exc}") from exc
        why = fs.storage_problem(OSError(number, str(exc)))
        raise LibraryError(f"无法写入文献包 {out}：{why}；未留下不完整的文件 "
                           f"(cannot write the bundle; nothing partial was left)") from exc


def _library_id(library: Library) -> str:
    """The library's id (made and stored in the catalogue the first time a bundle is made)."""
    found = library.catalog.get_meta(LIBRARY_ID_KEY)
    if found:
        return found
    if library.read_only:
        raise LibraryError(f"{library.root}: 只读文献库没有文献库编号 (a read-only library without a library id)")
    new = str(uuid.uuid4())
    library.catalog.set_meta(LIBRARY_ID_KEY, new)
    return new


def _snapshot_catalog(source: Path, target: Path) -> CatalogCounts:
    """A consistent, vacuumed copy of the catalogue in rollback-journal mode; returns its counts."""
    from indexer.library.catalog import CATALOG_VERSION

    conn = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    try:
        conn.execute("VACUUM INTO ?", [str(target)])
    finally:
        conn.close()
    conn = sqlite3.connect(str(target), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise LibraryError(f"{source}: 目录数据库已损坏，不能打包 (the catalogue is corrupt: {check})")

        def one(sql: str) -> Any:  # the one value a query answers
            return conn.execute(sql).fetchone()[0]

        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "passages": one("SELECT COUNT(*) FROM passages"),
            "files": one("SELECT COUNT(*) FROM files WHERE status = 'ok'"),
            "catalog_version": int(one("SELECT value FROM meta WHERE key = 'catalog_version'")
                                   or CATALOG_VERSION),
        }
    finally:
        conn.close()


def _index_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.iterdir()):
        if path.name in _SKIPPED_INDEX_FILES:
            continue
        if path.is_symlink() or not path.is_file() or not _MEMBER_NAME.match(f"library/index/{path.name}"):
            raise LibraryError(f"{path}: 索引中有无法打包的文件 (the index holds an entry a bundle cannot carry)")
        files.append(path)
    return files


def _manifest(library_id: str, counts: CatalogCounts, public: keys.PublicKey) -> Manifest:
    from indexer import __version__
    from indexer.search import SCHEMA_VERSION

    now = datetime.datetime.now(datetime.UTC)
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "library_id": library_id,
        "created_at": now.isoformat(timespec="microseconds").replace("+00:00", "Z"),
        "app_version": __version__, "schema_version": SCHEMA_VERSION,
        "catalog_version": counts["catalog_version"], "documents": counts["documents"],
        "passages": counts["passages"], "files": counts["files"],
        "key_id": public.key_id, "key_name": public.name, "members": [],
    }


def _write_zip(out: Path, members: list[tuple[str, Path]], manifest: Manifest, private: Ed25519PrivateKey,
               public: keys.PublicKey) -> None:
    """Write the members, then the manifest and its signature, to a temp file renamed to `out`."""
    with fs.replacing(out) as temp, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, path in members:
            size, digest = _add_file(zf, name, path)
            manifest["members"].append({"name": name, "size": size, "sha256": digest})
        manifest["members"].sort(key=lambda m: m["name"])
        body = canonical(manifest)
        signature = keys.sign(private, SIGNING_CONTEXT + body)
        _add_bytes(zf, MANIFEST, body)
        _add_bytes(zf, SIGNATURE, canonical({
            "algorithm": "ed25519", "key_id": public.key_id,
            "signature": base64.b64encode(signature).decode("ascii")}))


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _add_file(zf: zipfile.ZipFile, name: str, path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as source, zf.open(_zip_info(name), "w", force_zip64=True) as target:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            target.write(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _add_bytes(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    zf.writestr(_zip_info(name), data)


# ---------------------------------------------------------------------- verify


def verify_bundle(path: str | os.PathLike[str], trusted: list[keys.PublicKey] | None = None) -> BundleInfo:
    """Check a bundle completely without writing anything; raises `BundleError` naming the check.

    `trusted` defaults to the keys in the user's trust store (`indexer.bundles.keys.trusted_keys`).
    """
    path = Path(path)
    with _open_zip(path) as zf:
        infos = _check_entries(zf)
        info = _check_signature(path, zf, infos, trusted)
        _check_members(zf, infos, info.members)
    return info


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        if not path.is_file():
            raise BundleError("not_bundle", f"{path}: 文件不存在或不是普通文件 (no such regular file)")
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BundleError("not_bundle", f"{path}: {exc}") from exc


def _check_entries(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Every entry by name, after refusing unsafe, duplicate and unexpected ones."""
    entries = zf.infolist()
    if len(entries) > MAX_ENTRIES:
        raise BundleError("unsafe_member", f"{len(entries)} 个条目 (entries)")
    infos: dict[str, zipfile.ZipInfo] = {}
    for info in entries:
        name = info.filename
        if _unsafe_name(name) or info.orig_filename != name:
            raise BundleError("unsafe_member", f"{name!r}: 路径不安全 (absolute or escaping path)")
        mode = info.external_attr >> 16
        if info.is_dir() or stat.S_IFMT(mode) not in (0, stat.S_IFREG):
            raise BundleError("unsafe_member", f"{name!r}: 不是普通文件 (not a regular file: a link or folder)")
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError("unsafe_member", f"{name!r}: 加密或不支持的压缩方式 (encrypted or unsupported compression)")
        if name in infos:
            raise BundleError("duplicate_member", repr(name))
        if name not in (MANIFEST, SIGNATURE) and not _MEMBER_NAME.match(name):
            raise BundleError("extra_member", repr(name))
        infos[name] = info
    return infos


def _unsafe_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (not name or name.startswith(("/", "\\")) or "\\" in name or ".." in parts
            or re.match(r"^[A-Za-z]:", name) is not None
            or any(ord(c) < 32 for c in name))


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise BundleError("bad_manifest", f"{info.filename}: {info.file_size} bytes")
    try:
        with zf.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise BundleError("bad_signature", f"{info.filename}: {exc}") from exc
    if len(data) > limit:
        raise BundleError("bad_manifest", f"{info.filename}: too large")
    return data


def _check_signature(path: Path, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo],
                     trusted: list[keys.PublicKey] | None) -> BundleInfo:
    """The manifest, parsed only after its signature verified against a trusted key."""
    if MANIFEST not in infos or SIGNATURE not in infos:
        missing = MANIFEST if MANIFEST not in infos else SIGNATURE
        raise BundleError("unsigned", f"{missing} 缺失 (missing)")
    body = _read_small(zf, infos[MANIFEST], MAX_MANIFEST_BYTES)
    key_id, signature = _parse_signature(_read_small(zf, infos[SIGNATURE], MAX_SIGNATURE_BYTES))
    pool = keys.trusted_keys() if trusted is None else trusted
    key = next((k for k in pool if k.key_id == key_id), None)
    if key is None:
        raise BundleError("untrusted_key", f"密钥指纹 key fingerprint {keys.fingerprint(key_id)}；"
                                           "确认后可运行 hanlin keys trust (trust it with hanlin keys trust)")
    if not key.verify(signature, SIGNING_CONTEXT + body):
        raise BundleError("bad_signature", f"声称的密钥 claimed key {key.name or '?'} {key.fingerprint}")
    manifest = _parse_manifest(body, key)
    return BundleInfo(path, manifest, key, hashlib.sha256(body).hexdigest())


def _parse_signature(data: bytes) -> tuple[str, bytes]:
    try:
        sig = json.loads(data.decode("utf-8"))
        key_id, algorithm = sig["key_id"], sig["algorithm"]
        signature = base64.b64decode(sig["signature"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise BundleError("bad_signature", f"{SIGNATURE}: {type(exc).__name__}") from exc
    if algorithm != "ed25519" or not isinstance(key_id, str) or not re.fullmatch(r"[0-9a-f]{64}", key_id) \
            or len(signature) != 64:
        raise BundleError("bad_signature", f"{SIGNATURE}: 格式不对 (malformed)")
    return key_id, signature


def _parse_manifest(body: bytes, key: keys.PublicKey) -> Manifest:
    """The signed manifest, checked for form and for this Hanlin's versions."""
    from indexer.library.catalog import CATALOG_VERSION, OLDEST_READABLE_VERSION
    from indexer.search import SCHEMA_VERSION

    try:
        manifest: Manifest = json.loads(body.decode("utf-8"))  # its form is checked next
        ok = canonical(manifest) == body and _well_formed(manifest)
    except (ValueError, TypeError, KeyError, AttributeError):
        ok = False
    if not ok:
        raise BundleError("bad_manifest", MANIFEST)
    if manifest["key_id"] != key.key_id:
        raise BundleError("bad_signature", "清单中的密钥与签名不符 (the manifest names another key)")
    if manifest["format"] != FORMAT or manifest["format_version"] != FORMAT_VERSION:
        raise BundleError("incompatible", f"format {manifest['format']} {manifest['format_version']}")
    readable = OLDEST_READABLE_VERSION <= manifest["catalog_version"] <= CATALOG_VERSION
    if manifest["schema_version"] != SCHEMA_VERSION or not readable:
        raise BundleError("incompatible", f"索引版本 index schema {manifest['schema_version']} / 目录版本 "
                                          f"catalogue {manifest['catalog_version']}; 本程序 this Hanlin: "
                                          f"{SCHEMA_VERSION} / {CATALOG_VERSION}")
    return manifest


def _well_formed(m: Mapping[str, Any]) -> bool:
    ints = ("format_version", "schema_version", "catalog_version", "documents", "passages", "files")
    strings = ("format", "library_id", "created_at", "app_version", "key_id", "key_name")
    members = m["members"]
    names = [x["name"] for x in members]
    return (all(type(m[k]) is int and m[k] >= 0 for k in ints) and all(isinstance(m[k], str) for k in strings)
            and isinstance(members, list) and len(names) == len(set(names))
            and all(_MEMBER_NAME.match(x["name"]) and type(x["size"]) is int and x["size"] >= 0
                    and re.fullmatch(r"[0-9a-f]{64}", x["sha256"]) for x in members)
            and all(r in names for r in _REQUIRED))


def _check_members(zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], members: list[ManifestMember]) -> None:
    """Every listed member present with its size and hash; nothing else present."""
    listed = {m["name"] for m in members}
    present = set(infos) - {MANIFEST, SIGNATURE}
    if missing := sorted(listed - present):
        raise BundleError("missing_member", ", ".join(missing))
    if extra := sorted(present - listed):
        raise BundleError("extra_member", ", ".join(extra))
    for member in members:
        with _member_stream(zf, infos[member["name"]], member) as chunks:
            for _ in chunks:
                pass


@contextlib.contextmanager
def _member_stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, member: ManifestMember) -> Iterator[Iterator[bytes]]:
    """Yield the member's bytes in chunks; raises `changed_member` on a wrong size, hash or CRC."""
    name, size = member["name"], member["size"]
    if info.file_size != size:
        raise BundleError("changed_member", f"{name}: 大小 size {info.file_size} ≠ {size}")

    def chunks() -> Iterator[bytes]:
        digest, seen = hashlib.sha256(), 0
        try:
            with zf.open(info) as handle:
                while chunk := handle.read(min(CHUNK, size - seen + 1)):
                    seen += len(chunk)
                    if seen > size:
                        raise BundleError("changed_member", f"{name}: 比清单所列长 (longer than listed)")
                    digest.update(chunk)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise BundleError("changed_member", f"{name}: {exc}") from exc
        if seen != size or digest.hexdigest() != member["sha256"]:
            raise BundleError("changed_member", f"{name}: SHA-256 不符 (hash differs from the manifest)")

    yield chunks()


# ---------------------------------------------------------------------- install


def install_bundle(path: str | os.PathLike[str], library_dir: str | os.PathLike[str], *, force: bool = False,
                   allow_downgrade: bool = False) -> BundleInfo:
    """Verify a bundle, unpack it beside `library_dir`, test it, and swap it in atomically.

    The folder at `library_dir` may be missing, empty, or a library installed from a bundle;
    a librarian's own (writable) library or any other folder is replaced only with `force`.
    An older bundle of the same library than the installed one is refused unless `allow_downgrade`.
    """
    target = Path(library_dir).absolute()
    info = verify_bundle(path)  # nothing is written before this returns
    _check_target(target, info, force, allow_downgrade)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _install_lock(target):
        _remove_stale(target)
        _check_space(target.parent, info)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.installing-", dir=target.parent))
        try:
            os.chmod(staging, 0o777 & ~fs.umask())
            _unpack(info, staging)
            _write_marker(staging, info)
            _test_library(staging, info)
            _swap(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return info


@contextlib.contextmanager
def _install_lock(target: Path) -> Iterator[None]:
    """Be the one install into `target`: a lock on ``.<name>.install.lock`` beside it, held throughout
    and deleted at the end (a lock taken on a file another install has just deleted does not count)."""
    path = target.parent / f".{target.name}.install.lock"
    try:
        handle = open(path, "a+b")  # noqa: SIM115 -- held as the lock
    except OSError as exc:
        raise LibraryError(f"{target.parent}: {fs.storage_problem(exc)}: {exc}") from exc
    try:
        if not _try_lock(handle) or not _same_file(handle, path):
            raise LibraryError(f"{target}: 另一个翰林进程正在安装此文献库 "
                               "(another Hanlin process is installing this library)")
        try:
            yield
        finally:
            with contextlib.suppress(OSError):  # Windows keeps a file open elsewhere: it stays
                path.unlink()
    finally:
        handle.close()


def _same_file(handle: IO[bytes], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), path.stat())
    except OSError:
        return False


def _remove_stale(target: Path) -> None:
    """Delete what installs killed before they finished left beside `target` (with `_install_lock` held,
    no other install is running): unpacked bundles, and old libraries moved aside by a finished swap."""
    for entry in sorted(target.parent.iterdir()):
        stale = entry.name.startswith(f".{target.name}.installing-") or (
            entry.name.startswith(f".{target.name}.previous-") and target.is_dir())
        if stale and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def _check_target(target: Path, info: BundleInfo, force: bool, allow_downgrade: bool) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise LibraryError(f"{target}: 文献库路径不是目录 (the library path is not a folder)")
    if is_installed(target):
        from indexer.library.library import installed_bundle_info

        old = installed_bundle_info(target) or {}
        if (old.get("library_id") == info.manifest["library_id"] and not allow_downgrade
                and str(old.get("created_at", "")) > info.manifest["created_at"]):
            raise BundleError("downgrade", f"已安装 installed {old.get('created_at')}, 文献包 bundle "
                                           f"{info.manifest['created_at']}; 确需回退请加 --allow-downgrade")
        return
    if any(target.iterdir()) and not force:
        raise LibraryError(f"{target}: 目录不是由文献包安装的文献库，不会覆盖；确需替换请加 --force "
                           "(not a library installed from a bundle; it is replaced only with --force)")


def _check_space(folder: Path, info: BundleInfo) -> None:
    need = sum(m["size"] for m in info.members) + 16 * 1024 * 1024
    free = shutil.disk_usage(folder).free
    if free < need:
        raise LibraryError(f"{folder}: 磁盘空间不足 (not enough disk space: {need} bytes needed, {free} free)")


def _unpack(info: BundleInfo, staging: Path) -> None:
    """Write every member under `staging`, hashing it again: the file may change after verify."""
    (staging / INDEX_DIRNAME).mkdir()
    with _open_zip(info.path) as zf:
        infos = _check_entries(zf)
        body = _read_small(zf, infos[MANIFEST], MAX_MANIFEST_BYTES) if MANIFEST in infos else b""
        if hashlib.sha256(body).hexdigest() != info.manifest_sha256:
            raise BundleError("changed_member", f"{MANIFEST}: 安装期间被改动 (changed during installation)")
        _check_members_present(infos, info.members)
        for member in info.members:
            dest = staging / member["name"][len(PAYLOAD):]
            if not dest.resolve().is_relative_to(staging.resolve()):  # the name pattern forbids it already
                raise BundleError("unsafe_member", member["name"])
            fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
            with os.fdopen(fd, "wb") as out, _member_stream(zf, infos[member["name"]], member) as chunks:
                for chunk in chunks:
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())


def _check_members_present(infos: dict[str, zipfile.ZipInfo], members: list[ManifestMember]) -> None:
    listed, present = {m["name"] for m in members}, set(infos) - {MANIFEST, SIGNATURE}
    if listed - present:
        raise BundleError("missing_member", ", ".join(sorted(listed - present)))
    if present - listed:
        raise BundleError("extra_member", ", ".join(sorted(present - listed)))


def _write_marker(staging: Path, info: BundleInfo) -> None:
    marker = dict(info.summary(), bundle_file=info.path.name,
                  installed_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"))
    (staging / INSTALLED_MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=1), encoding="utf-8")


def _test_library(staging: Path, info: BundleInfo) -> None:
    """Open the unpacked library read-only, check it against the manifest, and run a test search."""
    try:
        with Library.open(staging, read_only=True) as library:
            db = library.catalog.db
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise BundleError("test_failed", f"{CATALOG_NAME}: {check}")
            index = library.search_index()
            indexed, catalogued = index.doc_count(), library.catalog.count_indexed_passages()
            if not indexed == catalogued == info.manifest["passages"]:
                raise BundleError("test_failed", f"段落数 passages: index {indexed}, catalogue {catalogued}, "
                                                 f"manifest {info.manifest['passages']}")
            word = _probe_word(db)
            results = index.search(word or "翰林", limit=1)
            if word and results.total < 1:
                raise BundleError("test_failed", f"检索 search {word!r}: 0 hits")
    except (LibraryError, sqlite3.DatabaseError) as exc:
        raise BundleError("test_failed", str(exc)) from exc


def _probe_word(db: sqlite_utils.Database) -> str | None:
    """A word of the first passage, which a working index must find."""
    from indexer.search import analysis
    row = db.execute("SELECT text FROM passages ORDER BY passage_id LIMIT 1").fetchone()
    if not row:
        return None
    words = [w for w in analysis.query_words(row[0][:200]) if not analysis.is_stop_word(w) and len(w) > 1]
    return f'"{words[0]}"' if words else None


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` at `target`; the old library is moved aside first and removed only afterwards."""
    fs.fsync_folder(staging)
    fs.fsync_folder(staging / INDEX_DIRNAME)
    if not target.exists():
        os.replace(staging, target)
    else:
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.previous-", dir=target.parent))
        aside.rmdir()
        try:
            os.replace(target, aside)
        except OSError as exc:
            raise LibraryError(f"{target}: 无法替换旧文献库，请先关闭正在使用它的翰林 "
                               f"(cannot replace the old library; close Hanlin where it is open): {exc}") from exc
        try:
            os.replace(staging, target)
        except BaseException:
            os.replace(aside, target)
            raise
        shutil.rmtree(aside, ignore_errors=True)
    fs.fsync_folder(target.parent)
