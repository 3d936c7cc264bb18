"""Rendering report.html with Jinja2, autoescaping every value.

All scraped text (lines, titles, file names, error messages) and all rule ids reach the
page only through template variables, which Jinja2 HTML-escapes; links to files in
OUTDIR are percent-encoded and start with "./" (see :func:`stats._href`). The page has no
script at all, and its Content-Security-Policy forbids scripts and any external load, so
it stays inert even if something slipped through. The per-document views are shown with
CSS ``:target``, so no script is needed to open them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import REPORT_NAME
from .stats import (
    DEFAULT_MAX_ROWS,
    DEFAULT_MAX_VIEWS,
    HISTOGRAM_BINS,
    MAX_COUNTED_LINES,
    MAX_VIEW_LINES,
    DocRow,
    ReportStats,
    collect,
)

#: rule colours, in order of characters removed; rules past the palette are grey
PALETTE_SIZE = 10
#: rows per page of the documents table: only the page shown is laid out by the browser
PAGE_SIZE = 500


@dataclass
class ViewLine:
    number: int | None  # 1-based among the non-blank input lines, as in the .diff
    before: str | None
    after: str | None
    rule: str | None
    state: str  # "kept" | "removed" | "changed" | "title"
    run_start: bool = True  # False: same rule and state as the line above (badge shown once per run)


@dataclass
class Page:
    number: int
    first: int
    last: int
    rows: list[DocRow]


def pages_of(rows: list[DocRow], size: int = PAGE_SIZE) -> list[Page]:
    chunks = [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]
    return [Page(n, c[0].rank if c else 0, c[-1].rank if c else 0, c) for n, c in enumerate(chunks, start=1)]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=True,  # every variable is HTML-escaped; nothing in the template is marked safe
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["pct"] = lambda x: f"{x:.1%}"
    return env


def view_lines(data: dict, limit: int = MAX_VIEW_LINES) -> tuple[list[ViewLine], int]:
    """The side-by-side rows of one document, at most ``limit``; also how many were left out."""
    rows: list[ViewLine] = []
    number = 0
    lines = data.get("lines", [])
    for before, after, rule in lines[:limit]:
        if before is not None:
            number += 1
        if before is None:
            rows.append(ViewLine(None, None, after, rule, "title"))
        elif after is True:
            rows.append(ViewLine(number, before, before, None, "kept"))
        elif after is None:
            rows.append(ViewLine(number, before, None, rule, "removed"))
        else:
            rows.append(ViewLine(number, before, after, rule or "changed", "changed"))
    for previous, row in zip(rows, rows[1:], strict=False):
        row.run_start = (row.rule, row.state) != (previous.rule, previous.state)
    return rows, max(0, len(lines) - limit)


def histogram_bars(counts: list[int], width: float = 520, height: float = 150) -> list[Bar]:
    top = max(counts) or 1
    step = width / len(counts)
    bars = []
    for i, count in enumerate(counts):
        h = height * count / top
        low, high = 100 * i // HISTOGRAM_BINS, 100 * (i + 1) // HISTOGRAM_BINS
        bars.append(Bar(i * step + 2, height - h, step - 4, h, count, f"{low}–{high}%"))
    return bars


def _rule_colours(stats: ReportStats) -> dict[str, int]:
    """Rule id → palette index (rules that removed most get distinct colours)."""
    colours = {r.rule: i for i, r in enumerate(stats.rules[:PALETTE_SIZE])}
    colours["title"] = -1
    return colours


def _view(row: DocRow) -> dict:
    assert row.view is not None
    lines, hidden = view_lines(row.view)
    html_removals = [r for r in row.view.get("removals", []) if r.get("stage") == "html"]
    return {"row": row, "lines": lines, "hidden": hidden, "html_removals": html_removals}


def render(stats: ReportStats) -> str:
    template = _environment().get_template("report.html.j2")
    totals = stats.totals
    chars_in = totals.get("chars_in", 0)
    removed_chars = sum(r.chars for r in stats.rules)
    views = [_view(row) for row in stats.rows if row.view is not None]
    for i, view in enumerate(views):  # a document without saved data has no view: link past it
        view["previous"] = views[i - 1]["row"].rank if i else None
        view["next"] = views[i + 1]["row"].rank if i + 1 < len(views) else None
    return template.render(
        stats=stats,
        totals=totals,
        chars_removed=max(0, chars_in - totals.get("chars_out", 0)),
        rule_removed_chars=removed_chars,
        colours=_rule_colours(stats),
        palette_size=PALETTE_SIZE,
        bars=histogram_bars(stats.histogram),
        views=views,
        view_count=len(views),
        max_rule_chars=max([r.chars for r in stats.rules] or [1]) or 1,
        max_counted_lines=MAX_COUNTED_LINES,
        pages=pages_of(stats.rows),
        page_size=PAGE_SIZE,
        max_view_lines=MAX_VIEW_LINES,
    )


def build_report(outdir: Path, summary: dict | None = None, out_path: Path | None = None,
                 max_views: int | None = None, max_rows: int | None = None) -> Path:
    from ..outputs import atomic_write  # outputs imports this package: import it late

    if summary is None:
        with open(outdir / "summary.json", encoding="utf-8") as fh:
            summary = json.load(fh)
    stats = collect(
        outdir, summary,
        max_views=DEFAULT_MAX_VIEWS if max_views is None else max_views,
        max_rows=DEFAULT_MAX_ROWS if max_rows is None else max_rows,
    )
    out_path = out_path or outdir / REPORT_NAME
    atomic_write(out_path, render(stats))
    return out_path
