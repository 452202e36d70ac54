"""Hanlin's desktop app (PySide6): windows, models and workers over the `indexer` core.

`desktop` imports `indexer`, never the reverse; long work runs in worker threads and
posts its results back to the GUI thread through signals. Importing the package first
applies `desktop.qtcompat` (PySide6 6.12 on Python 3.11 drops references to None and True).
"""

from desktop.qtcompat import make_singletons_immortal

make_singletons_immortal()
