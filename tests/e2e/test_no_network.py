"""No network, ever: `hanlin index`, `hanlin search` and the GUI make no network call and write
nowhere but the library and the user's own folders.

Each run is a subprocess whose `sitecustomize` installs a Python audit hook (`sys.addaudithook`)
in it and in every worker process it spawns; the hook logs socket events, every file opened
for writing, folders made, renames and removals, and processes started. The tests assert:

* no socket event with an internet address (``socket.connect``, ``socket.getaddrinfo``,
  ``socket.bind`` …) and no internet socket created (local AF_UNIX pairs are IPC, allowed);
* every write lands in the library, or under the (temporary) home folder where the user's
  config, data and cache folders are; the system temp folder stays empty (jieba's cache
  included) and so does the working folder;
* the same runs inside ``unshare -n`` (a network namespace with no interfaces) give the same
  results. The audit hook sees Python-level calls only; ``unshare -n`` covers the C level.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

REPO = Path(__file__).resolve().parents[2]

SITECUSTOMIZE = textwrap.dedent('''
    """Audit hook for Hanlin's no-network test: logs network, file-writing and process events."""
    import json, os, sys

    _LOG = os.environ.get("HANLIN_AUDIT_LOG")
    _WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    _FILE_EVENTS = {"os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "shutil.rmtree",
                    "os.truncate", "os.symlink", "os.link", "shutil.copyfile", "shutil.move"}
    _PROCESS_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork"}

    if _LOG:
        _fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

        def _emit(event, args):
            line = json.dumps({"pid": os.getpid(), "event": event, "args": [repr(a) for a in args]})
            os.write(_fd, (line + "\\n").encode("utf-8"))

        def _hook(event, args):
            if event.startswith("socket."):
                _emit(event, args)
            elif event == "open":
                path, mode, flags = args
                if isinstance(path, (str, bytes, os.PathLike)) and flags is not None and flags & _WRITE:
                    _emit("write", [os.path.abspath(os.fsdecode(path))])
            elif event in _FILE_EVENTS:
                _emit(event, [os.path.abspath(os.fsdecode(a)) if isinstance(a, (str, bytes, os.PathLike)) else a
                              for a in args[:2]])
            elif event in _PROCESS_EVENTS:
                _emit(event, args[:2])

        sys.addaudithook(_hook)
        _emit("audit.start", [sys.argv[:1]])
''')

GUI_PROBE = textwrap.dedent('''
    """Start the desktop app on a library, run one search, quit (offscreen Qt)."""
    import sys
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from desktop.app import build_parser, create_window

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("Hanlin")
    app.setApplicationName("Hanlin")
    window = create_window(build_parser().parse_args(["--library", sys.argv[1]]))
    window.show()
    loop, outcome = QEventLoop(), {}
    window.search.finished.connect(lambda o: (outcome.update(hits=len(o.results.hits)), loop.quit()))
    window.search.failed.connect(lambda e: (outcome.update(error=repr(e)), loop.quit()))
    QTimer.singleShot(60_000, loop.quit)
    window.search.search(sys.argv[2])
    loop.exec()
    window.close()
    app.processEvents()
    print(outcome)
    sys.exit(0 if outcome.get("hits") else 1)
''')

INET_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
               "socket.gethostbyaddr", "socket.getnameinfo", "socket.bind", "socket.sendto", "socket.sendmsg"}


def write_pdf(path: Path, lines: list[str]) -> Path:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number, line in enumerate(lines):
        canvas.setFont("STSong-Light", 16 if number == 0 else 10.5)
        canvas.drawString(56, 780 - 30 * number, line)
    canvas.showPage()
    canvas.save()
    return path


class Sandbox:
    """A temporary home, temp folder and working folder, and a way to run Hanlin audited in them."""

    def __init__(self, root: Path):
        self.root = root
        self.home, self.tmp, self.cwd = root / "home", root / "tmp", root / "cwd"
        self.hooks, self.log = root / "hooks", root / "audit.jsonl"
        self.library, self.pdfs = root / "library", root / "pdfs"
        for folder in (self.home, self.tmp, self.cwd, self.hooks, self.pdfs):
            folder.mkdir()
        (self.hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        (self.hooks / "gui_probe.py").write_text(GUI_PROBE, encoding="utf-8")
        write_pdf(self.pdfs / "政策.pdf", ["关于加强科技安全治理的若干意见",
                                          "各地区各部门要健全科技安全风险监测预警体系。"])
        write_pdf(self.pdfs / "论文.pdf", ["数据安全法实施情况研究", "本文分析数据分类分级保护制度的落实情况。"])

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HANLIN_", "XDG_"))}
        env.update(HOME=str(self.home), TMPDIR=str(self.tmp), TEMP=str(self.tmp), TMP=str(self.tmp),
                   XDG_CONFIG_HOME=str(self.home / ".config"), XDG_DATA_HOME=str(self.home / ".local/share"),
                   XDG_CACHE_HOME=str(self.home / ".cache"), XDG_STATE_HOME=str(self.home / ".local/state"),
                   XDG_RUNTIME_DIR=str(self.home / "runtime"), QT_QPA_PLATFORM="offscreen",
                   PYTHONPATH=os.pathsep.join([str(self.hooks), str(REPO)]), HANLIN_AUDIT_LOG=str(self.log),
                   PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
        return env

    def run(self, args: list[str], prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        (self.home / "runtime").mkdir(mode=0o700, exist_ok=True)
        return subprocess.run([*prefix, sys.executable, *args], cwd=self.cwd, env=self.env(), capture_output=True,
                              text=True, encoding="utf-8", timeout=240, check=False)

    def hanlin(self, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        return self.run(["-m", "indexer.cli", *args], prefix)

    def events(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def box(tmp_path: Path) -> Sandbox:
    return Sandbox(tmp_path)


def network_events(events: list[dict]) -> list[dict]:
    """Socket events that reach for an internet address or make an internet socket."""
    reaching = [e for e in events if e["event"] in INET_EVENTS and not _is_local_ipc(e["args"])]
    made = [e for e in events if e["event"] == "socket.__new__" and e["args"][1:2] != ["1"]]
    return reaching + made


def _is_local_ipc(args: list[str]) -> bool:
    """A connect or bind to a filesystem path or the abstract namespace (AF_UNIX), not a host."""
    return len(args) > 1 and args[0].startswith("<socket.socket") and "family=1" in args[0]


def writes_outside(events: list[dict], allowed: list[Path]) -> list[str]:
    """Paths written (or made, renamed, removed) that are not under one of `allowed`."""
    roots = [str(p.resolve()) for p in allowed] + ["/dev/null"]
    outside = []
    for e in events:
        if e["event"].startswith(("audit.", "socket.", "subprocess", "os.exec", "os.system", "os.posix_spawn", "os.fork",
                                  "os.spawn")):
            continue
        for arg in e["args"]:
            path = arg.strip("'\"") if isinstance(arg, str) else arg
            if isinstance(path, str) and path.startswith("/") and not any(
                    path == r or path.startswith(r + os.sep) for r in roots):
                outside.append(f"{e['event']} {path}")
    return outside


def assert_offline_and_contained(box: Sandbox) -> list[dict]:
    events = box.events()
    assert events, "the audit hook logged nothing: sitecustomize was not loaded"
    assert network_events(events) == []
    assert writes_outside(events, [box.library, box.home]) == []
    assert list(box.tmp.iterdir()) == [], "something wrote to the system temp folder"
    assert list(box.cwd.iterdir()) == [], "something wrote to the working folder"
    processes = [e for e in events if e["event"] in ("subprocess.Popen", "os.system", "os.posix_spawn", "os.exec")]
    for e in processes:  # only our own interpreter, for the extraction workers
        assert sys.executable in e["args"][0] or "python" in e["args"][0], e
    return events


def test_index_and_search_make_no_network_call_and_write_only_the_library_and_home(box: Sandbox):
    indexed = box.hanlin("index", str(box.pdfs), "--library", str(box.library), "--quiet", "--workers", "1")
    assert indexed.returncode == 0, indexed.stderr
    searched = box.hanlin("search", "科技安全", "--library", str(box.library), "--json")
    assert searched.returncode == 0, searched.stderr
    assert json.loads(searched.stdout)["total"] >= 1
    events = assert_offline_and_contained(box)
    started = [e for e in events if e["event"] == "audit.start"]
    assert len(started) >= 3, "the extraction worker was not audited too"
    cache = box.home / ".cache" / "hanlin"
    assert (cache / "jieba-prefix.bin").is_file(), "jieba's cache is not in Hanlin's own cache folder"


def test_gui_start_search_quit_makes_no_network_call(box: Sandbox):
    pytest.importorskip("PySide6")
    assert box.hanlin("index", str(box.pdfs), "--library", str(box.library), "--quiet",
                      "--workers", "1").returncode == 0
    gui = box.run([str(box.hooks / "gui_probe.py"), str(box.library), "科技安全"])
    assert gui.returncode == 0, gui.stdout + gui.stderr
    assert "hits" in gui.stdout
    assert_offline_and_contained(box)


def _unshare() -> tuple[str, ...]:
    exe = shutil.which("unshare")
    if not exe or os.name != "posix":
        pytest.skip("unshare is not available")
    probe = subprocess.run([exe, "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"unshare -n is not permitted here: {probe.stderr.decode(errors='replace').strip()}")
    return (exe, "-n")


def test_cli_works_the_same_without_any_network_interface(box: Sandbox, tmp_path: Path):
    prefix = _unshare()
    inside = subprocess.run([*prefix, "cat", "/proc/net/dev"], capture_output=True, text=True, check=False)
    assert "eth" not in inside.stdout and "wlan" not in inside.stdout
    indexed = box.hanlin("index", str(box.pdfs), "--library", str(box.library), "--json", "--quiet",
                         "--workers", "1", prefix=prefix)
    assert indexed.returncode == 0, indexed.stderr
    offline = box.hanlin("search", "科技安全", "--library", str(box.library), "--json", prefix=prefix)
    online = box.hanlin("search", "科技安全", "--library", str(box.library), "--json")
    assert offline.returncode == online.returncode == 0, offline.stderr
    strip = lambda out: [(h["passage_id"], h["score"]) for h in json.loads(out)["hits"]]
    assert strip(offline.stdout) == strip(online.stdout) and strip(offline.stdout)
    assert json.loads(indexed.stdout)["passages"] >= 2
    assert_offline_and_contained(box)


def test_gui_works_without_any_network_interface(box: Sandbox):
    prefix = _unshare()
    pytest.importorskip("PySide6")
    assert box.hanlin("index", str(box.pdfs), "--library", str(box.library), "--quiet", "--workers", "1",
                      prefix=prefix).returncode == 0
    gui = box.run([str(box.hooks / "gui_probe.py"), str(box.library), "数据安全法"], prefix)
    assert gui.returncode == 0, gui.stdout + gui.stderr
    assert_offline_and_contained(box)


def test_ocr_of_a_scan_needs_no_network_and_writes_nothing_outside(box: Sandbox, shared_dir: Path):
    """The OCR models come inside the installed package: recognising a scan, with no network interface
    at all and under the audit hook, reads the page and fetches nothing."""
    prefix = _unshare()
    scan = shared_dir / "corpus" / "real" / "zh_scanned" / "资本论_扫描_低清_2p.pdf"
    shutil.copy(scan, box.pdfs / scan.name)
    indexed = box.hanlin("index", str(box.pdfs), "--library", str(box.library), "--json", "--quiet",
                         "--workers", "1", prefix=prefix)
    assert indexed.returncode == 0, indexed.stderr
    assert json.loads(indexed.stdout)["no_text"] == []
    found = box.hanlin("search", '"交换价值首先表现"', "--library", str(box.library), "--json", prefix=prefix)
    hits = json.loads(found.stdout)["hits"]
    assert hits and hits[0]["file"].endswith(scan.name) and hits[0]["ocr"] > 0.8
    assert_offline_and_contained(box)


def test_the_audit_hook_does_see_a_network_call(box: Sandbox):
    """The detector itself works: a name lookup and an internet socket are both caught."""
    box.run(["-c", ("import socket\ntry:\n    socket.getaddrinfo('localhost', 80)\nexcept OSError:\n    pass\n"
                   "socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()")])
    caught = {e["event"] for e in network_events(box.events())}
    assert {"socket.getaddrinfo", "socket.__new__"} <= caught
