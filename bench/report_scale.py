"""How report.html scales: build it for N documents and compare with cleaning them.

Cleans the documents under SOURCE once (one process), then copies their saved outputs
until the run holds N documents. Every copy gets its own name, and one line in three of
its report data gets the copy's number appended, so the line counters see many distinct
lines as a real corpus would. Then it builds report.html from the saved files and prints
the time per document of both steps and their ratio, the page's size and the peak memory
of the report step (measured in a child process). With ``--browser`` it also times headless
Chromium opening the page (to a screenshot) against opening the report of SOURCE alone.

    python bench/report_scale.py [SOURCE] [--documents 10000] [--keep DIR] [--browser]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.batch import BatchOptions, run_batch  # noqa: E402
from cleaner.report.data import SUFFIX  # noqa: E402


def replicate(out: Path, summary: dict, documents: int) -> dict:
    """Copy the saved outputs until ``documents`` documents; returns the new summary."""
    originals = summary["documents"]
    entries = []
    for k in range(documents):
        entry = dict(originals[k % len(originals)])
        stem = entry["output"][: -len(".txt")]
        copy = f"copies/{k:06d}-{Path(stem).name}"
        data = json.loads((out / (stem + SUFFIX)).read_text(encoding="utf-8"))
        for i, line in enumerate(data["lines"]):
            if i % 3 == 0 and line[0] is not None:
                line[0] = f"{line[0]} {k}"
                if isinstance(line[1], str):
                    line[1] = f"{line[1]} {k}"
        target = out / (copy + SUFFIX)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        shutil.copy(out / (stem + ".txt"), out / (copy + ".txt"))
        shutil.copy(out / (stem + ".diff"), out / (copy + ".diff"))
        entry.update(input=f"{entry['input']}#{k}", output=copy + ".txt")
        entries.append(entry)
    big = dict(summary, documents=entries)
    big["totals"] = dict(summary["totals"], documents=documents, cleaned=documents)
    (out / "summary.json").write_text(json.dumps(big, ensure_ascii=False), encoding="utf-8")
    return big


def build_in_child(out: Path) -> tuple[float, int]:
    """(seconds, peak KiB) of building report.html in a fresh process."""
    code = (
        "import resource, sys, time; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
        "from cleaner.report import write_report; t = time.perf_counter();"
        "write_report(Path(sys.argv[1])); print(time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(out), str(ROOT)], capture_output=True,
                          text=True, check=True)
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak)


def browser_seconds(page: Path, profile: Path) -> float:
    """Wall time of headless Chromium loading ``page`` and taking a screenshot."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("--browser needs chromium (apt-get install chromium)")
    start = time.perf_counter()
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", "--window-size=1280,900",
                    f"--screenshot={profile / 'shot.png'}", page.as_uri()],
                   capture_output=True, check=True, timeout=600)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=ROOT / "tests" / "data" / "report" / "corpus")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="Build in this new directory and keep it.")
    parser.add_argument("--browser", action="store_true", help="Also time Chromium opening the page.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "out"
        start = time.perf_counter()
        summary = run_batch([args.source], out, BatchOptions(jobs=1, quiet=True))
        clean_seconds = time.perf_counter() - start  # includes its own small report
        cleaned = summary["totals"]["cleaned"]
        small = Path(tmp) / "small.html"
        shutil.copy(out / "report.html", small)
        replicate(out, summary, args.documents)
        report_seconds, peak_kib = build_in_child(out)
        size = (out / "report.html").stat().st_size
        if args.browser:
            opened = [browser_seconds(page, Path(tmp) / f"profile-{i}")
                      for i, page in enumerate([small, out / "report.html"] * 2)]
            small_open, big_open = min(opened[0::2]), min(opened[1::2])
        own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    per_clean = clean_seconds / cleaned
    per_report = report_seconds / args.documents
    print(f"source: {args.source} ({cleaned} documents cleaned in {clean_seconds:.2f}s, one process)")
    print(f"report for {args.documents} documents: {report_seconds:.2f}s, {size / 1e6:.1f} MB, "
          f"peak memory {peak_kib / 1024:.0f} MiB (the cleaning process: {own_peak / 1024:.0f} MiB)")
    print(f"per document: cleaning {per_clean * 1000:.2f} ms, report {per_report * 1000:.3f} ms; "
          f"report/cleaning ratio {per_report / per_clean:.3f}")
    if args.browser:
        print(f"chromium, open and screenshot (best of 2): {cleaned}-document report {small_open:.2f}s, "
              f"{args.documents}-document report {big_open:.2f}s; ratio {big_open / small_open:.2f}")


if __name__ == "__main__":
    main()
