"""Every `hanlin` sub-command and action is documented (as sqlite-utils checks its CLI against its docs)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from indexer.cli import build_parser

DOCS = Path(__file__).resolve().parents[2] / "docs"


def commands(parser: argparse.ArgumentParser, prefix: str = "hanlin") -> list[str]:
    """`hanlin X` for every sub-command and `hanlin X Y` for every action under one."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found.extend(commands(sub, f"{prefix} {name}"))
    return found


ALL = commands(build_parser())


def test_the_parser_has_the_known_commands():
    assert {"hanlin extract", "hanlin index", "hanlin search", "hanlin status", "hanlin mark set",
            "hanlin bundle install"} <= set(ALL)


@pytest.mark.parametrize("command", ALL)
def test_command_is_documented(command: str):
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))
    assert f"`{command}" in text or f"$ {command}" in text or f"\n{command}" in text, \
        f"{command} is not documented in docs/*.md"


@pytest.mark.parametrize("command", sorted({" ".join(c.split()[:2]) for c in ALL}))
def test_cli_md_names_every_command(command: str):
    assert f"`{command}" in (DOCS / "cli.md").read_text(encoding="utf-8")
