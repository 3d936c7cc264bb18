"""Resource limits: the largest document cleaner will read, and reading under that cap.

A crawl holds the odd multi-gigabyte file (a video saved as ``.html``, a gzip bomb, a
JSON line with a whole site in it). Such a document is skipped with an error, and it is
never loaded whole: a file's size is checked before it is read, compressed data is
decompressed under the cap, and a JSON Lines or WARC record over the cap is skipped
while it is read.
"""

from __future__ import annotations

import re
from typing import BinaryIO

#: default ``--max-bytes``: the largest document (after decompression) cleaner reads
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_CHUNK = 1 << 20
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$", re.I)
_UNITS = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3, "t": 1024 ** 4}


class TooLarge(ValueError):
    """A document over the size limit; the message says by how much and how to raise it."""

    def __init__(self, size: int | None, limit: int):
        self.size, self.limit = size, limit
        what = f"{size:,} bytes" if size is not None else "more bytes"
        super().__init__(f"too large: {what} over the limit of {limit:,} bytes (see --max-bytes)")


def parse_size(text: str) -> int:
    """``"50M"``, ``"1.5GB"``, ``"1000"`` -> bytes (K/M/G/T are powers of 1024; 0: no limit)."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"not a size: {text!r} (use e.g. 1000, 500K, 50M, 2G)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def over(size: int, limit: int | None) -> bool:
    return bool(limit) and size > limit  # type: ignore[operator]


def read_capped(stream: BinaryIO, limit: int | None, size: int | None = None) -> bytes:
    """All of ``stream``, or :class:`TooLarge` once more than ``limit`` bytes come out.

    At most ``limit + 1`` bytes are ever held, however much the stream would give
    (a gzip stream is decompressed only that far). ``None`` or 0: no limit.
    """
    if not limit:
        return stream.read()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(size, limit)
    return data


def drain(stream: BinaryIO) -> None:
    """Read the rest of ``stream`` in chunks, keeping none of it."""
    while stream.read(_CHUNK):
        pass


def capped_lines(stream: BinaryIO, limit: int | None):
    """The lines of ``stream`` (with their newline); a line over ``limit`` bytes is yielded
    as :class:`TooLarge` instead, after reading past it in bounded chunks."""
    while True:
        line = stream.readline(limit + 1) if limit else stream.readline()
        if not line:
            return
        if limit and len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the line, a chunk at a time
                rest = stream.readline(_CHUNK)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield TooLarge(size, limit)
        else:
            yield line
