"""Cleaning many documents: parallel, resumable, observable.

Inputs stream through a bounded window (never a list of all of them). The main process
reads and hashes each document and skips it when the manifest says OUTDIR already holds
its outputs for the same content, rules and options; everything else goes to a backend:
in-process (``--jobs 1``), a local process pool, or a Dask cluster (``--scheduler``).
Results come back in input order, so the outputs are the same whatever the backend.

SIGINT and SIGTERM stop the run between documents: no new work starts, the documents in
progress finish writing (every write is temp file + rename) and are journaled, and the run
ends with :class:`BatchInterrupted`. Running the same command again resumes.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .inputs import InputDoc, read_bytes, walk_inputs
from .manifest import Fingerprints, Manifest, content_hash, remove_stale_temp_files
from .outputs import write_document, write_summary
from .pipeline import Cleaner
from .progress import Progress, wants_progress


@dataclass
class BatchOptions:
    rules_dirs: list[Path] = field(default_factory=list)
    site_rules: bool = True
    site: str | None = None
    jobs: int = 0  # 0: one process per core
    quiet: bool = False
    force: bool = False  # clean everything, ignoring the manifest
    scheduler: str | None = None  # Dask scheduler address: clean on that cluster
    progress: bool | None = None  # None: a bar when stderr is a terminal and not quiet


# Options that change how a run goes, not what it writes: left out of the fingerprint.
# (The rules directories are fingerprinted by content, not by path.)
_RUN_ONLY_OPTIONS = {"rules_dirs", "jobs", "quiet", "force", "scheduler", "progress"}


def output_options(options: BatchOptions) -> dict:
    return {k: v for k, v in asdict(options).items() if k not in _RUN_ONLY_OPTIONS}


class BatchInterrupted(Exception):
    """The run was stopped by a signal; what finished is journaled for the next run."""

    def __init__(self, signum: int, stats: dict):
        self.signum, self.stats = signum, stats
        super().__init__(f"interrupted by signal {signum}")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def read_content(doc: InputDoc) -> bytes:
    """A document's bytes (the one place the engine reads an input)."""
    return read_bytes(doc.path)


def output_files(outdir: Path, entry: dict) -> list[Path]:
    """The files ``write_document`` made for a document, from its summary entry."""
    txt = outdir / entry["output"]
    return [txt, txt.with_name(txt.name[: -len(".txt")] + ".diff")]


def error_entry(doc: InputDoc, exc: BaseException) -> dict:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return {"input": str(doc.path), "error": f"{type(exc).__name__}: {message}"}


# ---- backends ----
# submit(doc, content) -> future; wait_any(futures); finish(doc, value) -> summary entry;
# abandon(future) -> True if it will write nothing; close(). ``window``: documents in work.

REORDER = 8  # finished documents allowed to wait for a slower one, per window

_worker: tuple[Cleaner, str | None] | None = None


def _init_worker(cleaner: Cleaner, site: str | None, parent: int) -> None:
    global _worker
    # The parent decides when to stop; a worker killed mid-write would leave temp files.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _worker = (cleaner, site)


def _exit_with_parent(parent: int) -> None:
    """A parent killed with SIGKILL cannot stop its pool: leave with it, not linger.

    (A write cut short here leaves only a temp file, which the next run deletes.)"""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _clean_and_write(doc: InputDoc, content: bytes, outdir: Path) -> dict:
    """Clean and write one document. Errors come back as an entry, never raised."""
    assert _worker is not None
    cleaner, site = _worker
    try:
        result = cleaner.clean(content, kind=doc.kind, site=site)
        return write_document(outdir, doc.relative, str(doc.path), result)
    except Exception as exc:  # one bad document must not stop the batch
        return error_entry(doc, exc)


def _done(value: object) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class InlineBackend:
    """``--jobs 1``: clean in this process, no pool to start."""

    def __init__(self, cleaner: Cleaner, site: str | None, outdir: Path):
        self.outdir, self.window = outdir, 1
        self._state = (cleaner, site)

    def submit(self, doc: InputDoc, content: bytes) -> Future:
        global _worker
        _worker = self._state
        return _done(_clean_and_write(doc, content, self.outdir))

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

    def __init__(self, cleaner: Cleaner, site: str | None, outdir: Path, jobs: int):
        self.outdir, self.jobs = outdir, jobs
        self._init = (cleaner, site, os.getpid())
        # Enough queued work to keep every worker busy, few enough to keep memory flat.
        self.window = jobs * 4
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, initializer=_init_worker, initargs=self._init)

    def submit(self, doc: InputDoc, content: bytes) -> Future:
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


def make_backend(cleaner: Cleaner, options: BatchOptions, outdir: Path):
    if options.scheduler:
        from .dask_backend import DaskBackend

        return DaskBackend(options.scheduler, cleaner, options.site, outdir)
    jobs = options.jobs or default_jobs()
    if jobs == 1:
        return InlineBackend(cleaner, options.site, outdir)
    return PoolBackend(cleaner, options.site, outdir, jobs)


# ---- the run ----


class _StopFlag:
    signum: int | None = None


@contextmanager
def _stop_on_signals() -> Iterator[_StopFlag]:
    """SIGINT/SIGTERM set a flag checked between documents; a second one stops at once."""
    flag = _StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return

    def handler(signum, frame):
        if flag.signum is not None:
            raise KeyboardInterrupt
        flag.signum = signum

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield flag
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def _is_unchanged(previous: dict | None, doc: InputDoc, digest: str, fingerprints: Fingerprints,
                  outdir: Path) -> bool:
    if previous is None or previous.get("source") != str(doc.path) or previous.get("hash") != digest:
        return False
    entry = previous.get("entry") or {}
    if previous.get("fingerprint") != fingerprints.for_site(entry.get("site")):
        return False
    return all(p.is_file() for p in output_files(outdir, entry))


def _outcomes(docs: Iterable[InputDoc], backend, manifest: Manifest, fingerprints: Fingerprints,
              outdir: Path, force: bool, stop: _StopFlag) -> Iterator[tuple[InputDoc, str | None, str, dict]]:
    """(doc, content hash, "cleaned" | "unchanged" | "error", entry) in input order."""
    inflight: deque[tuple[InputDoc, str | None, str, Future]] = deque()

    def settle() -> tuple[InputDoc, str | None, str, dict]:
        doc, digest, how, future = inflight.popleft()
        try:
            value = future.result()
        except Exception as exc:  # a lost worker or cluster: this document failed, not the run
            value, how = error_entry(doc, exc), "error"
        if how == "submitted":
            try:
                value = backend.finish(doc, value)
            except Exception as exc:
                value = error_entry(doc, exc)
            how = "error" if "error" in value else "cleaned"
        return doc, digest, how, value

    for doc in docs:
        if stop.signum is not None:
            break
        try:
            content = read_content(doc)
        except Exception as exc:  # unreadable input: named, and the batch goes on
            inflight.append((doc, None, "error", _done(error_entry(doc, exc))))
        else:
            digest = content_hash(content)
            previous = None if force else manifest.get(str(doc.relative))
            if _is_unchanged(previous, doc, digest, fingerprints, outdir):
                inflight.append((doc, digest, "unchanged", _done(previous["entry"])))
            else:
                inflight.append((doc, digest, "submitted", backend.submit(doc, content)))
            del content
        # Bounds: at most ``backend.window`` documents handed out and not finished (their
        # content is in memory), at most ``window * REORDER`` waiting for the document
        # ahead of them (a finished one is only its summary entry). A slow document
        # therefore does not idle the other workers.
        while inflight:
            if inflight[0][3].done():
                yield settle()
                continue
            if len(inflight) >= backend.window * REORDER:
                backend.wait_any([inflight[0][3]])
                continue
            pending = [item[3] for item in inflight if not item[3].done()]
            if len(pending) >= backend.window:
                backend.wait_any(pending)
                continue
            break
    if stop.signum is not None:
        # Stop: drop what has not started; what is running finishes its writes and is kept.
        kept = deque(item for item in inflight if not (item[2] == "submitted" and backend.abandon(item[3])))
        inflight.clear()
        inflight.extend(kept)
    while inflight:
        yield settle()


def run_batch(inputs: list[Path], outdir: Path, options: BatchOptions,
              docs: Iterable[InputDoc] | None = None, cleaner: Cleaner | None = None) -> dict:
    """Clean every document under ``inputs`` (or the given ``docs``) into ``outdir``.

    Returns the summary written to ``summary.json``, plus a ``"run"`` key (not written)
    counting documents ``cleaned``, ``unchanged`` (skipped thanks to the manifest) and
    ``errors``. Raises :class:`BatchInterrupted` after SIGINT/SIGTERM.
    """
    start = time.perf_counter()
    if cleaner is None:
        cleaner = Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules)
    fingerprints = Fingerprints(cleaner, output_options(options))
    outdir.mkdir(parents=True, exist_ok=True)
    counter = None
    if docs is None:
        docs = walk_inputs(inputs, outdir)
        counter = lambda: sum(1 for _ in walk_inputs(inputs, outdir))  # noqa: E731
    show = options.progress if options.progress is not None else wants_progress(options.quiet)
    documents: list[dict] = []
    errors: list[dict] = []
    stats = {"cleaned": 0, "unchanged": 0, "errors": 0}
    with Manifest(outdir) as manifest, _stop_on_signals() as stop:
        if manifest.interrupted_before:
            remove_stale_temp_files(outdir)
        progress = Progress(show, counter)
        backend = make_backend(cleaner, options, outdir)
        try:
            for doc, digest, how, entry in _outcomes(docs, backend, manifest, fingerprints, outdir,
                                                     options.force, stop):
                key = str(doc.relative)
                if how == "error":
                    errors.append(entry)
                    manifest.forget(key)
                    progress.message(f"cleaner: error: {entry['input']}: {entry['error']}")
                else:
                    documents.append(entry)
                    record = {"source": str(doc.path), "hash": digest,
                              "fingerprint": fingerprints.for_site(entry.get("site")), "entry": entry}
                    if how == "cleaned":
                        manifest.record(key, record)
                    else:
                        manifest.keep(key, record)
                stats["errors" if how == "error" else how] += 1
                progress.advance(unchanged=how == "unchanged")
        finally:
            progress.close()
            backend.close()
        if stop.signum is not None:
            raise BatchInterrupted(stop.signum, stats)
        summary = write_summary(outdir, documents, errors, time.perf_counter() - start)
        manifest.compact()
    summary["run"] = stats
    return summary
