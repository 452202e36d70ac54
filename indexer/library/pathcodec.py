"""File paths as the catalogue stores them, so that any name the file system allows round-trips.

Python gives a file name that is not valid UTF-8 (an old GBK name on a Linux disk, a copy
from a FAT stick) as a `str` holding surrogate escapes (``'zz\\udcff.pdf'``); SQLite text must
be UTF-8 and `sqlite3` refuses such a `str`. `to_db` keeps every valid name as text (so
catalogues stay as they were) and stores the others as their bytes (`os.fsencode`), a BLOB:
a BLOB never equals a text value, so no two names can meet. `from_db` turns either back into
the `str` the OS functions take (`os.fsdecode`). Every statement that binds or reads a path
column (``files.path``, ``paths.path``) goes through them.

The CLI writes such a name's undecodable bytes as ``\\udcff`` escapes (`indexer.cli.main`), which
is also how JSON spells them: `json.loads` then `os.fsencode` give the name's bytes back.
"""

from __future__ import annotations

import os

DbPath = str | bytes


def to_db(path: str) -> DbPath:
    """`path` as a value to bind: itself if it is valid UTF-8, else its bytes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def from_db(value: DbPath) -> str:
    """A path column's value as the `str` that names the file."""
    return os.fsdecode(value) if isinstance(value, bytes) else value

