"""Batch benchmarks: throughput by --jobs, resume time, peak memory by corpus size.

    python bench/bench_batch.py                     # everything, default sizes
    python bench/bench_batch.py --only throughput --docs 467 --repeats 3
    python bench/bench_batch.py --only rss --rss-docs 1000,10000

Corpora are made at bench time in a scratch directory (deleted afterwards unless
--keep): copies of the dev set pages (/work/shared/devset/html, or --devset DIR) when
present, else small synthetic article pages (tests/scale_pages.py). Every figure is a
ratio of runs made here, one after the other, so the load from other work on a shared
machine shows as spread between repeats; the load average before each run is printed.

Each run is the real CLI in a subprocess. "run s" is the time cleaner itself reports
(summary.json, without interpreter start-up); "wall s" is the whole process. Peak RSS
is sampled every 50 ms over the whole process tree (main process + workers) with psutil.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.scale_pages import page  # noqa: E402

DEVSET = Path("/work/shared/devset/html")


def make_corpus(directory: Path, count: int, devset: Path | None) -> str:
    """``count`` documents in ``directory``; returns a description of what they are."""
    directory.mkdir(parents=True, exist_ok=True)
    templates = sorted(devset.glob("*.html.gz")) if devset and devset.is_dir() else []
    for i in range(count):
        if templates:
            # A variant of a real page: same markup plus a comment, so every copy has its
            # own content hash.
            html = gzip.decompress(templates[i % len(templates)].read_bytes())
            data = gzip.compress(html + f"\n<!-- variant {i} -->\n".encode(), compresslevel=1, mtime=0)
            (directory / f"d{i:06d}.html.gz").write_bytes(data)
        else:
            (directory / f"s{i:06d}.html").write_text(page(i, paragraphs=12), encoding="utf-8")
    return f"variants of {len(templates)} dev-set pages" if templates else "synthetic pages"


def run_cli(corpus: Path, outdir: Path, jobs: int, force: bool = False) -> dict:
    """Run ``cleaner clean``; returns wall and run seconds, peak RSS (tree and largest)."""
    args = [sys.executable, "-m", "cleaner", "clean", str(corpus), "-o", str(outdir),
            "--jobs", str(jobs), "--quiet"] + (["--force"] if force else [])
    load = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = psutil.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = peak_one = 0
    sched: dict[int, list[float]] = {}  # worker pid -> [first seen, last seen, on CPU s, runnable-waiting s]
    while proc.poll() is None:
        try:
            children = proc.children(recursive=True)
            rss = [p.memory_info().rss for p in [proc] + children]
        except psutil.Error:
            children, rss = [], [0]
        peak_tree, peak_one = max(peak_tree, sum(rss)), max(peak_one, max(rss))
        now = time.perf_counter()
        for child in children:
            stat = _schedstat(child.pid)
            if stat is not None:
                sched.setdefault(child.pid, [now, now, 0.0, 0.0])[1:] = [now, *stat]
        time.sleep(0.05)
    wall = time.perf_counter() - start
    # Where the workers' time went: on a CPU, waiting for one (taken by other processes),
    # or asleep (idle: the engine gave them nothing to do).
    life = sum(last - first for first, last, _, _ in sched.values())
    on_cpu = sum(v[2] for v in sched.values())
    waiting = sum(v[3] for v in sched.values())
    workers = {"idle": max(0.0, life - on_cpu - waiting) / life, "waiting": waiting / life} if life else None
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLI and the workers it waited for
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"cleaner failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
    totals = json.loads((outdir / "summary.json").read_text())["totals"]
    return {"wall": wall, "run": totals["seconds"], "docs": totals["documents"], "load": load, "cpu": cpu,
            "rss_tree_mb": peak_tree / 2**20, "rss_max_mb": peak_one / 2**20, "workers": workers}


def _schedstat(pid: int) -> tuple[float, float] | None:
    """(seconds on a CPU, seconds runnable but waiting for a CPU) of a process (Linux)."""
    try:
        on_cpu, waiting, _ = Path(f"/proc/{pid}/schedstat").read_text().split()
    except (OSError, ValueError):
        return None
    return int(on_cpu) / 1e9, int(waiting) / 1e9


def _share(workers: dict | None) -> str:
    return f"{workers['idle']:.0%} / {workers['waiting']:.0%}" if workers else "n/a"


def bench_throughput(work: Path, docs: int, jobs: int, repeats: int, devset: Path | None) -> dict:
    corpus = work / f"tp{docs}"
    what = make_corpus(corpus, docs, devset)
    print(f"\n## Throughput: {docs} documents ({what}), --jobs 1 vs --jobs {jobs}, {repeats} pairs")
    # "cores used" (CPU seconds / wall seconds) shows how much of the machine a run got:
    # on a shared machine --jobs N may get far less than N cores.
    print("| pair | load avg | jobs 1 docs/s | jobs N docs/s | ratio | CPU ms/doc, jobs 1 / N "
          "| cores used, jobs 1 / N | jobs N workers idle / waiting for a CPU |")
    print("|---|---|---|---|---|---|---|---|")
    ratios = []
    for r in range(repeats):
        one = run_cli(corpus, work / "tp-out", 1, force=True)
        many = run_cli(corpus, work / "tp-out", jobs, force=True)
        ratio = one["run"] / many["run"]
        ratios.append(ratio)
        print(f"| {r + 1} | {one['load']:.1f} / {many['load']:.1f} | {docs / one['run']:.1f} "
              f"| {docs / many['run']:.1f} | {ratio:.2f}x | {1000 * one['cpu'] / docs:.0f} / "
              f"{1000 * many['cpu'] / docs:.0f} | {one['cpu'] / one['wall']:.2f} / "
              f"{many['cpu'] / many['wall']:.2f} | {_share(many['workers'])} |", flush=True)
    print(f"ratio median {statistics.median(ratios):.2f}x, min {min(ratios):.2f}x, max {max(ratios):.2f}x")
    return {"docs": docs, "jobs": jobs, "ratios": ratios}


def bench_resume(work: Path, docs: int, jobs: int, repeats: int, devset: Path | None) -> dict:
    corpus = work / f"rs{docs}"
    what = make_corpus(corpus, docs, devset)
    print(f"\n## Resume: {docs} documents ({what}), --jobs {jobs}: first run, then the same command")
    print("| repeat | load avg | first run s (wall) | re-run s (wall) | re-run / first (run) | (wall) |")
    print("|---|---|---|---|---|---|")
    shares = []
    for r in range(repeats):
        out = work / f"rs-out{r}"
        first = run_cli(corpus, out, jobs)
        again = run_cli(corpus, out, jobs)
        share, share_wall = again["run"] / first["run"], again["wall"] / first["wall"]
        shares.append(share_wall)
        print(f"| {r + 1} | {first['load']:.1f} | {first['run']:.2f} ({first['wall']:.2f}) | "
              f"{again['run']:.2f} ({again['wall']:.2f}) | {share:.1%} | {share_wall:.1%} |", flush=True)
        shutil.rmtree(out)
    return {"docs": docs, "wall_shares": shares}


def bench_rss(work: Path, sizes: list[int], jobs: int, devset: Path | None) -> dict:
    print(f"\n## Peak RSS by corpus size, --jobs {jobs}")
    print("| documents | load avg | run s | peak RSS, all processes (MB) | largest process (MB) |")
    print("|---|---|---|---|---|")
    results = {}
    for size in sizes:
        corpus = work / f"mem{size}"
        make_corpus(corpus, size, devset)
        m = run_cli(corpus, work / f"mem-out{size}", jobs)
        results[size] = m
        print(f"| {size} | {m['load']:.1f} | {m['run']:.1f} | {m['rss_tree_mb']:.0f} "
              f"| {m['rss_max_mb']:.0f} |", flush=True)
        shutil.rmtree(corpus)
        shutil.rmtree(work / f"mem-out{size}")
    small, large = results[sizes[0]], results[sizes[-1]]
    print(f"growth {sizes[0]} -> {sizes[-1]} documents: all processes "
          f"{large['rss_tree_mb'] / small['rss_tree_mb'] - 1:+.1%}, largest process "
          f"{large['rss_max_mb'] / small['rss_max_mb'] - 1:+.1%}")
    return {str(k): v for k, v in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["throughput", "resume", "rss"], action="append")
    parser.add_argument("--docs", type=int, default=467, help="corpus size for throughput")
    parser.add_argument("--resume-docs", type=int, default=1000)
    parser.add_argument("--rss-docs", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--devset", type=Path, default=DEVSET,
                        help="folder of .html.gz pages to copy; synthetic pages when absent")
    parser.add_argument("--synthetic", action="store_true", help="synthetic pages even with a dev set")
    parser.add_argument("--workdir", type=Path, help="scratch directory (default: a temp dir)")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    devset = None if args.synthetic else args.devset
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    only = set(args.only or ["throughput", "resume", "rss"])
    print(f"# cleaner batch bench: {os.cpu_count()} cores, python {sys.version.split()[0]}, work dir {work}")
    results = {}
    try:
        if "throughput" in only:
            results["throughput"] = bench_throughput(work, args.docs, args.jobs, args.repeats, devset)
        if "resume" in only:
            results["resume"] = bench_resume(work, args.resume_docs, args.jobs, args.repeats, devset)
        if "rss" in only:
            sizes = [int(s) for s in args.rss_docs.split(",")]
            results["rss"] = bench_rss(work, sizes, args.jobs, devset)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n" + json.dumps(results))


if __name__ == "__main__":
    main()
