"""Finding input files under directories and reading them (plain or gzip-compressed)."""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..limits import DEFAULT_MAX_BYTES, TooLarge, over, read_capped
from .document import InputDoc

#: file format by extension (after an optional ``.gz``)
FORMATS = {
    ".html": "html", ".htm": "html", ".txt": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".arc": "warc",
}
KINDS = {".html": "html", ".htm": "html", ".txt": "text"}


def _base_name(path: Path) -> str:
    name = path.name.lower()
    return name[:-3] if name.endswith(".gz") else name


def format_of(path: Path) -> str | None:
    """"html", "text", "jsonl", "warc" or None, from the file name."""
    return FORMATS.get(os.path.splitext(_base_name(path))[1])


def kind_of(path: Path) -> str | None:
    return KINDS.get(os.path.splitext(_base_name(path))[1])


def stem(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return os.path.splitext(name)[0]


def _plan_directory(directory: Path, names: list[str], root: Path) -> Iterator[tuple[Path, Path]]:
    files = [directory / n for n in sorted(names) if format_of(directory / n)]
    stems: dict[str, int] = {}
    for f in files:
        stems[stem(f)] = stems.get(stem(f), 0) + 1
    for f in files:
        # a.html and a.txt side by side would both write a.txt: keep the full name then.
        name = stem(f) if stems[stem(f)] == 1 else f.name
        yield f, f.parent.relative_to(root) / name


def walk_files(inputs: list[Path], outdir: Path | None = None,
               prefixed: bool | None = None,
               errors: list[OSError] | None = None) -> Iterator[tuple[Path, Path]]:
    """(file, relative output base) for every input file, in a stable order.

    Directories are walked for files of a known format, skipping ``outdir`` itself. With
    several inputs (``prefixed``) each one's outputs go under its own name. Symlinked
    directories are not followed (so a symlink cycle cannot loop). A directory that
    cannot be listed is appended to ``errors`` (when given) and the walk goes on.
    """
    skip = outdir.resolve() if outdir is not None else None
    prefixed = len(inputs) > 1 if prefixed is None else prefixed
    for top in inputs:
        prefix = Path(top.name) if prefixed else Path()
        if top.is_dir():
            on_error = None if errors is None else errors.append
            for dirpath, dirnames, filenames in os.walk(top, onerror=on_error):
                current = Path(dirpath)
                dirnames[:] = sorted(
                    d for d in dirnames if skip is None or (current / d).resolve() != skip
                )
                for path, relative in _plan_directory(current, filenames, top):
                    yield path, prefix / relative
        else:
            yield top, prefix.with_suffix("") if prefixed else Path(stem(top))


def walk_inputs(inputs: list[Path], outdir: Path | None = None) -> Iterator[InputDoc]:
    """Every HTML or text file under ``inputs`` as a document (containers not opened)."""
    for path, relative in walk_files(inputs, outdir):
        if format_of(path) in (None, "html", "text"):
            yield InputDoc(path, relative, kind_of(path) or "text")


class CorruptGzip(ValueError):
    """A ``.gz`` input that is not gzip data, or breaks off."""


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file (symlinks followed).

    A FIFO, socket or device named like an input would block the run or never end; it is
    opened without blocking and refused. A dangling symlink or a file that vanished since
    the walk raises :class:`FileNotFoundError` as usual.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ValueError(f"not a regular file ({_file_type(mode)})")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a file"


def is_gzip_name(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


class _OwningGzipFile(gzip.GzipFile):
    """A GzipFile that closes the file it reads from too (GzipFile leaves a passed one open)."""

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        super().__init__(fileobj=raw, mode="rb")

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def open_binary(path: Path) -> BinaryIO:
    """The file as a binary stream, gunzipped when its name ends in ``.gz``."""
    raw = open_regular(path)
    return _OwningGzipFile(raw) if is_gzip_name(path) else raw  # type: ignore[return-value]


def read_bytes(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The file's content, gunzipped when its name ends in ``.gz``.

    Over ``max_bytes`` (after decompression) it raises :class:`~cleaner.limits.TooLarge`:
    a plain file by its size before anything is read, a ``.gz`` once the decompressed
    stream passes the cap. ``None`` or 0: no limit.
    """
    raw = open_regular(path)
    with raw:
        size = os.fstat(raw.fileno()).st_size
        if not is_gzip_name(path):
            if over(size, max_bytes):
                raise TooLarge(size, max_bytes)  # type: ignore[arg-type]
            return read_capped(raw, max_bytes, size)
        try:
            with gzip.GzipFile(fileobj=raw, mode="rb") as fh:  # decompressed only as far as the cap
                return read_capped(fh, max_bytes)
        except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
            kind = "zlib.error" if isinstance(exc, zlib.error) else type(exc).__name__
            raise CorruptGzip(f"corrupt gzip data: {kind}: {exc}") from None
