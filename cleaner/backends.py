"""Where documents are cleaned: in this process, or in a local process pool.

A backend takes ``submit(doc, content)`` and returns a future; ``wait_any(futures)``
blocks until one is done; ``finish(doc, value)`` turns a result into the document's
summary entry; ``abandon(future)`` drops queued work (True when it will write nothing);
``close()``; ``window`` is how many documents it should hold in work at once. The Dask
backend (:mod:`cleaner.dask_backend`) has the same shape.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .inputs import InputDoc
from .pipeline import Cleaner
from .records import CleanResult
from .writers import render


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def error_entry(doc: InputDoc, exc: BaseException) -> dict:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return {"input": doc.label, "error": f"{type(exc).__name__}: {message}"}


@dataclass(frozen=True)
class CleanSettings:
    """What a worker needs besides the Cleaner to clean and render one document."""

    site: str | None
    format: str
    metadata: bool
    diff_format: str


def clean_document(cleaner: Cleaner, settings: CleanSettings, doc: InputDoc,
                   content: bytes | str) -> CleanResult:
    return cleaner.clean(content, url=doc.url, kind=doc.kind, site=settings.site,
                         content_type=doc.content_type, metadata=settings.metadata,
                         markdown=settings.format == "md")


_worker: tuple[Cleaner, CleanSettings] | None = None


#: Container objects made (net) before a young-generation collection, see settle_heap.
YOUNG_GENERATION = 10_000


def settle_heap() -> None:
    """Tell the garbage collector that everything alive now stays: modules, rules, models.

    Called once a batch process is set up (the CLI, a pool worker). The cyclic collector
    then no longer walks those objects on every full collection, which otherwise costs
    about 4% of text mode's time as the per-line memo grows (bench/textmode_speed.py
    ``--no-settle``). Not done by the library itself: it is the process owner's decision.

    It also lets the youngest generation grow to :data:`YOUNG_GENERATION` container
    objects between collections (Python's default is 700). Text mode makes and drops a few
    thousand containers per document (lines, records, per-line memo entries), so with the
    default the collector runs several times a document, each time walking what is still
    in use; measured with ``bench/textmode_speed.py``: 0.14 -> 0.05 ms of collector time
    per document, about 2% of text mode. Cycles are still collected, only less often.
    """
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION, older, oldest)


def _init_worker(cleaner: Cleaner, settings: CleanSettings, parent: int) -> None:
    global _worker
    # The parent decides when to stop; a worker killed mid-write would leave temp files.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _worker = (cleaner, settings)
    settle_heap()


def _exit_with_parent(parent: int) -> None:
    """A parent killed with SIGKILL cannot stop its pool: leave with it, not linger.

    (A write cut short here leaves only a temp file, which the next run deletes.)"""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _clean_and_write(doc: InputDoc, content: bytes | str, outdir: Path) -> dict:
    """Clean and render one document (files written, or a JSON Lines record built).

    Errors come back as an entry, never raised."""
    assert _worker is not None
    cleaner, settings = _worker
    try:
        result = clean_document(cleaner, settings, doc, content)
        return render(outdir, doc, result, settings.format, settings.diff_format)
    except Exception as exc:  # one bad document must not stop the batch
        return error_entry(doc, exc)


def done_future(value: object) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class InlineBackend:
    """``--jobs 1``: clean in this process, no pool to start."""

    def __init__(self, cleaner: Cleaner, settings: CleanSettings, outdir: Path):
        self.outdir, self.window = outdir, 1
        self._state = (cleaner, settings)

    def submit(self, doc: InputDoc, content: bytes | str) -> Future:
        global _worker
        _worker = self._state
        return done_future(_clean_and_write(doc, content, self.outdir))

    def wait_any(self, futures: list[Future]) -> None:
        pass  # inline futures are born done

    def finish(self, doc: InputDoc, value: dict) -> dict:
        return value

    def abandon(self, future: Future) -> bool:
        return False

    def close(self) -> None:
        pass


class PoolBackend:
    """A process pool; each worker cleans and writes, only summary entries come back.

    A worker that dies (a crash in a C library, the OOM killer) breaks the pool: the
    documents it held come back as errors and a fresh pool takes the rest.
    """

    task = staticmethod(_clean_and_write)

    def __init__(self, cleaner: Cleaner, settings: CleanSettings, outdir: Path, jobs: int):
        self.outdir, self.jobs = outdir, jobs
        self._init = (cleaner, settings, os.getpid())
        # Enough queued work to keep every worker busy, few enough to keep memory flat.
        self.window = jobs * 4
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(self.jobs, initializer=_init_worker, initargs=self._init)
        # Start the workers now: forked before the progress bar's threads exist, they
        # cannot inherit a lock one of those threads happened to hold.
        pool.submit(os.getpid).result()
        return pool

    def submit(self, doc: InputDoc, content: bytes | str) -> Future:
        try:
            return self._pool.submit(self.task, doc, content, self.outdir)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return self._pool.submit(self.task, doc, content, self.outdir)

    def wait_any(self, futures: list[Future]) -> None:
        wait(futures, return_when=FIRST_COMPLETED)

    def finish(self, doc: InputDoc, value: dict) -> dict:
        return value

    def abandon(self, future: Future) -> bool:
        """Drop a queued document; False when it is already running (it will write)."""
        return future.cancel()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
