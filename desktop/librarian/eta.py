"""The time left of an indexing run, as the progress bar shows it (plain Python, no Qt).

The core counts bytes: files done, and files in flight by their share of pages read
(`indexer.library.progress.IndexProgress.fraction_bytes`). From the rate so far this gives
the time left of *reading* the files. What follows the last page — storing the last results
and the last commit of the search index — has no rate to go by, and on a new library it can
take a tenth of the run or more: then the estimate says so (`finishing`) instead of showing
0:00 over a full bar for many seconds. Too early in a run there is no honest estimate either
(`seconds_left` None).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Below this share of the bytes read, or this many seconds into the run, there is no estimate yet.
MIN_FRACTION = 0.02
MIN_SECONDS = 3.0
#: From this share of the bytes read on, what is left is finishing (the rest is rounding).
DONE_FRACTION = 0.995


@dataclass(frozen=True)
class Estimate:
    """Where a run stands: the share read, the seconds left, or that it is finishing."""

    fraction: float  # 0..1 of the bytes read (files in flight by pages read)
    seconds_left: float | None  # None: not known yet, or finishing
    finishing: bool  # every page is read: storing and the last index commit remain, of unknown length


def estimate(files_done: int, files_total: int, bytes_done: float, bytes_total: int, elapsed: float) -> Estimate:
    """The estimate of a run `elapsed` seconds in, with these counts (see `IndexProgress`)."""
    fraction = min(1.0, max(0.0, bytes_done / bytes_total)) if bytes_total > 0 else 0.0
    if files_total > 0 and (files_done >= files_total or fraction >= DONE_FRACTION):
        return Estimate(fraction, None, True)
    if elapsed < MIN_SECONDS or fraction < MIN_FRACTION:
        return Estimate(fraction, None, False)
    left = elapsed * (1.0 - fraction) / fraction
    if left < 1.0:  # pages are still being read: less than a second is not a promise worth showing
        return Estimate(fraction, None, True)
    return Estimate(fraction, left, False)
