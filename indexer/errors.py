"""Exception types raised by the indexer library.

Every error a user can meet carries a short bilingual message naming the file and the
reason; the CLI and the GUI turn them into messages and exit codes, never tracebacks.
"""

from __future__ import annotations


class HanlinError(Exception):
    """Base class of every error Hanlin raises on purpose."""

    exit_code = 1


class ExtractionError(HanlinError):
    """A file could not be read (as a PDF, or as the OFD, Word, web page or text file its suffix says).

    `reason` is a stable machine-readable code: ``missing``, ``unreadable``, ``empty`` (zero
    bytes or no pages), ``not_pdf`` (not of the format its name says), ``encrypted``, ``corrupt``,
    ``timeout``, ``memory``, ``crashed``, ``unsupported`` (a .doc/.wps without LibreOffice) or
    ``internal`` (see `indexer.extract.pdf`, `indexer.extract.formats`); `message` is for people.
    """

    exit_code = 3

    def __init__(self, file: str, reason: str, message: str):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.reason = reason
        self.message = message


class QuerySyntaxError(HanlinError):
    """A search query the parser cannot accept; the message says what is wrong."""

    exit_code = 2


class LibraryError(HanlinError):
    """A library folder that cannot be opened, written or repaired."""

    exit_code = 4


class OutputFileError(HanlinError):
    """A file of results (an analysis table, a chart) cannot be written: the message says why."""

    exit_code = 6


class MarkError(HanlinError):
    """A classification mark or a document to mark that the library does not know (bad usage)."""

    exit_code = 2

