"""Hanlin's desktop app (PySide6): windows, models and workers over the `indexer` core.

`desktop` imports `indexer`, never the reverse; long work runs in worker threads and
posts its results back to the GUI thread through signals.
"""
