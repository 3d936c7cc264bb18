"""A run stopped by a signal leaves no half-written file, and the next run resumes to
exactly the outputs of an uninterrupted run. Also: the progress bar only on a terminal."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from cleaner.batch import BatchOptions, run_batch

from .scale_pages import make_corpus, tree_contents

CLI = [sys.executable, "-m", "cleaner", "clean"]
ROOT = Path(__file__).resolve().parent.parent


def _journal_lines(outdir: Path) -> int:
    try:
        return (outdir / ".cleaner" / "manifest.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _without_time(summary_path: Path) -> dict:
    summary = json.loads(summary_path.read_text())
    del summary["totals"]["seconds"]
    return summary


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_killed_run_resumes_to_the_outputs_of_an_uninterrupted_run(tmp_path, signum):
    corpus = tmp_path / "in"
    count = 300
    make_corpus(corpus, count)
    reference = tmp_path / "reference"
    run_batch([corpus], reference, BatchOptions(jobs=2, progress=False))

    out = tmp_path / "out"
    proc = subprocess.Popen([*CLI, str(corpus), "-o", str(out), "--jobs", "2"], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while _journal_lines(out) < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    done = _journal_lines(out)
    assert proc.returncode == 128 + signum, stderr
    assert "interrupted after" in stderr
    assert 20 <= done < count, "the signal should have landed mid-way"
    assert not (out / "summary.json").exists()
    assert not [p for p in out.rglob("*.tmp")], "a half-written temp file was left behind"
    # Every output is whole: each .txt there is byte-identical to the reference one.
    partial = tree_contents(out)
    assert partial and all(partial[name] == tree_contents(reference)[name] for name in partial)

    resumed = subprocess.run([*CLI, str(corpus), "-o", str(out), "--jobs", "2"], cwd=ROOT,
                             stderr=subprocess.PIPE, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    unchanged = int(re.search(r"\((\d+) unchanged", resumed.stderr).group(1))
    assert unchanged >= 20  # it resumed rather than starting over
    assert tree_contents(out) == tree_contents(reference)
    assert _without_time(out / "summary.json") == _without_time(reference / "summary.json")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie nobody reaps is gone for our purpose


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_sigkill_leaves_no_lingering_worker_and_the_next_run_recovers(tmp_path):
    corpus = tmp_path / "in"
    make_corpus(corpus, 300)
    reference = tmp_path / "reference"
    run_batch([corpus], reference, BatchOptions(jobs=1, progress=False))
    out = tmp_path / "out"
    proc = subprocess.Popen([*CLI, str(corpus), "-o", str(out), "--jobs", "2"], cwd=ROOT,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _journal_lines(out) < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
    proc.kill()
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert workers and _journal_lines(out) < 300
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "pool workers outlived their killed parent"
    resumed = subprocess.run([*CLI, str(corpus), "-o", str(out), "--jobs", "2"], cwd=ROOT,
                             stderr=subprocess.PIPE, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert not [p for p in out.rglob("*.tmp")]
    assert tree_contents(out) == tree_contents(reference)
    assert _without_time(out / "summary.json") == _without_time(reference / "summary.json")


def _run_on_pty(args: list[str]) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal; returns (exit code, what the terminal got)."""
    leader, follower = pty.openpty()
    # a fresh pty is 0 columns wide; give it a real terminal's size
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(args, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(tmp_path):
    corpus = tmp_path / "in"
    make_corpus(corpus, 30)
    code, screen = _run_on_pty([*CLI, str(corpus), "-o", str(tmp_path / "tty"), "--jobs", "1"])
    assert code == 0
    assert re.search(r"cleaning: +100%\|.*\| 30/30 \[", screen)  # done / total with a bar
    assert "doc/s" in screen and re.search(r"<\d\d:\d\d", screen)  # rate and ETA
    assert re.search(r"cleaned 30 of 30 documents .*0 unchanged.*0 errors", screen)

    piped = subprocess.run([*CLI, str(corpus), "-o", str(tmp_path / "pipe"), "--jobs", "1"], cwd=ROOT,
                           stderr=subprocess.PIPE, text=True, timeout=60)
    assert piped.returncode == 0
    assert piped.stderr.count("\n") == 1 and piped.stderr.startswith("cleaned 30 of 30")

    code, screen = _run_on_pty([*CLI, str(corpus), "-o", str(tmp_path / "q"), "--quiet", "--force"])
    assert code == 0 and screen == ""
