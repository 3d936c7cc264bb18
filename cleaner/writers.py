"""Output formats: ``txt`` (as before), ``md`` (Markdown files), ``jsonl`` (one stream).

Per-document files (``txt``, ``md``) are written by the worker that cleaned the document,
as before. A JSON Lines record is built by the worker too, but written by the main
process in input order through a :class:`JsonlSink`, to one file or to standard output.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

import yaml

from .diffreport import unified_diff
from .outputs import document_summary, inside_outdir, json_text, write_all, write_document
from .readers import InputDoc
from .readers.names import printable
from .records import CleanResult

FORMATS = ("txt", "jsonl", "md")
STDOUT = Path("-")
JSONL_NAME = "documents.jsonl"
#: formats whose output needs metadata (trafilatura's metadata extraction costs time)
NEEDS_METADATA = {"txt": False, "jsonl": True, "md": True}


def jsonl_record(doc: InputDoc, result: CleanResult) -> dict:
    """One output record: the input record's other fields, then what cleaning found.

    The content field is replaced by ``text``; an input ``id`` or ``url`` is kept as it
    was (an integer id stays an integer); cleaner's other keys win over input fields of
    the same name.
    """
    record = dict(doc.fields or {})
    metadata = result.metadata or {}
    record.setdefault("id", doc.id if doc.id is not None else doc.relative.as_posix())
    record.setdefault("url", doc.url or metadata.get("canonical_url"))
    record.update({
        "site": result.site,
        "title": result.title,
        "text": result.text,
        "removals": [{"rule": r.rule, "text": r.text} for r in result.removals],
        "metadata": result.metadata,
        "decoding": result.decoding,
    })
    return record


def front_matter(metadata: dict | None) -> str:
    """YAML front matter from the metadata fields that were found (static-site style)."""
    found = {k: v for k, v in (metadata or {}).items() if v}
    if not found:
        return ""
    return "---\n" + yaml.safe_dump(found, allow_unicode=True, sort_keys=False) + "---\n\n"


def write_markdown(outdir: Path, relative: Path, source: str, result: CleanResult) -> dict:
    base = outdir / relative
    inside_outdir(outdir, base)
    text = front_matter(result.metadata) + (result.markdown or "")
    diff = unified_diff(result, name=source)
    write_all([(base.with_name(base.name + ".md"), text), (base.with_name(base.name + ".diff"), diff)])
    entry = document_summary(source, result)
    entry["output"] = printable(relative.as_posix()) + ".md"
    return entry


def render(outdir: Path, doc: InputDoc, result: CleanResult, fmt: str,
           diff_format: str = "unified") -> dict:
    """Write (txt, md) or build (jsonl: under ``"record"``) one document's output.

    Returns its summary entry, as :func:`cleaner.outputs.document_summary` makes it.
    """
    if fmt == "jsonl":
        entry = document_summary(doc.label, result)
        entry["record"] = json_text(jsonl_record(doc, result))
    elif fmt == "md":
        entry = write_markdown(outdir, doc.relative, doc.label, result)
    else:
        entry = write_document(outdir, doc.relative, doc.label, result, diff_format)
    if doc.url:
        entry["url"] = doc.url
    entry["decoding"] = result.decoding
    if result.metadata is not None and fmt != "jsonl":  # a jsonl record carries its own
        entry["metadata"] = result.metadata
    return entry


class FileSink:
    """txt and md: the worker already wrote the files; entries go to summary.json."""

    keeps_documents = True

    def add(self, entry: dict) -> dict:
        return entry

    def close(self, ok: bool = True) -> None:
        pass


class JsonlSink:
    """jsonl: records appended in input order to OUTDIR/documents.jsonl or standard output.

    The file is written under a temporary name and renamed when the run ends, so an
    interrupted run leaves no half-written ``documents.jsonl``. Summary entries are not
    kept (the records carry them), so memory stays flat however many records there are.
    """

    keeps_documents = False

    def __init__(self, outdir: Path, stdout: TextIO | None = None):
        self._tmp: str | None = None
        if outdir == STDOUT:
            self._fh = stdout or sys.stdout
            self._path = None
        else:
            outdir.mkdir(parents=True, exist_ok=True)
            self._path = outdir / JSONL_NAME
            fd, self._tmp = tempfile.mkstemp(dir=outdir, prefix=f".{JSONL_NAME}.", suffix=".tmp")
            self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def add(self, entry: dict) -> dict:
        self._fh.write(entry.pop("record") + "\n")
        entry["output"] = JSONL_NAME if self._path is not None else "-"
        return entry

    def close(self, ok: bool = True) -> None:
        if self._path is None:
            self._fh.flush()
            return
        self._fh.close()
        if ok:
            os.replace(self._tmp, self._path)
        else:
            os.unlink(self._tmp)


def open_sink(outdir: Path, fmt: str) -> FileSink | JsonlSink:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return JsonlSink(outdir) if fmt == "jsonl" else FileSink()
