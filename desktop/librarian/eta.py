"""The time left of an indexing run, as the progress bar shows it (plain Python, no Qt).

The core counts bytes: files done, and files in flight by their share of pages read
(`indexer.library.progress.IndexProgress.fraction_bytes`). Bytes alone mislead: a scanned file
is large and quick, text-heavy small files are slow, and the largest files go first, so the
bytes run ahead of the work (剩余 0:01 at 2 of 7 seed files). Files alone mislead the other way.
The share done is taken as the geometric mean of the two (files in flight counted by pages
read); on traces of four app runs over 34 files (seeds, real/zh_policy, real/zh_paper) its
estimate was off by 7–26 s on average against 25–47 s for bytes and 21–40 s for files. From
the rate so far this gives the time left of *reading* the files. What follows the last page — storing the last results
and the last commit of the search index — has no rate to go by, and on a new library it can
take a tenth of the run or more: then the estimate says so (`finishing`) instead of showing
0:00 over a full bar for many seconds. Too early in a run there is no honest estimate either
(`seconds_left` None).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Below this share of the bytes read, or this many seconds into the run, there is no estimate yet.
MIN_FRACTION = 0.02
MIN_SECONDS = 3.0


@dataclass(frozen=True)
class Estimate:
    """Where a run stands: the share read, the seconds left, or that it is finishing."""

    fraction: float  # 0..1 done: geometric mean of the bytes and the files read (files in flight by pages read)
    seconds_left: float | None  # None: not known yet, or finishing
    finishing: bool  # every page is read: storing and the last index commit remain, of unknown length


def estimate(files_done: int, files_total: int, bytes_done: float, bytes_total: int, elapsed: float,
             in_flight: Sequence[tuple[int, int]] = (), pages_per_second: float = 0.0) -> Estimate:
    """The estimate of a run `elapsed` seconds in, with these counts (see `IndexProgress`).

    `in_flight`: (pages read, pages) of each file being read. The run is finishing once no file
    waits and every file being read has its last page read. Bytes measure the work unevenly (a
    scanned file is large and quick): once no file waits, the pages left of the files being read at
    the run's page rate (`pages_per_second`) give the time left instead; while files wait and the
    bytes say less than a second, there is no estimate rather than 0:00.
    """
    by_bytes = min(1.0, max(0.0, bytes_done / bytes_total)) if bytes_total > 0 else 0.0
    by_files = (files_done + sum(done / total for done, total in in_flight if total)) / files_total \
        if files_total > 0 else 0.0
    fraction = math.sqrt(by_bytes * min(1.0, by_files))
    waiting = files_total - files_done - len(in_flight)
    if files_total > 0 and (files_done >= files_total or
                            (waiting <= 0 and all(total and done >= total for done, total in in_flight))):
        return Estimate(fraction, None, True)
    if elapsed < MIN_SECONDS or fraction < MIN_FRACTION:
        return Estimate(fraction, None, False)
    left = elapsed * (1.0 - fraction) / fraction
    if waiting <= 0 and pages_per_second > 0:
        left = max(left, sum(max(0, total - done) for done, total in in_flight) / pages_per_second)
    return Estimate(fraction, left if left >= 1.0 else None, False)
