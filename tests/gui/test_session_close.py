"""A library session closed while a search (or the start-up warm-up) is still to run keeps no index file open."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from desktop.session import LibrarySession


def _open_index_files(root: Path) -> list[str]:
    index = str((root / "index").resolve())
    names = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(index):
            names.append(target)
    return names


def test_a_search_after_close_runs_and_keeps_no_index_file_open(seed_library: Path) -> None:
    session = LibrarySession(seed_library)
    session.warm_up()
    assert _open_index_files(seed_library)  # the shared index is open while the session is
    session.close()
    assert _open_index_files(seed_library) == []
    session.warm_up()  # queued before the switch, run after it (the read pool's warm-up)
    outcome = session.document_hits("科技", doc_id="none")
    assert outcome.total == 0
    gc.collect()
    assert _open_index_files(seed_library) == []
