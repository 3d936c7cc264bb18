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
        doc = (detector.detect.__doc__ or "").strip().splitlines()
        first = doc[0] if doc else ""
        out[detector.rule] = re.sub(r"^``[^`]+``:\s*", "", first)
    return out


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
    for i, source in enumerate(result.source_lines):
        if not source.strip():
            continue
        if i == result.title_line:
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
