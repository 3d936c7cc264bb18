"""JSON Lines: one document per record, read as a stream.

The content, URL and id are found by common field names unless named on the command line.
Every other field is kept in :attr:`InputDoc.fields` so the JSONL writer can pass it on.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..limits import TooLarge, capped_lines
from .document import InputDoc, ReadOptions
from .names import UniqueNames, safe_name

# First present wins; HTML before text because it is the richer source.
HTML_FIELDS = ("html", "raw_html", "content")
TEXT_FIELDS = ("text",)
URL_FIELDS = ("url", "uri", "link")
ID_FIELDS = ("id", "_id", "doc_id", "uuid")


def _first(record: dict, names: Iterable[str]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return name
    return None


def _content_field(record: dict, options: ReadOptions) -> tuple[str, str | None]:
    """(field name, kind) of the record's document; raises ValueError when there is none."""
    for name, kind in ((options.html_field, "html"), (options.text_field, "text")):
        if name is not None:
            if not isinstance(record.get(name), str):
                raise ValueError(f"no string field {name!r}")
            return name, kind
    name = _first(record, HTML_FIELDS)
    if name is not None:
        return name, "html" if name != "content" else None  # "content" may be either
    name = _first(record, TEXT_FIELDS)
    if name is not None:
        return name, "text"
    wanted = ", ".join(HTML_FIELDS + TEXT_FIELDS)
    raise ValueError(f"no content field (looked for {wanted}; name one with --html-field or --text-field)")


def _scalar(record: dict, name: str | None, candidates: Iterable[str]) -> str | None:
    names = [name] if name is not None else list(candidates)
    for n in names:
        value = record.get(n)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value)
    return None


def read_jsonl(stream: BinaryIO | Iterable[bytes], source: str, base: Path,
               options: ReadOptions) -> Iterator[InputDoc]:
    """Documents of a JSON Lines stream; ``base`` is the output folder for per-record files.

    A line over ``options.max_bytes`` is skipped (read past, never held) with an error;
    a stream that breaks off (a corrupt or truncated ``.gz``) ends with one error.
    """
    unique = UniqueNames()
    lines = capped_lines(stream, options.max_bytes) if hasattr(stream, "readline") else iter(stream)
    number = 0
    while True:
        try:
            line = next(lines, None)
        except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            yield InputDoc(None, base, None, source=f"{source}:{number + 1}",
                           error=f"unreadable JSON Lines: {type(exc).__name__}: {exc}")
            return
        if line is None:
            return
        number += 1
        label = f"{source}:{number}"
        if isinstance(line, TooLarge):
            yield InputDoc(None, base, None, source=label, error=f"record {line}")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError(f"a record must be a JSON object, not {type(record).__name__}")
            field, kind = _content_field(record, options)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError; deep nesting
            yield InputDoc(None, base, None, source=label, error=f"invalid record: {exc}")
            continue
        doc_id = _scalar(record, options.id_field, ID_FIELDS)
        fields = {k: v for k, v in record.items() if k != field}
        yield InputDoc(
            None,
            base / unique(safe_name(doc_id or "", f"record-{number}")),
            kind,
            content=record[field],
            url=_scalar(record, options.url_field, URL_FIELDS),
            id=doc_id or str(number),
            source=label,
            fields=fields,
        )
