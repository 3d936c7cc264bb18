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
_WINDOW = 3
# Capitals and digits are counted in a line's start: enough to see a shouting teaser or a
# table row, and long lines cost no more than short ones.
_SHAPE_CHARS = 120


_LETTER = re.compile(r"[^\W\d_]")
# Capitals of the Latin, Greek and Cyrillic alphabets: enough to see a line in all caps.
_UPPER = re.compile("[A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁ]")
_DIGIT = re.compile(r"\d")


def _char_shares(sample: str) -> tuple[int, int, int]:
    """(upper-case letters, letters (at least 1), digits) in ``sample``."""
    return (len(_UPPER.findall(sample)), len(_LETTER.findall(sample)) or 1, len(_DIGIT.findall(sample)))


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
    prose_chars = [len(x.text) if x.first in (GOOD, NEARGOOD) else 0 for x in infos]
    all_chars = [len(x.text) for x in infos]
    rows = []
    for i, info in enumerate(infos):
        text = info.text
        upper, letters, digits = _char_shares(text[:_SHAPE_CHARS])
        lo, hi = max(0, i - _WINDOW), min(n, i + _WINDOW + 1)
        window = sum(all_chars[lo:hi]) or 1
        prev = infos[i - 1] if i else None
        nxt = infos[i + 1] if i + 1 < n else None
        rows.append([
            1.0,
            math.log1p(len(text)) / 6,
            info.stop_density,
            float(info.terminal),
            float(info.heading),
            float(info.reason.startswith("phrase list") or info.reason == "copyright sign"),
            float(info.first == GOOD),
            float(info.first == NEARGOOD),
            float(info.first == SHORT),
            float(info.first == BAD),
            float(info.final == GOOD),
            float(info.in_run),
            i / n,
            min(distances[i], 20) / 20,
            float(prev is not None and prev.first in (GOOD, NEARGOOD)),
            float(nxt is not None and nxt.first in (GOOD, NEARGOOD)),
            float(prev is not None and prev.first == SHORT),
            float(nxt is not None and nxt.first == SHORT),
            min(runs[i], 10) / 10,
            upper / letters,
            digits / max(min(len(text), _SHAPE_CHARS), 1),
            float(bool(text) and text[0].islower()),
            min(info.words, 50) / 50,
            sum(prose_chars[lo:hi]) / window,
            float(text.endswith(":")),
            float(_SEPARATORS.search(text) is not None),
        ])
    return rows
