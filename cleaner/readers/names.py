"""Safe, unique output names for records that carry their own ids (JSONL, WARC).

An id or URL comes from the input, so it may hold ``..``, slashes, absolute paths or
control characters; the name made from it is one path component that cannot leave OUTDIR.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_LENGTH = 100


def safe_name(raw: str, fallback: str) -> str:
    """One path component made of ``[A-Za-z0-9._-]``, never ``.``/``..``, at most 100 chars."""
    name = _UNSAFE.sub("_", raw).strip("._-")
    if not name:
        return fallback
    if len(name) > _MAX_LENGTH:  # keep it unique with a hash of the whole id
        digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        name = f"{name[:_MAX_LENGTH - 11]}_{digest}"
    return name


def url_name(url: str) -> str:
    """``https://example.org/news/a.html?id=3`` -> ``example.org_news_a.html_id_3``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return "_".join(p for p in (parts.netloc, parts.path.strip("/"), parts.query) if p) or url


class UniqueNames:
    """Hands out names once: a repeated id gets ``-2``, ``-3``... (one set per input file)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def __call__(self, name: str) -> str:
        candidate, n = name, 1
        while candidate.lower() in self._seen:  # case-insensitive file systems
            n += 1
            candidate = f"{name}-{n}"
        self._seen.add(candidate.lower())
        return candidate


def printable(text: str) -> str:
    """``text`` as valid Unicode for messages and JSON: lone surrogates (a file name's
    undecodable bytes, as ``os.fsdecode`` gives them) become ``\\xNN`` escapes."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")  # the file name's original bytes
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")  # other lone surrogates
    return raw.decode("utf-8", "backslashreplace")
