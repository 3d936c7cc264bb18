"""Features of a classified line for the learned line model (see ``model.py``).

Each line is described by what the hand-set classifier found (its own class, its class
after context smoothing, whether it lies in the densest run of prose) and by plain
shape signals of itself and its neighbours.
"""

from __future__ import annotations

import math
import re

from .classify import BAD, GOOD, NEARGOOD, SHORT, LineInfo

NAMES = [
    "bias", "log_length", "stopword_density", "terminal", "heading", "phrase_list",
    "first_good", "first_neargood", "first_short", "first_bad", "rules_keep", "in_run",
    "position", "distance_to_run", "prev_prose", "next_prose", "prev_short", "next_short",
    "label_run", "upper_share", "digit_share", "starts_lower", "words", "window_prose",
    "ends_colon", "separators",
]
_SEPARATORS = re.compile("[|»›•·]")
# first_good, first_neargood, first_short, first_bad
_FIRST_FLAGS = {
    GOOD: (1.0, 0.0, 0.0, 0.0), NEARGOOD: (0.0, 1.0, 0.0, 0.0),
    SHORT: (0.0, 0.0, 1.0, 0.0), BAD: (0.0, 0.0, 0.0, 1.0),
}
_NO_FLAGS = (0.0, 0.0, 0.0, 0.0)
_WINDOW = 3
# Capitals and digits are counted in a line's start: enough to see a shouting teaser or a
# table row, and long lines cost no more than short ones.
_SHAPE_CHARS = 120


_LETTER = re.compile(r"[^\W\d_]")
# Capitals of the Latin, Greek and Cyrillic alphabets: enough to see a line in all caps.
_UPPER = re.compile("[A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁ]")
_DIGIT = re.compile(r"\d")


# In ASCII the classes above are A-Z, a-z plus A-Z, and 0-9: counted by deleting every other byte.
_ASCII = bytes(range(128))
_NOT_ASCII_UPPER = bytes(b for b in _ASCII if not 65 <= b <= 90)
_NOT_ASCII_LETTER = bytes(b for b in _ASCII if not (65 <= b <= 90 or 97 <= b <= 122))
_NOT_ASCII_DIGIT = bytes(b for b in _ASCII if not 48 <= b <= 57)


def _char_shares(sample: str) -> tuple[int, int, int]:
    """(upper-case letters, letters (at least 1), digits) in ``sample``."""
    if sample.isascii():  # most lines: bytes.translate is far cheaper than three findall()
        data = sample.encode("ascii")
        return (len(data.translate(None, _NOT_ASCII_UPPER)),
                len(data.translate(None, _NOT_ASCII_LETTER)) or 1,
                len(data.translate(None, _NOT_ASCII_DIGIT)))
    return (len(_UPPER.findall(sample)), len(_LETTER.findall(sample)) or 1, len(_DIGIT.findall(sample)))


def _prefix_sums(values: list[int]) -> list[int]:
    out = [0]
    for value in values:
        out.append(out[-1] + value)
    return out


def _label_runs(infos: list[LineInfo]) -> list[int]:
    """For each line, the length of the run of short, non-sentence lines it belongs to."""
    out = [0] * len(infos)
    i = 0
    while i < len(infos):
        j = i
        while j < len(infos) and infos[j].first == SHORT and not infos[j].terminal:
            j += 1
        for k in range(i, j):
            out[k] = j - i
        i = max(j, i + 1)
    return out


def _distances_to_run(infos: list[LineInfo]) -> list[int]:
    big = len(infos) + 1
    out = [big] * len(infos)
    last = -big
    for i, info in enumerate(infos):
        if info.in_run:
            last = i
        out[i] = i - last
    last = 2 * big
    for i in range(len(infos) - 1, -1, -1):
        if infos[i].in_run:
            last = i
        out[i] = min(out[i], last - i)
    return out


def line_features(infos: list[LineInfo]) -> list[list[float]]:
    """One feature vector (in the order of :data:`NAMES`) per line."""
    n = len(infos)
    runs = _label_runs(infos)
    distances = _distances_to_run(infos)
    # Window sums from prefix sums (integers: the same values as summing each window).
    prose_chars = _prefix_sums([len(x.text) if x.first in (GOOD, NEARGOOD) else 0 for x in infos])
    all_chars = _prefix_sums([len(x.text) for x in infos])
    # Per-line flags looked up once: each line is also its neighbours' neighbour.
    first_flags = [_FIRST_FLAGS.get(x.first, _NO_FLAGS) for x in infos]
    prose = [x.first in (GOOD, NEARGOOD) for x in infos]
    short = [x.first == SHORT for x in infos]
    rows = []
    for i, info in enumerate(infos):
        text = info.text
        length = len(text)
        upper, letters, digits = _char_shares(text[:_SHAPE_CHARS])
        lo, hi = max(0, i - _WINDOW), min(n, i + _WINDOW + 1)
        window = (all_chars[hi] - all_chars[lo]) or 1
        has_prev, has_next = i > 0, i + 1 < n
        reason = info.reason
        rows.append([
            1.0,
            math.log1p(length) / 6,
            info.stop_density,
            1.0 if info.terminal else 0.0,
            1.0 if info.heading else 0.0,
            1.0 if reason.startswith("phrase list") or reason == "copyright sign" else 0.0,
            *first_flags[i],
            1.0 if info.final == GOOD else 0.0,
            1.0 if info.in_run else 0.0,
            i / n,
            min(distances[i], 20) / 20,
            1.0 if has_prev and prose[i - 1] else 0.0,
            1.0 if has_next and prose[i + 1] else 0.0,
            1.0 if has_prev and short[i - 1] else 0.0,
            1.0 if has_next and short[i + 1] else 0.0,
            min(runs[i], 10) / 10,
            upper / letters,
            digits / max(min(length, _SHAPE_CHARS), 1),
            1.0 if text and text[0].islower() else 0.0,
            min(info.words, 50) / 50,
            (prose_chars[hi] - prose_chars[lo]) / window,
            1.0 if text.endswith(":") else 0.0,
            1.0 if _SEPARATORS.search(text) is not None else 0.0,
        ])
    return rows
