"""classify's per-line loop (inlined) against the helpers it inlines, and its cheap sentence-end test."""

from __future__ import annotations

import random

from cleaner.textmode.classify import (
    _DEFAULT_PARAMS,
    _FIRST_REASONS,
    _TERMINAL_END,
    BAD,
    SHORT,
    LineInfo,
    Params,
    _ends_like_sentence,
    classify,
    describe,
    first_class,
    looks_like_heading,
)
from cleaner.textmode.language import stopwords

_PIECES = ["the", "of", "and", "Cookie", "policy", "©", "(c)", "(C)", "x@y.com", "https://a.b/c", "www.x.org",
           ".", "!", "?", "…", ":", ";", "。", "！", "？", '"', "'", "”", "’", "»", ")", "]", "«", "“", "„",
           "‘", ",", "\n", " ", "1", "Ünter", "所有", "Subscribe", "now", "Share", "on", "Facebook", "word"]


def _lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = ["", ".", '."', "a\n", "End.\n", "End\n.", "»", "Der Satz.)»", "Tail ]", "Heading Here"]
    for _ in range(count):
        out.append("".join(rng.choice(_PIECES) + rng.choice(["", " "]) for _ in range(rng.randint(1, 40))))
    return out


def test_ends_like_sentence_is_the_regex():
    for line in _lines(1, 3000):
        assert _ends_like_sentence(line) is (_TERMINAL_END.search(line) is not None), repr(line)


def _shape(text: str, stopwords: frozenset[str], params: Params) -> tuple[int, float, bool, bool]:
    """(words, stopword density, ends like a sentence, looks like a heading), from the
    definitions classify's loop inlines."""
    words, density = describe(text, stopwords)
    return (words, density, _ends_like_sentence(text),
            looks_like_heading(text, words, params.max_heading_words) if text else False)


def _line_class(info: LineInfo, has_stoplist: bool, phrase_hit, normalized: str | None,
                params: Params) -> tuple[str, str]:
    """(first class, reason) of a line from its text alone."""
    text = info.text
    if not text:
        return SHORT, "blank"
    if "©" in text or "(c)" in text or "(C)" in text:
        return BAD, "copyright sign"
    hit = phrase_hit(text, normalized, info.words) if phrase_hit else None
    if hit is not None:
        return BAD, f"phrase list: {hit}"
    info.first = first_class(info, has_stoplist, params)
    return info.first, _FIRST_REASONS[info.first]


def _reference(lines, stops, fixed, phrase_hit, params, normalized):
    """classify's lines before the context passes, from the helpers."""
    out = []
    for i, text in enumerate(lines):
        if i in fixed:
            out.append((text, 0, 0.0, False, False, fixed[i], "fixed"))
            continue
        info = LineInfo(text, *_shape(text, stops, params), "")
        norm = normalized[i] if normalized else None
        first, reason = _line_class(info, bool(stops), phrase_hit, norm, params)
        out.append((text, info.words, info.stop_density, info.terminal, info.heading, first, reason))
    return out


class _Facts:
    def __init__(self):
        self.line_class = ()


def test_inlined_loop_matches_helpers(monkeypatch):
    import cleaner.textmode.classify as module

    monkeypatch.setattr(module, "apply_context", lambda infos, texts, p=None: None)
    calls = []

    def phrase_hit(line, normalized, words):
        calls.append((line, normalized, words))
        return "share" if "Share" in line else None

    for seed, params in ((2, _DEFAULT_PARAMS), (3, Params(length_low=20, length_high=60))):
        lines = _lines(seed, 800)
        normalized = [line.lower() for line in lines]
        fixed = {3: "bad", 17: "other"}
        for stops in (stopwords("en"), frozenset()):
            for hit in (phrase_hit, None):
                for memos in (None, [_Facts() for _ in lines]):
                    for _ in range(2):  # cold, then from the memos
                        calls.clear()
                        got = classify(lines, stops, fixed=fixed, phrase_hit=hit, params=params,
                                       normalized=normalized, memos=memos)
                        got_calls = list(calls)
                        calls.clear()
                        want = _reference(lines, stops, fixed, hit, params, normalized)
                        assert [(i.text, i.words, i.stop_density, i.terminal, i.heading, i.first, i.reason)
                                for i in got] == want
                        if memos is None or params is not _DEFAULT_PARAMS:
                            assert got_calls == calls
