"""Sub-commands from the `hanlin.commands` entry-point group: the digest ones are installed, a plug-in
adds a command, a broken one is reported without breaking the others, a built-in name is not taken over."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from indexer.cli import ENTRY_POINT_GROUP, build_parser, plugin_commands

REPO = Path(__file__).resolve().parents[2]


def test_pyproject_declares_the_digest_commands_and_they_are_installed():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    assert declared[ENTRY_POINT_GROUP] == {"digest": "userdata.digest.cli_digest", "audit": "userdata.digest.cli_audit"}
    assert {e.name: e.value for e in plugin_commands()} == declared[ENTRY_POINT_GROUP]
    choices = next(a for a in build_parser()._actions if hasattr(a, "choices") and a.choices).choices
    assert {"digest", "audit", "mark", "index"} <= set(choices)


def test_plugins_add_commands_and_a_broken_one_is_left_out(tmp_path: Path):
    info = tmp_path / "hanlin_test_plugins-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: hanlin-test-plugins\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\nhello = hello_cmd\nbroken = no_such_module_for_hanlin\nindex = hello_cmd\n",
        encoding="utf-8")
    (tmp_path / "hello_cmd.py").write_text(
        '"""A test plug-in."""\n\n\ndef register(sub):\n'
        '    sub.add_parser("hello").set_defaults(handler=lambda args: print("你好 hello") or 0)\n', encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path), PYTHONIOENCODING="utf-8")

    def hanlin(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "indexer.cli", *args], cwd=REPO, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=120, check=False)

    hello = hanlin("hello")
    assert hello.returncode == 0 and hello.stdout.strip() == "你好 hello"
    assert "cannot load the broken command" in hello.stderr and "Traceback" not in hello.stderr
    index = hanlin("index", "--help")  # the built-in keeps its name
    assert index.returncode == 0 and "--library" in index.stdout


def test_a_built_in_command_is_parsed_without_importing_the_others():
    code = ("import sys; from indexer.cli import build_parser; "
            "args = build_parser('status').parse_args(['status', '--library', 'x']); "
            "print(args.command, sorted(m for m in sys.modules if m.endswith('_cmd')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, encoding="utf-8",
                         timeout=120, check=True).stdout
    assert out.strip() == "status ['indexer.cli.status_cmd']"
    choices = next(a for a in build_parser("no-such-command")._actions if hasattr(a, "choices") and a.choices).choices
    assert {"index", "search", "digest", "audit"} <= set(choices)  # any other name: the whole parser
