"""`python -m indexer.cli` runs the `hanlin` command."""

import sys

from indexer.cli import main

sys.exit(main())
