"""Frozen entry point of the `hanlin` command (PyInstaller runs this instead of the console script).

`multiprocessing.freeze_support()` comes first: `indexer.extract.sandbox` starts its extraction
workers with the "spawn" method, which re-runs this executable; in the children this call
runs the worker and exits instead of starting the command line again.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from indexer.cli import console_main

    console_main()
