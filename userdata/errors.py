"""Exception types raised by the user's own data: the user database, notes and digests.

They are `indexer.errors.HanlinError`s, so the CLI and the GUI turn them into messages and exit
codes like any other Hanlin error.
"""

from __future__ import annotations

from indexer.errors import HanlinError


class NotesError(HanlinError):
    """The notes database cannot be opened or is newer than this version of Hanlin."""


class DigestError(HanlinError):
    """A digest that does not exist, or a digest file that cannot be written (full disk, no permission)."""

    exit_code = 6


class ExportRefused(DigestError):
    """A digest export refused because the digest's mark is missing or below its items' highest mark.

    `needed` is the mark the digest must carry (at least).
    """

    exit_code = 7

    def __init__(self, message: str, needed: str = ""):
        super().__init__(message)
        self.needed = needed
