"""Finding input files under directories and reading them (plain or gzip-compressed)."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path

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
               prefixed: bool | None = None) -> Iterator[tuple[Path, Path]]:
    """(file, relative output base) for every input file, in a stable order.

    Directories are walked for files of a known format, skipping ``outdir`` itself. With
    several inputs (``prefixed``) each one's outputs go under its own name.
    """
    skip = outdir.resolve() if outdir is not None else None
    prefixed = len(inputs) > 1 if prefixed is None else prefixed
    for top in inputs:
        prefix = Path(top.name) if prefixed else Path()
        if top.is_dir():
            for dirpath, dirnames, filenames in os.walk(top):
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


def open_binary(path: Path):
    """The file as a binary stream, gunzipped when its name ends in ``.gz``."""
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def read_bytes(path: Path) -> bytes:
    """The file's content, gunzipped when its name ends in ``.gz``."""
    with open_binary(path) as fh:
        return fh.read()
