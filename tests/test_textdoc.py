"""TextDoc's fast paths give what the plain definitions give."""

import random
import unicodedata

from cleaner.lexicon import _PUNCT_EDGES, Lexicons, normalize
from cleaner.textdoc import LineFacts, TextDoc, is_label, is_prose, word_count

_LINES = [
    "", "   ", "Home", "Sign in.", "Share on Facebook", "It was 130.", "it was 130.", "a b c.",
    "This is a sentence of more than eight words in all.",
    "This line has eight words but no end mark",
    "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty",
    "x" * 61 + " end.", "  A short line with trailing space.  ", "«Quoted words here»",
    "ﬁne ligatures here", "Ｆｕｌｌｗｉｄｔｈ text。", "Straße STRASSE", "\u00a0— Menu —\u00a0",
    "日本語の文です。",
    "snake_case-and_more 12,5 a.b/c~d [x] {y} @z #1 $2 %3 ^4 &5 *6 +7 =8 |9 \\0 `q' \"r\" <s> ?!",
    "ÉTÉ À PARIS", "tab\tseparated\u2003words", "...", "Read more »", "“Said so,” he said.",
]


def _old_normalize(line: str) -> str:
    line = unicodedata.normalize("NFKC", line)
    return " ".join(line.split()).strip(_PUNCT_EDGES).casefold()


def test_line_facts_match_the_plain_definitions():
    rng = random.Random(5)
    words = [w for line in _LINES for w in line.split()] + [".", "!", "?", "»", "a", "A"]
    lines = _LINES + [" ".join(rng.choices(words, k=rng.randint(0, 24))) for _ in range(2000)]
    for line in lines:
        facts = LineFacts(line)
        assert facts.normalized == _old_normalize(line) == normalize(line)
        assert facts.words == word_count(line)
        assert facts.prose == is_prose(line), line
        assert facts.label == is_label(line), line


def _doc(lines: list[str]) -> TextDoc:
    return TextDoc(lines=list(lines), lexicons=Lexicons({}))


def test_remove_many_equals_removing_one_by_one():
    rng = random.Random(7)
    lines = [f"line {i}" for i in range(60)]
    for _ in range(50):
        one, many = _doc(lines), _doc(lines)
        one.title_line = many.title_line = rng.choice([None, 3, 10])
        for i in rng.sample(range(60), 10):  # removed before
            one.remove(i, "earlier")
            many.remove(i, "earlier")
        indices = rng.sample(range(60), 30)
        details = [f"why {i}" for i in indices]
        expected = sum(one.remove(i, "rule", d) for i, d in zip(indices, details, strict=True))
        assert many.remove_many(iter(indices), "rule", iter(details)) == expected
        assert many.removals == one.removals
        assert many.removed_by == one.removed_by
        assert many.alive() == one.alive()


def test_alive_and_edges_follow_removals_title_and_strips():
    rng = random.Random(11)
    prose = "This is a full sentence that reads like the text of an article."
    lines = [prose if rng.random() < 0.3 else f"menu {i}" for i in range(80)]
    doc = _doc(lines)
    for step in range(200):
        action = rng.random()
        if action < 0.5:
            doc.remove(rng.randrange(80), "r")
        elif action < 0.6:
            doc.title_line = rng.choice([None, rng.randrange(80)])
        elif action < 0.7:
            i = rng.randrange(80)
            doc.strip(i, 0, rng.randint(0, len(doc.lines[i])), "s")
        expected = [i for i, rule in enumerate(doc.removed_by) if rule is None and i != doc.title_line]
        assert doc.alive() == expected, step
        prose_alive = [i for i in expected if doc.prose[i]]
        assert doc.edges() == ((prose_alive[0], prose_alive[-1]) if prose_alive else (80, -1))
