"""The `hanlin` contract: every sub-command, given bad arguments, ends with a message and a status
documented in docs/cli.md — never a Python traceback, never a hang, never lost data.

Bad arguments by category: missing, wrong type, empty, non-existent paths, folders where files are
expected, special files as outputs, huge numbers, unicode garbage (including bytes that are not
UTF-8). The tally per category is printed (`pytest -s`) for the reliability report.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import stat
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from cli_world import HANLIN, World, make_world

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
#: Statuses a bad argument may end with: documented, and not 1 (a bug) or 130 (Ctrl+C).
ACCEPTED = {0, 2, 3, 4, 5, 6, 7, 8}
TIMEOUT_S = 60


def documented_statuses() -> set[int]:
    return {int(n) for n in re.findall(r"^\| (\d+) \|", DOCS.read_text(encoding="utf-8"), re.MULTILINE)}


def specials(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    os.mkfifo(folder / "fifo")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock"))
    sock.close()
    found = {"fifo": folder / "fifo", "socket": folder / "sock", "folder": folder}
    try:
        os.mknod(folder / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found["device"] = folder / "null"
    except PermissionError:
        pass
    (folder / "dangling").symlink_to(folder / "nowhere")
    found["dangling link"] = folder / "dangling"
    (folder / "dirlink").symlink_to(folder)
    found["link to folder"] = folder / "dirlink"
    return found


def cases(w: World, t: Path) -> list[tuple[str, list[str]]]:
    lib, pdf, d = str(w.library), str(w.pdf), w.digest_id
    out = [
        ("missing", args.split()) for args in (
            "", "extract", "index", "index x", "search", "search x", "status", "bundle", "bundle create",
            "bundle create --library L", "bundle verify", "bundle install", "bundle install f", "keys",
            "keys create", "keys trust", "keys untrust", "mark", "mark set", "mark set 秘密 --library L",
            "mark clear", "mark list", "mark levels", "digest", "digest export", "digest export x --format md",
            "digest export x -o y", "digest list --user-dir", "audit --digest")
    ]
    out = [(c, [a.replace("L", lib) if a == "L" else a for a in args]) for c, args in out]
    out += [("wrong type", a) for a in (
        ["index", pdf, "--library", str(t / "l1"), "--workers", "abc"],
        ["index", pdf, "--library", str(t / "l1"), "--commit-every", "1.5"],
        ["search", "科技", "--library", lib, "--limit", "ten"],
        ["search", "科技", "--library", lib, "--sort", "random"],
        ["extract", pdf, "--timeout-per-page", "abc"], ["extract", pdf, "--memory-mb", "2G"],
        ["extract", pdf, "--min-timeout", "nan"], ["digest", "export", d, "--format", "exe", "-o", str(t / "x")],
        ["bundle", "create", "--library", lib, "-o", str(t / "b.hlb"), "--json", "yes"],
    )]
    out += [("empty", a) for a in (
        ["extract", ""], ["index", "", "--library", str(t / "l2")], ["index", pdf, "--library", ""],
        ["search", "", "--library", lib], ["search", "科技", "--library", ""], ["status", "--library", ""],
        ["bundle", "create", "--library", lib, "-o", ""], ["bundle", "create", "--library", "", "-o", str(t / "e.hlb")],
        ["bundle", "verify", ""], ["bundle", "install", "", "--library", str(t / "i1")],
        ["keys", "trust", ""], ["keys", "untrust", ""], ["keys", "create", "--name", ""],
        ["keys", "export", "-o", ""], ["mark", "set", "", pdf, "--library", lib],
        ["mark", "set", "秘密", "", "--library", lib], ["mark", "levels", "--set", "", "--library", lib],
        ["digest", "export", "", "--format", "md", "-o", str(t / "e.md")],
        ["digest", "export", d, "--format", "md", "-o", ""], ["digest", "list", "--user-dir", ""],
        ["audit", "--digest", ""], ["audit", "--user-dir", ""],
    )]
    out += [("non-existent path", a) for a in (
        ["extract", str(t / "nope.pdf")], ["index", str(t / "nope"), "--library", str(t / "l3")],
        ["search", "科技", "--library", str(t / "nope")], ["status", "--library", str(t / "nope")],
        ["bundle", "create", "--library", str(t / "nope"), "-o", str(t / "n.hlb")],
        ["bundle", "create", "--library", lib, "-o", str(t / "nodir" / "n.hlb")],
        ["bundle", "create", "--library", lib, "-o", str(t / "n.hlb"), "--key", "nope"],
        ["bundle", "verify", str(t / "nope.hlb")], ["bundle", "install", str(t / "nope.hlb"), "--library", str(t / "i2")],
        ["keys", "trust", str(t / "nope.pub")], ["keys", "export", "--name", "nope"],
        ["keys", "export", "-o", str(t / "nodir" / "k.pub")], ["keys", "untrust", "0" * 64],
        ["mark", "set", "秘密", str(t / "nope.pdf"), "--library", lib], ["mark", "list", "--library", str(t / "nope")],
        ["digest", "export", "nope1234", "--format", "md", "-o", str(t / "x.md")],
        ["digest", "export", d, "--format", "md", "-o", str(t / "nodir" / "x.md")],
        ["digest", "export", d, "--format", "md", "-o", str(t / "x2.md"), "--library", str(t / "nope")],
        ["digest", "list", "--user-dir", str(t / "nope")], ["audit", "--user-dir", str(t / "nope")],
    )]
    out += [("folder as file", a) for a in (
        ["extract", str(t)], ["bundle", "verify", str(t)], ["bundle", "install", str(t), "--library", str(t / "i3")],
        ["keys", "trust", str(t)], ["status", "--library", pdf], ["search", "科技", "--library", pdf],
        ["index", pdf, "--library", pdf], ["mark", "list", "--library", pdf],
        ["digest", "list", "--user-dir", pdf], ["audit", "--user-dir", pdf],
        ["bundle", "install", pdf, "--library", lib],
    )]
    for path in specials(t / "special").values():
        out += [("special file as output", a) for a in (
            ["digest", "export", d, "--format", "docx", "-o", str(path)],
            ["bundle", "create", "--library", lib, "-o", str(path)],
            ["keys", "export", "-o", str(path)],
        )]
    huge = "9" * 40
    out += [("huge number", a) for a in (
        ["search", "科技", "--library", lib, "--limit", huge], ["search", "科技", "--library", lib, "--limit", "-1"],
        ["search", "科技", "--library", lib, "--limit", "0"],
        ["index", pdf, "--library", str(t / "l4"), "--workers", huge],
        ["index", pdf, "--library", str(t / "l5"), "--workers", "-3"],
        ["index", pdf, "--library", str(t / "l6"), "--commit-every", huge],
        ["extract", pdf, "--timeout-per-page", "1e308"], ["extract", pdf, "--memory-mb", huge],
        ["extract", pdf, "--min-timeout", "-1"], ["extract", pdf, "--memory-mb", "0"],
        ["audit", "--digest", huge], ["digest", "export", huge, "--format", "md", "-o", str(t / "h.md")],
    )]
    garbage = ["\udcff\udcfe", "\u202e\u200bx", "𠀀" * 2000, "((((", '"', "AND OR NOT", "＊？", "\ufeff"]
    out += [("unicode garbage", ["search", g, "--library", lib]) for g in garbage]
    out += [("unicode garbage", a) for a in (
        ["extract", str(t / "\udcff.pdf")], ["status", "--library", str(t / "\udcff")],
        ["mark", "set", "\udcff", pdf, "--library", lib], ["mark", "set", "秘密", "\udcff\u202e", "--library", lib],
        ["keys", "create", "--name", "../../etc/x"], ["keys", "create", "--name", "\udcff"],
        ["digest", "export", "\udcff\udcfe\udcfd\udcfc", "--format", "md", "-o", str(t / "g.md")],
        ["digest", "export", d, "--format", "md", "-o", str(t / "\udcff.md")],
        ["audit", "--digest", "\udcff"], ["bundle", "verify", str(t / "\udcff.hlb")],
    )]
    return out


def fingerprint(w: World) -> dict[str, object]:
    """What must survive every bad call: the PDF, the library's hits, the digest, the audit rows, the key."""
    search = subprocess.run([str(HANLIN), "search", "科技安全", "--library",
                             str(w.library), "--json"], env=w.env(), capture_output=True, text=True, check=False)
    return {"pdf": hashlib.sha256(w.pdf.read_bytes()).hexdigest(), "hits": search.stdout.count('"doc_id"'),
            "digests": w.run("digest", "list").stdout.count(w.digest_id),
            "keys": sorted(p.name for p in (w.config).rglob("*") if p.is_file() and p.suffix in {".pub", ".key"})}


@pytest.mark.timeout(3600)
def test_every_command_fails_cleanly_on_bad_arguments(tmp_path_factory: pytest.TempPathFactory):
    assert ACCEPTED <= documented_statuses()
    w = make_world(tmp_path_factory.mktemp("contract"))
    before = fingerprint(w)
    scratch = tmp_path_factory.mktemp("scratch")
    tried, clean = Counter[str](), Counter[str]()
    tracebacks: list[str] = []
    hangs: list[str] = []
    undocumented: list[str] = []
    for category, args in cases(w, scratch):
        tried[category] += 1
        label = f"{category}: hanlin {' '.join(args)!r}"[:300]
        try:
            done = w.run(*args, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL, cwd=scratch)  # "" may mean "here"
        except subprocess.TimeoutExpired:
            hangs.append(label)
            continue
        if "Traceback" in done.stderr or "Exception ignored" in done.stderr:
            tracebacks.append(f"{label}\n{done.stderr[-800:]}")
        elif done.returncode not in ACCEPTED:
            undocumented.append(f"{label} -> {done.returncode}: {done.stderr[-300:]}")
        else:
            clean[category] += 1
    after = fingerprint(w)
    lost = [k for k in before if before[k] != after[k]]
    print("\nCLI contract tally (category: tried / clean):")
    for category in tried:
        print(f"  {category}: {tried[category]} / {clean[category]}")
    print(f"  total: {sum(tried.values())} / {sum(clean.values())}; tracebacks {len(tracebacks)}, "
          f"hangs {len(hangs)}, other statuses {len(undocumented)}, data lost {len(lost)}")
    assert not tracebacks, "\n\n".join(tracebacks)
    assert not hangs, hangs
    assert not undocumented, "\n".join(undocumented)
    assert not lost, (before, after)
