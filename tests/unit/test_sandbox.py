"""Extraction in worker processes: bad files are reported, and none can hang or crash the caller."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from multiprocessing import connection
from pathlib import Path

import pytest

from indexer.errors import ExtractionError
from indexer.extract.model import ExtractResult
from indexer.extract.sandbox import PROGRESS_SECONDS, StartedWorkers, extract_files, extract_one

TEXT = "第一条 为了规范数据处理活动，保障数据安全，促进数据开发利用。"


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.fixture
def two_pages(make_pdf) -> Path:
    return make_pdf([[(72, 72, TEXT, 12)], [(72, 72, "第二条 在中华人民共和国境内开展数据处理活动。", 12)]])


def no_workers_left() -> bool:
    """True when every worker this process started has been reaped (no zombie, none running)."""
    return multiprocessing.active_children() == []


def test_every_kind_of_file_gets_its_outcome(corpus: Path, two_pages: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.pdf"
    renamed.write_text("关于加强数据安全管理的通知\n", encoding="utf-8")
    robustness = corpus / "robustness"
    expected = {
        str(two_pages): None,
        str(robustness / "enc_owner.pdf"): None,
        str(robustness / "enc_user.pdf"): "encrypted",
        str(robustness / "empty.pdf"): "empty",
        str(robustness / "notpdf.pdf"): "not_pdf",
        str(renamed): "not_pdf",
        str(robustness / "truncated.pdf"): "corrupt",
        str(robustness / "truncated_small.pdf"): "corrupt",
        str(corpus / "real" / "robustness" / "malformed_operator_list_cycle.pdf"): "corrupt",
        str(tmp_path / "missing.pdf"): "missing",
    }
    pages: list[tuple[str, int, int]] = []
    outcomes = dict(extract_files(expected, workers=2, on_page=lambda *p: pages.append(p)))

    assert outcomes.keys() == expected.keys()
    for path, reason in expected.items():
        outcome = outcomes[path]
        if reason is None:
            assert isinstance(outcome, ExtractResult), path
        else:
            assert isinstance(outcome, ExtractionError) and outcome.reason == reason, path
            assert outcome.file == path and "Traceback" not in outcome.message
    result = outcomes[str(two_pages)]
    assert result.pages == 2 and TEXT in result.page_texts[0]
    assert (str(two_pages), 1, 2) in pages and (str(two_pages), 2, 2) in pages
    assert no_workers_left()


def test_extract_one_returns_the_result_or_raises_the_workers_error(corpus: Path, two_pages: Path) -> None:
    result = extract_one(two_pages)
    assert result.sha256 and result.pages == 2
    assert any(TEXT in p.text for doc in result.documents for p in doc.passages)
    with pytest.raises(ExtractionError) as info:
        extract_one(corpus / "robustness" / "enc_user.pdf")
    assert info.value.reason == "encrypted"
    assert "密码" in info.value.message


def test_a_file_past_its_deadline_is_stopped_and_the_next_goes_on(corpus: Path, two_pages: Path) -> None:
    big = str(corpus / "robustness" / "big300.pdf")
    outcomes = dict(extract_files([big, two_pages], workers=1, timeout_per_page=0.001, min_timeout=1.5))
    error = outcomes[big]
    assert isinstance(error, ExtractionError) and error.reason == "timeout"
    assert "/300" in error.message and "timed out" in error.message
    assert isinstance(outcomes[str(two_pages)], ExtractResult)  # a fresh worker took over
    assert no_workers_left()


def test_memory_cap(corpus: Path) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_one(corpus / "robustness" / "type0_noToUnicode.pdf", memory_limit_mb=1)
    assert info.value.reason == "memory"
    assert "1 MB" in info.value.message
    assert no_workers_left()


def test_a_worker_that_dies_is_reported_and_replaced(corpus: Path, two_pages: Path) -> None:
    big = str(corpus / "robustness" / "big300.pdf")
    killed: list[int] = []

    def kill_worker_on_first_page(path: str, page: int, total: int) -> None:
        if path == big and not killed:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)

    outcomes = dict(extract_files([big, two_pages], workers=1, on_page=kill_worker_on_first_page))
    assert killed
    assert outcomes[big].reason == "crashed"
    assert "SIGKILL" in outcomes[big].message
    assert isinstance(outcomes[str(two_pages)], ExtractResult)
    assert no_workers_left()


def test_a_file_deleted_during_the_run_is_reported_missing(make_pdf) -> None:
    first = make_pdf([[(72, 72, TEXT, 12)]], name="first.pdf")
    second = make_pdf([[(72, 72, TEXT, 12)]], name="second.pdf")

    def delete_second(path: str, page: int, total: int) -> None:
        second.unlink(missing_ok=True)

    outcomes = dict(extract_files([first, second], workers=1, on_page=delete_second))
    assert isinstance(outcomes[str(first)], ExtractResult)
    assert outcomes[str(second)].reason == "missing"


def test_progress_tells_the_first_and_last_page_and_not_every_page(make_pdf) -> None:
    """Page messages go at most every PROGRESS_SECONDS, besides the first page (it gives the page
    count, hence the file's deadline) and the last."""
    count = 80
    path = make_pdf([[(72, 72, f"{TEXT} {n}", 12)] for n in range(count)], name="many.pdf")
    pages: list[tuple[str, int, int]] = []
    started = time.monotonic()
    outcomes = dict(extract_files([path], workers=1, on_page=lambda *p: pages.append(p)))
    assert isinstance(outcomes[str(path)], ExtractResult)
    assert pages[0] == (str(path), 1, count) and pages[-1] == (str(path), count, count)
    assert [p[1] for p in pages] == sorted({p[1] for p in pages})
    # One message per page only if each page took PROGRESS_SECONDS; the whole run would then
    # have taken count × PROGRESS_SECONDS.
    assert len(pages) < count or time.monotonic() - started >= count * PROGRESS_SECONDS


def test_cancel_stops_at_once_and_kills_the_workers(corpus: Path) -> None:
    big = corpus / "robustness" / "big300.pdf"
    cancel = threading.Event()
    pages: list[int] = []

    def cancel_on_first_page(path: str, page: int, total: int) -> None:
        pages.append(page)
        cancel.set()

    outcomes = list(extract_files([big, big], workers=2, on_page=cancel_on_first_page, cancel=cancel))
    assert outcomes == []
    assert pages and max(pages) < 300
    assert no_workers_left()


def test_leaving_the_loop_early_kills_the_workers(corpus: Path, two_pages: Path) -> None:
    big = corpus / "robustness" / "big300.pdf"
    outcomes = extract_files([two_pages, big], workers=2)
    path, first = next(outcomes)
    assert path == str(two_pages) and isinstance(first, ExtractResult)
    outcomes.close()
    assert no_workers_left()


def test_no_files_starts_no_worker() -> None:
    assert list(extract_files([])) == []
    assert no_workers_left()


def test_workers_started_ahead_do_the_extraction_and_the_ones_left_over_are_stopped(two_pages: Path) -> None:
    with StartedWorkers(3) as started:
        ahead = {worker.process.pid for worker in started.workers}
        outcomes = list(extract_files([two_pages], workers=2, started=started))
        assert [type(outcome) for _, outcome in outcomes] == [ExtractResult]
        assert len(started.workers) == 2  # one file takes one worker: two were not taken
        assert {worker.process.pid for worker in started.workers} < ahead
    assert {child.pid for child in multiprocessing.active_children()}.isdisjoint(ahead)
    assert no_workers_left()


def test_workers_told_to_finish_exit_cleanly(two_pages: Path, tmp_path: Path) -> None:
    """Idle workers at the end of a run are told to finish, all at once, and exit with status 0
    (not killed); a worker never taken is stopped too.

    Both workers are let finish starting first: one still starting when the run ends is killed
    (waiting for its start-up would hold up the end of the run), and with two small files the
    first worker up could otherwise take both."""
    other = tmp_path / "copy.pdf"
    other.write_bytes(two_pages.read_bytes() + b"\n")
    with StartedWorkers(2) as started:
        workers = list(started.workers)
        deadline = time.monotonic() + 60
        while len(connection.wait([w.conn for w in workers], timeout=0.05)) < 2:  # both said "ready"
            assert time.monotonic() < deadline, "the workers did not start"
        outcomes = list(extract_files([two_pages, other], workers=2, started=started))
        assert sorted(type(outcome).__name__ for _, outcome in outcomes) == ["ExtractResult", "ExtractResult"]
    assert [worker.process.exitcode for worker in workers] == [0, 0]
    assert no_workers_left()


def test_an_error_in_the_callback_is_the_callers_not_a_crash(two_pages: Path) -> None:
    def broken_callback(path: str, page: int, total: int) -> None:
        raise FileNotFoundError("the caller's own bug")

    with pytest.raises(FileNotFoundError, match="the caller's own bug"):
        list(extract_files([two_pages], on_page=broken_callback))
    assert no_workers_left()


def test_workers_cut_the_passages_into_the_index_words_the_writer_would_make(seeds_dir: Path) -> None:
    """With `segment`, each passage comes back with the words `segmenting.words` makes of its text."""
    from indexer.search.segmenting import words

    pdf = seeds_dir / "002-newspaper-page.pdf"
    [(_, plain)] = list(extract_files([pdf], workers=1))
    [(_, cut)] = list(extract_files([pdf], workers=1, segment=words))
    assert isinstance(plain, ExtractResult) and isinstance(cut, ExtractResult)
    assert plain.index_words is None and "index_words" not in plain.to_json()
    assert cut.index_words is not None
    passages = [p for doc in cut.documents for p in doc.passages]
    made = [w for doc in cut.index_words for w in doc]
    assert len(made) == len(passages) > 3
    for passage, given in zip(passages, made, strict=True):
        assert given is not None
        length, joined, positions = given
        assert length == len(passage.text)
        assert list(zip(joined.split("\x1f"), positions, strict=True)) == words(passage.text)
