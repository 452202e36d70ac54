"""`hanlin keys` and `hanlin bundle` end to end: a librarian and a staff machine, each with its own
config folder, exchange a public key and a bundle through files, as on removable media."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas


def write_pdf(path: Path, lines: list[str]) -> None:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number, line in enumerate(lines):
        canvas.setFont("STSong-Light", 16 if number == 0 else 10.5)
        canvas.drawString(56, 780 - 30 * number, line)
    canvas.showPage()
    canvas.save()


def hanlin(config: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, HANLIN_CONFIG_DIR=str(config), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "indexer.cli", *args], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=240, check=False)


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> dict:
    """The librarian indexes, creates a key and a bundle; the USB stick holds the .pub and the bundle."""
    root = tmp_path_factory.mktemp("bundle-cli")
    librarian, stick = root / "librarian", root / "stick"
    (root / "pdfs").mkdir()
    write_pdf(root / "pdfs" / "a.pdf", ["关于加强科技安全治理的若干意见", "健全科技安全风险监测预警体系。"])
    assert hanlin(librarian, "index", str(root / "pdfs"), "--library", str(root / "lib"), "--quiet",
                  "--workers", "1").returncode == 0
    created = hanlin(librarian, "keys", "create", "--name", "资料室", "--out", str(stick))
    assert created.returncode == 0, created.stderr
    assert "指纹 fingerprint" in created.stdout
    bundled = hanlin(librarian, "bundle", "create", "--library", str(root / "lib"), "-o", str(stick / "lib.hlb"))
    assert bundled.returncode == 0, bundled.stderr
    return {"root": root, "librarian": librarian, "stick": stick, "bundle": stick / "lib.hlb",
            "pub": stick / "资料室.pub"}


def test_staff_refuses_a_bundle_until_the_key_is_trusted_then_installs_it(media, tmp_path: Path):
    staff = tmp_path / "staff-config"
    refused = hanlin(staff, "bundle", "verify", str(media["bundle"]))
    assert refused.returncode == 5
    assert "[untrusted_key]" in refused.stderr and "签名密钥不受信任" in refused.stderr
    trusted = hanlin(staff, "keys", "trust", str(media["pub"]))
    assert trusted.returncode == 0 and "指纹 fingerprint" in trusted.stdout
    listed = json.loads(hanlin(staff, "keys", "list", "--json").stdout)
    assert [k["name"] for k in listed["trusted"]] == ["资料室"] and listed["own"] == []
    verified = hanlin(staff, "bundle", "verify", str(media["bundle"]), "--json")
    assert verified.returncode == 0, verified.stderr
    assert json.loads(verified.stdout)["key_name"] == "资料室"
    library = tmp_path / "staff-library"
    installed = hanlin(staff, "bundle", "install", str(media["bundle"]), "--library", str(library))
    assert installed.returncode == 0, installed.stderr
    searched = hanlin(staff, "search", "科技安全", "--library", str(library), "--json")
    assert searched.returncode == 0 and json.loads(searched.stdout)["total"] >= 1
    status = json.loads(hanlin(staff, "status", "--library", str(library), "--json").stdout)
    assert status["read_only"] is True and status["installed_bundle"]["key_name"] == "资料室"
    indexed = hanlin(staff, "index", str(media["root"] / "pdfs"), "--library", str(library))
    assert indexed.returncode == 4 and "read-only" in indexed.stderr


def test_a_tampered_bundle_is_exit_status_5_with_the_check_named(media, tmp_path: Path):
    staff = tmp_path / "staff-config"
    assert hanlin(staff, "keys", "trust", str(media["pub"])).returncode == 0
    tampered = tmp_path / "tampered.hlb"
    with zipfile.ZipFile(media["bundle"]) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "library/catalog.db":
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.writestr(info, data)
    library = tmp_path / "staff-library"
    for command in (["bundle", "verify", str(tampered)], ["bundle", "install", str(tampered), "--library", str(library)]):
        run = hanlin(staff, *command)
        assert run.returncode == 5, run.stderr
        assert "[changed_member]" in run.stderr and "library/catalog.db" in run.stderr
        assert "文献包中的文件被改动" in run.stderr and "a file in the bundle was changed" in run.stderr
    assert not library.exists()


def test_keys_export_prints_the_public_key(media):
    exported = hanlin(media["librarian"], "keys", "export")
    assert exported.returncode == 0
    assert exported.stdout == media["pub"].read_text(encoding="utf-8")


def test_a_bundle_needs_a_key(media, tmp_path: Path):
    run = hanlin(tmp_path / "nokeys", "bundle", "create", "--library", str(media["root"] / "lib"),
                 "-o", str(tmp_path / "x.hlb"))
    assert run.returncode == 2 and "keys create" in run.stderr
    assert not (tmp_path / "x.hlb").exists()
