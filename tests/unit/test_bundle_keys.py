"""Signing keys: created private (0600), exported, trusted, listed, refused when malformed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from indexer.bundles import keys


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(keys.CONFIG_DIR_ENV, str(tmp_path / "config"))
    return tmp_path / "config"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_private_key_is_written_0600_in_a_0700_folder(config: Path):
    keys.create_key("资料室")
    assert stat.S_IMODE((config / "keys" / "资料室.key").stat().st_mode) == 0o600
    assert stat.S_IMODE((config / "keys").stat().st_mode) == 0o700


def test_a_key_is_never_overwritten(config: Path):
    keys.create_key("librarian")
    before = (config / "keys" / "librarian.key").read_bytes()
    with pytest.raises(keys.SigningKeyError, match="already exists"):
        keys.create_key("librarian")
    assert (config / "keys" / "librarian.key").read_bytes() == before


def test_a_created_key_signs_and_is_trusted_here():
    public = keys.create_key("librarian")
    private, loaded = keys.load_private("librarian")
    assert loaded == public
    signature = keys.sign(private, b"manifest")
    assert public.verify(signature, b"manifest")
    assert not public.verify(signature, b"manifest!")
    assert keys.trusted_key(public.key_id) == public


def test_public_key_line_round_trips_and_trust_list_untrust(tmp_path: Path):
    public = keys.create_key("librarian")
    line = public.line()
    assert line.startswith("hanlin-ed25519 ") and line.endswith(" librarian\n")
    assert keys.parse_public(line) == public
    keys.untrust_key(public.key_id[:8])
    assert keys.trusted_keys() == []
    (tmp_path / "k.pub").write_text(line, encoding="utf-8")
    keys.trust_key(keys.read_public(tmp_path / "k.pub"))
    assert [k.key_id for k in keys.trusted_keys()] == [public.key_id]
    assert len(public.fingerprint.split()) == 8


@pytest.mark.parametrize("text", ["", "ssh-ed25519 AAAA x", "hanlin-ed25519 notbase64!!", "hanlin-ed25519 AAAA"])
def test_malformed_public_keys_are_refused(text: str):
    with pytest.raises(keys.SigningKeyError):
        keys.parse_public(text)


@pytest.mark.parametrize("name", ["", "../evil", ".hidden", "a/b", "x" * 65])
def test_bad_key_names_are_refused(name: str):
    with pytest.raises(keys.SigningKeyError):
        keys.create_key(name)


def test_a_trusted_file_renamed_to_another_id_is_not_trusted(config: Path):
    public = keys.create_key("librarian")
    (config / "trusted" / f"{public.key_id}.pub").rename(config / "trusted" / f"{'0' * 64}.pub")
    assert keys.trusted_keys() == []


def test_default_key_name():
    with pytest.raises(keys.SigningKeyError, match="keys create"):
        keys.default_key_name(None)
    keys.create_key("one")
    assert keys.default_key_name(None) == "one"
    keys.create_key("two")
    with pytest.raises(keys.SigningKeyError, match="--key"):
        keys.default_key_name(None)
