"""Loading and validating site rules; choosing the rule for a document."""

from pathlib import Path

import pytest

from cleaner import Cleaner, RuleError
from cleaner.detect import detect_kind, site_for
from cleaner.rules import RuleSet, bundled_rules_dir, load_rule_file


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_rules_load_and_include_hindustantimes():
    rules = RuleSet.from_dirs([bundled_rules_dir()])
    assert rules.get("hindustantimes.com") is not None


@pytest.mark.parametrize(
    "body, key",
    [
        ("id: x\ntext:\n  drop_patterns: ['(unclosed']\n", "text.drop_patterns[0]"),
        ("id: x\ntext:\n  strip: ['a', '[z-a]']\n", "text.strip[1]"),
        ("id: x\ntexts:\n  drop_lines: [a]\n", "texts"),
        ("id: x\ntext:\n  drop_line: [a]\n", "text.drop_line"),
        ("domains: [a.com]\n", "id"),
        ("id: x\nhtml:\n  drop: ['div[']\n", "html.drop[0]"),
        ("id: x\ndomains: 5\n", "domains"),
        ("id: x\ntext: [1, 2]\n", "text"),
        ("id: x\n  bad: indentation\n", "line 2"),
    ],
)
def test_invalid_rule_names_file_and_key(tmp_path, body, key):
    path = write(tmp_path, "bad.yaml", body)
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert err.value.key == key
    assert str(path) in str(err.value) and key in str(err.value)


def test_yaml_is_loaded_safely(tmp_path):
    path = write(tmp_path, "evil.yaml", "id: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(RuleError):
        load_rule_file(path)


def test_duplicate_ids_are_rejected(tmp_path):
    write(tmp_path, "a.yaml", "id: same\n")
    write(tmp_path, "b.yaml", "id: same\n")
    with pytest.raises(RuleError, match="duplicate id"):
        RuleSet.from_dirs([tmp_path])


def test_extends_inherits_parent_entries_and_detects_cycles(tmp_path):
    write(tmp_path, "base.yaml", "id: base\ntext:\n  drop_lines: [Most read]\n")
    write(tmp_path, "child.yaml", "id: child\nextends: base\ntext:\n  drop_lines: [Top stories]\n")
    child = RuleSet.from_dirs([tmp_path]).get("child")
    assert child.drop_lines == ["Most read", "Top stories"]
    write(tmp_path, "base.yaml", "id: base\nextends: child\n")
    with pytest.raises(RuleError, match="cycle"):
        RuleSet.from_dirs([tmp_path])


def test_unknown_parent_is_an_error(tmp_path):
    write(tmp_path, "a.yaml", "id: a\nextends: nowhere\n")
    with pytest.raises(RuleError, match="extends"):
        RuleSet.from_dirs([tmp_path])


def test_host_matching_covers_subdomains_but_not_lookalikes(tmp_path):
    write(tmp_path, "a.yaml", "id: a\ndomains: [example.com]\n")
    rules = RuleSet.from_dirs([tmp_path])
    assert site_for(rules, url="https://www.example.com/x").id == "a"
    assert site_for(rules, url="https://news.eu.example.com/x").id == "a"
    assert site_for(rules, url="http://EXAMPLE.COM").id == "a"
    assert site_for(rules, url="https://notexample.com/x") is None
    assert site_for(rules, url="https://example.com.evil.org/") is None


def test_fingerprint_detection_for_text_and_forced_site(tmp_path):
    write(tmp_path, "a.yaml", "id: a\ndetect: ['Example Gazette Ltd']\n")
    write(tmp_path, "b.yaml", "id: b\n")
    rules = RuleSet.from_dirs([tmp_path])
    assert site_for(rules, text="story...\n© Example Gazette Ltd 2025").id == "a"
    assert site_for(rules, text="nothing here") is None
    assert site_for(rules, text="© Example Gazette Ltd", site_id="b").id == "b"


def test_cleaner_with_extra_rules_dir_and_without_site_rules(tmp_path):
    write(tmp_path, "a.yaml", "id: a\ndetect: ['Gazette']\ntext:\n  drop_lines: ['Most read']\n")
    text = "Gazette\nMost read\nA sentence that is long enough to be read as the article text here.\n"
    assert Cleaner(rules_dirs=[tmp_path]).clean(text).site == "a"
    assert "Most read" not in Cleaner(rules_dirs=[tmp_path]).clean(text).text
    plain = Cleaner(rules_dirs=[tmp_path], site_rules=False).clean(text)
    assert plain.site is None and "Most read" in plain.text


def test_html_site_from_canonical_link(cleaner):
    page = (
        '<html><head><link rel="canonical" href="https://www.hindustantimes.com/world/x.html">'
        "</head><body><article><p>" + "Words of the article go here. " * 20 + "</p></article></body></html>"
    )
    assert cleaner.clean(page).site == "hindustantimes.com"
    assert cleaner.clean(page, url="https://other.example/a").site is None


@pytest.mark.parametrize(
    "content, kind",
    [("<!DOCTYPE html><html><body>x</body></html>", "html"), ("  <p>Hello</p>", "html"),
     ("Plain text about <b> tags.", "text"), (b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", "html"),
     ("Headline\n\nBody text.", "text")],
)
def test_detect_kind(content, kind):
    assert detect_kind(content) == kind


def test_user_phrase_lists_extend_bundled_ones(tmp_path):
    (tmp_path / "generic").mkdir()
    write(tmp_path / "generic", "share.yaml", "name: share\nlines:\n  en: [Pass this on]\n")
    text = "The first sentence of this article is long enough to count. " * 3 + "\nPass this on\n"
    assert "Pass this on" in Cleaner().clean(text).text
    assert "Pass this on" not in Cleaner(rules_dirs=[tmp_path]).clean(text).text
