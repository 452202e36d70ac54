"""`python -m indexer.cli` runs the `hanlin` command."""

from indexer.cli import console_main

console_main()
