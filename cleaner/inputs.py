"""Finding input documents and reading them (plain or gzip-compressed)."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

KINDS = {".html": "html", ".htm": "html", ".txt": "text"}


@dataclass(frozen=True)
class InputDoc:
    path: Path  # the file to read
    relative: Path  # where its outputs go, relative to OUTDIR, without suffix
    kind: str  # "html" | "text"


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return KINDS.get(os.path.splitext(name)[1])


def _stem(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return os.path.splitext(name)[0]


def _plan_directory(directory: Path, names: list[str], root: Path) -> Iterator[InputDoc]:
    files = [directory / n for n in sorted(names) if kind_of(directory / n)]
    stems: dict[str, int] = {}
    for f in files:
        stems[_stem(f)] = stems.get(_stem(f), 0) + 1
    for f in files:
        # a.html and a.txt side by side would both write a.txt: keep the full name then.
        stem = _stem(f) if stems[_stem(f)] == 1 else f.name
        yield InputDoc(f, f.parent.relative_to(root) / stem, kind_of(f))


def walk_inputs(inputs: list[Path], outdir: Path | None = None) -> Iterator[InputDoc]:
    """Every document under ``inputs``, in a stable order, skipping ``outdir`` itself.

    With several inputs each one's outputs go under its own name, so they cannot collide.
    """
    skip = outdir.resolve() if outdir is not None else None
    for top in inputs:
        prefix = Path(top.name) if len(inputs) > 1 else Path()
        if top.is_dir():
            for dirpath, dirnames, filenames in os.walk(top):
                current = Path(dirpath)
                dirnames[:] = sorted(
                    d for d in dirnames if skip is None or (current / d).resolve() != skip
                )
                for doc in _plan_directory(current, filenames, top):
                    yield InputDoc(doc.path, prefix / doc.relative, doc.kind)
        else:
            kind = kind_of(top) or "text"
            yield InputDoc(top, Path(_stem(top)) if len(inputs) == 1 else prefix.with_suffix(""), kind)


def read_bytes(path: Path) -> bytes:
    """The file's content, gunzipped when its name ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()
