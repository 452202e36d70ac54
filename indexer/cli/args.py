"""Argument types shared by the `hanlin` sub-commands."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import TypeVar

Number = TypeVar("Number", int, float)

#: The largest value `positive` accepts unless told otherwise: beyond it a count or a time
#: limit means nothing (a time limit of 10^9 s is 30 years) and only overflows what uses it.
MAXIMUM = 1_000_000


def positive(kind: Callable[[str], Number], maximum: Number | None = None) -> Callable[[str], Number]:
    """An argparse `type` for a finite number of `kind` (int or float), above 0 and at most `maximum`.

    `maximum` defaults to `MAXIMUM`: ``inf``, ``nan`` and absurd values are usage errors
    (exit status 2), not overflows deep inside the command.
    """
    what = "a whole number" if kind is int else "a number"
    top = MAXIMUM if maximum is None else maximum

    def parse(text: str) -> Number:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"must be a finite number: {text!r}")
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0: {text!r}")
        if value > top:
            raise argparse.ArgumentTypeError(f"must be at most {top:,}: {text!r}")
        return value

    parse.__name__ = getattr(kind, "__name__", "number")
    return parse


def library_dir(text: str) -> str:
    """An argparse `type` for a library folder: an empty path would make the current folder one."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty library path: name a folder (e.g. --library ./library)")
    return text
