"""indexer.cli.args: the one "positive number" argument type of the sub-commands."""

from __future__ import annotations

import argparse

import pytest

from indexer.cli.args import positive


def test_positive_numbers_parse():
    assert positive(int)("3") == 3 and positive(float)("0.5") == 0.5


@pytest.mark.parametrize(("kind", "text", "words"), [
    (int, "x", "not a whole number"), (int, "1.5", "not a whole number"), (float, "x", "not a number"),
    (int, "0", "must be greater than 0"), (float, "-1", "must be greater than 0"),
])
def test_anything_else_is_an_argument_error(kind: type, text: str, words: str):
    with pytest.raises(argparse.ArgumentTypeError, match=words):
        positive(kind)(text)
