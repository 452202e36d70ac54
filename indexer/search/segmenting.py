"""Word segmentation of many passages on every core, for the index writer.

jieba is pure Python: about 2.7 ms of CPU per passage of ~400 characters, more than twice what
the packed index writer needs for everything else. `segment_all` hands the passages' texts
to worker processes (one per core, `spawn`ed: the caller may have threads) in chunks, keeping a
few chunks in flight, and gives back each text's words in order, as `analysis.index_words`
would. Below `PARALLEL_MIN` passages it segments in-process: starting the workers and loading
jieba's dictionary in each costs one to two seconds.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from indexer.search import analysis

__all__ = ["PARALLEL_MIN", "Words", "segment_all", "words"]

#: Passages below which segmentation stays in the calling process.
PARALLEL_MIN = 3000
#: Passages per task sent to a worker.
CHUNK = 250
#: Tasks kept in flight per worker.
AHEAD = 3

#: One text's index words: (word, position) pairs, as `analysis.index_words` gives them.
Words = list[tuple[str, int]]

_T = TypeVar("_T")


def words(text: str) -> Words:
    """A text's index words, as `segment_all` gives them (for extraction workers: see
    `indexer.extract.sandbox.extract_files`)."""
    analysis.init_segmenter()
    return analysis.index_word_positions(text)



def _segment_chunk(texts: list[str]) -> list[Words]:
    return [words(t) for t in texts]


def _init_worker() -> None:
    analysis.init_segmenter()


def segment_all(items: Iterable[_T], *, key: str = "text", processes: int | None = None
                ) -> Iterator[tuple[_T, Words]]:
    """Each item of `items` with the index words of its text (``getattr(item, key)``), in order.

    Uses `processes` workers (default: the number of cores) once more than `PARALLEL_MIN` items
    come; fewer are segmented in-process. Worker errors are raised here.
    """
    workers = processes if processes is not None else (os.cpu_count() or 1)
    it = iter(items)
    head = list(itertools.islice(it, PARALLEL_MIN))
    if workers <= 1 or len(head) < PARALLEL_MIN:
        for item in itertools.chain(head, it):
            yield item, words(getattr(item, key))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker) as pool:
        pending: deque[tuple[list[_T], Future[list[Words]]]] = deque()
        chunks = _chunks(itertools.chain(head, it), CHUNK)
        try:
            for chunk in itertools.islice(chunks, workers * AHEAD):
                pending.append((chunk, pool.submit(_segment_chunk, [getattr(x, key) for x in chunk])))
            while pending:
                chunk, future = pending.popleft()
                chunk_words = future.result()
                following = next(chunks, None)
                if following is not None:
                    pending.append((following, pool.submit(_segment_chunk, [getattr(x, key) for x in following])))
                yield from zip(chunk, chunk_words, strict=True)
        finally:
            for _, future in pending:
                future.cancel()


def _chunks(items: Iterator[_T], size: int) -> Iterator[list[_T]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk
