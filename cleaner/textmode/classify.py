"""Line classes for a text dump, in the manner of jusText, without the markup.

Each (rejoined) line gets a first class from what it shows: its length, its stopword
density in the document's language, whether it ends like a sentence, and whether a
boilerplate phrase list names it. Then the context decides the short and doubtful
lines: a short line between article paragraphs is a subheading or a closing sentence,
between menu labels it is a menu label (jusText's context smoothing). Last, the densest
run of prose marks where the article is; prose-like lines far outside it are teasers,
comments or footers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Protocol

from ..textdoc import folded_words

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"

_WORD = re.compile(r"\w+")
_ADDRESS = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+")
_TERMINAL_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")
# _TERMINAL_END's characters: the sentence ends, the closing quotes and brackets after one
_TERMINAL_CHARS = ".!?…:;。！？"
_CLOSING_CHARS = "\"'”’»)]"
_HEADING_OPENERS = "\"'“„«‘"


@dataclass(frozen=True)
class Params:
    """Thresholds (jusText's defaults, in characters and stopword shares)."""

    length_low: int = 70
    length_high: int = 150
    stopwords_low: float = 0.30
    stopwords_high: float = 0.32
    max_heading_distance: int = 200
    max_heading_words: int = 15
    sentence_words: int = 8
    stopwords_sentence: float = 0.15
    # Densest run of prose: what each line is worth when looking for the article's span.
    run_short_cost: int = 40
    run_bad_cost_cap: int = 200
    run_neargood_share: float = 0.3
    outside_keeps_good: bool = True
    second_run_share: float = 0.5


@dataclass(slots=True)
class LineInfo:
    text: str
    words: int
    stop_density: float
    terminal: bool
    heading: bool
    first: str  # class from the line alone
    final: str = ""
    reason: str = ""
    #: inside the densest run(s) of prose
    in_run: bool = False


@dataclass(frozen=True, slots=True)
class LineCodes:
    """What the context passes decided, one character per line (the codes of ``CLASS_CODE``; "x":
    any other class): the same as the lines' ``first``, ``final`` and ``in_run``, for readers
    of whole columns (``features.line_features``), who would otherwise read every line's
    attribute."""

    first: str
    final: str
    #: 1 for a line inside the densest run(s) of prose, else 0
    in_run: bytes

    @classmethod
    def of(cls, infos: list[LineInfo]) -> LineCodes:
        """The codes of lines already classified (what :func:`apply_context` returned for them)."""
        return cls(class_codes([x.first for x in infos]), class_codes([x.final for x in infos]),
                   bytes([x.in_run for x in infos]))


def describe(text: str, stopwords: frozenset[str]) -> tuple[int, float]:
    """(word count, share of the words that are stopwords)."""
    if "@" in text or "://" in text or "www." in text:
        text = _ADDRESS.sub(" x ", text)  # an address is one word, not a run of keyword-like parts
    words = _WORD.findall(text.casefold())
    if not words:
        return 0, 0.0
    return len(words), sum(map(stopwords.__contains__, words)) / len(words)


def looks_like_heading(text: str, words: int, max_words: int) -> bool:
    """Short, starts like a title (capital or digit), does not end like a sentence."""
    return 0 < words <= max_words and not text.endswith((".", ",", ";")) and (
        text[0].isupper() or text[0].isdigit() or text[0] in _HEADING_OPENERS
    )


def first_class(info: LineInfo, has_stoplist: bool, p: Params) -> str:
    length = len(info.text)
    if length < p.length_low:
        return SHORT
    if has_stoplist:
        density = info.stop_density
        if density >= p.stopwords_high:
            return GOOD if length > p.length_high else NEARGOOD
        if density >= p.stopwords_low:
            return NEARGOOD
        if info.terminal and info.words >= p.sentence_words and density >= p.stopwords_sentence:
            return NEARGOOD  # terse sentences (names, figures) still end like sentences
        return BAD
    # No stoplist for this language: a line of some length that ends like a sentence is
    # prose (by characters, not words: Chinese and Japanese do not space their words).
    if info.terminal:
        return GOOD if length > p.length_high else NEARGOOD
    return BAD


_DEFAULT_PARAMS = Params()


class LineClassMemo(Protocol):
    """Where classify keeps what a line's text alone decides (e.g. ``LineFacts``).

    The value is one tuple that starts with what it was worked out for (the ids of the
    stoplist and of the phrase-list matcher, both kept alive for the process by their
    caches): one attribute write, so threads sharing a Cleaner never see a half-updated memo.
    The line's shape and its class share it (one object kept per new line, not two: the
    cyclic garbage collector's passes grow with the objects kept).
    """

    #: (id(stopwords), id(phrase_hit), words, stop_density, terminal, heading, first, reason) or ()
    line_class: tuple


def classify(
    lines: list[str],
    stopwords: frozenset[str],
    fixed: dict[int, str] | None = None,
    phrase_hit: Callable[[str, str | None, int | None], str | None] | None = None,
    params: Params = _DEFAULT_PARAMS,
    normalized: list[str] | None = None,
    memos: list[LineClassMemo] | None = None,
) -> list[LineInfo]:
    """Classify every line (see classify_with_codes)."""
    return classify_with_codes(lines, stopwords, fixed, phrase_hit, params, normalized, memos)[0]


def classify_with_codes(
    lines: list[str],
    stopwords: frozenset[str],
    fixed: dict[int, str] | None = None,
    phrase_hit: Callable[[str, str | None, int | None], str | None] | None = None,
    params: Params = _DEFAULT_PARAMS,
    normalized: list[str] | None = None,
    memos: list[LineClassMemo] | None = None,
) -> tuple[list[LineInfo], LineCodes]:
    """Classify every line, and give the classes as codes too (:class:`LineCodes`); ``fixed``
    maps line indices already judged (e.g. removed) to a class.

    ``phrase_hit(line, normalized_line, word_count)`` returns the name of the boilerplate list a line
    belongs to, or None; ``normalized`` holds the lines already normalised, if at hand.
    ``memos`` (one per line, kept with the line's text: ``LineFacts``) keep what a line's
    text alone decides, so a line seen on an earlier page costs a lookup.
    """
    fixed = fixed or {}
    infos: list[LineInfo] = []
    append = infos.append
    has_stoplist = bool(stopwords)
    # A line's shape depends on the stoplist, its class also on the phrase lists (and on
    # the thresholds: only the defaults are memoised).
    memo = memos is not None and params is _DEFAULT_PARAMS
    stopwords_id, matcher_id = id(stopwords), id(phrase_hit)
    has_normalized = bool(normalized)
    # describe, looks_like_heading, first_class inlined: this loop runs for every line of every
    # page (tests/test_textmode_classify_inline.py checks it against them).
    max_heading_words = params.max_heading_words
    length_low, length_high = params.length_low, params.length_high
    stopwords_low, stopwords_high = params.stopwords_low, params.stopwords_high
    sentence_words, stopwords_sentence = params.sentence_words, params.stopwords_sentence
    # (the words come as UTF-8 bytes: see textdoc.folded_words)
    is_stopword = encoded_words(stopwords).__contains__
    find_address = _ADDRESS.sub
    for i, text in enumerate(lines):
        if i in fixed:
            # A line judged already (removed) is only context for the others, as boilerplate:
            # nothing reads its shape (features of its own row are never used), so it is
            # not measured.
            append(LineInfo(text, 0, 0.0, False, False, fixed[i], "", "fixed"))
            continue
        facts = memos[i] if memo else None  # type: ignore[index]
        known = facts.line_class if facts is not None else None
        if known and known[0] == stopwords_id and known[1] == matcher_id:
            _, _, words, density, terminal, heading, first, reason = known
        else:
            # describe's word count and stopword share, the sentence end, the heading shape
            if "@" in text or "://" in text or "www." in text:
                found = folded_words(find_address(" x ", text))
            else:
                found = folded_words(text)
            words = len(found)
            density = sum(map(is_stopword, found)) / words if words else 0.0
            if text.endswith("\n"):  # _ends_like_sentence(text), inlined
                terminal = _TERMINAL_END.search(text) is not None
            else:
                body = text.rstrip(_CLOSING_CHARS)
                terminal = body != "" and body[-1] in _TERMINAL_CHARS
            heading = 0 < words <= max_heading_words and not text.endswith((".", ",", ";")) and (
                text[0].isupper() or text[0].isdigit() or text[0] in _HEADING_OPENERS)
            # _line_class: the copyright sign and the phrase lists first, then first_class
            if not text:
                first, reason = SHORT, "blank"
            elif "©" in text or "(c)" in text or "(C)" in text:
                first, reason = BAD, "copyright sign"
            elif phrase_hit is not None and (
                    hit := phrase_hit(text, normalized[i] if has_normalized else None, words)) is not None:
                first, reason = BAD, f"phrase list: {hit}"
            else:
                length = len(text)
                if length < length_low:
                    first = SHORT
                elif has_stoplist:
                    if density >= stopwords_high:
                        first = GOOD if length > length_high else NEARGOOD
                    elif density >= stopwords_low or (
                            terminal and words >= sentence_words and density >= stopwords_sentence):
                        first = NEARGOOD
                    else:
                        first = BAD
                elif terminal:
                    first = GOOD if length > length_high else NEARGOOD
                else:
                    first = BAD
                reason = _FIRST_REASONS[first]
            if facts is not None:
                facts.line_class = (stopwords_id, matcher_id, words, density, terminal, heading,
                                    first, reason)
        append(LineInfo(text, words, density, terminal, heading, first, "", reason))
    return infos, apply_context(infos, lines, params)


def encoded_words(words: frozenset[str]) -> frozenset[bytes]:
    """``words`` in UTF-8, made once per frozen set (a plain set may change: made each time)."""
    if isinstance(words, frozenset):
        return _encoded_frozen(words)
    return _encode(words)


def _encode(words: Iterable[str]) -> frozenset[bytes]:
    return frozenset(word.encode("utf-8", "surrogatepass") for word in words)


# classify runs with a few stoplists, one per language (a frozen set keeps its hash)
_encoded_frozen = lru_cache(maxsize=64)(_encode)


_FIRST_REASONS = {GOOD: f"{GOOD} line", NEARGOOD: f"{NEARGOOD} line", SHORT: f"{SHORT} line",
                  BAD: "low stopword density"}


def _ends_like_sentence(text: str) -> bool:
    """``_TERMINAL_END.search(text) is not None``: a sentence end, then only closing quotes
    and brackets (the two sets share no character, so the end is where the closers start)."""
    if text.endswith("\n"):
        return _TERMINAL_END.search(text) is not None  # ("$" also matches before a final newline)
    body = text.rstrip(_CLOSING_CHARS)
    return body != "" and body[-1] in _TERMINAL_CHARS


# The context passes read one character per line, its class's code: the nearest decided
# line, a run of short lines between two decided ones or the good lines are then found by
# str methods and regexes in C, instead of Python loops over every line's attributes.
CLASS_CODE = {GOOD: "G", NEARGOOD: "N", SHORT: "S", BAD: "B"}
_CLASS_OF_CODE = {code: cls for cls, code in CLASS_CODE.items()}
# Any other class (a caller's ``fixed`` class) keeps its line as it is: no pass changes
# it, and it is no decided neighbour.
_OTHER_CODE = "x"


def class_codes(classes: list[str]) -> str:
    """One code a line (``CLASS_CODE``; any other class: "x")."""
    return "".join(map(CLASS_CODE.get, classes, repeat(_OTHER_CODE)))

_GOOD_RUN = re.compile("G+")
# Lines between two decided lines: good or bad (or near-good, in the short lines' pass).
_UNDECIDED_RUN = re.compile("[^GBN]+")
_NOT_GOOD_OR_BAD_RUN = re.compile("[^GB]+")
# When no line has another class: runs of short lines next to a near-good line (whole runs:
# from a run's first line), runs of short lines between good ones, runs of near-good lines
# between bad ones or the document's edges.
_SHORTS_BY_NEARGOOD = re.compile(r"(?<=N)S+|(?<!S)S+(?=N)")
_SHORTS_BETWEEN_GOOD = re.compile(r"(?<=G)S+(?=G)")
_NEARGOOD_BETWEEN_BAD = re.compile(r"(?:(?<=B)|\A)N+(?=B|\Z)")
# The lines that may weigh more than nothing in the densest run's sums (see _better_runs).
_PROSE_LINE = re.compile("[GN]")
_ANY_LINE = re.compile(".", re.DOTALL)
_OUTSIDE_REASON = "outside the densest run of prose"
_IN_RUN = b"\x01"


def apply_context(infos: list[LineInfo], texts: list[str], p: Params = _DEFAULT_PARAMS) -> LineCodes:
    """Everything after the lines' own classes (``texts``: the lines' texts, as in ``infos``).

    When no line is good the near-good ones count as good (``first``); jusText's context
    smoothing sets ``final``; the densest run(s) of prose set ``in_run``, and outside them
    only good paragraphs stay good. Returns the same as codes.
    """
    n = len(infos)
    if not n:
        return LineCodes("", "", b"")
    firsts = [info.first for info in infos]
    first_codes = class_codes(firsts)
    if "G" not in first_codes and "N" in first_codes:
        # No paragraph reaches the "good" bar (recipes, short posts): the best there is counts.
        for i in _positions(first_codes, "N"):
            firsts[i] = infos[i].first = GOOD
            infos[i].reason = "near-good line, no better in the document"
        first_codes = first_codes.replace("N", "G")
    lengths = list(map(len, texts))
    smoothed = _smooth(first_codes, infos, list(accumulate(lengths, initial=0)), p)
    spans = _densest_runs(first_codes, lengths, p)
    in_run = bytearray(n)
    if spans is None:
        final_codes = smoothed
    else:
        # Outside the densest run(s) of prose only good paragraphs stay; short and doubtful lines go.
        edited = list(smoothed)
        outside = 0
        for lo, hi in sorted(spans):
            for info in infos[lo:hi + 1]:
                info.in_run = True
            in_run[lo:hi + 1] = _IN_RUN * (hi + 1 - lo)
            _drop_outside(edited, smoothed, first_codes, infos, outside, lo, p)
            outside = hi + 1
        _drop_outside(edited, smoothed, first_codes, infos, outside, n, p)
        final_codes = "".join(edited)
    for info, final in zip(infos, map(_CLASS_OF_CODE.get, final_codes, firsts), strict=True):
        info.final = final
    return LineCodes(first_codes, final_codes, bytes(in_run))


def _drop_outside(final_codes: list[str], smoothed: str, first_codes: str, infos: list[LineInfo],
                  lo: int, hi: int, p: Params) -> None:
    """Lines ``lo`` to ``hi`` - 1 lie outside the densest run(s): good only if good on their own."""
    for i in _positions(smoothed, "G", lo, hi):
        if first_codes[i] != "G" or not p.outside_keeps_good:
            final_codes[i] = "B"
            infos[i].reason = _OUTSIDE_REASON


def _positions(codes: str, code: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Indices of ``code`` in ``codes[lo:hi]``."""
    out = []
    i = codes.find(code, lo, hi)
    while i >= 0:
        out.append(i)
        i = codes.find(code, i + 1, hi)
    return out


def _good_ahead(codes: str, chars_before: list[int], distance: int) -> list[int]:
    """The lines, not good themselves, that a good line follows within ``distance`` characters
    of text in between (``chars_before[k]``: the characters of the lines before line ``k``)."""
    out: list[int] = []
    after_good = 0  # the lines before a good line are the previous good line's
    for run in _GOOD_RUN.finditer(codes):
        good = run.start()
        # chars_before[good] - chars_before[i + 1] <= distance, from the first such i on
        first = bisect_left(chars_before, chars_before[good] - distance) - 1
        out.extend(range(max(first, after_good), good))
        after_good = run.end()
    return out


def _smooth(first_codes: str, infos: list[LineInfo], chars_before: list[int], p: Params) -> str:
    """jusText's context-sensitive pass over short and near-good lines: the lines' final codes."""
    n = len(first_codes)
    codes = first_codes
    # A short heading followed closely by good text is near-good.
    promoted = [i for i in _good_ahead(codes, chars_before, p.max_heading_distance)
                if codes[i] == "S" and infos[i].heading and infos[i].reason != "fixed"]
    if promoted:
        edited = list(codes)
        for i in promoted:
            edited[i] = "N"
        codes = "".join(edited)
    headed = codes

    # Short lines go with their decided neighbours; the document's edges count as bad. All
    # short lines between the same two decided lines have the same neighbours.
    def decide_shorts(run: re.Match) -> str:
        lines = run.group()
        if "S" not in lines:
            return lines
        start, end = run.span()
        before = headed[start - 1] if start else "B"
        after = headed[end] if end < n else "B"
        # the nearest good or bad line, past near-good ones
        prev = _nearest_good_or_bad(headed, start, -1) if before == "N" else before
        nxt = _nearest_good_or_bad(headed, end, 1) if after == "N" else after
        if prev == nxt:
            code = prev
        elif (prev == "B" and before == "N") or (nxt == "B" and after == "N"):
            code = "G"
        else:
            code = "B"
        return lines.replace("S", code)

    if _OTHER_CODE in headed:
        shorts_decided = _UNDECIDED_RUN.sub(decide_shorts, headed)
    else:
        # Only short lines lie between decided ones. A run next to a near-good line needs
        # the whole rule; of the others, a run between two good lines is good, any other bad.
        codes = _SHORTS_BY_NEARGOOD.sub(decide_shorts, headed)
        shorts_decided = _SHORTS_BETWEEN_GOOD.sub(_all_good, codes).replace("S", "B")

    # A near-good line is bad only between bad lines (past other near-good ones).
    def decide_neargood(run: re.Match) -> str:
        lines = run.group()
        if "N" not in lines:
            return lines
        start, end = run.span()
        between_bad = ((not start or shorts_decided[start - 1] == "B")
                       and (end == n or shorts_decided[end] == "B"))
        return lines.replace("N", "B" if between_bad else "G")

    if _OTHER_CODE in shorts_decided:
        codes = _NOT_GOOD_OR_BAD_RUN.sub(decide_neargood, shorts_decided)
    else:
        # Only near-good lines lie between good and bad ones.
        codes = _NEARGOOD_BETWEEN_BAD.sub(_all_bad, shorts_decided).replace("N", "G")
    # A heading judged bad but not bad on its own is good when good text follows closely.
    rescued = [i for i in _good_ahead(codes, chars_before, p.max_heading_distance)
               if codes[i] == "B" and first_codes[i] != "B" and infos[i].heading]
    if rescued:
        edited = list(codes)
        for i in rescued:
            edited[i] = "G"
        codes = "".join(edited)
    return codes


def _all_good(run: re.Match) -> str:
    return "G" * (run.end() - run.start())


def _all_bad(run: re.Match) -> str:
    return "B" * (run.end() - run.start())


def _nearest_good_or_bad(codes: str, edge: int, step: int) -> str:
    """The code of the nearest good or bad line before ``edge`` (``step`` -1) or from it on (+1);
    bad past the document's edge."""
    if step < 0:
        at = max(codes.rfind("G", 0, edge), codes.rfind("B", 0, edge))
    else:
        found = [k for k in (codes.find("G", edge), codes.find("B", edge)) if k >= 0]
        at = min(found) if found else -1
    return codes[at] if at >= 0 else "B"


def _line_weights(first_codes: str, lengths: list[int], p: Params) -> list[float]:
    """What each line is worth to the densest run: a good paragraph its length, a near-good
    one a share of it; short lines and boilerplate cost."""
    short_cost, bad_cost_cap, neargood_share = p.run_short_cost, p.run_bad_cost_cap, p.run_neargood_share
    return [length if code == "G" else neargood_share * length if code == "N"
            else (-short_cost if length else 0) if code == "S" else -min(length, bad_cost_cap)
            for code, length in zip(first_codes, lengths, strict=True)]


def _weights(infos: list[LineInfo], p: Params) -> list[float]:
    return _line_weights(class_codes([info.first for info in infos]), [len(info.text) for info in infos], p)


def prose_runs(weights: list[float], lo: int, hi: int) -> tuple[float, int, int] | None:
    """Maximum-sum run of ``weights[lo:hi]``: (sum, first, last) or None if nothing is positive."""
    best, span = 0.0, None
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += weights[i]
        if total > best:
            best, span = total, (start, i)
    return (best, span[0], span[1]) if span else None


def main_run(infos: list[LineInfo], p: Params) -> tuple[int, int] | None:
    """The span [start, end] where prose is densest: the maximum-sum run of line weights.

    A good paragraph is worth its length, a near-good one a share of it; short lines and
    boilerplate cost. Returns None when the document has no prose at all.
    """
    run = prose_runs(_weights(infos, p), 0, len(infos))
    return (run[1], run[2]) if run else None


def _better_runs(first_codes: str, lengths: list[int], lo: int, hi: int,
                 p: Params) -> list[tuple[float, int, int]]:
    """prose_runs over the lines ``lo`` to ``hi`` - 1 (weighed as by _line_weights): every run
    better than the ones before it, (sum, first, last) as it is found; the last is prose_runs's.

    While the run so far is worth nothing, a line that weighs nothing or less starts a run
    worth nothing and is passed over: of the lines, only good and near-good ones weigh more
    than nothing (unless a cost is negative), and most of a page is neither.
    """
    short_cost, bad_cost_cap, neargood_share = p.run_short_cost, p.run_bad_cost_cap, p.run_neargood_share
    may_weigh = _PROSE_LINE if short_cost >= 0 and bad_cost_cap >= 0 else _ANY_LINE
    found: list[tuple[float, int, int]] = []
    best, total, start = 0.0, 0.0, lo
    i = lo
    while i < hi:
        if total <= 0:
            line = may_weigh.search(first_codes, i, hi)
            if line is None:
                break
            i = line.start()
            total, start = 0.0, i
        code, length = first_codes[i], lengths[i]
        total += (length if code == "G" else neargood_share * length if code == "N"
                  else (-short_cost if length else 0) if code == "S" else -min(length, bad_cost_cap))
        if total > best:
            best = total
            found.append((total, start, i))
        i += 1
    return found


def _densest_runs(first_codes: str, lengths: list[int], p: Params) -> list[tuple[int, int]] | None:
    """The spans [first, last] of the densest run of prose and of the runs either side of it
    worth ``p.second_run_share`` of it; None when no line has a positive weight."""
    n = len(first_codes)
    found = _better_runs(first_codes, lengths, 0, n, p)
    if not found:
        return None
    best, start, end = found[-1]
    spans = [(start, end)]
    if p.second_run_share < 1:
        # (the run's sum as _better_runs added it up: its _line_weights from the first on, in
        # order -- what sum() gives up to Python 3.11; from 3.12 sum() compensates the floats'
        # rounding, which could change the last bit)
        # The pass over all lines up to the densest run is the pass over the lines before
        # it: its best run there is the last better run found that ends before it.
        before = next((run for run in reversed(found) if run[2] < start), None)
        after = _better_runs(first_codes, lengths, end + 1, n, p)
        for run in (before, after[-1] if after else None):
            if run and run[0] >= p.second_run_share * best:
                spans.append((run[1], run[2]))
    return spans
