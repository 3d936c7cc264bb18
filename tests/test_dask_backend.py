"""Cleaning on Dask gives exactly the outputs of a local run (skipped without cleaner[dask])."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .scale_pages import make_corpus, page, tree_contents

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")

from click.testing import CliRunner  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.batch import BatchOptions, run_batch  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.dask_backend import clean_record  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                                  dashboard_address=None) as local:
        yield local


def _without_time(outdir: Path) -> dict:
    summary = json.loads((outdir / "summary.json").read_text())
    del summary["totals"]["seconds"]
    return summary


def test_scheduler_run_matches_local_run(cluster, tmp_path):
    corpus = tmp_path / "in"
    make_corpus(corpus, 16)
    (corpus / "broken.html.gz").write_bytes(b"not gzip at all")
    run_batch([corpus], tmp_path / "local", BatchOptions(jobs=1, progress=False))
    on_dask = run_batch([corpus], tmp_path / "dask",
                        BatchOptions(scheduler=cluster.scheduler_address, progress=False))
    assert on_dask["run"] == {"cleaned": 16, "unchanged": 0, "errors": 1}
    assert tree_contents(tmp_path / "dask") == tree_contents(tmp_path / "local")
    assert len(tree_contents(tmp_path / "dask")) == 3 * 16
    assert _without_time(tmp_path / "dask") == _without_time(tmp_path / "local")


def test_cli_scheduler_option_resumes_like_a_local_run(cluster, tmp_path):
    corpus = tmp_path / "in"
    make_corpus(corpus, 6)
    out = tmp_path / "out"
    args = ["clean", str(corpus), "-o", str(out), "--scheduler", cluster.scheduler_address]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert len(tree_contents(out)) == 3 * 6
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "(6 unchanged" in again.output


def test_recipe_maps_clean_over_a_bag_of_records(cluster):
    from dask import delayed

    records = [{"id": n, "url": f"https://news.test/story/{n}", "html": page(n)} for n in range(8)]
    records.append({"id": "bad", "url": None, "html": None})
    cleaner = Cleaner()
    bag = dask_bag.from_sequence(records, npartitions=3)
    with distributed.Client(cluster) as client:
        cleaned = bag.map(clean_record, cleaner=delayed(cleaner)).compute(scheduler=client)
    by_id = {r["id"]: r for r in cleaned}
    for n in range(8):
        expected = cleaner.clean(page(n), url=f"https://news.test/story/{n}")
        assert by_id[n]["text"] == expected.text and by_id[n]["title"] == expected.title
        assert "html" not in by_id[n]
        assert by_id[n]["removals"] == [r.to_dict() for r in expected.removals]
    assert "error" in by_id["bad"]


def test_scheduler_run_of_records_to_json_lines_matches_local_run(cluster, tmp_path):
    records = tmp_path / "items.jsonl"
    lines = [json.dumps({"id": n, "html": page(n), "lang": "en"}) for n in range(6)]
    records.write_text("\n".join(lines) + "\n")
    run_batch([records], tmp_path / "local", BatchOptions(jobs=1, progress=False, format="jsonl"))
    run_batch([records], tmp_path / "dask", BatchOptions(scheduler=cluster.scheduler_address, progress=False,
                                                         format="jsonl"))
    local = (tmp_path / "local" / "documents.jsonl").read_text()
    assert (tmp_path / "dask" / "documents.jsonl").read_text() == local
    assert [json.loads(line)["lang"] for line in local.splitlines()] == ["en"] * 6  # fields pass through
