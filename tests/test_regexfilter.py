"""The required-literal prefilter: what every match of a pattern contains, never more."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.lexicon import grouped_patterns
from cleaner.regexfilter import required
from cleaner.rules import bundled_rules_dir
from cleaner.saferegex import UserPattern


def test_digits_required_by_a_date_pattern():
    need = required(r"(?:[^\d\s]{1,12}\s){0,3}\d{1,4}[./-]\d{1,2}[./-]\d{2,4}")
    assert need is not None
    assert need.rules_out("Home page and more")
    assert not need.rules_out("Updated 05.05.2025")


def test_alternatives_required_by_a_branch():
    need = required(r"(?:©|\(c\)|copyright)\s*\d{4}.*")
    assert need is not None
    assert need.rules_out("All rights reserved")
    for line in ("© 2024 Example", "(C) 2020 x", "COPYRIGHT 2019 Media"):
        assert not need.rules_out(line)


def test_case_folding_on_both_sides():
    # regex matches these ignoring case; the prefilter must never rule them out
    for pattern, line in [("straße", "STRAẞE"), ("σοφία", "ΣΟΦΊΑ"), ("kilo", "\u212aILO"),
                          ("Ölpreis", "ölpreis steigt")]:
        need = required(pattern)
        assert need is not None
        assert regex.search(pattern, line, regex.IGNORECASE)
        assert not need.rules_out(line)


def test_patterns_it_cannot_vouch_for_get_no_test():
    assert required(r"a?b*") is None  # may match the empty string
    assert required(r"(?:foo|)x?") is None  # one branch needs nothing
    assert required(r"\w+\s+\w+") is None  # only broad classes
    assert required(r"(?:foo){e<=1}") is None  # regex fuzzy matching: "fob" matches
    assert required(r"[[:alpha:]]+abc") is None  # a POSIX class in regex, a nested set in re
    assert required(r"\p{L}+abc") is None  # the standard library rejects it
    assert required(r"(") is None


def test_user_pattern_skips_lines_ruled_out():
    pattern = UserPattern(r".{0,80}\S\s*/\s*(?:shutterstock|getty images)", ignore_case=True)
    assert pattern.fullmatch("Photo: Max Muster / Getty Images")
    assert pattern.search("no agency named here") is None
    assert pattern.finditer("no agency named here") == []


def test_grouped_patterns_match_like_one_alternation():
    sources = [r"\d{1,2}:\d{2}", r"(?:mon|tues)day,?\s+\d{1,2}", r"back to\s+\S+", r"\w+ x"]
    groups = grouped_patterns(sources, "test")
    assert len(groups) < len(sources) + 1
    combined = regex.compile("|".join(f"(?:{s})" for s in sources), regex.IGNORECASE)
    for line in ["16:14", "Monday, 5", "Back to top", "abc x", "nothing", "Monday"]:
        assert any(g.fullmatch(line) for g in groups) == bool(combined.fullmatch(line))


def _bundled_patterns() -> list[str]:
    import yaml

    out = []
    for path in sorted((bundled_rules_dir() / "generic").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        patterns = data.get("patterns") or {}
        for items in (patterns.values() if isinstance(patterns, dict) else [patterns]):
            out.extend(items)
    return out


BUNDLED = _bundled_patterns()
ALPHABET = "aAbBcCsSkKyY0129 :./|©()-ßẞΣσςÖö\u212a\u017fdaymontuesgettyimagsphoto"


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(BUNDLED), st.text(alphabet=ALPHABET, max_size=40))
def test_never_rules_out_a_line_the_pattern_matches(source, line):
    need = required(source)
    compiled = regex.compile(source, regex.IGNORECASE)
    if need is not None and need.rules_out(line):
        assert compiled.search(line) is None


@settings(max_examples=1500, deadline=None)
@given(st.data())
def test_never_rules_out_a_generated_match(data):
    source = data.draw(st.sampled_from([s for s in BUNDLED if required(s) is not None]))
    line = data.draw(st.from_regex(regex.sub(r"\(\?i\)", "", source), fullmatch=True))
    # the patterns run ignoring case: any letter may come in the other case
    flips = data.draw(st.lists(st.booleans(), min_size=len(line), max_size=len(line)))
    line = "".join(c.swapcase() if flip else c for c, flip in zip(line, flips, strict=True))
    if regex.fullmatch(source, line, regex.IGNORECASE):
        assert not required(source).rules_out(line)


def test_digit_count_required():
    # "16:14" needs three digits, a date four: a line with one or two is ruled out
    need = required(r"(?:[^\d\s]{1,12}\s){0,3}\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}")
    assert need is not None and need.kind == r"\d"
    assert need.rules_out("Top 10 tips") and need.rules_out("Page 1 of 2") and need.rules_out("no digit")
    assert not need.rules_out("16:14") and not need.rules_out("1 2 3") and not need.rules_out("٣:١٤x1")
    # what may be left out or is only looked at around the match counts for nothing
    for source, line in [(r"\d(?:\d\d)?x", "1x"), (r"(?:a|\d\d)\d", "a1"), (r"\d(?=\d\d)", "123"),
                         (r"(\d)\1", "11"), (r"[0-9]\d", "12"), (r"\d*5?\d", "2"), (r"\d{2}(?:x|\d)", "12x")]:
        assert regex.search(source, line) and not required(source).rules_out(line), source
    assert required(r"\d{1,2}:\d{2}").source != required(r"\d").source
    # patterns that need digits stay one group, whatever count each needs
    assert len(grouped_patterns([r"\d{4}", r"\d:\d\d", r"x\d"], "test")) == 1


def test_caseless_literals_looked_for_as_they_are():
    # An ASCII digit, space or sign matches no other character ignoring case (nor with full
    # case folding): a need made of them is looked for in the line as it is, not case-folded.
    signs = "".join(chr(c) for c in range(32, 127) if not chr(c).isalpha())
    every = "".join(chr(c) for c in range(0x110000))
    for flags in (regex.IGNORECASE, regex.IGNORECASE | regex.FULLCASE):
        found = regex.findall(f"[{regex.escape(signs)}]", every, flags)
        assert "".join(found) == signs
    need = required(r".{0,80}\S\s*/\s*(?:shutterstock|getty images)")
    assert need is not None and need.literal and not need.folded
    assert need.rules_out("Foto: dpa") and not need.rules_out("x / Getty Images")
    for source in (r"foto\s*/", r"ſ/", r"©\s*\d", r"\.\|x", r"x\\d"):  # a letter or beyond ASCII: folded
        assert required(source).folded, source
    assert not required(r"\.\|").folded and not required(r"\d\d").folded
