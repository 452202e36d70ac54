"""Every use of Whoosh's private API, in one place, and the check that it is the Whoosh we tested.

Hanlin reads posting lists, field lengths and deletions straight from Whoosh's segment
files as numpy arrays (`indexer.search._whoosh.codec`, `.ranking`), which no public Whoosh
API offers. The attributes that takes are named here and nowhere else:

* the functions below reach into readers and indexes (``_terms``, ``_postfile``, ``_perdoc``,
  ``_cached_reader``, ``_lenfield``, a column's ``_count``/``_dbfile``/``_basepos``,
  ``_segments``);
* `SUBCLASSED` lists what `codec`'s subclasses of Whoosh's W3 classes override or read on
  ``self`` (a test checks that the codec touches nothing else).

Whoosh-Reloaded is unmaintained and these names are not an API: `check_version` refuses any
version but `TESTED_VERSION` with a clear message instead of an ``AttributeError`` deep in a
search.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import whoosh
from numpy.typing import NDArray
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PostingsWriter, W3TermInfo, _lenfield
from whoosh.index import _DEF_INDEX_NAME

from indexer.errors import LibraryError

#: The Whoosh-Reloaded release these private names were read from and tested against.
TESTED_VERSION = (2, 7, 5)

#: Private members of Whoosh classes that `codec`'s subclasses override or use on ``self``.
SUBCLASSED: dict[type, tuple[str, ...]] = {
    W3TermInfo: ("_struct", "_weight", "_df", "_minlength", "_maxlength", "_maxweight", "_minid", "_maxid",
                 "_inlined"),
    W3PostingsWriter: ("_terminfo", "_inlinelimit", "_values", "_ids", "_weights", "_startoffset", "_postfile",
                       "_blockcount", "_maxweight", "_minlength", "_maxlength", "_format", "_compression",
                       "_blocklimit", "_write_block", "_new_block"),
    W3LeafMatcher: ("_postfile", "_data", "_ids", "_weights", "_values", "_i", "_lastblock", "_nextoffset",
                    "_dataoffset", "_blocklength", "_maxid", "_maxweight", "_compression", "_minlength",
                    "_maxlength", "_fixedsize", "_goto", "_read_data", "_read_ids", "_read_weights"),
}


class IncompatibleWhoosh(LibraryError):
    """The installed Whoosh is not the release Hanlin's search back end was built for."""


def check_version(found: tuple[int, ...] | None = None) -> None:
    """Raise `IncompatibleWhoosh` unless the installed Whoosh (or `found`) is `TESTED_VERSION`."""
    found = tuple(whoosh.__version__) if found is None else found
    if found != TESTED_VERSION:
        have = ".".join(map(str, found))
        want = ".".join(map(str, TESTED_VERSION))
        raise IncompatibleWhoosh(
            f"检索索引需要 Whoosh-Reloaded {want}，但安装的是 {have}，请按安装说明重新安装翰林 "
            f"(the search index needs Whoosh-Reloaded {want}, found {have}: reinstall Hanlin as documented)")


def segment_terms(segment_reader: Any) -> Any:
    """A segment's term dictionary (`whoosh.codec.whoosh3.W3TermsReader`)."""
    return segment_reader._terms


def postings_bytes(terms: Any, offset: int, length: int) -> bytes:
    """`length` bytes of a segment's postings file from `offset` (copied from the mapped file)."""
    data: bytes = terms._postfile.get(offset, length)
    return data


def deleted_docs(segment_reader: Any) -> list[int]:
    """Segment-local numbers of the deleted documents of one segment."""
    return list(segment_reader._perdoc.deleted_docs())


def length_bytes(segment_reader: Any, fieldname: str) -> tuple[int, NDArray[np.uint8] | None]:
    """(documents in the segment, each one's byte-quantised length in `fieldname`).

    The column of lengths ends at the last document that had a value, so the array may be
    shorter than the segment; None when the field has no lengths in this segment.
    """
    perdoc = segment_reader._perdoc
    n: int = perdoc.doc_count_all()
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return n, None
    stored = min(n, column._count)
    return n, np.frombuffer(bytes(column._dbfile.get(column._basepos, stored)), dtype=np.uint8)


def segment_count(ix: Any) -> int:
    """Segments of an index's latest generation."""
    return len(ix._segments())


def segment_ids(ix: Any) -> list[str]:
    """The ids (file name stems, ``MAIN_<id>``) of the segments of an index's latest generation."""
    return [segment.segment_id() for segment in ix._segments()]


def reader_files(reader: Any, names: list[str]) -> list[str]:
    """Which of `names` (an index folder's files) a reader's generation is made of: its table of
    contents and the files of its segments."""
    segments = [sub.segment() for sub, _ in reader.leaf_readers() if hasattr(sub, "segment")]
    prefixes = tuple(f"{segment.segment_id()}." for segment in segments if segment is not None)
    toc = f"_{_DEF_INDEX_NAME}_{reader.generation()}.toc"
    return [name for name in names if name.startswith(prefixes) or name == toc]


def alias_old_module_names(schema: Any, codec: Any) -> None:
    """Let indexes written before the back end moved here be opened.

    A Whoosh index pickles its schema in the table of contents, naming Hanlin's analyzer and
    codec classes by module: older indexes (installed bundles among them, which cannot be
    rebuilt) say ``indexer.schema`` and ``indexer.codec``.
    """
    sys.modules.setdefault("indexer.schema", schema)
    sys.modules.setdefault("indexer.codec", codec)
