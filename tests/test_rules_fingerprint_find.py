"""Fingerprints found by one substring search each: the answer of the regex alternation."""

import json
import random

from cleaner import rules
from cleaner.rules import RuleSet


def _rule_set(tmp_path, fingerprints):
    for i, fingerprint in enumerate(fingerprints):
        text = f"id: r{i}\ndetect: [{json.dumps(fingerprint)}]\n"
        (tmp_path / f"r{i}.yaml").write_text(text, encoding="utf-8")
    return RuleSet.from_dirs([tmp_path])


def _by_regex(rule_set, text):
    match = rule_set._fingerprint_re.search(text)
    return rule_set._fingerprints[match.group(0)] if match else None


def test_find_gives_the_regex_answer(tmp_path, monkeypatch):
    # overlapping fingerprints: one inside another, shared starts, a regex metacharacter
    fingerprints = ["Gazette", "Gazette Ltd", "Example Gazette", "azet", "a.b (c)", "Ltd", "HT App & Website"]
    rule_set = _rule_set(tmp_path, fingerprints)
    assert len(fingerprints) <= rules._FIND_FINGERPRINTS
    rng = random.Random(4)
    pieces = [*fingerprints, "x", " ", "Gaz", "ette", "a.b", "(c)", "Example "]
    texts = ["", "nothing here", "Example Gazette Ltd", "Gazette Ltd", "the azet of a.b (c)"]
    texts += ["".join(rng.choices(pieces, k=rng.randint(0, 8))) for _ in range(2000)]
    found = 0
    for text in texts:
        expected = _by_regex(rule_set, text)
        assert rule_set.for_fingerprint(text) is expected, text
        found += expected is not None
    assert found > 1000
    # more fingerprints than that: the regex itself
    monkeypatch.setattr(rules, "_FIND_FINGERPRINTS", 2)
    assert all(rule_set.for_fingerprint(text) is _by_regex(rule_set, text) for text in texts[:200])


def test_no_fingerprints(tmp_path):
    assert RuleSet.from_dirs([tmp_path]).for_fingerprint("Gazette") is None
