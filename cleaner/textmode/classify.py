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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"

_WORD = re.compile(r"\w+")
_ADDRESS = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+")
_TERMINAL_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")


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
        text[0].isupper() or text[0].isdigit() or text[0] in "\"'“„«‘"
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


class LineMemo(Protocol):
    """Where classify keeps what a line's text alone decides (e.g. ``LineFacts``)."""

    shape_for: object
    shape: tuple
    class_for: object
    line_class: tuple | None


def classify(
    lines: list[str],
    stopwords: frozenset[str],
    fixed: dict[int, str] | None = None,
    phrase_hit: Callable[[str, str | None, int | None], str | None] | None = None,
    params: Params = _DEFAULT_PARAMS,
    normalized: list[str] | None = None,
    memos: list[LineMemo] | None = None,
) -> list[LineInfo]:
    """Classify every line; ``fixed`` maps line indices already judged (e.g. removed) to a class.

    ``phrase_hit(line, normalized_line, word_count)`` returns the name of the boilerplate list a line
    belongs to, or None; ``normalized`` holds the lines already normalised, if at hand.
    ``memos`` (one per line, kept with the line's text: ``LineFacts``) keep what a line's
    text alone decides, so a line seen on an earlier page costs a lookup.
    """
    fixed = fixed or {}
    infos: list[LineInfo] = []
    has_stoplist = bool(stopwords)
    # A line's shape depends on the stoplist, its class also on the phrase lists (and on
    # the thresholds: only the defaults are memoised).
    memo = memos is not None and params is _DEFAULT_PARAMS
    facts = None
    for i, text in enumerate(lines):
        if i in fixed:
            # A line judged already (removed) is only context for the others, as boilerplate:
            # nothing reads its shape (features of its own row are never used), so it is
            # not measured.
            info = LineInfo(text, 0, 0.0, False, False, fixed[i])
            info.reason = "fixed"
            infos.append(info)
            continue
        if memo:
            facts = memos[i]  # type: ignore[index]
            if facts.shape_for is not stopwords:
                facts.shape, facts.line_class = _shape(text, stopwords, params), None
                facts.shape_for = stopwords
            shape = facts.shape
            line_class = facts.line_class if facts.class_for is phrase_hit else None
        else:
            shape, line_class = _shape(text, stopwords, params), None
        info = LineInfo(text, *shape, "")
        if line_class is not None:
            info.first, info.reason = line_class
        else:
            info.first, info.reason = _line_class(info, has_stoplist, phrase_hit,
                                                  normalized[i] if normalized else None, params)
            if facts is not None:
                facts.class_for, facts.line_class = phrase_hit, (info.first, info.reason)
        infos.append(info)
    if not any(info.first == GOOD for info in infos):
        # No paragraph reaches the "good" bar (recipes, short posts): the best there is counts.
        for info in infos:
            if info.first == NEARGOOD:
                info.first, info.reason = GOOD, "near-good line, no better in the document"
    _revise(infos, params)
    _keep_main_run(infos, params)
    return infos


def _shape(text: str, stopwords: frozenset[str], params: Params) -> tuple[int, float, bool, bool]:
    """(words, stopword density, ends like a sentence, looks like a heading)."""
    words, density = describe(text, stopwords)
    return (words, density, _TERMINAL_END.search(text) is not None,
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
    return info.first, _first_reason(info)


def _first_reason(info: LineInfo) -> str:
    if info.first == BAD:
        return "low stopword density"
    return f"{info.first} line"


def _neighbours(classes: list[str], ignore_neargood: bool) -> tuple[list[str], list[str]]:
    """For each line, the class of the nearest decided line before and after it.

    Decided means good or bad (and near-good unless ``ignore_neargood``); the document's
    edges count as bad.
    """
    decided = (GOOD, BAD) if ignore_neargood else (GOOD, BAD, NEARGOOD)
    prev, nxt = [BAD] * len(classes), [BAD] * len(classes)
    last = BAD
    for i, cls in enumerate(classes):
        prev[i] = last
        if cls in decided:
            last = cls
    last = BAD
    for i in range(len(classes) - 1, -1, -1):
        nxt[i] = last
        if classes[i] in decided:
            last = classes[i]
    return prev, nxt


def _good_ahead(infos: list[LineInfo], distance: int) -> list[bool]:
    """For each line: a good line follows within ``distance`` characters of text in between."""
    out = [False] * len(infos)
    next_good, chars_between = -1, 0
    for i in range(len(infos) - 1, -1, -1):
        out[i] = next_good >= 0 and chars_between <= distance
        if infos[i].final == GOOD:
            next_good, chars_between = i, 0
        else:
            chars_between += len(infos[i].text)
    return out


def _revise(infos: list[LineInfo], p: Params) -> None:
    """jusText's context-sensitive pass over short and near-good lines."""
    for info in infos:
        info.final = info.first
    # A short heading followed closely by good text is near-good.
    ahead = _good_ahead(infos, p.max_heading_distance)
    for i, info in enumerate(infos):
        if info.heading and info.final == SHORT and info.reason != "fixed" and ahead[i]:
            info.final = NEARGOOD
    classes = [info.final for info in infos]
    prev, nxt = _neighbours(classes, ignore_neargood=True)
    prev_any, nxt_any = _neighbours(classes, ignore_neargood=False)
    for i, info in enumerate(infos):
        if classes[i] != SHORT:
            continue
        if prev[i] == nxt[i] == GOOD:
            info.final = GOOD
        elif prev[i] == nxt[i] == BAD:
            info.final = BAD
        elif (prev[i] == BAD and prev_any[i] == NEARGOOD) or (nxt[i] == BAD and nxt_any[i] == NEARGOOD):
            info.final = GOOD
        else:
            info.final = BAD
    classes = [info.final for info in infos]
    prev, nxt = _neighbours(classes, ignore_neargood=True)
    for i, info in enumerate(infos):
        if classes[i] == NEARGOOD:
            info.final = BAD if prev[i] == nxt[i] == BAD else GOOD
    # A heading judged bad but not bad on its own is good when good text follows closely.
    ahead = _good_ahead(infos, p.max_heading_distance)
    for i, info in enumerate(infos):
        if info.heading and info.final == BAD and info.first != BAD and ahead[i]:
            info.final = GOOD


def _weights(infos: list[LineInfo], p: Params) -> list[float]:
    out = []
    for info in infos:
        if info.first == GOOD:
            out.append(len(info.text))
        elif info.first == NEARGOOD:
            out.append(p.run_neargood_share * len(info.text))
        elif info.first == SHORT:
            out.append(-p.run_short_cost if info.text else 0)
        else:
            out.append(-min(len(info.text), p.run_bad_cost_cap))
    return out


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
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, info in enumerate(infos):
        if info.first == GOOD:
            weight = len(info.text)
        elif info.first == NEARGOOD:
            weight = p.run_neargood_share * len(info.text)
        elif info.first == SHORT:
            weight = -p.run_short_cost if info.text else 0
        else:
            weight = -min(len(info.text), p.run_bad_cost_cap)
        if total <= 0:
            total, start = 0.0, i
        total += weight
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _keep_main_run(infos: list[LineInfo], p: Params) -> None:
    """Outside the densest run of prose only good paragraphs stay; short and doubtful lines go."""
    span = main_run(infos, p)
    if span is None:
        return
    start, end = span
    inside = set(range(start, end + 1))
    if p.second_run_share < 1:
        weights = _weights(infos, p)
        best = sum(weights[start:end + 1])
        for lo, hi in ((0, start), (end + 1, len(infos))):
            run = prose_runs(weights, lo, hi)
            if run and run[0] >= p.second_run_share * best:
                inside.update(range(run[1], run[2] + 1))
    for i in inside:
        infos[i].in_run = True
    for i, info in enumerate(infos):
        if i in inside or info.final != GOOD:
            continue
        if info.first != GOOD or not p.outside_keeps_good:
            info.final, info.reason = BAD, "outside the densest run of prose"
