"""Find the Chinese fonts installed on this machine, by role, without Qt or the network.

Roles follow 公文 usage: ``title`` (小标宋, else a bold serif or 黑体), ``hei`` (黑体: headings,
labels, the mark), ``fang`` (仿宋: body and quotations), ``kai`` (楷体: notes, second-level
headings) and ``song`` (宋体: page numbers, references). Windows fonts (simfang.ttf, simkai.ttf,
simhei.ttf, simsun.ttc) are found by file name; on Linux the usual packages (Noto CJK .ttc with
CFF outlines, AR PL UKai/UMing, WenQuanYi, Fandol) too. Failing that, the large font files are
read for their family names, and any font that covers common Chinese characters will do.
``HANLIN_FONT_DIRS`` (folders separated by os.pathsep) is searched first.
"""

from __future__ import annotations

import functools
import os
import struct
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from userdata.digest.export.errors import ExportError

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

ROLES = ("title", "hei", "fang", "kai", "song")
SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
#: Fonts smaller than this are skipped by the name scan: a Chinese font is never that small.
_MIN_CJK_BYTES = 1_500_000
_PROBE = "国家科技创新的"

#: (file name, family wanted inside a collection) by role, best first.
_FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "title": (("fzxbsjw.ttf", ""), ("fzxbsk.ttf", ""), ("方正小标宋简体.ttf", ""), ("方正小标宋_gbk.ttf", ""),
              ("notoserifcjk-bold.ttc", "Noto Serif CJK SC"), ("notoserifcjksc-bold.otf", ""),
              ("sourcehanserif-bold.ttc", "Source Han Serif SC"), ("sourcehanserifsc-bold.otf", "")),
    "hei": (("simhei.ttf", ""), ("fzhtk.ttf", ""), ("notosanscjk-regular.ttc", "Noto Sans CJK SC"),
            ("notosanscjksc-regular.otf", ""), ("sourcehansans-regular.ttc", "Source Han Sans SC"),
            ("sourcehansanssc-regular.otf", ""), ("fandolhei-regular.otf", ""),
            ("wqy-zenhei.ttc", "WenQuanYi Zen Hei"), ("wqy-microhei.ttc", "WenQuanYi Micro Hei"),
            ("msyh.ttc", "Microsoft YaHei"), ("droidsansfallbackfull.ttf", "")),
    "fang": (("simfang.ttf", ""), ("fzfsk.ttf", ""), ("仿宋_gb2312.ttf", ""), ("fangsong_gb2312.ttf", ""),
             ("fandolfang-regular.otf", "")),
    "kai": (("simkai.ttf", ""), ("fzktk.ttf", ""), ("楷体_gb2312.ttf", ""), ("kaiti_gb2312.ttf", ""),
            ("fandolkai-regular.otf", ""), ("ukai.ttc", "AR PL UKai CN"), ("gkai00mp.ttf", "")),
    "song": (("simsun.ttc", "SimSun"), ("fzsstk.ttf", ""), ("notoserifcjk-regular.ttc", "Noto Serif CJK SC"),
             ("notoserifcjksc-regular.otf", ""), ("sourcehanserif-regular.ttc", "Source Han Serif SC"),
             ("sourcehanserifsc-regular.otf", ""), ("fandolsong-regular.otf", ""),
             ("uming.ttc", "AR PL UMing CN"), ("gbsn00lp.ttf", "")),
}
#: Family names (any language) that the name scan takes for each role.
_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"),
    "hei": ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体"),
    "fang": ("仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "方正仿宋_GBK", "方正仿宋简体"),
    "kai": ("楷体", "KaiTi", "楷体_GB2312", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体"),
    "song": ("宋体", "SimSun", "方正书宋_GBK", "方正书宋简体"),
}
#: When a role has no font of its own, the role whose font stands in, in order.
FALLBACK: dict[str, tuple[str, ...]] = {
    "title": ("hei", "song", "fang", "kai"),
    "hei": ("song", "fang", "kai", "title"),
    "fang": ("song", "kai", "hei", "title"),
    "kai": ("fang", "song", "hei", "title"),
    "song": ("fang", "kai", "hei", "title"),
}

INSTALL_HINT = (
    "未找到可嵌入PDF的中文字体。Windows 请确认已安装宋体、仿宋、楷体、黑体；Linux 请安装 "
    "fonts-noto-cjk、fonts-arphic-ukai 或 fonts-wqy-zenhei（麒麟、统信系统可在软件商店安装），"
    "或把字体文件夹写入环境变量 HANLIN_FONT_DIRS。"
    "(No Chinese font that can be embedded in a PDF was found. On Windows make sure SimSun, FangSong, "
    "KaiTi and SimHei are installed; on Linux install fonts-noto-cjk, fonts-arphic-ukai or "
    "fonts-wqy-zenhei, or list a folder of fonts in HANLIN_FONT_DIRS.)"
)


@dataclass(frozen=True)
class Face:
    """One font face: its file, its index in a collection (.ttc/.otc) and a family name."""

    path: Path
    index: int = 0
    family: str = ""


def font_dirs() -> list[Path]:
    """The folders searched for fonts on this machine, HANLIN_FONT_DIRS first."""
    dirs = [Path(d) for d in os.environ.get("HANLIN_FONT_DIRS", "").split(os.pathsep) if d]
    home = Path.home()
    if sys.platform == "win32":
        dirs += [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    else:
        data = os.environ.get("XDG_DATA_HOME") or str(home / ".local/share")
        dirs += [Path(data) / "fonts", home / ".fonts", Path("/usr/local/share/fonts"),
                 Path("/usr/share/fonts"), Path("/opt/kingsoft/wps-office/office6/fonts")]
    return dirs


def faces(dirs: Sequence[Path] | None = None) -> dict[str, Face]:
    """A face for every role (borrowed from another role where needed).

    Raises `ExportError` (reason ``font``) when no Chinese font is installed at all.
    """
    found = _discover(tuple(Path(d) for d in (font_dirs() if dirs is None else dirs)))
    if not found:
        raise ExportError("font", INSTALL_HINT)
    out = {}
    for role in ROLES:
        for candidate in (role, *FALLBACK[role]):
            if candidate in found:
                out[role] = found[candidate]
                break
        else:
            out[role] = next(iter(found.values()))
    return out


def has_xiaobiaosong(dirs: Sequence[Path] | None = None) -> bool:
    """Whether 方正小标宋 (the 公文 title face) is installed on this machine."""
    found = _discover(tuple(Path(d) for d in (font_dirs() if dirs is None else dirs)))
    return "title" in found and _is_named(found["title"], _NAMES["title"])


@functools.lru_cache(maxsize=8)
def _discover(dirs: tuple[Path, ...]) -> dict[str, Face]:
    """Role → face for the roles this machine has a font for; cached per process."""
    files = _font_files(dirs)
    found: dict[str, Face] = {}
    for role, candidates in _FILES.items():
        for name, family in candidates:
            path = files.get(name)
            face = _open_face(path, family) if path else None
            if face:
                found[role] = face
                break
    missing = [r for r in ROLES if r not in found]
    if missing:
        taken = {f.path for f in found.values()}
        scanned = _scan_names(p for p in files.values() if p not in taken)
        for role in missing:
            match = next((f for f in scanned if _is_named(f, _NAMES[role]) and _usable(f)), None)
            if match:
                found[role] = match
        if not found:
            anyface = next((f for f in scanned if _usable(f, probe=True)), None)
            if anyface:
                found["song"] = anyface
    return found


def _font_files(dirs: Iterable[Path]) -> dict[str, Path]:
    """Lower-cased file name → path for every font file under `dirs` (the first one wins)."""
    files: dict[str, Path] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        for root, _subdirs, names in os.walk(folder, followlinks=True):
            for name in sorted(names):
                if name.lower().endswith(SUFFIXES):
                    files.setdefault(name.lower(), Path(root) / name)
    return files


def _open_face(path: Path, family: str) -> Face | None:
    """The face of `path` named `family` (or its first face) if it may be embedded."""
    for face in _read_faces(path):
        if not family or _is_named(face, (family,)):
            return face if _usable(face) else None
    return None


def _scan_names(paths: Iterable[Path]) -> list[Face]:
    """The faces of the large font files in `paths`, with their names (not yet checked for use)."""
    out: list[Face] = []
    for path in paths:
        try:
            if path.stat().st_size < _MIN_CJK_BYTES:
                continue
        except OSError:
            continue
        out += _read_faces(path)
    return out


@functools.lru_cache(maxsize=512)
def _read_faces(path: Path) -> tuple[Face, ...]:
    """Every face in a font file with all its family names joined by ``|``; () if unreadable."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        with path.open("rb") as file:  # our handle, closed even when fontTools gives up half-way
            if file.read(4) == b"ttcf":  # by content: some .ttf files are collections
                file.seek(0)
                fonts = TTCollection(file, lazy=True).fonts
                return tuple(Face(path, i, _families(f)) for i, f in enumerate(fonts))
            file.seek(0)
            return (Face(path, 0, _families(TTFont(file, lazy=True))),)
    except (OSError, TTLibError, KeyError, AssertionError, ValueError, IndexError, TypeError, struct.error):
        return ()


def _families(font: TTFont) -> str:
    names: set[str] = set()
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            try:
                names.add(record.toUnicode().strip())
            except UnicodeDecodeError:
                continue
    return "|".join(sorted(n for n in names if n))


def _is_named(face: Face, names: Iterable[str]) -> bool:
    have = {n.casefold() for n in face.family.split("|")}
    return any(n.casefold() in have for n in names)


@functools.lru_cache(maxsize=512)
def _usable(face: Face, probe: bool = False) -> bool:
    """Its licence allows embedding (fsType is not 2) and, if `probe`, it covers common Chinese.

    Reading a Chinese font's cmap takes ~0.3 s, so only faces found by no known name are probed.
    """
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with face.path.open("rb") as file:
            font = TTFont(file, fontNumber=face.index, lazy=True)
            fs_type = font["OS/2"].fsType if "OS/2" in font else 0
            cmap = (font.getBestCmap() or {}) if probe else {}
    except (OSError, TTLibError, KeyError, AssertionError, ValueError, IndexError, TypeError, struct.error):
        return False
    return (fs_type & 0x000F) != 0x0002 and (not probe or all(ord(c) in cmap for c in _PROBE))
