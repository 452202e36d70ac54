"""File names as the app shows and opens them (plain Python, no Qt).

A name that is not valid UTF-8 (an old GBK name on a Linux disk) reaches Python as a `str`
with surrogate escapes; Qt drops those characters silently, so two such files would look
alike and the name shown would not be the file's. `display_path` writes each undecodable byte
as ``\\xNN`` instead, and `file_url` gives the URL of the file's real bytes.
"""

from __future__ import annotations

import os
from urllib.parse import quote


def display_path(path: str) -> str:
    """`path` for people: valid text as it is, each undecodable byte as ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def file_url(path: str) -> bytes:
    """The ``file://`` URL of `path`, percent-encoding its bytes as the file system has them."""
    return b"file://" + quote(os.fsencode(os.path.abspath(path)), safe="/").encode("ascii")
