"""``cleaner rules suggest``: a draft site rule from what recurs across one site's pages.

Pages of one site share a template: navigation, footers, subscription boxes. Those
lines come back page after page while the article text does not. This counts, for
every line the text stage sees, in how many documents it occurs, and proposes the
lines that occur in many: as ``drop_lines``, or as ``drop_patterns`` when they recur
only with different numbers ("5 min read", "Lakeside 14°C"). A line found in a single
document is never proposed, nor is any document's headline (a "Most read" list repeats
other pages' headlines). Lines the site's existing rule already removes are listed
apart; lines a generic detector catches are proposed anyway, and marked.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .inputs import read_bytes, walk_inputs
from .pipeline import Cleaner

_DIGITS = re.compile(r"\d+")
_REGEX_SPECIAL = re.compile(r"([.^$*+?{}\[\]\\|()])")


@dataclass
class _Seen:
    """One candidate line (by key) across the documents."""

    forms: Counter = field(default_factory=Counter)  # spellings as found
    docs: set[int] = field(default_factory=set)
    positions: list[float] = field(default_factory=list)  # relative place in each document
    removed_by: Counter = field(default_factory=Counter)  # rule ids that already remove it


@dataclass
class Suggestion:
    kind: str  # "drop_lines" | "drop_patterns"
    value: str
    documents: int
    position: float  # median relative position: 0 top of the page, 1 bottom
    block: int = 0  # lines of one block share a number
    also: str | None = None  # a generic rule that removes it already on most pages


@dataclass
class SuggestReport:
    site: str
    documents: int
    threshold: int
    suggestions: list[Suggestion]
    covered: list[tuple[str, int, str]]  # (line, documents, rule that removes it already)
    errors: list[str]


def _shape(line: str) -> str | None:
    """The line with its numbers generalised, or None when it has no number."""
    if not _DIGITS.search(line):
        return None
    parts = _DIGITS.split(line)
    return r"\d+".join(_REGEX_SPECIAL.sub(r"\\\1", p) for p in parts)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def _document_lines(cleaner: Cleaner, content: bytes, kind: str, site: str | None):
    """(line, rule that removes it or None) for each non-blank line the text stage sees."""
    result = cleaner.clean(content, kind=kind, site=site)
    removed: dict[int, str] = {}
    for removal in result.removals:
        if removal.stage == "text" and removal.line is not None and removal.start is None:
            removed.setdefault(removal.line, removal.rule)
    lines = [(line.strip(), removed.get(i)) for i, line in enumerate(result.source_lines) if line.strip()]
    return lines, result.title


def suggest(inputs: Iterable[Path], site: str, cleaner: Cleaner, min_share: float = 0.3) -> SuggestReport:
    """Count recurring lines over the documents under ``inputs`` and draft a rule for ``site``."""
    forced = site if cleaner.rules.get(site) is not None else None
    exact: dict[str, _Seen] = defaultdict(_Seen)
    shapes: dict[str, _Seen] = defaultdict(_Seen)
    followers: dict[str, Counter] = defaultdict(Counter)  # key -> next key -> documents
    titles: set[str] = set()
    errors: list[str] = []
    n_docs = 0
    for doc in walk_inputs(list(inputs)):
        try:
            lines, title = _document_lines(cleaner, read_bytes(doc.path), doc.kind, forced)
        except Exception as exc:  # one unreadable page must not stop the count
            errors.append(f"{doc.path}: {type(exc).__name__}: {exc}")
            continue
        index = n_docs
        n_docs += 1
        if title:
            titles.add(title.strip().casefold())
        seen_pairs = set()
        for k, (line, rule) in enumerate(lines):
            key = line.casefold()
            position = k / max(1, len(lines) - 1)
            for table, table_key in ((exact, key), (shapes, _shape(line))):
                if table_key is None or index in table[table_key].docs:
                    continue
                entry = table[table_key]
                entry.docs.add(index)
                entry.forms[line] += 1
                entry.positions.append(position)
                if rule is not None:
                    entry.removed_by[rule] += 1
            if k + 1 < len(lines):
                pair = (key, lines[k + 1][0].casefold())
                if pair not in seen_pairs:
                    seen_pairs.add(pair)
                    followers[pair[0]][pair[1]] += 1
    threshold = max(2, math.ceil(min_share * n_docs))
    suggestions: list[Suggestion] = []
    covered: list[tuple[str, int, str]] = []
    proposed: set[str] = set()
    own_prefix = f"site:{site}."

    def consider(kind: str, value: str, entry: _Seen) -> None:
        rule = entry.removed_by.most_common(1)[0][0] if entry.removed_by else None
        mostly = rule is not None and entry.removed_by[rule] * 2 > len(entry.docs)
        if mostly and rule.startswith(own_prefix):
            covered.append((value, len(entry.docs), rule))  # the site's rule has it already
            return
        # Lines the generic heuristics catch are proposed anyway: a site rule should not
        # depend on a heuristic that may not fire on the next page.
        suggestions.append(Suggestion(kind, value, len(entry.docs), _median(entry.positions),
                                      also=rule if mostly else None))

    for key, entry in exact.items():
        if len(entry.docs) >= threshold and key not in titles:
            proposed.add(key)
            consider("drop_lines", entry.forms.most_common(1)[0][0], entry)
    for shape, entry in shapes.items():
        # A shape is worth a pattern only when its lines differ (else drop_lines has it).
        if len(entry.docs) >= threshold and len({f.casefold() for f in entry.forms}) > 1:
            if not any(f.casefold() in titles or f.casefold() in proposed for f in entry.forms):
                consider("drop_patterns", shape, entry)
    suggestions.sort(key=lambda s: (s.position, -s.documents))
    _group_blocks(suggestions, followers, threshold)
    return SuggestReport(site, n_docs, threshold, suggestions, covered, errors)


def _group_blocks(suggestions: list[Suggestion], followers: dict[str, Counter], threshold: int) -> None:
    """Number runs of proposed lines that follow each other in at least ``threshold`` documents."""
    block = 0
    previous: Suggestion | None = None
    for s in suggestions:
        together = (
            previous is not None
            and previous.kind == s.kind == "drop_lines"
            and followers[previous.value.casefold()][s.value.casefold()] >= threshold
        )
        if not together:
            block += 1
        s.block = block
        previous = s


def _yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def render_yaml(report: SuggestReport) -> str:
    """The draft rule as YAML, with the count behind every line as a comment."""
    n = report.documents
    out = [
        f"# Draft rule for {report.site}, from {n} documents. Review every line before use:",
        f"# a line is proposed when it occurs in at least {report.threshold} of them.",
        f"id: {_yaml_string(report.site)}",
    ]
    if "." in report.site and " " not in report.site:
        out.append(f"domains: [{_yaml_string(report.site)}]")
    lines = [s for s in report.suggestions if s.kind == "drop_lines"]
    patterns = [s for s in report.suggestions if s.kind == "drop_patterns"]
    if lines or patterns:
        out.append("text:")
    for key, items in (("drop_lines", lines), ("drop_patterns", patterns)):
        if not items:
            continue
        out.append(f"  {key}:")
        sizes = Counter(s.block for s in items)
        for i, s in enumerate(items):
            if sizes[s.block] > 1 and (i == 0 or items[i - 1].block != s.block):
                out.append(f"    # block of {sizes[s.block]} lines that follow each other")
            also = f", also {s.also}" if s.also else ""
            out.append(f"    - {_yaml_string(s.value)}  # {s.documents}/{n} documents{also}")
    if report.covered:
        out.append(f"# Recurring lines the existing rule {report.site} removes already:")
        for value, docs, rule in sorted(report.covered, key=lambda c: (-c[1], c[0])):
            out.append(f"#   {_yaml_string(value)}  # {docs}/{n} documents, by {rule}")
    return "\n".join(out) + "\n"
