"""The batch engine: parallel output equals serial output, bounded streaming, incremental
re-runs driven by the manifest, and failures that never stop the batch."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from cleaner import batch
from cleaner.batch import BatchOptions, PoolBackend, _outcomes, _StopFlag, clean_settings, run_batch
from cleaner.inputs import walk_inputs
from cleaner.manifest import Fingerprints, Manifest, ManifestBusy, remove_stale_temp_files
from cleaner.pipeline import Cleaner

from .scale_pages import make_corpus, tree_contents


def summary_without_time(outdir: Path) -> dict:
    summary = json.loads((outdir / "summary.json").read_text())
    del summary["totals"]["seconds"]
    return summary


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    make_corpus(root, 24)
    (root / "broken.html.gz").write_bytes(b"this is not gzip")  # an unreadable document
    return root


def test_jobs_do_not_change_outputs_and_a_bad_document_does_not_stop_the_batch(corpus, tmp_path):
    one = run_batch([corpus], tmp_path / "j1", BatchOptions(jobs=1, progress=False))
    two = run_batch([corpus], tmp_path / "j2", BatchOptions(jobs=2, progress=False))
    assert one["totals"]["documents"] == 25
    assert one["totals"]["cleaned"] == 24 and one["totals"]["errors"] == 1
    assert "broken.html.gz" in one["errors"][0]["input"]
    assert tree_contents(tmp_path / "j1") == tree_contents(tmp_path / "j2")
    assert len(tree_contents(tmp_path / "j1")) == 3 * 24  # .txt, .diff, .report.json per good page
    assert summary_without_time(tmp_path / "j1") == summary_without_time(tmp_path / "j2")
    assert two["run"] == {"cleaned": 24, "unchanged": 0, "errors": 1}


def test_rerun_skips_unchanged_and_redoes_changed_missing_and_forced(corpus, tmp_path):
    out = tmp_path / "out"
    opts = BatchOptions(jobs=1, progress=False)
    run_batch([corpus], out, opts)
    first = summary_without_time(out)
    again = run_batch([corpus], out, opts)
    assert again["run"] == {"cleaned": 0, "unchanged": 24, "errors": 1}  # errors are retried
    assert summary_without_time(out) == first

    changed = corpus / "p00001.html"
    changed.write_text(changed.read_text().replace("<p>Subscribe now</p>", "<p>A new closing line.</p>"))
    (out / "p00002.txt").unlink()  # an output the user deleted
    third = run_batch([corpus], out, opts)
    assert third["run"]["cleaned"] == 2 and third["run"]["unchanged"] == 22
    assert (out / "p00002.txt").is_file()

    forced = run_batch([corpus], out, BatchOptions(jobs=1, progress=False, force=True))
    assert forced["run"]["cleaned"] == 24


def test_a_changed_option_recleans_everything(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch([corpus], out, BatchOptions(jobs=1, progress=False))
    rerun = run_batch([corpus], out, BatchOptions(jobs=1, progress=False, site_rules=False))
    assert rerun["run"]["cleaned"] == 24
    # --jobs and --quiet shape the run, not the outputs: nothing to redo
    assert run_batch([corpus], out, BatchOptions(jobs=2, progress=False, site_rules=False,
                                                 quiet=True))["run"]["unchanged"] == 24


def _write_rule(rules: Path, drop_lines: list[str]) -> None:
    rules.mkdir(exist_ok=True)
    lines = "".join(f"    - {line}\n" for line in drop_lines)
    (rules / "example.yaml").write_text(
        f"id: example.org\ndomains: [example.org]\ntext:\n  drop_lines:\n{lines}"
    )


def test_a_changed_site_rule_recleans_only_that_sites_documents(tmp_path):
    corpus = tmp_path / "in"
    make_corpus(corpus / "example", 5, host="example.org")
    make_corpus(corpus / "other", 7, host="other.test", start=100)
    rules = tmp_path / "rules"
    _write_rule(rules, ["Contact us"])
    out = tmp_path / "out"
    opts = BatchOptions(rules_dirs=[rules], jobs=1, progress=False)
    first = run_batch([corpus], out, opts)
    assert {d["site"] for d in first["documents"]} == {"example.org", None}

    _write_rule(rules, ["Contact us", "Home"])  # only example.org documents can change
    assert run_batch([corpus], out, opts)["run"] == {"cleaned": 5, "unchanged": 7, "errors": 0}

    # A phrase list change can touch any document.
    (rules / "generic").mkdir()
    (rules / "generic" / "extra.yaml").write_text("name: share\nlines: [a new share label]\n")
    assert run_batch([corpus], out, opts)["run"]["cleaned"] == 12

    # So can a new site rule: which rule a page gets may change.
    (rules / "more.yaml").write_text("id: more.test\ndomains: [more.test]\n")
    assert run_batch([corpus], out, opts)["run"]["cleaned"] == 12
    assert run_batch([corpus], out, opts)["run"]["unchanged"] == 12


def test_fingerprint_ignores_rule_fields_that_do_not_clean(tmp_path):
    rules = tmp_path / "rules"
    _write_rule(rules, ["Home"])
    before = Fingerprints(Cleaner(rules_dirs=[rules]), {})
    text = (rules / "example.yaml").read_text()
    (rules / "example.yaml").write_text("description: documented at last\n" + text)
    after = Fingerprints(Cleaner(rules_dirs=[rules]), {})
    assert before.for_site("example.org") == after.for_site("example.org")
    assert before.for_site(None) == after.for_site(None)
    assert before.for_site("example.org") != before.for_site(None)


def test_inputs_stream_through_a_bounded_window(tmp_path):
    corpus = tmp_path / "in"
    make_corpus(corpus, 40, gzipped_every=0)
    pulled = 0

    def docs():
        nonlocal pulled
        for doc in walk_inputs([corpus]):
            pulled += 1
            yield doc

    cleaner = Cleaner()
    options = BatchOptions(jobs=2)
    backend = PoolBackend(cleaner, clean_settings(options), tmp_path / "out", jobs=2)
    ahead = []
    with Manifest(tmp_path / "out") as manifest:
        try:
            outcomes = _outcomes(docs(), backend, manifest, Fingerprints(cleaner, {}), tmp_path / "out",
                                 options, _StopFlag())
            for settled, (_doc, _digest, how, _entry) in enumerate(outcomes, start=1):
                assert how == "cleaned"
                ahead.append(pulled - settled)
        finally:
            backend.close()
    assert len(ahead) == 40
    # never more than the bounded window read ahead of the output...
    assert max(ahead) <= backend.window * batch.REORDER
    assert max(ahead) >= 2  # ...but the workers did get work queued ahead


def test_manifest_survives_a_torn_line_and_refuses_a_second_run(tmp_path):
    out = tmp_path / "out"
    with Manifest(out) as manifest:
        manifest.record("a", {"hash": "1"})
        manifest.record("b", {"hash": "2"})
        with pytest.raises(ManifestBusy), Manifest(out):
            pass
    with open(out / ".cleaner" / "manifest.jsonl", "a") as fh:
        fh.write('{"key":"c","ha')  # a run killed in the middle of a line
    with Manifest(out) as manifest:
        assert manifest.interrupted_before  # never compacted
        assert set(manifest.previous) == {"a", "b"}
        manifest.record("d", {"hash": "4"})
        manifest.forget("a")
    with Manifest(out) as manifest:
        assert set(manifest.previous) == {"b", "d"}
        manifest.keep("b", manifest.previous["b"])
        manifest.compact()
    with Manifest(out) as manifest:
        assert manifest.previous == {"b": {"hash": "2"}} and not manifest.interrupted_before


def test_temp_files_of_a_killed_run_are_removed(corpus, tmp_path):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / ".p00004.txt.x1y2.tmp").write_text("half")
    (out / "keep.tmp").write_text("not ours")
    assert remove_stale_temp_files(out) == 1
    assert (out / "keep.tmp").exists()


def _crash_on_p00005(doc, content, outdir):
    """Stands in for a C-level crash: the worker process dies on one document."""
    if doc.relative.name == "p00005":
        os._exit(3)
    return PoolBackend.task(doc, content, outdir)


class CrashingPool(PoolBackend):
    task = staticmethod(_crash_on_p00005)


def test_a_dead_worker_costs_documents_not_the_run(tmp_path, monkeypatch):
    corpus = tmp_path / "in"
    make_corpus(corpus, 30, gzipped_every=0)
    monkeypatch.setattr(batch, "PoolBackend", CrashingPool)
    summary = run_batch([corpus], tmp_path / "out", BatchOptions(jobs=2, progress=False))
    failed = {Path(e["input"]).name for e in summary["errors"]}
    assert "p00005.html" in failed
    assert all("BrokenProcessPool" in e["error"] for e in summary["errors"])
    assert summary["totals"]["cleaned"] >= 30 - 2 * 4 - 1  # at most the pool's window is lost
    assert summary["totals"]["cleaned"] + summary["totals"]["errors"] == 30
    # the next run retries exactly the failed ones
    monkeypatch.setattr(batch, "PoolBackend", PoolBackend)
    again = run_batch([corpus], tmp_path / "out", BatchOptions(jobs=2, progress=False))
    assert again["run"] == {"cleaned": len(failed), "unchanged": 30 - len(failed), "errors": 0}


def _slow_first_page(doc, content, outdir):
    """p00000 waits until 20 later pages are written: only possible if a slow document does
    not hold the other workers back."""
    if doc.relative.name == "p00000":
        deadline = time.monotonic() + 60
        while len(list(outdir.glob("p*.txt"))) < 20:
            if time.monotonic() > deadline:
                return {"input": str(doc.path), "error": "the other workers were held back"}
            time.sleep(0.05)
    return PoolBackend.task(doc, content, outdir)


class SlowHeadPool(PoolBackend):
    task = staticmethod(_slow_first_page)


def test_a_slow_document_does_not_idle_the_other_workers(tmp_path, monkeypatch):
    corpus = tmp_path / "in"
    make_corpus(corpus, 30, gzipped_every=0)
    for folder in corpus.iterdir():  # keep all pages in one folder, p00000 first
        if folder.is_dir():
            for page in folder.iterdir():
                page.rename(corpus / page.name)
            folder.rmdir()
    monkeypatch.setattr(batch, "PoolBackend", SlowHeadPool)
    summary = run_batch([corpus], tmp_path / "out", BatchOptions(jobs=2, progress=False))
    assert summary["errors"] == [] and summary["totals"]["cleaned"] == 30
    assert Path(summary["documents"][0]["input"]).name == "p00000.html"  # still in input order


def test_records_with_inline_content_and_other_formats(tmp_path):
    from .scale_pages import page

    records = tmp_path / "in" / "items.jsonl"
    records.parent.mkdir()
    lines = [json.dumps({"id": f"r{n}", "url": f"https://news.test/{n}", "html": page(n)}) for n in range(12)]
    records.write_text("\n".join(lines) + "\n{not json\n")
    # JSON Lines in, one file per record out: parallel equals serial, and a re-run skips
    for fmt in ("txt", "md"):
        one = run_batch([records], tmp_path / f"{fmt}1", BatchOptions(jobs=1, progress=False, format=fmt))
        two = run_batch([records], tmp_path / f"{fmt}2", BatchOptions(jobs=2, progress=False, format=fmt))
        assert one["run"] == two["run"] == {"cleaned": 12, "unchanged": 0, "errors": 1}
        assert tree_contents(tmp_path / f"{fmt}1") == tree_contents(tmp_path / f"{fmt}2")
        again = run_batch([records], tmp_path / f"{fmt}2", BatchOptions(jobs=2, progress=False, format=fmt))
        assert again["run"] == {"cleaned": 0, "unchanged": 12, "errors": 1}
    # One JSON Lines stream out: in input order whatever --jobs, always redone, no manifest
    for jobs in (1, 2):
        run_batch([records], tmp_path / f"jl{jobs}", BatchOptions(jobs=jobs, progress=False, format="jsonl"))
    stream = (tmp_path / "jl1" / "documents.jsonl").read_bytes()
    assert stream == (tmp_path / "jl2" / "documents.jsonl").read_bytes()
    assert [json.loads(line)["id"] for line in stream.splitlines()] == [f"r{n}" for n in range(12)]
    assert not (tmp_path / "jl2" / ".cleaner").exists()


def test_scheduler_without_dask_installed_is_a_clear_usage_error(corpus, tmp_path, monkeypatch):
    import sys

    from click.testing import CliRunner

    from cleaner.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if cleaner[dask] were not installed
    result = CliRunner().invoke(main, ["clean", str(corpus), "-o", str(tmp_path / "out"),
                                       "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "pip install 'cleaner[dask]'" in result.output


def test_progress_total_is_counted_only_where_a_walk_can_tell(tmp_path):
    from cleaner.batch import _count_documents

    corpus = tmp_path / "in"
    make_corpus(corpus, 7)
    out = corpus / "out"  # inside the input: not counted
    make_corpus(out, 3)
    assert _count_documents([corpus], out, BatchOptions()) == 7
    (corpus / "more.jsonl").write_text('{"html": "<p>x</p>"}\n')
    assert _count_documents([corpus], out, BatchOptions()) is None  # records: only reading tells
    assert _count_documents([Path("-")], out, BatchOptions()) is None


def test_a_foreign_or_damaged_manifest_only_costs_a_reclean(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch([corpus], out, BatchOptions(jobs=1, progress=False))
    journal = out / ".cleaner" / "manifest.jsonl"
    lines = journal.read_text().splitlines()
    damaged = [json.loads(line) for line in lines[:3]]
    damaged[0]["entry"] = None
    damaged[1]["entry"].pop("output")
    damaged[2] = {"key": damaged[2]["key"], "hash": 42}
    journal.write_text("\n".join(json.dumps(d) for d in damaged) + "\n" + "\n".join(lines[3:]) + "\n[]\n")
    again = run_batch([corpus], out, BatchOptions(jobs=1, progress=False))
    assert again["run"] == {"cleaned": 3, "unchanged": 21, "errors": 1}
