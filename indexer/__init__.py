"""Hanlin's core library: extract, clean, segment, index and search Chinese PDFs.

This package never imports Qt; the desktop app (`desktop`) builds on it.
"""

__version__ = "0.1.0"
