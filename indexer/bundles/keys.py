"""Librarian signing keys (Ed25519) and the trusted keys a staff machine accepts bundles from.

Everything lives in the user's configuration folder (platformdirs, or ``$HANLIN_CONFIG_DIR``)::

    CONFIG/keys/NAME.key        a librarian's private key (PKCS#8 PEM, file mode 0600, folder 0700)
    CONFIG/keys/NAME.pub        its public key, as exported
    CONFIG/trusted/ID.pub       public keys whose bundles this machine installs

A public key file is one line, ``hanlin-ed25519 <base64 of the 32 key bytes> <name>``. A key's
id is the SHA-256 of its 32 bytes in hex; people compare its `fingerprint` (the first 32 hex
digits in groups of four) over a channel they trust before running ``hanlin keys trust``.
A key created here is trusted here too, so a librarian can verify their own bundles.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from indexer.errors import HanlinError

CONFIG_DIR_ENV = "HANLIN_CONFIG_DIR"
PUBLIC_PREFIX = "hanlin-ed25519"
_NAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{1,64}$")


class SigningKeyError(HanlinError):
    """A key that cannot be created, read or found; exit status 2 (a usage problem)."""

    exit_code = 2


@dataclass(frozen=True)
class PublicKey:
    """An Ed25519 public key with the name it was exported under."""

    raw: bytes
    name: str

    @property
    def key_id(self) -> str:
        """SHA-256 of the raw key bytes, in hex: how bundles name the key that signed them."""
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def fingerprint(self) -> str:
        """The first 32 hex digits of the id in groups of four, for people to compare."""
        return fingerprint(self.key_id)

    def line(self) -> str:
        """The one-line text form written to ``.pub`` files."""
        return f"{PUBLIC_PREFIX} {base64.b64encode(self.raw).decode('ascii')} {self.name}\n"

    def verify(self, signature: bytes, message: bytes) -> bool:
        """Whether `signature` is this key's Ed25519 signature of `message`."""
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, message)
        except InvalidSignature:
            return False
        return True


def fingerprint(key_id: str) -> str:
    """A key id shortened for people: ``ab12 cd34 …`` (128 bits)."""
    return " ".join(key_id[i:i + 4] for i in range(0, 32, 4))


def config_dir() -> Path:
    """Hanlin's configuration folder (``$HANLIN_CONFIG_DIR`` overrides platformdirs)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("Hanlin", "Hanlin"))


def keys_dir() -> Path:
    """Where this user's own key pairs live."""
    return config_dir() / "keys"


def trusted_dir() -> Path:
    """Where the public keys this user trusts live."""
    return config_dir() / "trusted"


# ---------------------------------------------------------------------- own keys


def create_key(name: str) -> PublicKey:
    """Make a new key pair `name`; the private key is written 0600 and never overwritten."""
    _check_name(name)
    folder = keys_dir()
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    path = folder / f"{name}.key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        raise SigningKeyError(f"{path}: 密钥已存在 (a key named {name!r} already exists)") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    public = _public_of(private, name)
    (folder / f"{name}.pub").write_text(public.line(), encoding="utf-8")
    trust_key(public)
    return public


def own_keys() -> list[str]:
    """Names of this user's private keys."""
    folder = keys_dir()
    return sorted(p.stem for p in folder.glob("*.key")) if folder.is_dir() else []


def default_key_name(name: str | None) -> str:
    """`name`, or the only key this user has; otherwise a `SigningKeyError` saying what to do."""
    if name:
        return name
    names = own_keys()
    if len(names) == 1:
        return names[0]
    if not names:
        raise SigningKeyError("没有签名密钥，请先运行 hanlin keys create --name 名称 "
                        "(no signing key: run hanlin keys create --name NAME first)")
    raise SigningKeyError(f"有多个密钥，请用 --key 指定 (several keys, choose one with --key): {', '.join(names)}")


def load_private(name: str) -> tuple[Ed25519PrivateKey, PublicKey]:
    """The private key `name` and its public key."""
    _check_name(name)
    path = keys_dir() / f"{name}.key"
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise SigningKeyError(f"{path}: 没有这个密钥 (no key named {name!r})") from None
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(f"{path}: 不是可用的私钥 (not a usable private key: {exc})") from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise SigningKeyError(f"{path}: 不是 Ed25519 私钥 (not an Ed25519 private key)")
    return private, _public_of(private, name)


def sign(private: Ed25519PrivateKey, message: bytes) -> bytes:
    """The Ed25519 signature of `message` (64 bytes)."""
    return private.sign(message)


def _public_of(private: Ed25519PrivateKey, name: str) -> PublicKey:
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PublicKey(raw, name)


def _check_name(name: str) -> None:
    if not _NAME.match(name or "") or name.startswith("."):
        raise SigningKeyError(f"密钥名称只能含字母、数字、汉字和 _.- (a key name may hold letters, digits, "
                        f"Han characters and _.- only): {name!r}")


# ---------------------------------------------------------------------- public keys and trust


def parse_public(text: str) -> PublicKey:
    """A public key from its one-line text form; `SigningKeyError` if it is not one."""
    parts = text.strip().split(maxsplit=2)
    if len(parts) < 2 or parts[0] != PUBLIC_PREFIX:
        raise SigningKeyError(f"不是翰林公钥 (not a Hanlin public key: expected '{PUBLIC_PREFIX} …')")
    try:
        raw = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise SigningKeyError("公钥已损坏 (the public key is damaged: not 32 bytes of base64)")
    name = parts[2].strip() if len(parts) > 2 else ""
    return PublicKey(raw, name if _NAME.match(name) else "")


def read_public(path: str | os.PathLike[str]) -> PublicKey:
    """A public key from a ``.pub`` file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SigningKeyError(f"{path}: 无法读取公钥 (cannot read the public key: {exc})") from exc
    return parse_public(text)


def trust_key(key: PublicKey) -> Path:
    """Trust bundles signed with `key` from now on; returns the file it was stored in."""
    folder = trusted_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key.key_id}.pub"
    path.write_text(key.line(), encoding="utf-8")
    return path


def untrust_key(key_id: str) -> bool:
    """Stop trusting the key whose id (or id prefix of at least 8 digits) is given."""
    matches = [k for k in trusted_keys() if len(key_id) >= 8 and k.key_id.startswith(key_id.lower())]
    for key in matches:
        (trusted_dir() / f"{key.key_id}.pub").unlink()
    return bool(matches)


def trusted_keys() -> list[PublicKey]:
    """Every trusted public key (unreadable files are skipped)."""
    folder = trusted_dir()
    keys = []
    for path in sorted(folder.glob("*.pub")) if folder.is_dir() else []:
        try:
            key = read_public(path)
        except SigningKeyError:
            continue
        if path.stem == key.key_id:  # a file renamed to another id is not trusted under that id
            keys.append(key)
    return keys


def trusted_key(key_id: str) -> PublicKey | None:
    """The trusted key with this id, or None."""
    return next((k for k in trusted_keys() if k.key_id == key_id), None)
