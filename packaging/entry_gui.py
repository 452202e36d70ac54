"""Frozen entry point of `hanlin-desktop` (PyInstaller runs this instead of the GUI script).

`multiprocessing.freeze_support()` comes first: the app indexes through `indexer.extract.sandbox`,
whose "spawn" workers re-run this executable.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop.launch import main

    sys.exit(main())
