"""Reports of ``cleaner check`` for CI: JUnit XML, JSON, GitHub Actions annotations."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from .check import DocCheck
from .outputs import atomic_write
from .readers.names import printable

ORPHAN_PROBLEM = "expected output without an input document (delete it, or restore its input)"


def junit_xml(corpus: Path, checks: list[DocCheck], orphans: list[Path], seconds: float) -> str:
    """One ``<testcase>`` per document; a mismatch or failed gate is a ``<failure>``
    holding the diff, a document that could not be cleaned an ``<error>``."""
    failures = sum(1 for c in checks if not c.passed and not c.error) + len(orphans)
    errors = sum(1 for c in checks if c.error)
    total = len(checks) + len(orphans)
    suites = ET.Element("testsuites", name="cleaner check", tests=str(total),
                        failures=str(failures), errors=str(errors), time=f"{seconds:.3f}")
    suite = ET.SubElement(suites, "testsuite", name=str(corpus), tests=str(total),
                          failures=str(failures), errors=str(errors), time=f"{seconds:.3f}")
    for check in checks:
        case = ET.SubElement(suite, "testcase", classname="cleaner.check", name=check.input,
                             file=check.input, time=f"{check.seconds:.3f}")
        if check.passed:
            continue
        tag = "error" if check.error else "failure"
        body = "\n".join(check.problems) + ("\n\n" + check.diff if check.diff else "")
        node = ET.SubElement(case, tag, message="; ".join(check.problems), type=tag)
        node.text = body
    for orphan in orphans:
        case = ET.SubElement(suite, "testcase", classname="cleaner.check", name=printable(str(orphan)),
                             file=printable(str(orphan)), time="0")
        ET.SubElement(case, "failure", message=ORPHAN_PROBLEM, type="failure")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def results_json(corpus: Path, checks: list[DocCheck], orphans: list[Path], seconds: float) -> str:
    totals = {
        "documents": len(checks),
        "passed": sum(c.passed for c in checks),
        "failed": sum(not c.passed for c in checks),
        "errors": sum(c.error for c in checks),
        "updated": sum(c.updated for c in checks),
        "orphans": len(orphans),
        "seconds": round(seconds, 3),
    }
    data = {
        "corpus": str(corpus),
        "totals": totals,
        "documents": [c.to_dict() for c in checks],
        "orphans": [printable(str(p)) for p in orphans],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_report(path: Path, text: str) -> None:
    atomic_write(path, text)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(file: str, message: str, line: int | None = None, title: str = "cleaner check") -> str:
    """A workflow command that GitHub Actions shows as an error on ``file``."""
    props = f"file={_escape_property(file)}"
    if line is not None:
        props += f",line={line}"
    props += f",title={_escape_property(title)}"
    return f"::error {props}::{_escape_data(message)}"


# Annotations are for a glance; the full diff is in the log and the JUnit file.
_ANNOTATION_DIFF_LINES = 40


def annotations(checks: list[DocCheck], orphans: list[Path]) -> list[str]:
    out = []
    for check in checks:
        if check.passed:
            continue
        message = "\n".join(check.problems)
        if check.diff:
            diff = check.diff.splitlines()
            shown = diff[:_ANNOTATION_DIFF_LINES]
            if len(diff) > len(shown):
                shown.append(f"... ({len(diff) - len(shown)} more diff lines in the log)")
            message += "\n" + "\n".join(shown)
        on_expected = check.diff and Path(check.expected).is_file()
        if on_expected:
            out.append(github_annotation(check.expected, message, check.first_line))
        else:
            out.append(github_annotation(check.input, message))
    out.extend(github_annotation(printable(str(p)), ORPHAN_PROBLEM) for p in orphans)
    return out
