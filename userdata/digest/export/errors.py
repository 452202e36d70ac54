"""The one error type the digest exporters raise on purpose."""

from __future__ import annotations

from userdata.errors import DigestError


class ExportError(DigestError):
    """A digest could not be exported; `message` says why in Chinese and English.

    `reason` is a stable code: ``format`` (unknown format), ``font`` (no Chinese font for the
    PDF) or ``write`` (the file could not be written: no folder, no permission, full disk).
    """

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message
