"""The figures of report.html, gathered from summary.json and the saved report data.

Nothing is recomputed by cleaning: per-rule and per-site figures come from the summary
entries (themselves built from the removal records), samples and line frequencies from
the records and line tables each document saved (see :mod:`cleaner.report.data`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .data import data_path, load_document_data

#: side-by-side views embedded in report.html (the documents with the most removed first)
DEFAULT_MAX_VIEWS = 100
#: rows of the documents table; the rest are only in summary.json
DEFAULT_MAX_ROWS = 10_000
#: lines shown in one side-by-side view; the .diff has them all
MAX_VIEW_LINES = 500
SAMPLES_PER_RULE = 5
TOP_LINES = 50
#: a kept line this short may be furniture a rule could remove
SHORT_LINE_WORDS = 10
SHORT_LINE_CHARS = 100
#: distinct lines counted before the ones seen once are dropped (keeps memory flat)
MAX_COUNTED_LINES = 200_000
HISTOGRAM_BINS = 10

_WORD = re.compile(r"\w+")


def removed_share(entry: dict) -> float:
    chars_in = entry.get("chars_in") or 0
    return 1 - entry.get("chars_out", 0) / chars_in if chars_in else 0.0


def _normalized(line: str) -> str:
    return " ".join(line.split())[:200]


def _href(relative: str) -> str:
    """A link to a file in OUTDIR: "./" first and percent-encoded, so no name reads as a scheme."""
    return quote("./" + relative.replace("\\", "/"), safe="/")


@dataclass
class LineCount:
    """How often one line (whitespace-normalized) was removed, or kept, across the run."""

    text: str
    documents: int = 0
    occurrences: int = 0
    rules: set[str] = field(default_factory=set)


class LineCounter:
    """Counts lines by the number of documents they occur in, with bounded memory.

    Past ``MAX_COUNTED_LINES`` distinct lines, those seen in one document only are dropped;
    a line that recurs later starts counting again, so its count can be a little low.
    ``pruned`` says whether that happened.
    """

    def __init__(self, limit: int = MAX_COUNTED_LINES):
        self.limit = limit
        self.counts: dict[str, LineCount] = {}
        self.pruned = False

    def add_document(self, lines: Iterable[tuple[str, str | None]]) -> None:
        seen: set[str] = set()
        for text, rule in lines:
            key = _normalized(text)
            if not key:
                continue
            count = self.counts.get(key)
            if count is None:
                count = self.counts[key] = LineCount(key)
            count.occurrences += 1
            if rule:
                count.rules.add(rule)
            if key not in seen:
                seen.add(key)
                count.documents += 1
        if len(self.counts) > self.limit:
            self.counts = {k: c for k, c in self.counts.items() if c.documents > 1}
            self.pruned = True

    def top(self, n: int, min_occurrences: int = 1) -> list[LineCount]:
        ranked = sorted(self.counts.values(), key=lambda c: (-c.documents, -c.occurrences, c.text))
        return [c for c in ranked if c.occurrences >= min_occurrences][:n]


@dataclass
class RuleStats:
    rule: str
    hits: int = 0
    documents: int = 0
    chars: int = 0
    samples: list[tuple[str, int | None]] = field(default_factory=list)  # (text, view anchor)


@dataclass
class SiteStats:
    site: str
    documents: int = 0
    chars_in: int = 0
    chars_out: int = 0

    @property
    def removed_share(self) -> float:
        return 1 - self.chars_out / self.chars_in if self.chars_in else 0.0


@dataclass
class DocRow:
    rank: int  # 1-based position in the removed-share order; the view's anchor is doc-<rank>
    input: str
    title: str | None
    site: str | None
    chars_in: int
    chars_out: int
    removed_share: float
    removals: dict[str, int]
    txt_href: str | None
    diff_href: str | None
    view: dict | None = None  # the saved report data, for documents that get a view


@dataclass
class ReportStats:
    totals: dict
    errors: list[dict]
    rules: list[RuleStats]
    sites: list[SiteStats]
    histogram: list[int]
    removed_lines: list[LineCount]
    kept_short_lines: list[LineCount]
    rows: list[DocRow]
    max_views: int
    max_rows: int
    missing_data: int  # documents whose report data was not found
    counts_pruned: bool


def _diff_href(outdir: Path, output: str) -> str | None:
    stem = output[: -len(".txt")]
    for suffix in (".diff", ".diff.json"):
        if (outdir / (stem + suffix)).is_file():
            return _href(stem + suffix)
    return None


def _kept_short(lines: list) -> Iterable[tuple[str, None]]:
    for before, after, rule in lines:
        if before is None or after is None or rule == "title":
            continue
        text = before if after is True else after
        if len(text) <= SHORT_LINE_CHARS and len(_WORD.findall(text)) <= SHORT_LINE_WORDS:
            yield text, None


def _removed(removals: list[dict]) -> Iterable[tuple[str, str]]:
    for r in removals:
        if r.get("stage") == "text":
            yield r.get("text", ""), r.get("rule", "")


def collect(outdir: Path, summary: dict, max_views: int = DEFAULT_MAX_VIEWS,
            max_rows: int = DEFAULT_MAX_ROWS) -> ReportStats:
    """Everything report.html shows, reading each document's saved data once."""
    entries = summary.get("documents", [])
    order = sorted(entries, key=lambda e: (-removed_share(e), e.get("input", "")))
    rules: dict[str, RuleStats] = {}
    sites: dict[str, SiteStats] = {}
    histogram = [0] * HISTOGRAM_BINS
    removed_lines, kept_lines = LineCounter(), LineCounter()
    rows: list[DocRow] = []
    missing = 0
    for rank, entry in enumerate(order, start=1):
        share = removed_share(entry)
        histogram[min(HISTOGRAM_BINS - 1, max(0, int(share * HISTOGRAM_BINS)))] += 1
        site = sites.setdefault(entry.get("site") or "(no site rule)",
                                SiteStats(entry.get("site") or "(no site rule)"))
        site.documents += 1
        site.chars_in += entry.get("chars_in", 0)
        site.chars_out += entry.get("chars_out", 0)
        for rule, hits in entry.get("removals", {}).items():
            stats = rules.setdefault(rule, RuleStats(rule))
            stats.hits += hits
            stats.documents += 1
            stats.chars += entry.get("removed_chars", {}).get(rule, 0)
        data = load_document_data(data_path(outdir, entry))
        if data is None:
            missing += 1
        else:
            removals = data.get("removals", [])
            removed_lines.add_document(_removed(removals))
            kept_lines.add_document(_kept_short(data.get("lines", [])))
            per_doc: dict[str, int] = {}
            for r in removals:
                stats = rules.get(r.get("rule", ""))
                text = _normalized(r.get("text", ""))
                if stats is None or not text or len(stats.samples) >= SAMPLES_PER_RULE:
                    continue
                if per_doc.get(stats.rule, 0) >= 2 or any(text == t for t, _ in stats.samples):
                    continue
                per_doc[stats.rule] = per_doc.get(stats.rule, 0) + 1
                stats.samples.append((text, rank if rank <= max_views else None))
        if rank <= max_rows:
            output = entry.get("output")
            rows.append(DocRow(
                rank=rank,
                input=entry.get("input", ""),
                title=entry.get("title"),
                site=entry.get("site"),
                chars_in=entry.get("chars_in", 0),
                chars_out=entry.get("chars_out", 0),
                removed_share=share,
                removals=entry.get("removals", {}),
                txt_href=_href(output) if output else None,
                diff_href=_diff_href(outdir, output) if output and output.endswith(".txt") else None,
                view=data if rank <= max_views else None,
            ))
    return ReportStats(
        totals=summary.get("totals", {}),
        errors=summary.get("errors", []),
        rules=sorted(rules.values(), key=lambda r: (-r.chars, -r.hits, r.rule)),
        sites=sorted(sites.values(), key=lambda s: (-s.documents, s.site)),
        histogram=histogram,
        removed_lines=removed_lines.top(TOP_LINES),
        kept_short_lines=kept_lines.top(TOP_LINES, min_occurrences=2),
        rows=rows,
        max_views=max_views,
        max_rows=max_rows,
        missing_data=missing,
        counts_pruned=removed_lines.pruned or kept_lines.pruned,
    )
