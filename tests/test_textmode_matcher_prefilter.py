"""An untimed pattern that may begin with any character runs behind its literals."""

from __future__ import annotations

import random

import regex

from cleaner.regexfilter import opens_with_any as _opens_with_any
from cleaner.saferegex import UserPattern


def test_opens_with_any():
    assert _opens_with_any(r"(?:foto\s*:.{0,9})|(?:.{0,80}\S\s*/\s*(?:dpa|ap)\S*)")
    assert _opens_with_any(r"(.)x") and _opens_with_any(r"(?i:.*x)") and _opens_with_any(r".+?y")
    assert not _opens_with_any(r"abc|d.") and not _opens_with_any(r"[(].*") and not _opens_with_any("")
    assert not _opens_with_any(r"(unclosed")


def test_prefiltered_same_verdicts():
    source = r"(?:\(?\s*(?:foto|photo)\s*[:./©]\s*\S.{0,30})|(?:.{0,20}\S\s*/\s*(?:dpa|AP)\S*.{0,10})"
    untimed = UserPattern(source, ignore_case=True, timeout=None)
    run = untimed.fullmatch
    assert untimed.needed is not None  # a literal search first
    anchored = UserPattern(r"(?:back to|zurück zu)\s+\S+", ignore_case=True, timeout=None)
    assert anchored.needed is None and anchored.fullmatch == anchored._re.fullmatch
    timed = UserPattern(r".{0,20}/\s*dpa", ignore_case=True)
    assert timed.needed is not None
    plain = regex.compile(source, regex.IGNORECASE).fullmatch
    rng = random.Random(5)
    pieces = ["Foto", "PHOTO", "photo", ":", "/", " ", "dpa", "DPA", "Ap", "x", "©", "(", "ſ", "K", "ß", ".",
              "7"]
    lines = ["Foto: dpa", "Bild / DPA", "x / AP", "(photo: x)"] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(5000)]
    for line in lines:
        assert (run(line) is None) is (plain(line) is None), repr(line)
    assert sum(run(line) is not None for line in lines) > 50
