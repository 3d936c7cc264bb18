"""The byte-level word fast paths (LineFacts' word count, classify's stopword share, normalize's
whitespace shortcut) against the definitions they stand for."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

import regex

from cleaner.lexicon import _PUNCT_EDGES, normalize
from cleaner.saferegex import UserPattern
from cleaner.textdoc import LineFacts, folded_words, word_bytes, word_count
from cleaner.textmode.classify import classify, describe, encoded_words

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[bytes]:
    return [w.encode("utf-8", "surrogatepass") for w in _WORD.findall(text)]


# Characters whose case folds or NFKC forms are longer, or change what is a word character.
_TRICKY = ("ß ẞ ﬁ ŉ İ ı ſ K Σ ς ǅ ǰ ΐ ﬀ ½ ² Ⅻ ① ㎏ ＡＢ _ ‿ ⁀ ́ \u0301 \u00ad \u200b \u200d \u00a0 \u2028 "
           "\u2029 \u0085 \x1c \x1f \u3000 \u1680 ¨ ´ … ’ “ ” — – « » · • © ® € 日本語 ا٣ १२ 𝟘𝟙 "
           "\ud800 \udfff")


def _lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    pieces = _TRICKY.split(" ") + ["the", "Der", "STRASSE", "Ünter", "für", "x@y.com", "https://a.b/c",
                                   "www.x.org", ".", ",", "!", "  ", "\t", "\n", " ", "1", "42"]
    return [""] + pieces + ["".join(rng.choice(pieces) + rng.choice(["", " "])
                                    for _ in range(rng.randint(1, 30))) for _ in range(count)]


def test_word_bytes_split_is_findall_for_every_character():
    # Every code point, in runs of consecutive ones between ASCII letters and on its own.
    for start in range(0, sys.maxunicode + 1, 64):
        chars = [chr(c) for c in range(start, min(start + 64, sys.maxunicode + 1))]
        for text in ("a".join(chars), " ".join(chars), "".join(chars)):
            assert word_bytes(text).split() == _words(text), hex(start)
            assert folded_words(text) == _words(text.casefold()), hex(start)


def test_word_bytes_on_mixed_lines():
    for line in _lines(3, 3000):
        assert word_bytes(line).split() == _words(line), repr(line)
        assert folded_words(line) == _words(line.casefold()), repr(line)
        assert LineFacts(line).words == word_count(line), repr(line)


def test_normalize_skips_only_whitespace_it_would_not_change():
    # Every whitespace character but the space is one str.isprintable() rejects: a printable
    # line without two spaces in a row has nothing for split() and join() to collapse.
    assert all(not chr(c).isprintable() for c in range(sys.maxunicode + 1) if chr(c).isspace() and c != 32)
    for line in _lines(4, 3000) + ["a  b", " a ", "\ta", "a\u2028b", "¨", " ¨ x", "x\u3000 y", "\u1680"]:
        reference = " ".join(unicodedata.normalize("NFKC", line).split()).strip(_PUNCT_EDGES).casefold()
        assert normalize(line) == reference, repr(line)


def test_stopword_share_with_non_ascii_stopwords():
    stops = frozenset({"für", "strasse", "der", "i̇", "the"})
    lines = ["Für die STRASSE der Stadt", "STRAẞE für İ", "The the THE x", "ﬁne für", "x@y.com für der",
             "nothing here", "", "für\u00a0der—the"] + _lines(5, 500)
    infos = classify(lines, stops)
    for info, line in zip(infos, lines, strict=True):
        assert (info.words, info.stop_density) == describe(line, stops), repr(line)
    # a plain set may change under the same id: it is encoded each time, never remembered
    changing = {"der"}
    assert encoded_words(changing) == {b"der"}
    changing.add("für")
    assert encoded_words(changing) == {b"der", "für".encode()}
    assert encoded_words(stops) is encoded_words(stops)


def test_untimed_digit_prefilter_same_verdicts():
    source = r"\d{1,2}:\d{2}(?:\s*(?:uhr|h))?|(?:[^\d\s]{1,12}\s){0,2}\d{4}"
    pattern = UserPattern(source, ignore_case=True, timeout=None)
    assert pattern.needed is not None and not pattern.needed.literal  # a digit test first
    plain = regex.compile(source, regex.IGNORECASE).fullmatch
    rng = random.Random(9)
    pieces = ["16", ":", "14", "Uhr", "H", " ", "am", "2024", "x", "٣", "१२", "𝟘"]
    lines = ["16:14", "16:14 Uhr", "am 2024", "no digit"] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    for line in lines:
        assert (pattern.fullmatch(line) is None) is (plain(line) is None), repr(line)
    assert sum(pattern.fullmatch(line) is not None for line in lines) > 20
