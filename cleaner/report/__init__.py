"""report.html: a self-contained page showing what a run removed, by which rule, where.

Built only from what the run saved (``summary.json`` and one ``<name>.report.json`` per
document), so ``cleaner report OUTDIR`` rebuilds it without cleaning again.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPORT_NAME = "report.html"


def write_report(outdir: Path, summary: dict | None = None, out_path: Path | None = None,
                 max_views: int | None = None, max_rows: int | None = None) -> Path:
    """Write the report for the run saved in ``outdir``; returns the file written.

    ``summary`` is read from ``outdir/summary.json`` when not given.
    """
    from .render import build_report  # jinja2 and the stats only when a report is made

    return build_report(outdir, summary=summary, out_path=out_path, max_views=max_views,
                        max_rows=max_rows)


def write_report_after_run(outdir: Path, summary: dict) -> None:
    """The batch's hook: the clean outputs are already written, so a failure here is one line."""
    try:
        write_report(outdir, summary)
    except Exception as exc:  # the run's outputs stand even when the report cannot be made
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"cleaner: error: {outdir / REPORT_NAME}: {type(exc).__name__}: {message}", file=sys.stderr)
