"""The time left the app shows while indexing (`desktop.librarian.eta`, plain Python)."""

from __future__ import annotations

import pytest

from desktop.librarian.eta import Estimate, estimate

MB = 1_000_000


def test_the_time_left_follows_the_byte_rate_so_far():
    # 10 of 40 MB read in 20 s: 30 MB left at 0.5 MB/s
    assert estimate(3, 34, 10 * MB, 40 * MB, 20.0) == Estimate(0.25, pytest.approx(60.0), False)


def test_no_estimate_too_early_in_a_run():
    assert estimate(0, 34, 0.5 * MB, 40 * MB, 10.0).seconds_left is None  # 1% read
    assert estimate(0, 34, 5 * MB, 40 * MB, 1.0).seconds_left is None  # one second in
    assert not estimate(0, 34, 5 * MB, 40 * MB, 1.0).finishing


def test_every_page_read_but_files_left_to_store_is_finishing_not_zero():
    """The case seen in the app: 32 of 34 files stored, every page read, the run went on for 14 s
    (the last results stored, the last index commit) while the bar said 剩余 0:00."""
    at_end = estimate(32, 34, 40 * MB, 40 * MB, 32.2)
    assert at_end.finishing and at_end.seconds_left is None and at_end.fraction == 1.0


def test_every_file_stored_is_finishing():
    assert estimate(34, 34, 39 * MB, 40 * MB, 40.0).finishing  # sizes changed under the run: still the end


def test_less_than_a_second_left_is_not_promised():
    almost = estimate(33, 34, 39.5 * MB, 40 * MB, 120.0)  # 0.99 read: 1.5 s left by the rate
    assert almost.seconds_left == pytest.approx(120 * 0.5 / 39.5)
    nearly = estimate(33, 34, 39.9 * MB, 40 * MB, 30.0)  # 0.9975: past the threshold
    assert nearly.finishing and nearly.seconds_left is None


def test_an_empty_run_has_no_estimate():
    assert estimate(0, 0, 0, 0, 5.0) == Estimate(0.0, None, False)
