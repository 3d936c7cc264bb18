"""The detectors' cheaper tests and rounds give the answers of the plain ones they replace."""

import random

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, textstage
from cleaner.detectors import DETECTORS
from cleaner.detectors.duplicates import BadgePattern, badge_pattern, headline_key, headline_keys
from cleaner.detectors.furniture import _MAX_PHRASE_LINE_WORDS, _hits, edge_lines
from cleaner.detectors.icons import icon_font_tokens
from cleaner.detectors.listmatch import ListTests, phrase_search
from cleaner.lexicon import PhraseList, find_phrase, normalize, phrase_index
from cleaner.textdoc import TextDoc, word_count
from cleaner.textstage import _headline_shaped, clean_lines

# A small alphabet, so that phrases and lines overlap often: spaces (word starts), a
# prefix-sharing run of letters, a non-ASCII letter and regex metacharacters.
_TEXT = st.text(alphabet="ab .é*", max_size=12)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXT, max_size=6), st.lists(_TEXT, min_size=1, max_size=8))
def test_phrase_search_finds_what_find_phrase_finds(phrases, lines):
    search = phrase_search(tuple(phrases))
    index = phrase_index(phrases)
    expected = [find_phrase(index, line) is not None for line in lines]
    for line, found in zip(lines, expected, strict=True):
        assert (search is not None and search(" " + line) is not None) == found, (phrases, line)
    # all the lines in one search
    plist = PhraseList("x", phrases=phrases)
    plist.compile()
    assert ListTests(plist).containing_phrase(lines) == [k for k, found in enumerate(expected) if found]


def test_phrase_search_short_phrases_only_at_the_end():
    # find_phrase looks phrases up by three characters: a shorter one only ends a line
    search = phrase_search(("ab", "share on"))
    assert search(" x ab") and not search(" ab x") and search(" y share on x") and not search(" xshare on")


def test_phrase_search_without_phrases_and_deep_tries():
    assert phrase_search(()) is None and phrase_search(("",)) is None
    deep = phrase_search(tuple("a" * i + "bcd" for i in range(1500)))  # beyond the trie's nesting
    assert deep(" x " + "a" * 700 + "bcd") and not deep(" " + "a" * 700 + "bce")


def _lines_of(cleaner):
    rng = random.Random(7)
    words = ["share", "on", "facebook", "subscribe", "now", "sign", "in", "tuesday,", "may", "06,",
             "2025", "berlin", "21", "°c", "close_game", "menu", "05.05.2025", "the", "council", "met"]
    lines = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(400)]
    for name in ("share", "paywall", "navigation", "widgets", "icon-font"):
        plist = cleaner.lexicons[name]
        lines += sorted(plist.lines)[:30] + [f"x {p} y" for p in plist.phrases[:30]]
    return lines + ["New Delhi 0C", "Tuesday, May 06, 2025", "2025-05-06 10:15", "Berlin 21 °C"]


def test_list_tests_give_phrase_list_hit(cleaner):
    for name in ("share", "paywall", "navigation", "widgets", "icon-font"):
        plist = cleaner.lexicons[name]
        tests = ListTests(plist)
        hits = 0
        for line in _lines_of(cleaner):
            norm = normalize(line)
            expected = plist.hit(line, norm)
            assert tests.hit(norm, line) == expected, (name, line)
            hits += expected
            # without the phrase test: the list's lines and patterns alone
            plain = plist.matches_line(norm) or plist.matches_pattern(line)
            assert tests.hit(norm, line, short=False) == plain, (name, line)
        assert hits, name


# (list name, edges only, labels only): how each furniture detector calls _hits
_HIT_CALLS = [("share", False, True), ("paywall", False, False), ("navigation", True, True),
              ("widgets", True, True)]


def _doc(cleaner, lines: list[str]) -> TextDoc:
    """The document as the text stage starts it: blank lines set aside."""
    doc = TextDoc(lines=lines, lexicons=cleaner.lexicons)
    for i, line in enumerate(lines):
        if not line.strip():
            doc.removed_by[i] = ""
    return doc


def _expected_hits(doc: TextDoc, name: str, edges_only: bool, labels_only: bool) -> list[int]:
    """_hits by the phrase list's own tests, line by line."""
    plist = doc.lexicons[name]
    expected = []
    for i in edge_lines(doc) if edges_only else doc.alive():
        norm = doc.normalized[i]
        short = doc.label[i] if labels_only else doc.words(i) <= _MAX_PHRASE_LINE_WORDS
        if (plist.matches_line(norm) or plist.matches_pattern(doc.lines[i])
                or (short and plist.contains_phrase(norm))):
            expected.append(i)
    return expected


def test_hits_as_line_by_line(cleaner):
    lines = _lines_of(cleaner)
    rng = random.Random(3)
    lines = [*lines[:200], *_PROSE, "", *rng.sample(lines, 150), _PROSE[1], *lines[200:]]
    doc = _doc(cleaner, lines)
    for name, edges_only, labels_only in _HIT_CALLS:
        expected = _expected_hits(doc, name, edges_only, labels_only)
        assert expected, name
        assert _hits(doc, name, edges_only, labels_only) == expected, name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abc ", min_size=0, max_size=4), min_size=1, max_size=5),
       st.lists(st.text(alphabet="abc ", max_size=9), min_size=1, max_size=6))
def test_badges_at_either_end(badges, keys):
    pattern = BadgePattern(badges)
    words = tuple(badges)
    for key in keys:
        assert pattern.at_either_end(key) == (key.startswith(words) or key.endswith(words)), (badges, key)


def _reference_duplicate_paragraphs(doc, min_words=3):
    badges = textstage.badge_pattern(doc)
    keys = [headline_key(line, badges, norm) if 3 <= doc.words(i) <= 40 else norm
            for i, (line, norm) in enumerate(zip(doc.lines, doc.normalized, strict=True))]
    seen = set()
    for i in doc.alive():
        if word_count(keys[i]) >= min_words:
            if keys[i] in seen:
                yield i
            seen.add(keys[i])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Storm closes the coast road", "LIVE Storm closes the coast road",
                                 "Storm closes the coast road PREMIUM", "Read more", "Read more now",
                                 "Yes.", "", "Updated", "The end of the story", "the end of the story."]),
                max_size=20))
def test_duplicate_paragraphs_and_keys_as_before(cleaner, lines):
    doc = TextDoc(lines=lines, lexicons=cleaner.lexicons)
    for i, line in enumerate(lines):
        if not line.strip():
            doc.removed_by[i] = ""
    badges = textstage.badge_pattern(doc)
    assert textstage.headline_keys(doc) == [
        headline_key(line, badges) if 3 <= word_count(line) <= 40 else normalize(line) for line in lines]
    assert list(DETECTORS[2].detect(doc)) == list(_reference_duplicate_paragraphs(doc))


def _reference_expand_boxes(doc, rules):
    """The sweep over every line of the document that _expand_boxes replaces."""
    if not rules:
        return
    edges = doc.edges()
    alive = doc.alive()
    takeable = {i for i in alive if doc.label[i]}
    above = [i for i in alive if i < edges[0]]
    if above and _headline_shaped(doc.lines[above[-1]]) and word_count(doc.lines[above[-1]]) >= 4:
        takeable.discard(above[-1])
    alive_set = set(alive)
    n = len(doc.lines)
    for order in (range(n), range(n - 1, -1, -1)):
        carried = None
        for j in order:
            if not doc.in_edge(j, edges):
                carried = None
                continue
            rule = doc.removed_by[j]
            if rule in rules:
                carried = rule
            elif j in takeable and carried is not None:
                doc.remove(j, carried, "next to a hit")
                takeable.discard(j)
            elif j in alive_set and j not in takeable:
                carried = None


def _reference_run_detectors(doc, detectors=DETECTORS, max_rounds=4):
    """Every detector in every round, boxes grown over all lines."""
    expanding = {d.rule for d in detectors if d.expands}
    for _ in range(max_rounds):
        edges = doc.edges()
        for detector in detectors:
            for i in list(detector.detect(doc)):
                doc.remove(i, detector.rule)
        _reference_expand_boxes(doc, expanding)
        if doc.edges() == edges:
            break


_PROSE = [
    "The council met on Tuesday evening and approved the budget for the coming year after a long debate.",
    "Several members said the plan was the best compromise available, though others disagreed openly.",
    "Subscribe now to read the rest of the story and get the newsletter every morning in your inbox.",
]
_SHORT = ["Sign in", "Saved Articles", "Share on Facebook", "Facebook", "Subscribe now", "E-Paper",
          "Storm closes the coast road", "Storm closes the coast road LIVE", "New Delhi 0C", "close_game",
          "Tuesday, May 06, 2025", "Read more", "Following", "It was 130.", "", "My Reads", "Menu",
          "Storm closes the coast road for a second day, police say after talks."]


def _records(doc):
    return [(r.rule, r.line, r.detail) for r in doc.removals], doc.title_line, doc.title


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PROSE + _SHORT), max_size=30))
# a repeated paragraph at the end goes in the first round: "Sign in" is at the edge in the second
@example([_PROSE[0], _PROSE[1], "Sign in", "Menu", _PROSE[1]])
@example(["Sign in", _PROSE[2], "Saved Articles", _PROSE[0], "Read more", _PROSE[1], "My Reads"])
def test_rounds_and_boxes_give_the_plain_loop_results(cleaner, lines):
    # Reversed, the edge detectors run before those that remove paragraphs: later rounds matter.
    for detectors in (DETECTORS, DETECTORS[::-1]):
        ours = clean_lines(lines, cleaner.lexicons, detectors=detectors)
        original = textstage.run_detectors
        try:
            textstage.run_detectors = _reference_run_detectors
            reference = clean_lines(lines, cleaner.lexicons, detectors=detectors)
        finally:
            textstage.run_detectors = original
        assert _records(ours) == _records(reference)


_FIRST = ["Sign in", "Share on Facebook", "close_game", "Tuesday, May 06, 2025", "Menu", "LIVE Storm hits",
          "Storm closes the coast road LIVE", "Subscribe now", "Berlin 21 °C", "arrow_forward", "Über uns"]
_SECOND = ["My Reads", "Follow us on Twitter", "expand_more", "2025-05-06 10:15", "Saved Articles",
           "Storm closes the coast road PREMIUM", "New Delhi 0C", "Ñandú hoy", "menu"]


def _check(doc: TextDoc) -> None:
    for name, edges_only, labels_only in _HIT_CALLS:
        assert _hits(doc, name, edges_only, labels_only) == _expected_hits(doc, name, edges_only, labels_only)
    icons = doc.lexicons["icon-font"]
    assert icon_font_tokens(doc) == [
        i for i in doc.alive()
        if doc.lines[i].strip() and doc.lines[i] == doc.lines[i].lower() and icons.hit(doc.lines[i].strip())]
    badges = badge_pattern(doc)
    assert headline_keys(doc) == [
        headline_key(line, badges) if 3 <= word_count(line) <= 40 else normalize(line) for line in doc.lines]


def test_cold_warm_and_mixed_verdicts_give_the_line_by_line_answer():
    """Detectors that keep each line's verdict with its facts (LineFacts.by_key) give the
    line-by-line answer whether a line's verdict is kept already, new, or a mix of both."""
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
