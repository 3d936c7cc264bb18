"""Unified diffs built from the removal records, each hunk labelled with its rule id.

The diff compares the non-blank lines the text stage started from (for HTML: the
extracted text) with the ``.txt`` output (title, then the body). Paragraph spacing is
layout and not shown. Each hunk covers the changes of one rule, named in the hunk
header the way ``git diff`` names a function: ``@@ -12,3 +11,0 @@ generic.paywall``.
HTML nodes dropped by site selectors precede the diff as ``#`` lines, which ``patch``
ignores.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .records import CleanResult

CONTEXT = 3
DIFF_FORMATS = ("unified", "json")


@dataclass
class AlignedLine:
    before: str | None  # text in the input (None: only in the output)
    after: str | None  # text in the output (None: removed)
    rule: str | None  # the rule that removed or changed it


def _line_rules(result: CleanResult) -> dict[int, str]:
    """Source line index → the rule that removed or changed it, from the records."""
    rules: dict[int, str] = {}
    for removal in result.removals:
        if removal.stage == "text" and removal.line is not None:
            whole_line = removal.start is None
            # A line that was first trimmed by a strip rule and then removed whole is
            # labelled with the rule that removed it.
            if whole_line or removal.line not in rules:
                rules[removal.line] = removal.rule
    return rules


def aligned_lines(result: CleanResult) -> list[AlignedLine]:
    """The non-blank source lines next to their output text and the rule that changed them."""
    rules = _line_rules(result)
    joined_until = dict(result.joins)
    out: list[AlignedLine] = []
    if result.title and result.title_line is None:
        out.append(AlignedLine(None, result.title, "title"))  # HTML: the title comes from metadata
    skip_until = 0
    for i, source in enumerate(result.source_lines):
        if i < skip_until or not source.strip():
            continue
        kept = result.kept[i] if i < len(result.kept) else None
        if i in joined_until:
            skip_until = joined_until[i]
            out.extend(_joined(result, i, skip_until, kept, rules))
        elif i == result.title_line:
            out.append(AlignedLine(source, result.title, None if source == result.title else "title"))
        elif kept is None:
            out.append(AlignedLine(source, None, rules.get(i, "unknown")))
        else:
            out.append(AlignedLine(source, kept, rules.get(i) if kept != source else None))
    return out


def _joined(
    result: CleanResult, start: int, end: int, kept: str | None, rules: dict[int, str]
) -> list[AlignedLine]:
    """Source lines ``start:end`` rejoined into one (text mode): the pieces go, the joined line comes.

    Labelled with the rule that removed or changed the joined line, else ``join`` (a
    join is not a removal: nothing of the pieces is lost).
    """
    after = result.title if start == result.title_line else kept
    rule = rules.get(start, "join") if start != result.title_line else "join"
    lines = [AlignedLine(piece, None, rule) for piece in result.source_lines[start:end] if piece.strip()]
    if after is not None:
        lines.append(AlignedLine(None, after, rule))
    return lines


def _hunk_runs(lines: list[AlignedLine]) -> list[tuple[int, int, str]]:
    """Runs [start, end) of consecutive changed lines that share one rule."""
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        if lines[i].before == lines[i].after:
            i += 1
            continue
        rule = lines[i].rule or "changed"
        j = i
        while j < len(lines) and lines[j].before != lines[j].after and (lines[j].rule or "changed") == rule:
            j += 1
        runs.append((i, j, rule))
        i = j
    return runs


def unified_diff(result: CleanResult, name: str = "document") -> str:
    lines = aligned_lines(result)
    runs = _hunk_runs(lines)
    out = [f"# html: {r.detail} dropped by {r.rule}: {r.text[:200]}" for r in result.removals
           if r.stage == "html"]
    if not runs:
        return "\n".join(out) + ("\n" if out else "")
    out += [f"--- {name} (before)", f"+++ {name} (clean)"]
    # Positions in before/after numbering, 1-based, for every aligned line.
    before_no, after_no, b, a = [], [], 0, 0
    for line in lines:
        b += line.before is not None
        a += line.after is not None
        before_no.append(b)
        after_no.append(a)
    previous_end = 0
    for k, (start, end, rule) in enumerate(runs):
        next_start = runs[k + 1][0] if k + 1 < len(runs) else len(lines)
        # Context never overlaps the neighbouring hunk, so each hunk keeps its own label.
        lead = max(previous_end, start - CONTEXT)
        trail = min(next_start, end + CONTEXT)
        if k + 1 < len(runs) and trail > next_start - CONTEXT:
            trail = max(end, min(trail, (end + next_start) // 2))
        previous_end = trail
        body, n_before, n_after = [], 0, 0
        for line in lines[lead:trail]:
            if line.before == line.after:
                body.append(f" {line.before}")
                n_before += 1
                n_after += 1
                continue
            if line.before is not None:
                body.append(f"-{line.before}")
                n_before += 1
            if line.after is not None:
                body.append(f"+{line.after}")
                n_after += 1
        first_before = before_no[lead] - (lines[lead].before is not None) + (n_before > 0)
        first_after = after_no[lead] - (lines[lead].after is not None) + (n_after > 0)
        out.append(f"@@ -{first_before},{n_before} +{first_after},{n_after} @@ {rule}")
        out.extend(body)
    return "\n".join(out) + "\n"


def json_diff(result: CleanResult, name: str = "document") -> str:
    """The removal records of one document as JSON: the machine-readable diff."""
    doc = {
        "input": name,
        "site": result.site,
        "title": result.title,
        "removals": [r.to_dict() for r in result.removals],
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def diff_file(result: CleanResult, name: str, diff_format: str = "unified") -> tuple[str, str]:
    """(file suffix, content) of the per-document diff: ``.diff`` or ``.diff.json``."""
    if diff_format == "unified":
        return ".diff", unified_diff(result, name=name)
    if diff_format == "json":
        return ".diff.json", json_diff(result, name=name)
    raise ValueError(f"diff format must be one of {', '.join(DIFF_FORMATS)}, not {diff_format!r}")
