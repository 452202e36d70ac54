"""The background helper: results, errors and progress reach the GUI thread; discarded jobs stay silent."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from desktop.tasks import Pools, run_in_pool


@pytest.fixture
def pools():
    pools = Pools()
    yield pools
    pools.wait()


def test_result_is_delivered_in_the_gui_thread(qtbot, pools):
    seen = {}

    def work(job):
        seen["worker"] = QThread.currentThread()
        return 42

    got = []
    job = run_in_pool(work, pool=pools.read, on_success=lambda value: got.append((value, QThread.currentThread())))
    with qtbot.waitSignal(job.finished):
        pass
    assert got[0][0] == 42
    assert got[0][1] is not seen["worker"]


def test_error_goes_to_on_error_with_its_traceback(qtbot, pools):
    errors = []

    def work(job):
        raise ValueError("坏了")

    job = run_in_pool(work, pool=pools.read, on_success=lambda v: pytest.fail("no result expected"),
                      on_error=errors.append)
    with qtbot.waitSignal(job.finished):
        pass
    assert isinstance(errors[0], ValueError) and "坏了" in errors[0].hanlin_traceback


def test_progress_is_reported_and_cancel_reaches_the_work(qtbot, pools):
    values = []
    release = threading.Event()

    def work(job):
        job.report("first", force=True)
        release.wait(10)
        return job.cancelled.is_set()

    job = run_in_pool(work, pool=pools.write, on_progress=values.append)
    qtbot.waitUntil(lambda: values == ["first"])
    job.cancel()
    release.set()
    with qtbot.waitSignal(job.succeeded) as blocker:
        pass
    assert blocker.args == [True]


def test_discarded_job_delivers_nothing(qtbot, pools):
    release = threading.Event()
    job = run_in_pool(lambda job: release.wait(10), pool=pools.read,
                      on_success=lambda v: pytest.fail("discarded result delivered"))
    job.discard()
    release.set()
    with qtbot.waitSignal(job.finished):
        pass


def test_write_pool_runs_one_job_at_a_time(qtbot, pools):
    running, peak = [0], [0]
    lock = threading.Lock()

    def work(job):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        QThread.msleep(30)  # a worker thread, not the test: keeps both jobs overlapping if they could
        with lock:
            running[0] -= 1

    jobs = [run_in_pool(work, pool=pools.write) for _ in range(3)]
    qtbot.waitUntil(lambda: not any(j.running for j in jobs))
    assert peak[0] == 1



def test_none_and_true_survive_the_binding_dropping_references(qapp):
    """PySide6 6.12 on Python 3.11: void calls and emit() each take a reference from None/True."""
    import sys

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QLineEdit

    from desktop.qtcompat import IMMORTAL_BOOST, needs_immortal_singletons

    class Probe(QObject):
        ping = Signal()

    probe, edit = Probe(), QLineEdit()
    for _ in range(20_000):  # more than None's and True's counts without the work-around
        probe.ping.emit()
        edit.update()
    if needs_immortal_singletons():
        assert sys.getrefcount(None) > IMMORTAL_BOOST // 2
        assert sys.getrefcount(True) > IMMORTAL_BOOST // 2
