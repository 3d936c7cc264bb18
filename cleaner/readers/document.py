"""What readers hand to the batch: one document, by path or with its content inline."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..limits import DEFAULT_MAX_BYTES
from .names import printable


@dataclass(frozen=True)
class InputDoc:
    """One document to clean.

    A file on disk is read by the worker (``path``); a record from a JSON Lines or WARC
    stream, or standard input, carries its ``content``. ``relative`` is where its
    per-document outputs go, relative to OUTDIR and without suffix; it is always made of
    safe components. A document the reader could not make (bad JSON, a broken WARC) has
    an ``error`` and is reported by the batch like any failed document.
    """

    path: Path | None
    relative: Path
    kind: str | None  # "html" | "text" | None: detect from the content
    content: bytes | str | None = None
    url: str | None = None
    id: str | None = None
    content_type: str | None = None  # HTTP Content-Type header (WARC), for its charset
    source: str = ""  # how messages name it: a path, "file.jsonl:12", "file.warc.gz#<uri>"
    fields: dict | None = field(default=None, compare=False)  # JSONL fields passed through
    error: str | None = None

    @property
    def label(self) -> str:
        return printable(self.source or str(self.path))


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: the format (``auto``: by extension), JSON Lines field names, and
    the largest document read (``max_bytes``, after decompression; None or 0: no limit)."""

    input_format: str = "auto"  # auto | html | text | jsonl | warc
    html_field: str | None = None
    text_field: str | None = None
    url_field: str | None = None
    id_field: str | None = None
    max_bytes: int | None = DEFAULT_MAX_BYTES
