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

import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .backends import CleanSettings, InlineBackend, PoolBackend, default_jobs, done_future, error_entry
from .inputs import InputDoc, ReadOptions, iter_documents, load_content
from .manifest import Fingerprints, Manifest, content_hash, remove_stale_temp_files
from .outputs import Totals, write_summary
from .pipeline import Cleaner
from .progress import Progress, wants_progress
from .readers.files import format_of, walk_files
from .report import data as report_data
from .report import write_report_after_run
from .writers import NEEDS_METADATA, STDOUT, open_sink


@dataclass
class BatchOptions:
    rules_dirs: list[Path] = field(default_factory=list)
    site_rules: bool = True
    site: str | None = None
    jobs: int = 0  # 0: one process per core
    quiet: bool = False
    guard_limits: dict[str, float | None] = field(default_factory=dict)  # see cleaner.guard
    format: str = "txt"  # txt | jsonl | md (cleaner.writers)
    metadata: bool | None = None  # None: when the format needs it
    read: ReadOptions = field(default_factory=ReadOptions)
    diff_format: str = "unified"  # "unified" | "json"
    force: bool = False  # clean everything, ignoring the manifest
    scheduler: str | None = None  # Dask scheduler address: clean on that cluster
    ftr: Path | None = None  # ftr-site-config checkout used as site rules
    adblock: Path | None = None  # ad-block list whose cosmetic rules are applied
    progress: bool | None = None  # None: a bar when stderr is a terminal and not quiet


# Options that change how a run goes, not what it writes: left out of the fingerprint.
# (The rules directories are fingerprinted by content, not by path.)
_RUN_ONLY_OPTIONS = {"rules_dirs", "jobs", "quiet", "force", "scheduler", "progress"}


def output_options(options: BatchOptions) -> dict:
    chosen = {k: v for k, v in asdict(options).items() if k not in _RUN_ONLY_OPTIONS}
    chosen["metadata"] = clean_settings(options).metadata  # the default is the format's choice
    return chosen


class BatchInterrupted(Exception):
    """The run was stopped by a signal; what finished is journaled for the next run."""

    def __init__(self, signum: int, stats: dict):
        self.signum, self.stats = signum, stats
        super().__init__(f"interrupted by signal {signum}")


def incremental(options: BatchOptions, outdir: Path) -> bool:
    """Skipping and resuming need per-document files; a single JSON Lines stream is redone."""
    return outdir != STDOUT and options.format in ("txt", "md")


def output_files(outdir: Path, entry: dict, options: BatchOptions) -> list[Path]:
    """The files :func:`cleaner.writers.render` made for a document, from its summary entry."""
    main = outdir / entry["output"]
    base = str(main)[: -len(main.suffix)]
    if options.format == "md":
        return [main, Path(base + ".diff")]
    diff_suffix = ".diff.json" if options.diff_format == "json" else ".diff"
    return [main, Path(base + diff_suffix), Path(base + report_data.SUFFIX)]


REORDER = 8  # finished documents allowed to wait for a slower one, per window


def clean_settings(options: BatchOptions) -> CleanSettings:
    metadata = NEEDS_METADATA[options.format] if options.metadata is None else options.metadata
    return CleanSettings(options.site, options.format, metadata, options.diff_format)


def make_backend(cleaner: Cleaner, options: BatchOptions, outdir: Path):
    settings = clean_settings(options)
    if options.scheduler:
        from .dask_backend import DaskBackend

        return DaskBackend(options.scheduler, cleaner, settings, outdir)
    jobs = options.jobs or default_jobs()
    if jobs == 1:
        return InlineBackend(cleaner, settings, outdir)
    return PoolBackend(cleaner, settings, outdir, jobs)


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
                  outdir: Path, options: BatchOptions) -> bool:
    if previous is None or previous.get("source") != doc.label or previous.get("hash") != digest:
        return False
    entry = previous.get("entry")
    if not isinstance(entry, dict) or not isinstance(entry.get("output"), str):
        return False  # a record this version did not write: clean again
    if previous.get("fingerprint") != fingerprints.for_site(entry.get("site")):
        return False
    return all(p.is_file() for p in output_files(outdir, entry, options))


def _outcomes(docs: Iterable[InputDoc], backend, manifest: Manifest | None, fingerprints: Fingerprints,
              outdir: Path, options: BatchOptions,
              stop: _StopFlag) -> Iterator[tuple[InputDoc, str | None, str, dict]]:
    """(doc, content hash, "cleaned" | "unchanged" | "error", entry) in input order.

    Without a ``manifest`` nothing is hashed or skipped."""
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
        content = None
        if doc.error is not None:  # the reader could not make this document
            inflight.append((doc, None, "error", done_future({"input": doc.label, "error": doc.error})))
        else:
            try:
                content = load_content(doc, options.read.max_bytes)  # over --max-bytes: never read whole
            except Exception as exc:  # unreadable input: named, and the batch goes on
                inflight.append((doc, None, "error", done_future(error_entry(doc, exc))))
        if content is not None:
            digest = previous = None
            if manifest is not None:
                # surrogatepass: a JSON record's lone "\ud800" must not fail the run here
                raw = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
                digest = content_hash(raw)
                previous = None if options.force else manifest.get(str(doc.relative))
            if previous is not None and _is_unchanged(previous, doc, digest, fingerprints, outdir, options):
                inflight.append((doc, digest, "unchanged", done_future(previous["entry"])))
            else:
                # the content travels once, not also inside the document
                task_doc = replace(doc, content=None) if doc.content is not None else doc
                inflight.append((doc, digest, "submitted", backend.submit(task_doc, content)))
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


def _one_line(message: str) -> str:
    """A message as one line, even if a file name or an exception holds line breaks."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _count_documents(inputs: list[Path], outdir: Path, options: BatchOptions) -> int | None:
    """How many documents there are, for the ETA; None when only reading them would tell
    (standard input, JSON Lines and WARC containers)."""
    if any(top == Path("-") for top in inputs) or options.read.input_format in ("jsonl", "warc"):
        return None
    count = 0
    for path, _relative in walk_files(inputs, None if outdir == STDOUT else outdir):
        if format_of(path) in ("jsonl", "warc"):
            return None
        count += 1
    return count


def run_batch(inputs: list[Path], outdir: Path, options: BatchOptions,
              docs: Iterable[InputDoc] | None = None, cleaner: Cleaner | None = None) -> dict:
    """Clean every document in ``inputs`` (or the given ``docs``) into ``outdir``.

    Returns the summary written to ``summary.json``, plus a ``"run"`` key (not written)
    counting documents ``cleaned``, ``unchanged`` (skipped thanks to the manifest) and
    ``errors``. Raises :class:`BatchInterrupted` after SIGINT/SIGTERM.
    """
    start = time.perf_counter()
    if cleaner is None:
        cleaner = Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules,
                          ftr=options.ftr, adblock=options.adblock,
                          guard_limits=options.guard_limits)
    fingerprints = Fingerprints(cleaner, output_options(options))
    to_stdout = outdir == STDOUT
    counter = None
    if docs is None:
        docs = iter_documents(inputs, None if to_stdout else outdir, options.read)
        counter = lambda: _count_documents(inputs, outdir, options)  # noqa: E731
    show = options.progress if options.progress is not None else wants_progress(options.quiet)
    documents: list[dict] = []
    errors: list[dict] = []
    totals = Totals()
    stats = {"cleaned": 0, "unchanged": 0, "errors": 0}
    if not to_stdout:
        outdir.mkdir(parents=True, exist_ok=True)
    with (Manifest(outdir) if incremental(options, outdir) else nullcontext()) as manifest, \
            _stop_on_signals() as stop:
        if manifest is not None and manifest.interrupted_before:
            remove_stale_temp_files(outdir)
        sink = open_sink(outdir, options.format)
        progress = None
        ok = False
        try:
            backend = make_backend(cleaner, options, outdir)  # workers start before any thread
            progress = Progress(show, counter)
            try:
                for doc, digest, how, entry in _outcomes(docs, backend, manifest, fingerprints, outdir,
                                                         options, stop):
                    key = str(doc.relative)
                    if how == "error":
                        errors.append(entry)
                        if manifest is not None:
                            manifest.forget(key)
                        progress.message(_one_line(f"cleaner: error: {entry['input']}: {entry['error']}"))
                    else:
                        for warning in entry.get("warnings", ()) if how == "cleaned" else ():
                            progress.message(_one_line(f"cleaner: warning: {entry['input']}: {warning}"))
                        if manifest is not None:
                            record = {"source": doc.label, "hash": digest,
                                      "fingerprint": fingerprints.for_site(entry.get("site")),
                                      "entry": entry}
                            (manifest.record if how == "cleaned" else manifest.keep)(key, record)
                        entry = sink.add(entry)
                        totals.add(entry)
                        if sink.keeps_documents:
                            documents.append(entry)
                    stats["errors" if how == "error" else how] += 1
                    progress.advance(unchanged=how == "unchanged")
            finally:
                backend.close()
            ok = stop.signum is None
        finally:
            if progress is not None:
                progress.close()
            sink.close(ok)  # an interrupted JSON Lines stream is not left half-written
        if stop.signum is not None:
            raise BatchInterrupted(stop.signum, stats)
        summary = write_summary(None if to_stdout else outdir, documents, errors,
                                time.perf_counter() - start, totals)
        if manifest is not None:
            manifest.compact()
    if options.format == "txt" and not to_stdout:
        # report.html is built from the per-document data only the txt format saves.
        write_report_after_run(outdir, summary)
    summary["run"] = stats
    return summary
