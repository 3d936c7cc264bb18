"""Writing results: ``.txt`` and ``.diff`` per document, ``summary.json`` per run.

Every file is written to a temporary name in its final folder and renamed into place,
so an interrupted run never leaves a half-written output.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .diffreport import diff_file
from .readers.names import printable
from .records import CleanResult
from .report import data as report_data


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files readable by the owner only; outputs get the usual permissions.
_FILE_MODE = 0o666 & ~_umask()


class OutsideOutdir(ValueError):
    """An output path that would land outside OUTDIR (through a symlinked folder in it)."""


def inside_outdir(outdir: Path, base: Path) -> None:
    """Refuse to write ``base``'s files when its folder resolves outside ``outdir``.

    Relative output names are made of safe components (the readers see to that), but a
    folder inside OUTDIR may be a symlink to anywhere; writing through it, or creating
    folders under it, would write outside OUTDIR. OUTDIR itself may be a symlink. A file
    that is a symlink is no danger: :func:`atomic_write` replaces the link, not its target.
    """
    root = outdir.resolve()
    folder = base.parent.resolve()
    if folder != root and root not in folder.parents:
        raise OutsideOutdir(f"output folder {base.parent} resolves to {folder}, outside OUTDIR {root}")


def atomic_write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def json_text(value, **options) -> str:
    """``json.dumps`` keeping non-ASCII text readable, unless it holds lone surrogates
    (from ``\\ud800`` escapes in input JSON): those cannot be written as UTF-8, so then
    everything non-ASCII is escaped, which is still valid JSON that reads back the same."""
    text = json.dumps(value, ensure_ascii=False, **options)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True, **options)
    return text


def write_all(files: list[tuple[Path, str]]) -> None:
    """Write one document's files, all or none: when one cannot be written, the ones
    already written in this call are removed again, so a failed document leaves nothing."""
    written: list[Path] = []
    try:
        for path, data in files:
            atomic_write(path, data)
            written.append(path)
    except BaseException:
        for path in written:
            try:
                path.unlink()
            except OSError:
                pass
        raise


def document_summary(source: str, result: CleanResult) -> dict:
    """One document's entry in ``summary.json``, computed from its records."""
    removed_chars: dict[str, int] = {}
    for r in result.removals:
        removed_chars[r.rule] = removed_chars.get(r.rule, 0) + len(r.text)
    entry = {
        "input": source,
        "kind": result.kind,
        "site": result.site,
        "title": result.title,
        "chars_in": result.chars_in,
        "chars_out": result.chars_out,
        "removals": result.removals_by_rule(),
        "removed_chars": dict(sorted(removed_chars.items())),
        **({"warnings": list(result.warnings)} if result.warnings else {}),
    }
    if result.guard is not None:
        entry["guard"] = result.guard  # the over-removal guard fell back on this document
    return entry


def write_document(outdir: Path, relative: Path, source: str, result: CleanResult,
                   diff_format: str = "unified") -> dict:
    base = outdir / relative
    inside_outdir(outdir, base)
    text, (diff_suffix, diff) = result.output_text(), diff_file(result, source, diff_format)
    write_all([
        (base.with_name(base.name + ".txt"), text),
        (base.with_name(base.name + diff_suffix), diff),
        # What report.html is built from, so ``cleaner report`` never needs to clean again.
        (base.with_name(base.name + report_data.SUFFIX), report_data.document_data(source, result)),
    ])
    entry = document_summary(source, result)
    entry["output"] = printable(str(relative)) + ".txt"
    return entry


class Totals:
    """Run totals, added up one summary entry at a time (no list of documents needed)."""

    def __init__(self) -> None:
        self.cleaned = 0
        self.chars_in = 0
        self.chars_out = 0
        self.removals: dict[str, int] = {}
        self.guarded = 0  # documents the over-removal guard fell back on

    def add(self, entry: dict) -> None:
        self.cleaned += 1
        self.guarded += "guard" in entry
        self.chars_in += entry["chars_in"]
        self.chars_out += entry["chars_out"]
        for rule, n in entry["removals"].items():
            self.removals[rule] = self.removals.get(rule, 0) + n


def write_summary(outdir: Path | None, documents: list[dict], errors: list[dict], seconds: float,
                  totals: Totals | None = None) -> dict:
    """Build the run summary; write it to ``OUTDIR/summary.json`` unless ``outdir`` is None.

    ``totals`` is given when ``documents`` was not kept (JSON Lines output).
    """
    if totals is None:
        totals = Totals()
        for doc in documents:
            totals.add(doc)
    chars_in, chars_out = totals.chars_in, totals.chars_out
    summary = {
        "totals": {
            "documents": totals.cleaned + len(errors),
            "cleaned": totals.cleaned,
            "errors": len(errors),
            "chars_in": chars_in,
            "chars_out": chars_out,
            "removed_share": round(1 - chars_out / chars_in, 4) if chars_in else 0.0,
            "guarded": totals.guarded,
            "removals": dict(sorted(totals.removals.items())),
            "seconds": round(seconds, 3),
        },
        "documents": documents,
        "errors": errors,
    }
    if outdir is not None:
        atomic_write(outdir / "summary.json", json_text(summary, indent=2) + "\n")
    return summary
