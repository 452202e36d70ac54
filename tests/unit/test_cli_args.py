"""indexer.cli.args: the one "positive number" argument type of the sub-commands."""

from __future__ import annotations

import argparse

import pytest

from indexer.cli.args import library_dir, positive


def test_positive_numbers_parse():
    assert positive(int)("3") == 3 and positive(float)("0.5") == 0.5


@pytest.mark.parametrize(("kind", "text", "words"), [
    (int, "x", "not a whole number"), (int, "1.5", "not a whole number"), (float, "x", "not a number"),
    (int, "0", "must be greater than 0"), (float, "-1", "must be greater than 0"),
])
def test_anything_else_is_an_argument_error(kind: type, text: str, words: str):
    with pytest.raises(argparse.ArgumentTypeError, match=words):
        positive(kind)(text)


@pytest.mark.parametrize("text", ["inf", "-inf", "nan", "1e308", "1000001"])
def test_non_finite_or_absurd_numbers_are_argument_errors(text: str):
    with pytest.raises(argparse.ArgumentTypeError, match="finite|at most"):
        positive(float)(text)


def test_a_maximum_can_be_given():
    assert positive(int, 8)("8") == 8
    with pytest.raises(argparse.ArgumentTypeError, match="at most 8"):
        positive(int, 8)("9")


@pytest.mark.parametrize("text", ["", "  "])
def test_an_empty_library_path_is_an_argument_error(text: str):
    with pytest.raises(argparse.ArgumentTypeError, match="empty library path"):
        library_dir(text)


def test_text_arguments_that_are_not_utf8_are_usage_errors(tmp_path):
    """A digest id, a mark, a query or an output name that is not UTF-8 would reach a database or
    a document: refused at parsing (a traceback on the audit insert before, after the file was
    written). Names of files and folders to read may be any bytes."""
    import subprocess
    import sys

    bad = "x\udcff"
    for argv in (["audit", "--digest", bad], ["search", bad, "--library", str(tmp_path / "lib")],
                 ["digest", "export", bad, "--format", "md", "-o", str(tmp_path / "d.md")],
                 ["digest", "export", "abc", "--format", "md", "-o", str(tmp_path / bad)]):
        run = subprocess.run([sys.executable, "-m", "indexer.cli", *argv], capture_output=True, text=True,
                             encoding="utf-8", errors="surrogateescape", timeout=60, check=False,
                             env={**__import__("os").environ, "HANLIN_DATA_DIR": str(tmp_path / "data")})
        assert run.returncode == 2 and "UTF-8" in run.stderr and "Traceback" not in run.stderr, (argv, run.stderr)
    assert not (tmp_path / bad).exists()
