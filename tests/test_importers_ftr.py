"""ftr-site-config import: conversion, domain semantics, loading with a cache, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.importers.ftr import convert_path, convert_text, load_ftr, rule_id_for
from cleaner.rules import RuleSet

FIXTURES = Path(__file__).parent / "data" / "importers" / "ftr"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _by_name() -> dict:
    return {f.name: f for f in convert_path(FIXTURES)}


def test_maps_every_directive_cleaner_honours():
    rule = _by_name()["example.com"].rule
    assert rule["id"] == "ftr.example.com"
    assert rule["hosts"] == ["example.com"] and "domains" not in rule
    html = rule["html"]
    assert html["body"] == ["xpath://div[@id=\"no-such-container\"]",
                            "xpath://div[contains(@class, 'story-body')]"]
    assert html["title"] == ["xpath://meta[@property=\"og:title\"]/@content"]
    assert "xpath://div[@class=\"related\"]" in html["drop"]
    assert any("' byline '" in s and "@id='byline'" in s for s in html["drop"])
    assert "xpath://img[contains(@src,'tracking-pixel')]" in html["drop"]
    assert {"find": "<noscript>", "replace": "<div>"} in html["replace"]
    assert {"find": '<p class="lead-in">', "replace": '<p class="lead">'} in html["replace"]


def test_lists_what_it_could_not_map_and_keeps_tests_as_metadata():
    imported = _by_name()["example.com"].rule["imported"]
    assert imported["file"] == "example.com.txt"
    assert imported["unsupported"] == {"author": 1, "login_uri": 1, "next_page_link": 1,
                                       "single_page_link": 1}
    assert imported["ignored"] == {"prune": 1, "tidy": 1}
    assert imported["tests"] == [
        {"url": "https://example.com/2024/01/story.html", "contains": ["A sentence from the story"]},
        {"url": "https://www.example.com/other.html"},
    ]


def test_subdomain_file_and_rejected_xpath_and_empty_file():
    files = _by_name()
    sub = files[".blog.example.net"].rule
    assert sub["id"] == rule_id_for(".blog.example.net") == "ftr.*.blog.example.net"
    assert sub["domains"] == ["*.blog.example.net"] and "hosts" not in sub
    broken = files["broken.example.org"]
    assert broken.rejected_xpaths == ["//div[contains(@class='x')]"]
    assert broken.rule["html"] == {"drop": ["xpath://aside"]}
    assert broken.unsupported == {"(unparsable line)": 1, "titl": 1}
    assert files["nothing.example.org"].rule is None
    assert "README" not in " ".join(files)


def test_domain_semantics_of_converted_rules(tmp_path):
    rules = load_ftr(FIXTURES)
    assert rules.for_host("example.com").id == "ftr.example.com"
    assert rules.for_host("www.example.com").id == "ftr.example.com"
    assert rules.for_host("shop.example.com") is None  # example.com.txt is that host only
    assert rules.for_host("a.blog.example.net").id == "ftr.*.blog.example.net"
    assert rules.for_host("x.a.blog.example.net").id == "ftr.*.blog.example.net"
    assert rules.for_host("blog.example.net") is None  # .blog.example.net.txt: subdomains only


def test_strip_id_or_class_matches_whole_tokens_only():
    from lxml import html as lxml_html

    from cleaner.htmlstage import select

    rule = convert_text("x.org", "strip_id_or_class: byline\n").rule
    selector = rule["html"]["drop"][0]
    tree = lxml_html.fromstring(
        "<div><p class='a byline'>1</p><p id='byline'>2</p><p class='bylines-wrapper'>3</p></div>")
    assert [e.text for e in select(tree, selector)] == ["1", "2"]


def test_load_caches_and_notices_changed_files(tmp_path):
    checkout = tmp_path / "ftr"
    shutil.copytree(FIXTURES, checkout)
    first = load_ftr(checkout)
    cached = list((tmp_path / "cache" / "cleaner").glob("ftr-*.json"))
    assert len(cached) == 1
    assert len(load_ftr(checkout)) == len(first) == 3
    (checkout / "new.example.com.txt").write_text("body: //main\n")
    assert load_ftr(checkout).for_host("new.example.com").html_body == ["xpath://main"]


def test_import_ftr_cli_writes_loadable_rules(tmp_path):
    out = tmp_path / "rules"
    result = CliRunner().invoke(main, ["rules", "import-ftr", str(FIXTURES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 files: 3 converted" in result.output and "1 XPaths lxml rejects" in result.output
    assert sorted(p.name for p in out.glob("*.yaml")) == [
        "_.blog.example.net.yaml", "broken.example.org.yaml", "example.com.yaml"]
    report = json.loads((out / "import-report.json").read_text())
    assert report["totals"]["converted"] == 3 and report["totals"]["rejected_xpaths"] == 1
    assert report["nothing_to_apply"][0]["file"] == "nothing.example.org.txt"
    rules = RuleSet.from_dirs([out])  # the converted files pass cleaner's own validation
    assert rules.for_host("www.example.com").id == "ftr.example.com"
    data = yaml.safe_load((out / "example.com.yaml").read_text())
    assert data["imported"]["unsupported"]["next_page_link"] == 1


def test_import_ftr_single_file(tmp_path):
    out = tmp_path / "one"
    result = CliRunner().invoke(main, ["rules", "import-ftr", str(FIXTURES / "example.com.txt"),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.glob("*.yaml")] == ["example.com.yaml"]


def test_a_damaged_cache_is_converted_again(tmp_path):
    load_ftr(FIXTURES)
    (cache_file,) = (tmp_path / "cache" / "cleaner").glob("ftr-*.json")
    cache_file.write_text(json.dumps([{"id": "x", "html": {"drop": ["xpath://div[contains(@a='b')]"]},
                                       "imported": {"file": "x.txt"}}]))
    assert load_ftr(FIXTURES).for_host("example.com").id == "ftr.example.com"
    assert "ftr.example.com" in cache_file.read_text()


def test_clean_cli_with_ftr_and_adblock(tmp_path):
    paragraphs = "".join(
        f"<p>Paragraph {i} of a story about the harbour, its ships and the people who work "
        f"there every single day of the year, in all weathers.</p>" for i in range(5))
    page = ("<html><head><link rel='canonical' href='https://www.example.com/story'></head><body>"
            f"<div class='story-body'>{paragraphs}<div class='related'>Related: ten more stories you "
            "will certainly want to read after this one, chosen for you.</div>"
            "<div class='cookie-note'>We use cookies on this site.</div></div>"
            "<div class='more'>More from the newsroom: a long list of teasers for other stories here.</div>"
            "</body></html>")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "story.html").write_text(page)
    adblock = tmp_path / "list.txt"
    adblock.write_text("example.com##.cookie-note\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(inputs), "-o", str(out), "-j", "2", "-q",
                                       "--ftr", str(FIXTURES), "--adblock", str(adblock)])
    assert result.exit_code == 0, result.output
    text = (out / "story.txt").read_text()
    assert "Paragraph 4" in text
    for gone in ("Related: ten more", "We use cookies", "More from the newsroom"):
        assert gone not in text
    summary = json.loads((out / "summary.json").read_text())
    assert summary["documents"][0]["site"] == "ftr.example.com"
    diff = (out / "story.diff").read_text()
    assert "site:ftr.example.com.html.body" in diff and "adblock.site:example.com" in diff


def test_www_file_next_to_the_bare_one_is_reported_not_converted(tmp_path):
    (tmp_path / "example.com.txt").write_text("body: //article\n")
    (tmp_path / "www.example.com.txt").write_text("body: //main\n")
    files = {f.name: f for f in convert_path(tmp_path)}
    assert files["example.com"].rule is not None and files["www.example.com"].rule is None
    assert files["www.example.com"].unsupported == {"(same host as example.com.txt, which is used)": 1}


def test_eval_with_ftr(tmp_path):
    import gzip

    paragraphs = [f"Paragraph {i} of a story about the harbour, its ships and the people who work "
                  f"there every single day of the year, in all weathers." for i in range(5)]
    essay = [f"Essay line {i}: the history of the lighthouse keepers is told in this second column, "
             f"which is not part of the story at all." for i in range(3)]
    # trafilatura alone keeps the whole <article>, essay included; the site's body rule knows better
    page = ("<html><head><title>Harbour</title></head><body><article><div class='story'>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div><div class='second'>"
            + "".join(f"<p>{t}</p>" for t in essay) + "</div></article></body></html>")
    gold = tmp_path / "gold"
    (gold / "html").mkdir(parents=True)
    with gzip.open(gold / "html" / "p1.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(page)
    (gold / "annotations.json").write_text(json.dumps({"p1.html.gz": {
        "url": "https://www.example.com/story", "with": paragraphs[:2], "without": essay[:2]}}))
    ftr = tmp_path / "ftr"
    ftr.mkdir()
    (ftr / "example.com.txt").write_text("body: //div[@class='story']\n")
    leaked = {}
    for label, extra in (("without", []), ("with", ["--ftr", str(ftr)])):
        out = tmp_path / f"{label}.json"
        result = CliRunner().invoke(main, ["eval", str(gold), "--mode", "html", "-j", "1", "--json", str(out),
                                           *extra])
        assert result.exit_code == 0, result.output
        (doc,) = [d for d in json.loads(out.read_text())["documents"] if d["system"] == "cleaner"]
        assert doc["fn"] == 0
        leaked[label] = doc["fp"]
    assert leaked == {"without": 2, "with": 0}
