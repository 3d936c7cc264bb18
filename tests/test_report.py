"""report.html, the saved report data, ``cleaner report`` and ``--diff-format``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.report.data import SUFFIX
from cleaner.report.render import pages_of, view_lines
from cleaner.report.stats import LineCounter, collect, removed_share

DATA = Path(__file__).parent / "data" / "report"
SECTIONS = ["overview", "rules", "sites", "removed-lines", "kept-lines", "documents"]


def clean(tmp_path: Path, *extra: str) -> Path:
    corpus = tmp_path / "corpus"
    if not corpus.exists():
        shutil.copytree(DATA / "corpus", corpus)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(corpus), "-o", str(out), "-j", "1", "-q",
                                       "--rules", str(DATA / "rules"), *extra])
    assert result.exit_code == 0, result.output
    return out


def summary_of(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def table_rows(page, section: str) -> list[list[str]]:
    rows = page.get_element_by_id(section).xpath(".//tbody/tr")
    return [[td.text_content().strip() for td in tr.xpath("./td")] for tr in rows]


def test_clean_writes_report_with_every_section(tmp_path):
    out = clean(tmp_path)
    summary = summary_of(out)
    page = lxml.html.parse(str(out / "report.html")).getroot()
    for section in SECTIONS:
        assert page.get_element_by_id(section) is not None
    text = page.text_content()
    for rule in summary["totals"]["removals"]:
        assert rule in text
    assert [s[0] for s in table_rows(page, "sites")] == ["(no site rule)", "news.example.org"]
    # One view per document (6 < the default cap), and the document table lists them all.
    assert len(page.find_class("view")) == len(summary["documents"]) == 6
    assert len(table_rows(page, "documents")) == 6
    for entry in summary["documents"]:
        assert (out / (entry["output"][: -len(".txt")] + SUFFIX)).is_file()


def test_documents_are_sorted_by_removed_share_and_views_match(tmp_path):
    out = clean(tmp_path)
    summary = summary_of(out)
    expected = sorted(summary["documents"], key=lambda e: (-removed_share(e), e["input"]))
    page = lxml.html.parse(str(out / "report.html")).getroot()
    shares = [float(row[5].split()[-1].rstrip("%")) for row in table_rows(page, "documents")]
    assert shares == sorted(shares, reverse=True)
    for rank, entry in enumerate(expected, start=1):
        view = page.get_element_by_id(f"doc-{rank}")
        assert entry["input"] in view.text_content()


def test_view_highlights_every_removed_line_with_its_rule(tmp_path):
    out = clean(tmp_path)
    page = lxml.html.parse(str(out / "report.html")).getroot()
    data = json.loads((out / "news" / ("cycling-lanes" + SUFFIX)).read_text(encoding="utf-8"))
    views = [v for v in page.find_class("view") if "cycling-lanes.txt" in v.text_content()]
    assert len(views) == 1
    rows = views[0].xpath(".//table[@class='sbs']/tbody/tr")
    assert len(rows) == len(data["lines"])
    removed = [tr for tr in rows if tr.get("class") == "removed"]
    assert len(removed) == sum(1 for line in data["lines"] if line[1] is None) > 0
    for tr, (before, after, rule) in zip(rows, data["lines"], strict=True):
        before_cell, rule_cell, after_cell = tr.xpath("./td")[1:]
        assert before_cell.text_content() == (before or "")
        if after is None:
            assert after_cell.text_content() == ""
            # The first line of a run carries the badge, the next ones name the rule in a title.
            label = rule_cell.text_content() or rule_cell.xpath("./i/@title")[0]
            assert label == rule


def test_report_data_is_the_removal_records(tmp_path):
    out = clean(tmp_path)
    source = DATA / "corpus" / "news" / "cycling-lanes.txt"
    result = Cleaner(rules_dirs=[DATA / "rules"]).clean(source.read_bytes(), kind="text")
    data = json.loads((out / "news" / ("cycling-lanes" + SUFFIX)).read_text(encoding="utf-8"))
    assert data["removals"] == [r.to_dict() for r in result.removals]
    # This fixture has no blank line, so line i of the table is source line i.
    for r in result.removals:
        if r.start is None:
            assert data["lines"][r.line] == [r.text, None, r.rule]


def test_frequent_lines_are_counted_per_document(tmp_path):
    out = clean(tmp_path)
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in out.rglob("*" + SUFFIX)]
    privacy = sum(any(r["text"] == "Privacy policy" for r in d["removals"]) for d in docs)
    assert privacy >= 3
    page = lxml.html.parse(str(out / "report.html")).getroot()
    removed = {row[2]: row for row in table_rows(page, "removed-lines")}
    assert removed["Privacy policy"][0] == str(privacy)
    assert "generic.navigation" in removed["Privacy policy"][3]
    kept = {row[2]: row for row in table_rows(page, "kept-lines")}
    assert kept["Courtesy of City Times"][:2] == ["2", "2"]  # kept in two documents: a rule candidate


def test_report_command_rebuilds_without_cleaning(tmp_path, monkeypatch):
    out = clean(tmp_path)
    first = (out / "report.html").read_text(encoding="utf-8")
    (out / "report.html").unlink()
    shutil.rmtree(tmp_path / "corpus")  # the inputs are gone: only the saved outputs remain

    def no_cleaning(*args, **kwargs):
        raise AssertionError("cleaner report must not clean")

    monkeypatch.setattr(Cleaner, "clean", no_cleaning)
    result = CliRunner().invoke(main, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "report.html").read_text(encoding="utf-8") == first


def test_report_caps_views_and_rows(tmp_path):
    out = clean(tmp_path)
    result = CliRunner().invoke(main, ["report", str(out), "--views", "2", "--rows", "3",
                                       "-o", str(tmp_path / "small.html")])
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(str(tmp_path / "small.html")).getroot()
    assert [v.get("id") for v in page.find_class("view")] == ["doc-1", "doc-2"]
    rows = table_rows(page, "documents")
    assert len(rows) == 3
    assert rows[2][7] == "diff txt"  # no view past the cap: the row links to the files
    note = page.get_element_by_id("documents").find_class("note")[0].text_content()
    assert "3 of 6 documents listed" in note and "embedded for the 2 documents" in note


def test_report_without_summary_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 2
    assert "summary.json: not found" in result.output


def test_report_survives_missing_document_data(tmp_path):
    out = clean(tmp_path)
    second = collect(out, summary_of(out)).rows[1]
    (out / (second.txt_href[2: -len(".txt")] + SUFFIX)).unlink()
    result = CliRunner().invoke(main, ["report", str(out)])
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(str(out / "report.html")).getroot()
    assert "1 documents have no saved report data" in page.text_content()
    assert [v.get("id") for v in page.find_class("view")] == ["doc-1", "doc-3", "doc-4", "doc-5", "doc-6"]
    # Previous/next skip the document without a view.
    assert "#doc-3" in page.get_element_by_id("doc-1").xpath(".//div[@class='view-bar']/a/@href")


def test_histogram_counts_every_document(tmp_path):
    out = clean(tmp_path)
    stats = collect(out, summary_of(out))
    assert sum(stats.histogram) == 6
    for row in stats.rows:
        assert stats.histogram[min(9, int(row.removed_share * 10))] > 0


def test_json_diff_format_writes_the_records(tmp_path):
    out = clean(tmp_path, "--diff-format", "json")
    assert not list(out.rglob("*.diff"))
    source = DATA / "corpus" / "blog" / "sourdough.txt"
    result = Cleaner(rules_dirs=[DATA / "rules"]).clean(source.read_bytes(), kind="text")
    diff = json.loads((out / "blog" / "sourdough.diff.json").read_text(encoding="utf-8"))
    assert diff["removals"] == [r.to_dict() for r in result.removals]
    assert 'href="./blog/sourdough.diff.json"' in (out / "report.html").read_text(encoding="utf-8")


def test_unified_diff_names_the_rule_of_every_hunk(tmp_path):
    out = clean(tmp_path)
    result = Cleaner(rules_dirs=[DATA / "rules"]).clean(
        (DATA / "corpus" / "news" / "harbour-bridge.txt").read_bytes(), kind="text")
    diff = (out / "news" / "harbour-bridge.diff").read_text(encoding="utf-8")
    hunk_rules = {line.split(" @@ ")[1] for line in diff.splitlines() if line.startswith("@@ ")}
    assert hunk_rules == {r.rule for r in result.removals}


def test_clean_rejects_an_unknown_diff_format(tmp_path):
    result = CliRunner().invoke(main, ["clean", str(DATA / "corpus"), "-o", str(tmp_path / "o"),
                                       "--diff-format", "html"])
    assert result.exit_code == 2


def test_view_lines_are_capped():
    data = {"lines": [[f"line {i}", True, None] for i in range(30)]}
    rows, hidden = view_lines(data, limit=10)
    assert len(rows) == 10 and hidden == 20
    assert [r.number for r in rows] == list(range(1, 11))


def test_documents_table_pages(tmp_path):
    out = clean(tmp_path)
    rows = collect(out, summary_of(out)).rows
    pages = pages_of(rows, size=4)
    assert [(p.number, p.first, p.last, len(p.rows)) for p in pages] == [(1, 1, 4, 4), (2, 5, 6, 2)]
    assert len(pages_of([], size=4)) == 1  # an empty run still has its (empty) table


def test_line_counter_counts_documents_and_prunes_singletons():
    counter = LineCounter(limit=3)
    counter.add_document([("Share", "generic.share"), ("Share", "generic.share"), ("a", None)])
    counter.add_document([("Share  ", "generic.share"), ("b", None)])
    top = counter.top(1)[0]
    assert (top.text, top.documents, top.occurrences, top.rules) == ("Share", 2, 3, {"generic.share"})
    assert not counter.pruned
    counter.add_document([("c", None), ("d", None)])
    assert counter.pruned
    assert set(counter.counts) == {"Share"}


@pytest.mark.parametrize("share", [-0.5, 0.0, 0.999, 1.0])
def test_removed_share_of_odd_documents_stays_in_the_histogram(tmp_path, share):
    out = tmp_path / "o"
    out.mkdir()
    chars_in = 1000
    entry = {"input": "x", "chars_in": chars_in, "chars_out": round(chars_in * (1 - share)),
             "removals": {}, "output": "x.txt"}
    stats = collect(out, {"totals": {}, "documents": [entry], "errors": []})
    assert sum(stats.histogram) == 1
    assert stats.missing_data == 1


def test_report_lists_errors_when_every_document_failed(tmp_path):
    corpus = tmp_path / "bad"
    corpus.mkdir()
    (corpus / "broken.html.gz").write_bytes(b"not gzip")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(corpus), "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code == 1
    page = lxml.html.parse(str(out / "report.html")).getroot()
    errors = table_rows(page, "errors")
    assert len(errors) == 1 and errors[0][0].endswith("broken.html.gz") and "BadGzipFile" in errors[0][1]
    assert table_rows(page, "documents") == []


def test_a_failing_report_is_one_error_line_and_the_outputs_stand(tmp_path, monkeypatch):
    import cleaner.report.render as render

    def broken(stats):
        raise RuntimeError("template exploded")

    monkeypatch.setattr(render, "render", broken)
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "corpus", corpus)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(corpus), "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code == 0
    assert f"cleaner: error: {out / 'report.html'}: RuntimeError: template exploded" in result.output
    assert (out / "summary.json").is_file() and not (out / "report.html").exists()
