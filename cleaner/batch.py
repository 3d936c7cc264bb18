"""Cleaning many documents: a process pool over the inputs, outputs written as they come."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from .inputs import InputDoc, ReadOptions, iter_documents, load_content
from .outputs import Totals, write_summary
from .pipeline import Cleaner
from .report import write_report_after_run
from .writers import NEEDS_METADATA, STDOUT, open_sink, render


@dataclass
class BatchOptions:
    rules_dirs: list[Path] = field(default_factory=list)
    site_rules: bool = True
    site: str | None = None
    jobs: int = 0  # 0: one process per core
    ftr: Path | None = None  # ftr-site-config checkout used as rules
    adblock: Path | None = None  # ad-block list whose cosmetic rules are applied
    quiet: bool = False
    format: str = "txt"  # txt | jsonl | md (cleaner.writers)
    metadata: bool | None = None  # None: when the format needs it
    read: ReadOptions = field(default_factory=ReadOptions)
    diff_format: str = "unified"  # "unified" | "json"


_worker: tuple[Cleaner, BatchOptions] | None = None


def _init_worker(options: BatchOptions) -> None:
    global _worker
    _worker = (Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules,
                       ftr=options.ftr, adblock=options.adblock), options)


def _clean_one(doc: InputDoc, outdir: Path) -> dict:
    """Read, clean and write one document. Errors come back as a record, never raised."""
    assert _worker is not None
    cleaner, options = _worker
    if doc.error is not None:  # the reader could not make this document
        return {"input": doc.label, "error": doc.error}
    metadata = NEEDS_METADATA[options.format] if options.metadata is None else options.metadata
    try:
        result = cleaner.clean(load_content(doc), url=doc.url, kind=doc.kind, site=options.site,
                               content_type=doc.content_type, metadata=metadata,
                               markdown=options.format == "md")
        return render(outdir, doc, result, options.format, options.diff_format)
    except Exception as exc:  # one bad document must not stop the batch
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {"input": doc.label, "error": f"{type(exc).__name__}: {message}"}


def _results(docs: Iterator[InputDoc], outdir: Path, options: BatchOptions) -> Iterator[dict]:
    jobs = options.jobs or os.cpu_count() or 1
    if jobs == 1:
        _init_worker(options)
        for doc in docs:
            yield _clean_one(doc, outdir)
        return
    # A bounded window of pending documents keeps memory flat however many inputs there are.
    window = jobs * 8
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(options,)) as pool:
        pending: dict[Future, int] = {}
        ready: dict[int, dict] = {}
        next_out = 0
        for n, doc in enumerate(docs):
            pending[pool.submit(_clean_one, doc, outdir)] = n
            if len(pending) >= window:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    ready[pending.pop(f)] = f.result()
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
        for f in list(pending):
            ready[pending.pop(f)] = f.result()
        while next_out in ready:
            yield ready.pop(next_out)
            next_out += 1


def run_batch(inputs: list[Path], outdir: Path, options: BatchOptions) -> dict:
    """Clean every document under ``inputs`` into ``outdir``; returns the summary."""
    start = time.perf_counter()
    documents, errors, totals = [], [], Totals()
    sink = open_sink(outdir, options.format)
    ok = False
    try:
        docs = iter_documents(inputs, None if outdir == STDOUT else outdir, options.read)
        for entry in _results(docs, outdir, options):
            if "error" in entry:
                errors.append(entry)
                print(f"cleaner: error: {entry['input']}: {entry['error']}", file=sys.stderr)
            else:
                entry = sink.add(entry)
                totals.add(entry)
                if sink.keeps_documents:
                    documents.append(entry)
        ok = True
    finally:
        sink.close(ok)
    summary = write_summary(None if outdir == STDOUT else outdir, documents, errors,
                            time.perf_counter() - start, totals)
    if options.format == "txt" and outdir != STDOUT:
        # report.html is built from the per-document data only the txt format saves.
        write_report_after_run(outdir, summary)
    return summary
