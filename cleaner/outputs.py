"""Writing results: ``.txt`` and ``.diff`` per document, ``summary.json`` per run.

Every file is written to a temporary name in its final folder and renamed into place,
so an interrupted run never leaves a half-written output.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .diffreport import unified_diff
from .records import CleanResult


def atomic_write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
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
    }
    if result.guard is not None:
        entry["guard"] = result.guard  # the over-removal guard fell back on this document
    return entry


def write_document(outdir: Path, relative: Path, source: str, result: CleanResult) -> dict:
    base = outdir / relative
    text, diff = result.output_text(), unified_diff(result, name=source)  # both before writing
    atomic_write(base.with_name(base.name + ".txt"), text)
    atomic_write(base.with_name(base.name + ".diff"), diff)
    entry = document_summary(source, result)
    entry["output"] = str(relative) + ".txt"
    return entry


def write_summary(outdir: Path, documents: list[dict], errors: list[dict], seconds: float) -> dict:
    per_rule: dict[str, int] = {}
    for doc in documents:
        for rule, n in doc["removals"].items():
            per_rule[rule] = per_rule.get(rule, 0) + n
    chars_in = sum(d["chars_in"] for d in documents)
    chars_out = sum(d["chars_out"] for d in documents)
    summary = {
        "totals": {
            "documents": len(documents) + len(errors),
            "cleaned": len(documents),
            "errors": len(errors),
            "chars_in": chars_in,
            "chars_out": chars_out,
            "removed_share": round(1 - chars_out / chars_in, 4) if chars_in else 0.0,
            "guarded": sum(1 for d in documents if "guard" in d),
            "removals": dict(sorted(per_rule.items())),
            "seconds": round(seconds, 3),
        },
        "documents": documents,
        "errors": errors,
    }
    atomic_write(outdir / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return summary
