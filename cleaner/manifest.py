"""What OUTDIR already holds: each output's input hash and the fingerprint that cleaned it.

The manifest is ``OUTDIR/.cleaner/manifest.jsonl``, one JSON object per line. During a
run every finished document is appended (and flushed) *after* its outputs are in place,
so a run stopped at any point leaves a journal the next run can resume from: an entry
means its outputs are complete. A torn last line (a killed process) is ignored. At the
end of a complete run the journal is compacted to this run's documents.

A document is skipped when its source, content hash and fingerprint are unchanged and
its outputs still exist. The fingerprint (:class:`Fingerprints`) covers everything that
shapes a document's output: the cleaner code and library versions, the options, the
generic phrase lists, the site-detection data of every rule, and the rule that matched
the document. Editing one site's rule therefore re-cleans that site's documents only.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import IO

from .outputs import atomic_write, json_text
from .pipeline import Cleaner
from .rules import SiteRule

STATE_DIR = ".cleaner"
MANIFEST_NAME = "manifest.jsonl"
INCOMPLETE_NAME = "incomplete"  # present while a run is going; left behind by a killed run
LOCK_NAME = "lock"


def content_hash(content: bytes) -> str:
    return "sha256:" + hashlib.sha256(content).hexdigest()


def _digest(value: object) -> str:
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


# Modules that run batches and commands but never shape a document's outputs; editing
# them must not re-clean a corpus. Every other module of the package counts.
_RUN_MACHINERY = {"__main__.py", "batch.py", "backends.py", "manifest.py", "progress.py", "dask_backend.py",
                  "cli.py"}


def _code_digest() -> str:
    """The cleaner package's source and the versions of the libraries that extract text."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if path.parent == package and (path.name in _RUN_MACHINERY or path.name.startswith("cli_")):
            continue
        h.update(str(path.relative_to(package)).encode())
        h.update(path.read_bytes())
    for dist in ("trafilatura", "lxml", "lxml_html_clean", "charset-normalizer"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return h.hexdigest()


def _rule_body(rule: SiteRule) -> dict:
    """The parts of a (resolved) site rule that change what it removes."""
    return {
        "id": rule.id,
        "html_drop": rule.html_drop,
        "drop_lines": rule.drop_lines,
        "drop_patterns": [p.pattern for p in rule.drop_patterns],
        "strip": [p.pattern for p in rule.strip],
        "cut_after": [p.pattern for p in rule.cut_after],
        "cut_before": [p.pattern for p in rule.cut_before],
        "html_body": rule.html_body,
        "html_title": rule.html_title,
        "html_replace": rule.html_replace,
    }


class Fingerprints:
    """Fingerprint of the rules and options that clean a document, per matched site rule.

    ``options`` are the run options that change outputs (not --jobs or --quiet).
    """

    def __init__(self, cleaner: Cleaner, options: dict):
        # imported ftr rules count like the others; they come after them for a host
        rules = [*cleaner.rules.by_id.values(), *cleaner.ftr_rules.by_id.values()]
        lexicons = {
            name: {"lines": sorted(p.lines), "phrases": p.phrases, "patterns": p.patterns}
            for name, p in sorted(cleaner.lexicons.lists.items())
        }
        # Which rule a document gets depends on every rule's domains and detect strings,
        # and on their order (the first rule to claim a domain wins): not sorted.
        detection = [(r.id, r.domains, r.hosts, r.detect) for r in rules]
        self._shared = _digest({
            "code": _code_digest(),
            "options": options,
            "generic": cleaner.generic,
            "site_rules": cleaner.site_rules_enabled,
            "lexicons": lexicons,
            "detection": detection,
            # ad-block cosmetic rules may apply to any page: the list itself
            "adblock": None if cleaner.adblock is None else cleaner.adblock.rules.to_yaml_data(""),
        })
        self._by_site = {r.id: _digest(_rule_body(r)) for r in rules}
        self._cache: dict[str | None, str] = {}

    def for_site(self, site: str | None) -> str:
        """The fingerprint for a document that matched rule ``site`` (None: no rule)."""
        if site not in self._cache:
            rule_part = "none" if site is None else self._by_site.get(site, "missing")
            self._cache[site] = _digest([self._shared, rule_part])[:32]
        return self._cache[site]


class ManifestBusy(Exception):
    """Another run holds OUTDIR."""


class Manifest:
    """Load, append to and compact ``OUTDIR/.cleaner/manifest.jsonl``. Use as a context manager."""

    def __init__(self, outdir: Path):
        self.dir = outdir / STATE_DIR
        self.path = self.dir / MANIFEST_NAME
        self.previous: dict[str, dict] = {}
        self.current: dict[str, dict] = {}
        self.interrupted_before = False
        self._journal: IO[str] | None = None
        self._lock: IO[str] | None = None

    def __enter__(self) -> Manifest:
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.dir / LOCK_NAME, "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise ManifestBusy(f"{self.dir.parent}: another cleaner run is writing here") from None
        marker = self.dir / INCOMPLETE_NAME
        self.interrupted_before = marker.exists()
        self.previous = dict(_read_journal(self.path))
        marker.touch()
        self._journal = open(self.path, "a", encoding="utf-8")
        if self._journal.tell() > 0 and not _ends_with_newline(self.path):
            self._journal.write("\n")  # a killed run's torn line stays alone on its line
        return self

    def __exit__(self, *exc: object) -> None:
        if self._journal is not None:
            self._journal.close()
        if self._lock is not None:
            self._lock.close()

    def get(self, key: str) -> dict | None:
        return self.previous.get(key)

    def keep(self, key: str, record: dict) -> None:
        """An unchanged document: carried over to the compacted manifest."""
        self.current[key] = record

    def record(self, key: str, record: dict) -> None:
        """A freshly written document: journaled at once, so a stop right after keeps it."""
        self.current[key] = record
        self._write_line({"key": key, **record})

    def forget(self, key: str) -> None:
        """A document that failed: its old entry must not be trusted on a later run."""
        self.current.pop(key, None)
        if key in self.previous:
            self._write_line({"key": key, "forget": True})

    def _write_line(self, obj: dict) -> None:
        assert self._journal is not None
        # json_text: a key made from a file name that is not UTF-8 holds lone surrogates;
        # they are written as \\udcXX escapes, which read back as the same key
        self._journal.write(json_text(obj, separators=(",", ":")) + "\n")
        self._journal.flush()

    def compact(self) -> None:
        """After a complete run: the manifest lists exactly this run's documents."""
        assert self._journal is not None
        self._journal.close()
        lines = [json_text({"key": k, **v}, separators=(",", ":")) for k, v in self.current.items()]
        atomic_write(self.path, "".join(line + "\n" for line in lines))
        self._journal = open(self.path, "a", encoding="utf-8")
        (self.dir / INCOMPLETE_NAME).unlink(missing_ok=True)


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"


def _read_journal(path: Path) -> Iterator[tuple[str, dict]]:
    """(key, record) pairs, later lines overriding earlier ones; torn lines skipped."""
    records: dict[str, dict] = {}
    try:
        fh = open(path, encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return iter(())
    with fh:
        for line in fh:
            try:
                obj = json.loads(line)
                key = obj.pop("key")
            except (ValueError, KeyError, AttributeError, TypeError):
                continue
            if obj.get("forget"):
                records.pop(key, None)
            else:
                records[key] = obj
    return iter(records.items())


def remove_stale_temp_files(outdir: Path) -> int:
    """Delete the temporary files of writes a killed run never finished; returns how many."""
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(outdir):
        for name in filenames:
            # outputs.atomic_write names them ".<final name>.<random>.tmp"
            if name.startswith(".") and name.endswith(".tmp"):
                try:
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
                except OSError:
                    pass
    return removed
