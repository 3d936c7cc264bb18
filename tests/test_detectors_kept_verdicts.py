"""Detectors that keep each line's verdict with its facts (LineFacts.by_key) give the
line-by-line answer whether a line's verdict is kept already, new, or a mix of both."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.detectors.duplicates import badge_pattern, headline_key, headline_keys
from cleaner.detectors.furniture import _MAX_PHRASE_LINE_WORDS, _hits, edge_lines
from cleaner.detectors.icons import icon_font_tokens
from cleaner.lexicon import normalize
from cleaner.textdoc import TextDoc, word_count

_PROSE = [
    "The council met on Tuesday evening and approved the budget for the coming year after a long debate.",
    "Several members said the plan was the best compromise available, though others disagreed openly.",
]
_FIRST = ["Sign in", "Share on Facebook", "close_game", "Tuesday, May 06, 2025", "Menu", "LIVE Storm hits",
          "Storm closes the coast road LIVE", "Subscribe now", "Berlin 21 °C", "arrow_forward", "Über uns"]
_SECOND = ["My Reads", "Follow us on Twitter", "expand_more", "2025-05-06 10:15", "Saved Articles",
           "Storm closes the coast road PREMIUM", "New Delhi 0C", "Ñandú hoy", "menu"]


def _doc(cleaner: Cleaner, lines: list[str]) -> TextDoc:
    doc = TextDoc(lines=lines, lexicons=cleaner.lexicons)
    for i, line in enumerate(lines):
        if not line.strip():
            doc.removed_by[i] = ""
    return doc


def _expected_hits(doc: TextDoc, name: str, edges_only: bool, labels_only: bool) -> list[int]:
    plist = doc.lexicons[name]
    expected = []
    for i in edge_lines(doc) if edges_only else doc.alive():
        norm = doc.normalized[i]
        short = doc.label[i] if labels_only else doc.words(i) <= _MAX_PHRASE_LINE_WORDS
        if (plist.matches_line(norm) or plist.matches_pattern(doc.lines[i])
                or (short and plist.contains_phrase(norm))):
            expected.append(i)
    return expected


def _check(doc: TextDoc) -> None:
    for name, edges_only, labels_only in [("share", False, True), ("paywall", False, False),
                                          ("navigation", True, True), ("widgets", True, True)]:
        assert _hits(doc, name, edges_only, labels_only) == _expected_hits(doc, name, edges_only, labels_only)
    icons = doc.lexicons["icon-font"]
    assert icon_font_tokens(doc) == [
        i for i in doc.alive()
        if doc.lines[i].strip() and doc.lines[i] == doc.lines[i].lower() and icons.hit(doc.lines[i].strip())]
    badges = badge_pattern(doc)
    assert headline_keys(doc) == [
        headline_key(line, badges) if 3 <= word_count(line) <= 40 else normalize(line) for line in doc.lines]


def test_cold_warm_and_mixed_verdicts_give_the_line_by_line_answer():
    cleaner = Cleaner()  # its own per-line memo: every line below starts without a verdict
    first = ["Sign in", "Menu", _PROSE[0], "", *_FIRST, _PROSE[1], "Menu", "close_game"]
    _check(_doc(cleaner, first))  # all new
    _check(_doc(cleaner, first))  # all kept
    # kept and new lines interleaved, with blank and repeated ones
    paired = zip(_SECOND, reversed(_FIRST[:len(_SECOND)]), strict=True)
    mixed = [_SECOND[0], _FIRST[0], *[x for pair in paired for x in pair],
             _PROSE[0], "", _SECOND[2], _PROSE[1], _FIRST[2], "Über uns"]
    doc = _doc(cleaner, mixed)
    assert any(doc.facts[i].by_key for i in range(len(mixed)))
    _check(doc)
    assert icon_font_tokens(doc) and _hits(doc, "share", False, True)
