"""``cleaner explain``: what happened to every line of one document, from its records."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .detectors import DETECTORS
from .records import CleanResult, Removal


@dataclass(frozen=True)
class Row:
    line: int | None  # 1-based line of the text the text stage saw; None for HTML nodes
    status: str  # "kept" | "title" | "changed" | "removed"
    rule: str  # "" for kept lines
    reason: str
    text: str


def _descriptions() -> dict[str, str]:
    """Rule id -> what the detector removes: the first line of its docstring."""
    out = {}
    for detector in DETECTORS:
        described = getattr(detector.detect, "description", None)
        if described is not None:
            out[detector.rule] = described
            continue
        doc = (detector.detect.__doc__ or "").strip().splitlines()
        first = doc[0] if doc else ""
        out[detector.rule] = re.sub(r"^``[^`]+``:\s*", "", first)
    return out


def _piece_row(i: int, head: int, source: str, rows: list[Row], title_line: int | None) -> Row:
    """The row of a piece rejoined to line ``head``: it shares that line's fate."""
    where = f"joined to line {head + 1}"
    head_row = next((r for r in reversed(rows) if r.line == head + 1), None)
    if head == title_line:
        return Row(i + 1, "title", "", f"{where} (the title)", source)
    if head_row is not None and head_row.status == "removed":
        return Row(i + 1, "removed", head_row.rule, f"{where}; {head_row.reason}", source)
    return Row(i + 1, "kept", "join", where, source)


def explain_rows(result: CleanResult) -> list[Row]:
    """One row per HTML node dropped, then one per non-blank line of the text stage's input."""
    descriptions = _descriptions()
    rows = [Row(None, "removed", r.rule, f"selector {r.detail}", r.text)
            for r in result.removals if r.stage == "html"]
    whole: dict[int, tuple[str, str]] = {}
    partial: dict[int, list[Removal]] = {}
    for r in result.removals:
        if r.stage != "text" or r.line is None:
            continue
        if r.start is None:
            whole.setdefault(r.line, (r.rule, r.detail))
        else:
            partial.setdefault(r.line, []).append(r)
    if result.title and result.title_line is None:
        rows.append(Row(None, "title", "", "from the page's metadata", result.title))
    # text mode: a line rejoined from pieces is judged whole; its pieces follow its first line
    joined_to = {i: start for start, end in result.joins for i in range(start + 1, end)}
    for i, source in enumerate(result.source_lines):
        if not source.strip():
            continue
        if i in joined_to:
            rows.append(_piece_row(i, joined_to[i], source, rows, result.title_line))
        elif i == result.title_line:
            reason = "first headline-shaped line that recurs"
            if i in partial:  # a badge stripped off the headline
                reason += "; " + "; ".join(f"cut {r.text!r} ({r.rule})" for r in partial[i])
            rows.append(Row(i + 1, "title", "", reason, source))
        elif i in whole:
            rule, detail = whole[i]
            if detail == "next to a hit":
                reason = f"label next to a {rule} hit at the page edge"
            else:
                reason = detail or descriptions.get(rule, "")
            rows.append(Row(i + 1, "removed", rule, reason, source))
        elif i in partial:
            cuts = "; ".join(f"cut {r.text!r} ({r.detail})" for r in partial[i])
            rows.append(Row(i + 1, "changed", partial[i][0].rule, cuts, source))
        else:
            rows.append(Row(i + 1, "kept", "", "", source))
    return rows
