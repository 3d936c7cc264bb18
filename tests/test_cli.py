"""`cleaner clean` over files and directories: outputs, summary, errors, exit status."""

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main

from .conftest import CORPUS, SEED

ARTICLE = ("<html><head><title>Harbour festival returns</title></head><body><article>"
           "<h1>Harbour festival returns</h1>"
           + "".join(f"<p>Line {i}: the harbour festival returns this summer with boats and music.</p>"
                     for i in range(5))
           + "</article></body></html>")


def run(*args: str):
    return CliRunner().invoke(main, ["clean", *args], catch_exceptions=False)


def snapshot(root: Path) -> dict:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def make_inputs(root: Path) -> Path:
    src = root / "in"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "page.html").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(SEED, src / "a" / "seed.txt")
    with gzip.open(src / "zipped.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(ARTICLE)
    (src / "notes.md").write_text("not an input", encoding="utf-8")
    return src


def test_directory_is_walked_and_outputs_mirror_it(tmp_path):
    src = make_inputs(tmp_path)
    before = snapshot(src)
    result = run(str(src), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    for rel in ["a/b/page", "a/seed", "zipped"]:
        assert (out / f"{rel}.txt").is_file() and (out / f"{rel}.diff").is_file()
    assert not (out / "notes.txt").exists()
    assert (out / "a/b/page.txt").read_text().startswith("Harbour festival returns\n\nLine 0:")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"]["documents"] == 3 and summary["totals"]["errors"] == 0
    seed = next(d for d in summary["documents"] if d["input"].endswith("seed.txt"))
    assert seed["site"] == "hindustantimes.com"
    assert seed["chars_in"] > seed["chars_out"] > 0
    assert seed["removals"]["generic.duplicate-headline"] == 2
    assert snapshot(src) == before  # inputs are never written to


def test_outdir_inside_input_is_skipped(tmp_path):
    src = make_inputs(tmp_path)
    assert run(str(src), "-o", str(src / "out"), "--jobs", "1").exit_code == 0
    assert run(str(src), "-o", str(src / "out"), "--jobs", "1").exit_code == 0
    assert not (src / "out" / "out").exists()
    summary = json.loads((src / "out" / "summary.json").read_text())
    assert summary["totals"]["documents"] == 3


def test_bad_documents_are_named_and_the_batch_goes_on(tmp_path):
    src = make_inputs(tmp_path)
    (src / "broken.html.gz").write_bytes(b"this is not gzip")
    result = run(str(src), "-o", str(tmp_path / "out"), "--jobs", "2")
    assert result.exit_code == 1
    assert "broken.html.gz" in result.output and "error" in result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert [e["input"].endswith("broken.html.gz") for e in summary["errors"]] == [True]
    assert summary["totals"]["cleaned"] == 3
    assert not (tmp_path / "out" / "broken.txt").exists()
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_jobs_do_not_change_outputs(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(str(CORPUS), "-o", str(one), "--jobs", "1").exit_code == 0
    assert run(str(CORPUS), "-o", str(two), "--jobs", "2").exit_code == 0
    timed = ("summary.json", "report.html")  # both show the run time
    strip = lambda s: {p.relative_to(s): b for p, b in snapshot(s).items() if p.name not in timed}  # noqa: E731
    assert strip(one) == strip(two)


def test_invalid_rule_file_exits_2_naming_file_and_key(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("id: bad\ntext:\n  drop_patterns: ['(']\n")
    result = run(str(SEED), "-o", str(tmp_path / "out"), "--rules", str(rules))
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "text.drop_patterns[0]" in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_site_and_missing_input_are_usage_errors(tmp_path):
    assert run(str(SEED), "-o", str(tmp_path / "o"), "--site", "nope").exit_code == 2
    assert run(str(tmp_path / "missing"), "-o", str(tmp_path / "o")).exit_code == 2


def test_forced_site_and_no_site_rules(tmp_path):
    run(str(SEED), "-o", str(tmp_path / "plain"), "--no-site-rules", "--jobs", "1")
    summary = json.loads((tmp_path / "plain" / "summary.json").read_text())
    assert summary["documents"][0]["site"] is None


def test_console_script_runs(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(SEED), "-o", str(tmp_path), "-q"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == ""
    assert (tmp_path / "hindustantimes-wsj-seed.txt").is_file()


def test_outputs_get_ordinary_file_permissions(tmp_path):
    import os
    import stat

    assert run(str(SEED), "-o", str(tmp_path / "out"), "--jobs", "1").exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    mode = stat.S_IMODE((tmp_path / "out" / "hindustantimes-wsj-seed.txt").stat().st_mode)
    assert mode == 0o666 & ~mask
