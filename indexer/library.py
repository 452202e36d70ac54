"""A Hanlin library: a folder holding a SQLite catalogue and a Whoosh index built from it.

Layout of a library folder ``DIR``::

    DIR/catalog.db     SQLite catalogue (WAL): files, paths, documents, passages — the source of truth
    DIR/index/         Whoosh index: a rebuildable cache of the catalogue's passages
    DIR/.lock          held by the one process writing the library

Use `Library.open(dir)` to find and open a library; `Library.index_path` is the index folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from indexer.errors import LibraryError

CATALOG_NAME = "catalog.db"
INDEX_DIRNAME = "index"
LOCK_NAME = ".lock"


class Library:
    """An opened library folder."""

    def __init__(self, root: Path):
        self.root = root

    @property
    def catalog_path(self) -> Path:
        """The SQLite catalogue file."""
        return self.root / CATALOG_NAME

    @property
    def index_path(self) -> Path:
        """The Whoosh index folder."""
        return self.root / INDEX_DIRNAME

    @classmethod
    def open(cls, root: str | os.PathLike, create: bool = False) -> "Library":
        """Open the library at `root`; with `create`, make the folder if needed."""
        root = Path(root)
        if not (root / CATALOG_NAME).exists() and not create:
            raise LibraryError(f"{root}: 不是翰林文献库，请先运行 hanlin index (not a Hanlin library: run hanlin index first)")
        if create:
            root.mkdir(parents=True, exist_ok=True)
        return cls(root)
