"""Rule model additions: html.body with its fallback, xpath: selectors, html.title, html.replace,
host/subdomain matching and the precedence of rule sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.rules import RuleError, RuleSet, load_rule_file

ARTICLE = [
    "The river had risen for three days before the town council finally agreed to open the old flood gates.",
    "Engineers worked through the night to clear the channels, while volunteers filled sandbags.",
    "By the morning the water had dropped by almost a metre, and the first shops reopened.",
    "Residents said the response was slow, but most agreed the damage was smaller than before.",
]
RELATED = [
    "Read also: how a small bakery in the valley survived two winters without any electricity at all today.",
    "Read also: the mayor explains in a long interview why the new parking garage will be built next spring.",
    "Read also: ten surprising facts about the history of the town hall that visitors never notice.",
]


def page(article_class: str = "story-body", extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    related = "".join(f"<p>{p}</p>" for p in RELATED)
    return (
        "<html><head><title>Flood gates opened | Example Times</title>"
        '<meta property="og:title" content="Flood gates opened after three days">'
        '<link rel="canonical" href="https://www.example.com/2024/flood.html"></head><body>'
        '<nav><a href="/">Home</a><a href="/news">News</a></nav>'
        f'<div class="{article_class}"><h1>Flood gates opened</h1>'
        '<p class="caption">Photo: the bridge at dawn.</p>'
        f"{paragraphs}{extra}</div>"
        f'<div class="more-stories">{related}</div>'
        "<footer>Copyright Example Times</footer></body></html>"
    )


def write_rule(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def cleaner_with(tmp_path: Path, rule_text: str) -> Cleaner:
    write_rule(tmp_path / "rules", "example.yaml", rule_text)
    return Cleaner(rules_dirs=[tmp_path / "rules"], bundled=False)


def test_body_restricts_extraction_to_the_container(tmp_path):
    c = cleaner_with(tmp_path, "id: ex\ndomains: [example.com]\nhtml:\n  body: ['.story-body']\n")
    result = c.clean(page())
    assert all(p in result.text for p in ARTICLE)
    assert not any(r[:30] in result.text for r in RELATED)
    body_records = [r for r in result.removals if r.rule == "site:ex.html.body"]
    assert len(body_records) == 1 and "Read also" in body_records[0].text
    assert body_records[0].detail == "kept only .story-body"


def test_xpath_body_first_matching_selector_wins(tmp_path):
    rule = ("id: ex\ndomains: [example.com]\nhtml:\n  body:\n    - \"xpath://div[@id='none']\"\n"
            "    - \"xpath://div[contains(@class, 'story')]\"\n")
    result = cleaner_with(tmp_path, rule).clean(page())
    assert all(p in result.text for p in ARTICLE)
    assert any(r.detail == "kept only xpath://div[contains(@class, 'story')]" for r in result.removals)


def test_body_matching_too_little_falls_back_to_the_whole_page(tmp_path):
    # the selector hits the photo caption only: using it would lose the article
    c = cleaner_with(tmp_path, "id: ex\ndomains: [example.com]\nhtml:\n  body: ['p.caption']\n")
    result = c.clean(page())
    assert all(p in result.text for p in ARTICLE)
    assert not any(r.rule == "site:ex.html.body" for r in result.removals)


def test_body_matching_nothing_keeps_the_drops(tmp_path):
    rule = "id: ex\ndomains: [example.com]\nhtml:\n  body: ['.nothing']\n  drop: ['.more-stories']\n"
    result = cleaner_with(tmp_path, rule).clean(page())
    assert all(p in result.text for p in ARTICLE)
    assert any(r.rule == "site:ex.html.drop" and "Read also" in r.text for r in result.removals)


def test_imported_rule_that_drops_the_article_is_given_up(tmp_path):
    rule = ("id: ex\ndomains: [example.com]\nhtml:\n  drop: ['.story-body']\n"
            "imported: {from: ftr-site-config, file: example.com.txt}\n")
    result = cleaner_with(tmp_path, rule).clean(page())
    assert all(p in result.text for p in ARTICLE)
    assert not any(r.stage == "html" for r in result.removals)


def test_xpath_drop_and_title(tmp_path):
    rule = ("id: ex\ndomains: [example.com]\nhtml:\n"
            "  drop: [\"xpath://div[@class='more-stories']\"]\n"
            "  title: ['xpath://meta[@property=\"og:title\"]/@content']\n")
    result = cleaner_with(tmp_path, rule).clean(page())
    assert result.title == "Flood gates opened after three days"
    assert not any(r[:30] in result.text for r in RELATED)


def test_replace_applies_to_the_raw_html(tmp_path):
    hidden = ("<noscript><p>The lazy loaded paragraph only exists inside a noscript element on this page."
              "</p></noscript>")
    rule = ("id: ex\ndomains: [example.com]\nhtml:\n  replace:\n"
            "    - {find: '<noscript>', replace: '<div>'}\n    - {find: '</noscript>', replace: '</div>'}\n")
    text = cleaner_with(tmp_path, rule).clean(page(extra=hidden)).text
    assert "The lazy loaded paragraph" in text
    assert "The lazy loaded paragraph" not in Cleaner(bundled=False).clean(page(extra=hidden)).text


@pytest.mark.parametrize("html_key, value, message", [
    ("drop", "\"xpath://div[contains(@class='x')]\"", "html.drop[0]: invalid XPath"),
    ("body", "'div[['", "html.body[0]: invalid CSS selector"),
    ("replace", "[{find: ''}]", "html.replace[0]"),
])
def test_invalid_new_keys_name_the_key(tmp_path, html_key, value, message):
    path = write_rule(tmp_path, "bad.yaml", f"id: bad\nhtml:\n  {html_key}: {value}\n")
    with pytest.raises(RuleError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_rule_file(path)


def test_hosts_and_subdomain_domains(tmp_path):
    d = tmp_path / "r"
    write_rule(d, "a.yaml", "id: exact\nhosts: [www.example.com]\n")
    write_rule(d, "b.yaml", "id: subs\ndomains: ['*.example.com']\n")
    write_rule(d, "c.yaml", "id: tree\ndomains: [example.org, .example.net]\n")
    rules = RuleSet.from_dirs([d])
    assert rules.for_host("example.com").id == "exact"
    assert rules.for_host("www.example.com").id == "exact"
    assert rules.for_host("news.example.com").id == "subs"
    assert rules.for_host("a.b.example.com").id == "subs"
    assert rules.for_host("example.org").id == "tree"  # a plain domain still covers itself ...
    assert rules.for_host("x.example.org").id == "tree"  # ... and its subdomains
    assert rules.for_host("x.example.net").id == "tree"  # leading dot: same as before
    assert rules.for_host("example.edu") is None


def test_user_rules_win_over_bundled_and_ftr(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ftr = tmp_path / "ftr"
    ftr.mkdir()
    (ftr / "example.com.txt").write_text("strip: //nav\n")
    (ftr / "hindustantimes.com.txt").write_text("strip: //nav\n")
    c = Cleaner(ftr=ftr)
    assert c.clean(page()).site == "ftr.example.com"  # nothing else covers it
    assert c.clean(page(), url="https://www.hindustantimes.com/x").site == "hindustantimes.com"  # bundled
    write_rule(tmp_path / "mine", "ht.yaml", "id: my-ht\ndomains: [hindustantimes.com]\n")
    write_rule(tmp_path / "mine", "ex.yaml", "id: my-ex\ndomains: [example.com]\n")
    c = Cleaner(rules_dirs=[tmp_path / "mine"], ftr=ftr)
    assert c.clean(page(), url="https://www.hindustantimes.com/x").site == "my-ht"
    assert c.clean(page()).site == "my-ex"
