"""``cleaner check CORPUS``: clean a corpus and compare with the pinned expected outputs.

Layout: every input document ``CORPUS/<name>.html`` or ``.txt`` (optionally ``.gz``,
subfolders allowed) has next to it ``CORPUS/<name>.expected``, exactly the ``.txt`` that
``cleaner clean`` writes for it. ``<name>`` is the one ``clean`` uses for its output, so
``cleaner clean CORPUS -o OUT`` writes ``OUT/<name>.txt`` equal to ``<name>.expected``.
"""

from __future__ import annotations

import difflib
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .inputs import InputDoc, read_bytes, walk_inputs
from .outputs import atomic_write
from .pipeline import Cleaner
from .readers.names import printable

EXPECTED_SUFFIX = ".expected"


@dataclass(frozen=True)
class CheckOptions:
    rules_dirs: tuple[Path, ...] = ()
    site_rules: bool = True
    update: bool = False
    max_removed: float | None = None  # share of characters, 0..1
    min_chars: int | None = None
    jobs: int = 0


@dataclass
class DocCheck:
    """The verdict on one corpus document."""

    input: str
    expected: str
    problems: list[str] = field(default_factory=list)  # empty: passed
    diff: str = ""  # unified diff expected -> actual, when they differ
    first_line: int = 1  # first line of the expected file that differs (for annotations)
    updated: bool = False
    error: bool = False  # could not be cleaned at all
    removed_share: float = 0.0
    chars_out: int = 0
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {
            "input": self.input,
            "expected": self.expected,
            "status": "error" if self.error else "pass" if self.passed else "fail",
            "updated": self.updated,
            "problems": self.problems,
            "removed_share": round(self.removed_share, 4),
            "chars_out": self.chars_out,
            "diff": self.diff,
        }


def expected_path(corpus: Path, doc: InputDoc) -> Path:
    return corpus / (str(doc.relative) + EXPECTED_SUFFIX)


def plan(corpus: Path) -> tuple[list[tuple[InputDoc, Path]], list[Path]]:
    """The documents with their expected files, and expected files that have no document."""
    docs = [(doc, expected_path(corpus, doc)) for doc in walk_inputs([corpus])]
    claimed = {p.resolve() for _, p in docs}
    orphans = sorted(p for p in corpus.rglob("*" + EXPECTED_SUFFIX) if p.resolve() not in claimed)
    return docs, orphans


def _diff(expected: str, actual: str, expected_name: str, actual_name: str) -> tuple[str, int]:
    """A unified diff of two outputs, and the first differing line of ``expected`` (1-based)."""
    old, new = expected.splitlines(), actual.splitlines()
    lines = list(difflib.unified_diff(old, new, expected_name, actual_name, lineterm=""))
    if expected != actual and not lines:  # only the final newline differs
        lines = [f"--- {expected_name}", f"+++ {actual_name}", "@@ final newline differs @@"]
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    first = next((a + 1 for tag, a, _, _, _ in matcher.get_opcodes() if tag != "equal"), len(old) or 1)
    return "\n".join(lines) + ("\n" if lines else ""), min(first, max(1, len(old)))


def check_document(cleaner: Cleaner, doc: InputDoc, expected: Path, options: CheckOptions) -> DocCheck:
    """Clean one document and judge it; never raises for a bad document."""
    # printable: a file name's undecodable bytes would fail the JSON and JUnit reports
    verdict = DocCheck(input=printable(str(doc.path)), expected=printable(str(expected)))
    start = time.perf_counter()
    try:
        result = cleaner.clean(read_bytes(doc.path), kind=doc.kind)
    except Exception as exc:  # one bad document must not stop the check
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        verdict.problems.append(f"could not clean: {type(exc).__name__}: {message}")
        verdict.error = True
        return verdict
    actual = result.output_text()
    verdict.chars_out = len(result.text)
    verdict.removed_share = 1 - result.chars_out / result.chars_in if result.chars_in else 0.0
    pinned = expected.read_text(encoding="utf-8") if expected.is_file() else None
    if pinned != actual:
        verdict.diff, verdict.first_line = _diff(pinned or "", actual, verdict.expected,
                                                 f"{verdict.input} (cleaned now)")
        if options.update:
            atomic_write(expected, actual)
            verdict.updated = True
        elif pinned is None:
            verdict.problems.append("no expected output (run `cleaner check --update` to pin it)")
        else:
            verdict.problems.append(f"clean output differs from {expected}")
    if options.max_removed is not None and verdict.removed_share > options.max_removed:
        verdict.problems.append(f"cleaning removed {verdict.removed_share:.1%} of the text, "
                                f"more than --max-removed {options.max_removed:g}")
    if options.min_chars is not None and verdict.chars_out < options.min_chars:
        verdict.problems.append(f"clean text has {verdict.chars_out} characters, "
                                f"fewer than --min-chars {options.min_chars}")
    verdict.seconds = time.perf_counter() - start
    return verdict


_worker: tuple[Cleaner, CheckOptions] | None = None


def _init_worker(options: CheckOptions) -> None:
    global _worker
    _worker = (Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules), options)


def _check_in_worker(task: tuple[InputDoc, Path]) -> DocCheck:
    assert _worker is not None
    return check_document(_worker[0], task[0], task[1], _worker[1])


def run_check(corpus: Path, options: CheckOptions) -> tuple[list[DocCheck], list[Path]]:
    """Check every document of ``corpus``, in corpus order; also the orphan expected files."""
    tasks, orphans = plan(corpus)
    return list(_verdicts(tasks, options)), orphans


def _verdicts(tasks: list[tuple[InputDoc, Path]], options: CheckOptions) -> Iterator[DocCheck]:
    jobs = min(options.jobs or os.cpu_count() or 1, max(1, len(tasks) // 4))
    if jobs <= 1:
        _init_worker(options)
        yield from map(_check_in_worker, tasks)
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(options,)) as pool:
        yield from pool.map(_check_in_worker, tasks, chunksize=4)
