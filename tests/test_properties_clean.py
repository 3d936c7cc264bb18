"""Properties of the whole ``Cleaner.clean`` (hypothesis), beyond tests/test_properties.py:
bytes of any kind, the size limit, and records that account for every character that
disappears in text mode."""

from __future__ import annotations

import copy
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import textmode
from cleaner.limits import TooLarge
from tests.test_properties import VOCAB, lines_strategy

# CLEANER_HYPOTHESIS_EXAMPLES=20000 for a long run (README "Robustness").
EXAMPLES = int(os.environ.get("CLEANER_HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SITES = [None, "hindustantimes.com"]  # the bundled rule has strip, drop and cut rules

# Markup and encodings that reach the decoding and parsing paths, glued in any order.
HTML_PIECES = [
    b"<html>", b"<head>", b"<title>Bridge PREMIUM</title>", b"<meta charset='iso-8859-2'>",
    b"<meta charset='utf-16'>", b"<?xml version='1.0' encoding='utf-8'?>", b"<body>", b"<article>",
    b"<p>", b"</p>", b"<div>" * 300, b"<script>var x = '</p>';</script>", b"<table><tr><td>",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xc3\xa9", b"\xe9", b"\x80\x81",
    b"<!--", b"-->", b"<![CDATA[", b"&amp;", b"&#0;", b"&#x110000;", b"\r\n", b"\n",
    "Gemeinderat beschließt höhere Gebühren für Parkplätze.".encode(),
    "Zażółć gęślą jaźń.".encode("iso-8859-2"), "日本語のテキストです。".encode("shift_jis"),
]
html_bytes = st.lists(st.one_of(st.sampled_from(HTML_PIECES), st.binary(max_size=30)),
                      max_size=40).map(b"".join)


@SETTINGS
@given(st.one_of(html_bytes, st.binary(max_size=2000)), st.sampled_from([None, "html", "text"]),
       st.sampled_from([None, "text/html; charset=utf-8", "text/html; charset=bogus-42", "text/html"]))
def test_clean_of_any_bytes_never_raises_and_is_deterministic(cleaner, data, kind, content_type):
    first = cleaner.clean(data, kind=kind, content_type=content_type)
    second = cleaner.clean(data, kind=kind, content_type=content_type)
    assert (first.text, first.title, first.removals, first.decoding) == (
        second.text, second.title, second.removals, second.decoding)
    assert "\x00" not in first.text and first.decoding is not None
    assert first.decoding["errors"] >= 0


@SETTINGS
@given(html_bytes)
def test_metadata_and_markdown_of_any_bytes_never_raise(cleaner, data):
    result = cleaner.clean(data, kind="html", metadata=True, markdown=True)
    assert isinstance(result.markdown, str) and isinstance(result.metadata, dict)


@SETTINGS
@given(st.binary(max_size=300), st.integers(min_value=1, max_value=300))
def test_the_size_limit_refuses_exactly_what_is_over_it(generic_cleaner, data, limit):
    limited = copy.copy(generic_cleaner)  # shares the loaded rules; only the limit differs
    limited.max_bytes = limit
    if len(data) > limit:
        with pytest.raises(TooLarge):
            limited.clean(data)
    else:
        limited.clean(data)


def _non_space(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


@SETTINGS
@given(lines_strategy, st.sampled_from(SITES))
def test_records_account_for_every_character_that_disappears(cleaner, lines, site):
    """Text mode: each line (after the fragments of a paragraph are rejoined, which keeps
    every character) is kept, rebuilt exactly from its strip records, or removed by a
    whole-line record (or is the title); only strip rules change a line."""
    result = cleaner.clean("\n".join(lines), kind="text", site=site)
    groups = textmode.rejoin(result.source_lines)
    assert [(g.start, g.end) for g in groups if g.joined] == result.joins
    by_line: dict[int, list] = {}
    for r in result.removals:
        assert r.stage == "text" and r.line is not None
        if r.start is not None:
            assert r.rule.endswith(".strip"), r  # only strip rules take part of a line
        by_line.setdefault(r.line, []).append(r)
    lost = title_chars = 0
    for group in groups:
        i = group.start
        parts = result.source_lines[group.start:group.end]
        assert _non_space(group.text) == sum(map(_non_space, parts))  # a join loses nothing
        assert all(result.kept[j] is None and j not in by_line for j in range(i + 1, group.end))
        line = group.text
        records = by_line.get(i, [])
        for r in (r for r in records if r.start is not None):  # in the order they were cut
            assert line[r.start:r.end] == r.text
            line = line[:r.start] + line[r.end:]
        whole = [r for r in records if r.start is None]
        assert len(whole) <= 1, whole  # a line is removed at most once
        if result.kept[i] is not None:
            assert not whole and result.kept[i] == line.strip()
        elif i == result.title_line:
            assert not whole
            title_chars = _non_space(line)  # the title line moves to the title, after its strips
        elif whole:
            assert whole[0].text == line
        else:
            assert not line.strip(), f"line {i} vanished without a record: {group.text!r}"
        lost += _non_space(group.text) - _non_space(result.kept[i] or "")
    recorded = sum(_non_space(r.text) for r in result.removals)
    assert lost == recorded + title_chars
    assert result.text == "\n\n".join(k for k in result.kept if k)


@SETTINGS
@given(lines_strategy, st.sampled_from(SITES))
def test_text_cleaning_is_idempotent_with_site_rules(cleaner, lines, site):
    first = cleaner.clean("\n".join(lines), kind="text", site=site)
    # Also when the over-removal guard fell back: the pipeline settles a fallback's output
    # (Cleaner._settle), which the long run showed was needed.
    assert cleaner.clean(first.text, kind="text", site=site).text == first.text


def test_guard_fallback_is_settled_so_cleaning_stays_idempotent(cleaner):
    """The counterexample the long hypothesis run found (README "Robustness")."""
    text = "\n".join(["close_game"] * 12 + ["It was 130.", "It was 130.",
                      "Read breaking news, latest updates from around the world on every topic"])
    first = cleaner.clean(text, kind="text", site="hindustantimes.com")
    assert cleaner.clean(first.text, kind="text", site="hindustantimes.com").text == first.text


def test_vocab_reaches_the_detectors(cleaner):
    # The strategies above only test something if their lines make rules fire.
    result = cleaner.clean("\n".join(VOCAB), kind="text", site="hindustantimes.com")
    assert len({r.rule for r in result.removals}) >= 4


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=())), st.sampled_from([None, "html", "text"]))
def test_outputs_of_any_str_can_be_written_as_utf8(cleaner, text, kind):
    """Also a str holding lone surrogates (a JSON "\\ud800" escape): none reach the outputs."""
    result = cleaner.clean(text, kind=kind)
    result.output_text().encode("utf-8")
    for r in result.removals:
        r.text.encode("utf-8")
