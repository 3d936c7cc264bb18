"""Readers: every input (files, directories, JSON Lines, WARC/ARC, standard input) as documents.

The format is chosen by extension, or for all inputs by ``ReadOptions.input_format``;
standard input (``-``) is sniffed when no format is given. Containers are streamed:
one record is in memory at a time, however large the file.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..limits import DEFAULT_MAX_BYTES, TooLarge, read_capped
from .document import InputDoc, ReadOptions
from .files import format_of, kind_of, open_binary, open_regular, read_bytes, walk_files, walk_inputs
from .jsonl import read_jsonl
from .warc import read_warc

__all__ = [
    "InputDoc", "ReadOptions", "format_of", "iter_documents", "kind_of", "load_content",
    "read_bytes", "walk_inputs",
]

INPUT_FORMATS = ("auto", "html", "text", "jsonl", "warc")
STDIN = Path("-")
_SNIFF_BYTES = 64
#: what reading a broken stream raises (gzip.BadGzipFile is an OSError; a cut-off gzip, EOFError)
_STREAM_ERRORS = (OSError, EOFError, zlib.error)


def load_content(doc: InputDoc, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes | str:
    """The document's content: inline, or read from its file (under ``max_bytes``)."""
    if doc.content is not None:
        return doc.content
    if doc.path is None:
        raise ValueError("document has neither content nor path")
    return read_bytes(doc.path, max_bytes)


def _kind(input_format: str) -> str | None:
    return input_format if input_format in ("html", "text") else None


def _container(stream: BinaryIO, fmt: str, source: str, base: Path,
               options: ReadOptions) -> Iterator[InputDoc]:
    if fmt == "jsonl":
        yield from read_jsonl(stream, source, base, options)
    else:
        yield from read_warc(stream, source, base, options.max_bytes)


def _file_documents(path: Path, relative: Path, options: ReadOptions) -> Iterator[InputDoc]:
    fmt = options.input_format if options.input_format != "auto" else format_of(path)
    if fmt in ("jsonl", "warc"):
        try:
            # warcio recognises gzip itself and needs the raw bytes to find member boundaries
            stream = open_regular(path) if fmt == "warc" else open_binary(path)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            yield InputDoc(path, relative, None, error=f"cannot open: {reason}")
            return
        with stream:
            yield from _container(stream, fmt, str(path), relative, options)
    else:
        yield InputDoc(path, relative, _kind(fmt or "auto"))


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff the format)."""

    def __init__(self, prefix: bytes, rest: BinaryIO):
        self._prefix, self._rest = prefix, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n], self._prefix = self._prefix[:n], self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def sniff(head: bytes) -> str:
    """The format of a stream from its first bytes: "warc", "jsonl" or "auto" (one document)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "auto"


def _unreadable(base: Path, exc: BaseException) -> InputDoc:
    kind = "zlib.error" if isinstance(exc, zlib.error) else type(exc).__name__
    return InputDoc(None, base, None, source="<stdin>", error=f"unreadable input: {kind}: {exc}")


def _stdin_documents(stdin: BinaryIO, base: Path, options: ReadOptions) -> Iterator[InputDoc]:
    try:
        head = stdin.read(2)
        stream: BinaryIO = io.BufferedReader(_Prefixed(head, stdin))
        if head == b"\x1f\x8b":  # gzip: look at (and read) what is inside
            stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
        head = stream.read(_SNIFF_BYTES)
    except _STREAM_ERRORS as exc:  # corrupt or cut-off gzip
        yield _unreadable(base, exc)
        return
    stream = io.BufferedReader(_Prefixed(head, stream))
    fmt = options.input_format if options.input_format != "auto" else sniff(head)
    if fmt in ("jsonl", "warc"):
        yield from _container(stream, fmt, "<stdin>", base, options)
        return
    try:
        content = read_capped(stream, options.max_bytes)
    except TooLarge as exc:
        yield InputDoc(None, base, None, source="<stdin>", error=str(exc))
        return
    except _STREAM_ERRORS as exc:
        yield _unreadable(base, exc)
        return
    yield InputDoc(None, base, _kind(fmt), content=content, source="<stdin>")


def _walk_errors(errors: list[OSError], top: Path) -> Iterator[InputDoc]:
    """A directory the walk could not list (unreadable, or gone since its parent was listed)."""
    while errors:
        exc = errors.pop(0)
        folder = Path(exc.filename) if exc.filename else top
        yield InputDoc(folder, Path(), None, error=f"cannot list directory: {exc.strerror or exc}")


def iter_documents(inputs: list[Path], outdir: Path | None = None,
                   options: ReadOptions | None = None,
                   stdin: BinaryIO | None = None) -> Iterator[InputDoc]:
    """Every document of every input, in order; ``Path("-")`` is standard input.

    With several inputs each one's outputs go under its own name, so they cannot collide.
    """
    options = options or ReadOptions()
    prefixed = len(inputs) > 1
    for top in inputs:
        if top == STDIN:
            yield from _stdin_documents(stdin or sys.stdin.buffer, Path("stdin"), options)
            continue
        errors: list[OSError] = []
        for path, relative in walk_files([top], outdir, prefixed=prefixed, errors=errors):
            yield from _walk_errors(errors, top)
            yield from _file_documents(path, relative, options)
        yield from _walk_errors(errors, top)
