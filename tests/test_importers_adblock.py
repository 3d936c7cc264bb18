"""Ad-block cosmetic filters: parsing with skip counts, where rules apply, exceptions, the CLI."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from lxml import html as lxml_html

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.importers.adblock import CosmeticFilter, CosmeticList, read_list

LIST = Path(__file__).parent / "data" / "importers" / "adblock" / "list.txt"

PAGE = """<html><body>
<div class="share-bar">Share on Facebook</div>
<div id="newsletter-box">Get our newsletter</div>
<div class="promo">Promo box</div><span class="promo">inline promo stays</span>
<div class="sidebar"><p class="sponsored">Sponsored link</p></div><p class="sponsored">A sponsored note</p>
<aside data-ad-slot="3">Ad slot</aside>
<div class="cookie-note">We use cookies</div>
<div class="related-links">Related links</div>
<div class="teaser-strip">Teaser strip</div>
<div class="promo-exception">Excepted everywhere</div>
<div class="entity-rule">Entity rule</div>
<article><p>The article text stays.</p></article>
</body></html>"""


def kept_after(flt: CosmeticFilter, host: str | None) -> tuple[str, list]:
    tree = lxml_html.document_fromstring(PAGE)
    removals = flt.apply(tree, host)
    return " ".join(tree.text_content().split()), removals


def test_parse_counts_what_it_takes_and_skips():
    parsed = read_list(LIST)
    assert parsed.generic == [".share-bar", "#newsletter-box", "div.promo", ".sidebar > .sponsored",
                              "aside[data-ad-slot]", ".related-links", ".promo-exception"]
    assert parsed.domains == {"example.com": [".cookie-note"], "news.example.org": [".teaser-strip"]}
    assert parsed.exceptions == {"example.com": [".share-bar"], "shop.example.com": [".related-links"],
                                 "old.news.example.org": [".teaser-strip"]}
    assert parsed.generic_exceptions == [".promo-exception"]
    assert dict(parsed.skipped) == {
        "network rule": 2,
        "scriptlet or HTML filter": 2,
        "scriptlet, snippet or extended rule": 2,
        "selector lxml cannot evaluate": 1,
        "wildcard domain": 1,
    }


def test_generic_rules_apply_everywhere_and_domain_rules_by_host():
    flt = CosmeticFilter(read_list(LIST))
    text, removals = kept_after(flt, "blog.other.net")
    for gone in ("Share on Facebook", "Get our newsletter", "Promo box", "Sponsored link", "Ad slot",
                 "Related links"):
        assert gone not in text
    for kept in ("inline promo stays", "A sponsored note", "We use cookies", "Teaser strip",
                 "Excepted everywhere", "Entity rule", "The article text stays."):
        assert kept in text
    assert {r.rule for r in removals} == {"adblock.generic"}
    # "aside[data-ad-slot]" has no class or id: it runs in the combined union, and is still named
    details = {r.detail for r in removals}
    assert details >= {".share-bar", "#newsletter-box", "div.promo", "aside[data-ad-slot]"}


def test_domain_rules_and_exceptions():
    flt = CosmeticFilter(read_list(LIST))
    text, removals = kept_after(flt, "www.example.com")
    assert "We use cookies" not in text  # example.com##.cookie-note
    assert "Share on Facebook" in text  # example.com#@#.share-bar
    assert "adblock.site:example.com" in {r.rule for r in removals}
    text, _ = kept_after(flt, "news.example.org")
    assert "Teaser strip" not in text
    text, _ = kept_after(flt, "old.news.example.org")  # ~old.news.example.org
    assert "Teaser strip" in text
    text, _ = kept_after(flt, "shop.example.com")  # ~shop.example.com on a generic rule
    assert "Related links" in text and "We use cookies" not in text


def test_nested_hits_are_recorded_once():
    flt = CosmeticFilter(CosmeticList.parse(["##.outer", "##.inner", "##div div"]))
    tree = lxml_html.document_fromstring(
        "<html><body><div class='outer'><div class='inner'>x</div></div><p>keep</p></body></html>")
    removals = flt.apply(tree, None)
    assert [r.detail for r in removals] == [".outer"]


def test_many_generic_rules_are_indexed_not_looped():
    rules = CosmeticList.parse([f"##.ad-{i}" for i in range(20000)] + ["##.x .ad-7 > span"])
    flt = CosmeticFilter(rules)
    assert len(flt.by_class) == 20000 and flt.unindexed == [] and "ad-7" in flt.needs_class
    tree = lxml_html.document_fromstring(
        "<html><body><div class='x'><p class='ad-7'><span>s</span></p></div><p>keep</p></body></html>")
    assert [r.detail for r in flt.apply(tree, None)] == [".ad-7"]


def test_import_adblock_cli_round_trip(tmp_path):
    out = tmp_path / "cosmetic.yaml"
    result = CliRunner().invoke(main, ["rules", "import-adblock", str(LIST), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "7 generic and 2 domain rules" in result.output and "2 network rule" in result.output
    data = yaml.safe_load(out.read_text())
    assert data["adblock"]["skipped"]["network rule"] == 2
    again = read_list(out)
    original = read_list(LIST)
    assert (again.generic, again.domains, again.exceptions, again.generic_exceptions) == (
        original.generic, original.domains, original.exceptions, original.generic_exceptions)


def test_cleaner_applies_adblock_below_site_rules(tmp_path):
    paragraphs = "".join(
        f"<p>Paragraph {i} of a long enough article about the harbour, its ships and the people "
        f"who work there every single day of the year.</p>" for i in range(5))
    html = (f"<html><head><link rel='canonical' href='https://www.example.com/a'></head><body>"
            f"<article>{paragraphs}<div class='cookie-note'>We use cookies on this site to improve it.</div>"
            f"</article></body></html>")
    result = Cleaner(bundled=False, adblock=LIST).clean(html)
    assert "We use cookies" not in result.text and "Paragraph 4" in result.text
    assert any(r.rule == "adblock.site:example.com" for r in result.removals)
    # a cosmetic rule that would take the article is given up
    guarded = tmp_path / "greedy.txt"
    guarded.write_text("##article\n")
    result = Cleaner(bundled=False, adblock=guarded).clean(html)
    assert "Paragraph 4" in result.text and not any(r.stage == "html" for r in result.removals)


def test_small_removals_are_not_checked_by_a_second_extraction(monkeypatch):
    from cleaner import htmlstage

    calls = []
    real = htmlstage._extract
    monkeypatch.setattr(htmlstage, "_extract", lambda tree: calls.append(1) or real(tree))
    paragraphs = "".join(f"<p>Paragraph {i} about the harbour and the ships that call there every "
                         f"week of the year, whatever the weather.</p>" for i in range(5))
    small = f"<html><body><article>{paragraphs}</article><div class='ad-box'>Ad</div></body></html>"
    flt = CosmeticList.parse(["##.ad-box", "##.teasers"])
    cleaner = Cleaner(bundled=False)
    cleaner.adblock = CosmeticFilter(flt)
    assert "Paragraph 4" in cleaner.clean(small).text and len(calls) == 1
    teasers = "".join(f"<li>Teaser {i}: a long line of words about another story on this site</li>"
                      for i in range(6))
    calls.clear()
    large = small.replace("</article>", f"</article><ul class='teasers'>{teasers}</ul>")
    assert "Teaser" not in cleaner.clean(large).text and len(calls) == 2  # checked against the page


def test_selectors_are_indexed_by_what_they_require():
    rules = CosmeticList.parse([
        "##a[href^='https://ads.example/']", "##[data-ad-name]", "##AD-SLOT", "##div:not(.x) > p.y",
        "##.box:not(#id) span", "##div > span", "##[class~='ad']",
    ])
    flt = CosmeticFilter(rules)
    assert flt.needs_attribute.groups["href"]["^="] == [("https://ads.example/", "a[href^='https://ads.example/']")]
    assert "data-ad-name" in flt.needs_attribute.groups
    assert flt.needs_tag == {"ad-slot": ["AD-SLOT"], "span": ["div > span"]}  # the rightmost part
    assert flt.needs_class == {"y": ["div:not(.x) > p.y"], "box": [".box:not(#id) span"]}
    assert flt.unindexed == ["[class~='ad']"]
    tree = lxml_html.document_fromstring(
        "<html><body><a href='HTTPS://ADS.example/x'>upper</a><a href='https://ads.example/x'>ad</a>"
        "<p data-ad-name='n'>named</p><ad-slot>slot</ad-slot><div class='x'><p class='y'>kept</p></div>"
        "<section><p class='y'>kept too</p></section><b class='ad big'>tok</b><p>text</p></body></html>")
    details = sorted(r.detail for r in flt.apply(tree, None))
    assert details == ["AD-SLOT", "[class~='ad']", "[data-ad-name]", "a[href^='https://ads.example/']"]
    assert "upper" in tree.text_content() and "kept too" in tree.text_content()


def test_filter_survives_pickling_for_worker_processes():
    import pickle

    flt = CosmeticFilter(read_list(LIST))
    copy = pickle.loads(pickle.dumps(flt))
    assert kept_after(copy, "www.example.com")[0] == kept_after(flt, "www.example.com")[0]
