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
