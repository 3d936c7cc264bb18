"""Scoring cleaner (and extractors alone) against gold data: the engine of ``cleaner eval``.

Two gold layouts are understood:

* **passages** — a directory with ``annotations.json`` (``{"<id>.html.gz": {"url": ...,
  "with": [...], "without": [...]}}``), ``html/`` and ``dumps/``. A passage counts as
  present when it is a substring of the output, both with every run of whitespace
  collapsed to one space. Scores are corpus-level: tp = ``with`` present, fn = ``with``
  missing, fp = ``without`` present.
* **body** — a JSON file ``{id: {"url": ..., "articleBody": ...}}`` next to an ``html/``
  directory (and optionally ``dumps/``). Each output is scored against the full gold text
  with 4-gram shingle precision/recall/F1, averaged over documents.

What is scored is what the user gets: cleaner's title and body (``CleanResult.output_text``).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

MODES = ("html", "text")
#: Systems that can be scored beside cleaner: name -> modes it applies to.
BASELINES = {
    "trafilatura": ("html",),  # trafilatura.extract() with its defaults
    "trafilatura-precision": ("html",),  # trafilatura.extract(favor_precision=True)
    "raw": ("html", "text"),  # the input as is (the dump; for HTML its visible text)
}

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")


class GoldError(Exception):
    """The gold data cannot be read (a usage error: nothing is scored)."""


@dataclass(frozen=True)
class GoldDoc:
    id: str
    url: str | None
    html: Path | None  # the page, if present
    dump: Path | None  # the text dump, if present
    with_passages: tuple[str, ...] = ()
    without_passages: tuple[str, ...] = ()
    body: str | None = None  # full gold text (body layout)


@dataclass
class GoldSet:
    layout: str  # "passages" | "body"
    docs: list[GoldDoc]


# ---------------------------------------------------------------------------- loading

def _first_existing(candidates: Iterable[Path]) -> Path | None:
    return next((p for p in candidates if p.is_file()), None)


def _stem(name: str) -> str:
    """``abc.html.gz`` -> ``abc``; ``abc.html`` -> ``abc``; ``abc`` -> ``abc``."""
    if name.lower().endswith(".gz"):
        name = name[:-3]
    base, ext = os.path.splitext(name)
    return base if ext.lower() in (".html", ".htm", ".txt") else name


def _page_files(root: Path, key: str) -> tuple[Path | None, Path | None]:
    stem = _stem(key)
    html = _first_existing(
        [root / "html" / key] + [root / "html" / f"{stem}{ext}" for ext in
                                 (".html.gz", ".html", ".htm.gz", ".htm")]
    )
    dump = _first_existing(root / "dumps" / f"{stem}{ext}" for ext in (".txt", ".txt.gz"))
    return html, dump


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold JSON: {exc}") from None


def _url(value: object) -> str | None:
    # Only a real URL helps site detection; the dev set's "hard::name" ids do not.
    return value if isinstance(value, str) and "://" in value else None


def load_gold(path: Path) -> GoldSet:
    """Read a gold set in either layout (see the module docstring)."""
    path = Path(path)
    if path.is_dir():
        annotations = path / "annotations.json"
        if not annotations.is_file():
            raise GoldError(f"{path}: no annotations.json (pass the JSON file for the articleBody layout)")
        data = _read_json(annotations)
        if not isinstance(data, dict):
            raise GoldError(f"{annotations}: expected an object of documents")
        docs = []
        for key in sorted(data):
            entry = data[key]
            if not isinstance(entry, dict) or not all(
                isinstance(entry.get(k, []), list) for k in ("with", "without")
            ):
                raise GoldError(f"{annotations}: {key}: expected 'with' and 'without' lists")
            html, dump = _page_files(path, key)
            docs.append(GoldDoc(id=key, url=_url(entry.get("url")), html=html, dump=dump,
                                with_passages=tuple(entry.get("with", [])),
                                without_passages=tuple(entry.get("without", []))))
        return GoldSet("passages", docs)
    data = _read_json(path)
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected an object {{id: {{url, articleBody}}}}")
    root = path.parent
    if not (root / "html").is_dir():
        raise GoldError(f"{path}: no html/ directory next to it")
    docs = []
    for key in sorted(data):
        entry = data[key]
        if not isinstance(entry, dict) or not isinstance(entry.get("articleBody"), str):
            raise GoldError(f"{path}: {key}: expected an 'articleBody' string")
        html, dump = _page_files(root, key)
        docs.append(GoldDoc(id=key, url=_url(entry.get("url")), html=html, dump=dump,
                            body=entry["articleBody"]))
    return GoldSet("body", docs)


def read_file(path: Path) -> bytes:
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


# ---------------------------------------------------------------------------- scoring

def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def score_passages(output: str, with_passages: Iterable[str], without_passages: Iterable[str]
                   ) -> tuple[list[str], list[str], list[str]]:
    """(found ``with``, missed ``with``, leaked ``without``) passages of one output."""
    out = collapse(output)
    found, missed = [], []
    for passage in with_passages:
        (found if collapse(passage) in out else missed).append(passage)
    leaked = [p for p in without_passages if collapse(p) in out]
    return found, missed, leaked


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    """Case-folded word n-grams; a text shorter than n words is one shingle."""
    words = [w.casefold() for w in _WORDS.findall(text)]
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def score_shingles(output: str, gold: str, n: int = 4) -> tuple[float, float, float]:
    """(precision, recall, F1) of the output's n-gram shingles against the gold text's."""
    out, ref = shingles(output, n), shingles(gold, n)
    if not out and not ref:
        return 1.0, 1.0, 1.0
    common = len(out & ref)
    precision = common / len(out) if out else 0.0
    recall = common / len(ref) if ref else 0.0
    return precision, recall, f1(precision, recall)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# ---------------------------------------------------------------------------- running

@dataclass
class EvalOptions:
    modes: tuple[str, ...] = MODES
    baselines: tuple[str, ...] = ()
    site_rules: bool = True
    rules_dirs: tuple[Path, ...] = ()
    title: bool = True  # score title + body (what the user gets) or the body alone
    jobs: int = 0
    disabled: tuple[str, ...] = ()  # rule-id prefixes switched off (ablation)
    guard_limits: dict[str, float | None] = field(default_factory=dict)  # see cleaner.guard
    ftr: Path | None = None  # ftr-site-config checkout used as site rules
    adblock: Path | None = None  # ad-block list whose cosmetic rules are applied


@dataclass
class DocResult:
    """One system's output for one document, scored."""

    id: str
    mode: str
    system: str
    ms: float = 0.0
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)
    precision: float | None = None  # body layout
    recall: float | None = None
    f1: float | None = None
    guard: dict | None = None  # what the over-removal guard measured, when it fell back

    @property
    def flagged(self) -> bool:
        return self.guard is not None
    error: str | None = None

    def to_dict(self) -> dict:
        d = {"id": self.id, "mode": self.mode, "system": self.system, "ms": round(self.ms, 2)}
        if self.error is not None:
            d["error"] = self.error
            return d
        if self.precision is not None:
            d.update(precision=round(self.precision, 4), recall=round(self.recall, 4),
                     f1=round(self.f1, 4))
        else:
            d.update(tp=len(self.found), fn=len(self.missed), fp=len(self.leaked),
                     missed=self.missed, leaked=self.leaked)
        if self.guard is not None:
            d["guard"] = self.guard
        return d


_worker: dict | None = None


def _init_worker(options: EvalOptions) -> None:
    global _worker
    from .pipeline import Cleaner  # imported here so scoring helpers stay light

    cleaner = Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules,
                      disabled=options.disabled, guard_limits=options.guard_limits,
                      ftr=options.ftr, adblock=options.adblock)
    _worker = {"cleaner": cleaner, "title": options.title}


def _raw_html_text(content: bytes) -> str:
    from . import htmlstage

    tree = htmlstage.parse(content)
    return htmlstage.plain_text(tree) if tree is not None else ""


def _system_output(system: str, mode: str, content: bytes, url: str | None) -> tuple[str, dict | None]:
    """(text the user gets, what the over-removal guard did) for one system on one input."""
    assert _worker is not None
    if system == "cleaner":
        result = _worker["cleaner"].clean(content, url=url, kind=mode)
        text = result.output_text() if _worker["title"] else result.text
        return text, result.guard
    if system == "raw":
        if mode == "text":
            from .decode import decode_text

            return decode_text(content)[0], None
        return _raw_html_text(content), None
    import trafilatura

    precision = system == "trafilatura-precision"
    return trafilatura.extract(content, url=url, favor_precision=precision) or "", None


def _run_task(task: tuple[GoldDoc, str, str]) -> DocResult:
    doc, mode, system = task
    result = DocResult(id=doc.id, mode=mode, system=system)
    path = doc.html if mode == "html" else doc.dump
    try:
        content = read_file(path)
        start = time.perf_counter()
        output, result.guard = _system_output(system, mode, content, doc.url)
        result.ms = (time.perf_counter() - start) * 1000
    except Exception as exc:  # one bad page must not stop the evaluation
        message = str(exc).splitlines()[0] if str(exc) else ""
        result.error = f"{type(exc).__name__}: {message}".rstrip(": ")
        return result
    if doc.body is not None:
        result.precision, result.recall, result.f1 = score_shingles(output, doc.body)
    else:
        result.found, result.missed, result.leaked = score_passages(
            output, doc.with_passages, doc.without_passages)
    return result


def plan_tasks(gold: GoldSet, options: EvalOptions) -> tuple[list[tuple[GoldDoc, str, str]], list[str]]:
    """The (document, mode, system) runs to make, and notes on inputs that are missing."""
    tasks, notes = [], []
    systems = ("cleaner",) + tuple(options.baselines)
    for mode in options.modes:
        present = [d for d in gold.docs if (d.html if mode == "html" else d.dump) is not None]
        folder = "html/" if mode == "html" else "dumps/"
        if not present:
            notes.append(f"{mode} mode skipped: no {folder} files for the gold documents")
            continue
        if len(present) < len(gold.docs):
            notes.append(f"{mode} mode: {len(gold.docs) - len(present)} documents have no {folder} file")
        for system in systems:
            if mode in BASELINES.get(system, MODES):
                tasks.extend((d, mode, system) for d in present)
    return tasks, notes


def run(gold: GoldSet, options: EvalOptions,
        progress: Callable[[DocResult], None] | None = None) -> list[DocResult]:
    """Run every planned task, in worker processes when ``jobs`` > 1; results in task order."""
    tasks, _ = plan_tasks(gold, options)
    jobs = options.jobs or os.cpu_count() or 1
    results: list[DocResult] = []
    if jobs == 1 or len(tasks) < 2:
        _init_worker(options)
        iterator: Iterator[DocResult] = map(_run_task, tasks)
        for r in iterator:
            results.append(r)
            if progress:
                progress(r)
        return results
    chunk = max(1, min(16, len(tasks) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(options,)) as pool:
        for r in pool.map(_run_task, tasks, chunksize=chunk):
            results.append(r)
            if progress:
                progress(r)
    return results


# ---------------------------------------------------------------------------- reporting

@dataclass
class Summary:
    mode: str
    system: str
    documents: int
    errors: int
    f1: float
    precision: float
    recall: float
    ms_mean: float
    ms_median: float
    leaked: int | None = None  # passages layout
    without_total: int | None = None
    tp: int | None = None
    fn: int | None = None
    flagged: int = 0

    def to_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()
                if v is not None}


def summarize(gold: GoldSet, results: list[DocResult]) -> list[Summary]:
    """One line per (mode, system), in the order they first appear."""
    groups: dict[tuple[str, str], list[DocResult]] = {}
    for r in results:
        groups.setdefault((r.mode, r.system), []).append(r)
    by_id = {d.id: d for d in gold.docs}
    summaries = []
    for (mode, system), rs in groups.items():
        ok = [r for r in rs if r.error is None]
        ms = [r.ms for r in ok] or [0.0]
        common = dict(mode=mode, system=system, documents=len(rs), errors=len(rs) - len(ok),
                      ms_mean=statistics.fmean(ms), ms_median=statistics.median(ms),
                      flagged=sum(r.flagged for r in ok))
        if gold.layout == "body":
            n = len(rs)  # a failed document scores zero: it gave the user nothing
            p = sum(r.precision for r in ok) / n
            rec = sum(r.recall for r in ok) / n
            summaries.append(Summary(f1=sum(r.f1 for r in ok) / n, precision=p, recall=rec, **common))
            continue
        tp = sum(len(r.found) for r in ok)
        # A failed document found nothing: its `with` passages count as missed.
        fn = sum(len(r.missed) for r in ok) + sum(len(by_id[r.id].with_passages) for r in rs if r.error)
        fp = sum(len(r.leaked) for r in ok)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        without_total = sum(len(by_id[r.id].without_passages) for r in rs)
        summaries.append(Summary(f1=f1(precision, recall), precision=precision, recall=recall,
                                 leaked=fp, without_total=without_total, tp=tp, fn=fn, **common))
    return summaries


def format_table(summaries: list[Summary]) -> str:
    header = f"{'mode':<5} {'system':<22} {'docs':>5} {'F1':>6} {'prec':>6} {'recall':>6} " \
             f"{'without leaked':>15} {'ms/doc':>7} {'flagged':>7}"
    lines = [header, "-" * len(header)]
    for s in summaries:
        leaked = f"{s.leaked}/{s.without_total}" if s.leaked is not None else "-"
        docs = f"{s.documents}" + (f" ({s.errors} failed)" if s.errors else "")
        lines.append(f"{s.mode:<5} {s.system:<22} {docs:>5} {s.f1:>6.3f} {s.precision:>6.3f} "
                     f"{s.recall:>6.3f} {leaked:>15} {s.ms_mean:>7.1f} {s.flagged:>7}")
    return "\n".join(lines)
