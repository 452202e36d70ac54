"""The time left the app shows while indexing (`desktop.librarian.eta`, plain Python)."""

from __future__ import annotations

import pytest

from desktop.librarian.eta import Estimate, estimate

MB = 1_000_000


def test_the_share_done_weighs_bytes_and_files_alike():
    # 10 of 40 MB read, 8.5 of 34 files (one half read), in 20 s: a quarter done either way, 60 s left
    assert estimate(8, 34, 10 * MB, 40 * MB, 20.0, [(15, 30)]) == Estimate(0.25, pytest.approx(60.0), False)
    # the largest files first: 64% of the bytes but 1/4 of the files is 40% done, not 64%
    assert estimate(8, 34, 25.6 * MB, 40 * MB, 20.0, [(15, 30)]).fraction == pytest.approx(0.4)


def test_no_estimate_too_early_in_a_run():
    assert estimate(0, 34, 0.5 * MB, 40 * MB, 10.0).seconds_left is None  # 1% read
    assert estimate(0, 34, 5 * MB, 40 * MB, 1.0).seconds_left is None  # one second in
    assert not estimate(0, 34, 5 * MB, 40 * MB, 1.0).finishing


def test_every_page_read_but_files_left_to_store_is_finishing_not_zero():
    """The case seen in the app: 32 of 34 files stored, the last pages of the other two read, the run
    went on for 14 s (storing them, the last index commit) while the bar said 剩余 0:00."""
    at_end = estimate(32, 34, 40 * MB, 40 * MB, 32.2, [(141, 141), (12, 12)])
    assert at_end.finishing and at_end.seconds_left is None and at_end.fraction == pytest.approx(1.0)


def test_every_file_stored_is_finishing():
    assert estimate(34, 34, 39 * MB, 40 * MB, 40.0).finishing  # sizes changed under the run: still the end


def test_bytes_nearly_all_read_with_pages_left_is_not_zero_and_not_finishing():
    """A scanned file is most of the bytes and quick: read first, it leaves the bytes nearly done
    while five text files with their pages still wait (seen at 2 of 7 files on the seeds: 剩余 0:01)."""
    early = estimate(2, 7, 39.9 * MB, 40 * MB, 6.0, [(3, 12)])
    assert not early.finishing and early.fraction == pytest.approx(0.566, abs=0.001)  # not 99.75%
    assert early.seconds_left == pytest.approx(4.6, abs=0.1)  # not 0:01
    last = estimate(33, 34, 39.9 * MB, 40 * MB, 30.0, [(230, 234)])  # the last file: 4 pages to go
    assert not last.finishing and last.seconds_left is None  # no page rate given
    last = estimate(33, 34, 39.9 * MB, 40 * MB, 30.0, [(230, 234)], pages_per_second=2.0)
    assert last.seconds_left == pytest.approx(2.0)  # 4 pages at 2 pages/s


def test_a_file_handed_out_but_without_a_page_read_yet_is_waiting():
    assert not estimate(33, 34, 39 * MB, 40 * MB, 30.0, []).finishing


def test_an_empty_run_has_no_estimate():
    assert estimate(0, 0, 0, 0, 5.0) == Estimate(0.0, None, False)
