"""Cleaning many documents: a process pool over the inputs, outputs written as they come."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from .inputs import InputDoc, read_bytes, walk_inputs
from .outputs import write_document, write_summary
from .pipeline import Cleaner


@dataclass
class BatchOptions:
    rules_dirs: list[Path] = field(default_factory=list)
    site_rules: bool = True
    site: str | None = None
    jobs: int = 0  # 0: one process per core
    ftr: Path | None = None  # ftr-site-config checkout used as rules
    adblock: Path | None = None  # ad-block list whose cosmetic rules are applied
    quiet: bool = False


_worker: tuple[Cleaner, BatchOptions] | None = None


def _init_worker(options: BatchOptions) -> None:
    global _worker
    _worker = (Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules,
                       ftr=options.ftr, adblock=options.adblock), options)


def _clean_one(doc: InputDoc, outdir: Path) -> dict:
    """Read, clean and write one document. Errors come back as a record, never raised."""
    assert _worker is not None
    cleaner, options = _worker
    try:
        content = read_bytes(doc.path)
        result = cleaner.clean(content, kind=doc.kind, site=options.site)
        return write_document(outdir, doc.relative, str(doc.path), result)
    except Exception as exc:  # one bad document must not stop the batch
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {"input": str(doc.path), "error": f"{type(exc).__name__}: {message}"}


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
    documents, errors = [], []
    for entry in _results(walk_inputs(inputs, outdir), outdir, options):
        if "error" in entry:
            errors.append(entry)
            print(f"cleaner: error: {entry['input']}: {entry['error']}", file=sys.stderr)
        else:
            documents.append(entry)
    return write_summary(outdir, documents, errors, time.perf_counter() - start)
