"""The app icon and desktop-integration files in `resources/` (the package `hanlin_resources`).

The icon files exist and are what they claim (PNG sizes, a multi-size .ico, an SVG of shapes
only), the .desktop entry and the AppStream metainfo have what menus and software centres read
(and pass desktop-file-validate / appstreamcli where installed), and pyproject.toml installs
all of it: its explicit package list is every package of the tree plus `hanlin_resources`.
"""

from __future__ import annotations

import configparser
import fnmatch
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from setuptools import find_packages

import hanlin_resources as res

REPO = Path(__file__).resolve().parents[2]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
SVG_NS = "{http://www.w3.org/2000/svg}"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def ico_sizes(path: Path) -> list[int]:
    """The image sizes an .ico's directory lists (0 stands for 256)."""
    data = path.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1), f"{path} is not an icon file"
    sizes = []
    for i in range(count):
        width, height, *_, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        assert width == height and offset + length <= len(data)
        sizes.append(width or 256)
    return sizes


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(res.DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_resources_are_the_top_level_folder():
    assert res.RESOURCES_DIR == REPO / "resources"
    assert SETUPTOOLS["package-dir"]["hanlin_resources"] == "resources"


@pytest.mark.parametrize("size", res.ICON_SIZES)
def test_every_png_has_its_size(size):
    assert png_size(res.icon_png(size)) == (size, size)


def test_the_ico_holds_the_windows_sizes():
    assert {16, 24, 32, 48, 256} <= set(ico_sizes(res.ICON_ICO))


def test_the_svg_is_square_and_drawn_with_shapes_only():
    root = ET.parse(res.ICON_SVG).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == "0 0 256 256"
    tags = {element.tag.removeprefix(SVG_NS) for element in root.iter()}
    assert not tags & {"text", "tspan", "image", "font"}, "fonts and images differ per machine"
    assert {"rect", "path"} <= tags


def test_the_desktop_entry_has_the_required_keys():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert "Hanlin" in entry["Name"] and entry["Name[zh_CN]"] == "翰林"
    assert entry["Exec"] == "hanlin-desktop %F"
    assert entry["Icon"] == "hanlin" == res.ICON_SVG.stem
    assert {"Office", "Education"} <= set(entry["Categories"].rstrip(";").split(";"))
    assert "application/pdf" in entry["MimeType"].split(";")
    for key in ("GenericName", "GenericName[zh_CN]", "Comment", "Comment[zh_CN]", "Keywords", "Keywords[zh_CN]"):
        assert entry[key], key


def test_the_metainfo_names_the_desktop_entry_and_icon():
    root = ET.parse(res.METAINFO_FILE).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == res.APP_ID
    assert root.findtext("launchable") == res.DESKTOP_FILE.name
    assert root.findtext("icon") == desktop_entry()["Icon"]
    assert "hanlin-desktop" in [b.text for b in root.iter("binary")]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_accepts_the_entry():
    run = subprocess.run(["desktop-file-validate", str(res.DESKTOP_FILE)], capture_output=True, text=True,
                         timeout=30, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstreamcli_accepts_the_metainfo():
    run = subprocess.run(["appstreamcli", "validate", "--no-net", str(res.METAINFO_FILE)], capture_output=True,
                         text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_package_list_is_every_package_of_the_tree():
    found = find_packages(str(REPO), include=["indexer*", "userdata*", "desktop*"])
    assert sorted(SETUPTOOLS["packages"]) == sorted([*found, "hanlin_resources"]), (
        "add the new package to [tool.setuptools] packages in pyproject.toml")


def test_every_resource_file_is_package_data():
    patterns = SETUPTOOLS["package-data"]["hanlin_resources"]
    files = [p.relative_to(res.RESOURCES_DIR).as_posix() for p in res.RESOURCES_DIR.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"]
    assert files
    assert [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)] == []
    assert all(p.is_file() for p in [res.ICON_SVG, res.ICON_ICO, res.DESKTOP_FILE, res.METAINFO_FILE])
