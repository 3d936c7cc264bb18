"""What a run saves for the report: one ``<name>.report.json`` per document.

The file is written by the worker next to the document's ``.txt`` and ``.diff``, from
the removal records, so ``cleaner report OUTDIR`` can rebuild ``report.html`` without
cleaning again. Layout (version 1)::

    {"version": 1, "input": "...", "title": "...", "site": "...",
     "lines": [[before, after, rule], ...],   # the aligned non-blank lines of the diff
     "removals": [{"rule": ..., "stage": ..., "text": ..., "line": ...}, ...]}

In ``lines``, ``after`` is ``true`` when the line was kept unchanged, ``null`` when it was
removed and the output text when a rule changed it; ``before`` is ``null`` for a title
taken from HTML metadata; ``rule`` is the rule that removed or changed the line.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..diffreport import aligned_lines
from ..records import CleanResult

VERSION = 1
SUFFIX = ".report.json"


def document_data(source: str, result: CleanResult) -> str:
    """The report data of one cleaned document, as the JSON text to save."""
    lines = []
    for line in aligned_lines(result):
        after: str | bool | None = True if line.after == line.before else line.after
        lines.append([line.before, after, line.rule])
    doc = {
        "version": VERSION,
        "input": source,
        "title": result.title,
        "site": result.site,
        "lines": lines,
        "removals": [r.to_dict() for r in result.removals],
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def data_path(outdir: Path, entry: dict) -> Path | None:
    """Where the run saved the report data of the summary entry ``entry``."""
    output = entry.get("output")
    if not output or not output.endswith(".txt"):
        return None
    return outdir / (output[: -len(".txt")] + SUFFIX)


def load_document_data(path: Path | None) -> dict | None:
    """The saved report data, or None when it is missing or unreadable (the report says so)."""
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == VERSION else None
