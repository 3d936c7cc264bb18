"""Features of a classified line for the learned line model (see ``model.py``).

Each line is described by what the hand-set classifier found (its own class, its class
after context smoothing, whether it lies in the densest run of prose) and by plain
shape signals of itself and its neighbours.

The features are computed column by column with numpy over the whole document (a
per-line Python loop took about 0.9 ms of a 7 ms document, now about 0.2). Every value is
the same float, to the last bit, as the plain per-line definition (kept in the tests as
the reference): integer counts and one division each, and libm's ``log1p``, never
numpy's own SIMD versions of the elementary functions.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache

import numpy as np

from .classify import BAD, CLASS_CODE, GOOD, NEARGOOD, SHORT, LineCodes, LineInfo

NAMES = [
    "bias", "log_length", "stopword_density", "terminal", "heading", "phrase_list",
    "first_good", "first_neargood", "first_short", "first_bad", "rules_keep", "in_run",
    "position", "distance_to_run", "prev_prose", "next_prose", "prev_short", "next_short",
    "label_run", "upper_share", "digit_share", "starts_lower", "words", "window_prose",
    "ends_colon", "separators",
]
_SEPARATORS = re.compile("[|»›•·]")
# Row of first_good .. first_bad for each class; any other class sets none of them.
_CLASS_CODES = {GOOD: 0, NEARGOOD: 1, SHORT: 2, BAD: 3}
_NO_CLASS = 4


def _class_code_bytes() -> bytes:
    """A bytes.translate table: LineCodes' one-character codes to _CLASS_CODES' (any other
    code, a class of no row of its own: _NO_CLASS)."""
    table = bytearray([_NO_CLASS]) * 256
    for cls, code in CLASS_CODE.items():
        table[ord(code)] = _CLASS_CODES[cls]
    return bytes(table)


_CLASS_CODE_BYTES = _class_code_bytes()
_GOOD_CODE = ord(CLASS_CODE[GOOD])
_WINDOW = 3
# Capitals and digits are counted in a line's start: enough to see a shouting teaser or a
# table row (a feature of the trained model; the count over the whole line would differ).
_SHAPE_CHARS = 120


_LETTER = re.compile(r"[^\W\d_]")
# Capitals of the Latin, Greek and Cyrillic alphabets: enough to see a line in all caps.
_UPPER = re.compile("[A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁ]")
_DIGIT = re.compile(r"\d")

# Per code point, packed so that one cumulative sum over the document counts all three
# shape classes of every line's start: capitals in bits 0-15, letters in 16-31, digits in
# 32-47 (a start holds at most _SHAPE_CHARS of each, so a line's sum never carries into
# the next field; the fields are whole uint16s, read through a view). Bits 62 and 63 mark
# a lower-case letter and a separator; the sums garble them, so they are only read per
# character (a separator is any value >= 2**63).
_FIELD = 16
_FIELD_MASK = (1 << _FIELD) - 1
_LOWER_BIT = 62
_SEPARATOR_BIT = 63
_LOWER_SHIFT, _ONE, _SEPARATOR_MIN = np.uint64(_LOWER_BIT), np.uint64(1), np.uint64(1 << _SEPARATOR_BIT)
# The table covers the Basic Multilingual Plane (built once per process, ~15 ms); the rare
# line with a character beyond it is measured with the regexes themselves.
_BMP = 0x10000
# log1p of line lengths below this is looked up, longer lines call math.log1p.
_LOG_TABLE_SIZE = 4096
# Per class code (see _CLASS_CODES): first_good .. first_bad, then "prose" and "short".
_CODE_ROWS = np.array([[c == k for c in range(_NO_CLASS + 1)] for k in range(4)]
                      + [[c <= 1 for c in range(_NO_CLASS + 1)], [c == 2 for c in range(_NO_CLASS + 1)]],
                      dtype=np.float64)
assert _SHAPE_CHARS < 1 << _FIELD and _FIELD == 16


def _code_points(text: str) -> np.ndarray:
    # surrogatepass: a lone surrogate (from a badly decoded page) is one code point, as in str.
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@cache
def _char_table() -> np.ndarray:
    """The packed classes (see above) of every BMP code point, as the regexes and ``str.islower`` see it."""
    chars = "".join(map(chr, range(_BMP)))
    table = np.zeros(_BMP, dtype=np.uint64)
    for shift, pattern in ((0, _UPPER), (_FIELD, _LETTER), (2 * _FIELD, _DIGIT)):
        # Every match is one character, so the marked copy lines up with ``chars``; NUL
        # (code point 0) is in none of the classes and stays unmarked.
        marked = _code_points(pattern.sub("\0", chars)) == 0
        marked[0] = False
        table[marked] |= np.uint64(1 << shift)
    table[_code_points(_SEPARATORS.sub("\0", chars)) == 0] |= np.uint64(1 << _SEPARATOR_BIT)
    table[0] &= ~np.uint64(1 << _SEPARATOR_BIT)
    table[np.fromiter(map(str.islower, chars), dtype=bool, count=_BMP)] |= np.uint64(1 << _LOWER_BIT)
    return table


@lru_cache(maxsize=512)
def _geometry(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For an ``n``-line document: line indexes, each line's position ``i / n``, and the
    first and last-plus-one line of each line's window (read only)."""
    index = np.arange(n)
    position = index / n
    lo, hi = np.maximum(index - _WINDOW, 0), np.minimum(index + _WINDOW + 1, n)
    for array in (index, position, lo, hi):
        array.flags.writeable = False
    return index, position, lo, hi


@cache
def _log_table() -> np.ndarray:
    return np.array([math.log1p(k) / 6 for k in range(_LOG_TABLE_SIZE)])


def _char_shares(sample: str) -> tuple[int, int, int]:
    """(upper-case letters, letters (at least 1), digits) in ``sample``: the definition the table follows."""
    return (len(_UPPER.findall(sample)), len(_LETTER.findall(sample)) or 1, len(_DIGIT.findall(sample)))


def _label_runs(label: np.ndarray) -> np.ndarray:
    """For each line, the length of the run of consecutive ``label`` lines it belongs to (0 outside)."""
    # Padded with a False either side, the changes alternate: a run's start, its end.
    padded = np.concatenate(([False], label, [False])).view(np.int8)
    edges = (padded[1:] - padded[:-1]).nonzero()[0]  # (np.diff, np.flatnonzero)
    lengths = edges[1::2] - edges[::2]
    out = np.zeros(len(label), dtype=np.int64)
    out[label] = lengths.repeat(lengths)
    return out


def _distances_to_run(in_run: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Lines to the nearest line in the run; without a run, the per-line definition's
    sentinels (``i + n + 1`` and ``2n + 2 - i``), which tiny documents keep below the cap.
    ``index``: ``np.arange(len(in_run))``."""
    big = len(in_run) + 1
    before = np.maximum.accumulate(np.where(in_run, index, -big))
    after = np.minimum.accumulate(np.where(in_run, index, 2 * big)[::-1])[::-1]
    return np.minimum(index - before, after - index)


def line_features(infos: list[LineInfo], texts: list[str] | None = None,
                  reasons: list[str] | None = None, line_codes: LineCodes | None = None) -> np.ndarray:
    """The feature vectors of the lines: one row per line, one column per :data:`NAMES` entry.

    Built column-wise (a ``(len(NAMES), lines)`` array, returned transposed) because every
    feature is one vector operation over the document. ``texts`` and ``reasons`` are the
    lines' ``text`` and ``reason`` (in the order of ``infos``), and ``line_codes`` their classes
    as :func:`.classify.classify_with_codes` gave them, when the caller has them.
    """
    n = len(infos)
    out = np.zeros((len(NAMES), n))
    if n == 0:
        return out.T
    # One comprehension per attribute: cheaper than unzipping attrgetter tuples. Flags and
    # small codes go through bytes (one C copy; np.array converts a list item by item).
    if texts is None:
        texts = [x.text for x in infos]
    if reasons is None:
        reasons = [x.reason for x in infos]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    if line_codes is None:
        line_codes = LineCodes.of(infos)
    # (one translation of a string each, instead of a pass over the lines' attributes)
    codes = np.frombuffer(line_codes.first.encode().translate(_CLASS_CODE_BYTES), dtype=np.int8)
    in_run = np.frombuffer(line_codes.in_run, dtype=bool)
    final_good = np.frombuffer(line_codes.final.encode(), dtype=np.uint8) == _GOOD_CODE
    prose = codes <= 1
    short = codes == 2
    terminal = np.frombuffer(bytes([x.terminal for x in infos]), dtype=bool)
    index, position, lo, hi = _geometry(n)

    out[0] = 1.0
    # (Rows are filled in place, ``out=``, where numpy allows, and array methods or ufuncs are
    # called rather than the np.cumsum/np.flatnonzero/ndarray.max wrappers, which run Python
    # code on every call: on a document's few hundred lines, each call and temporary array
    # costs about as much as the arithmetic.)
    _log_table().take(np.minimum(lengths, _LOG_TABLE_SIZE - 1), out=out[1])
    if np.maximum.reduce(lengths) >= _LOG_TABLE_SIZE:  # rare: long lines call math.log1p
        for i in (lengths >= _LOG_TABLE_SIZE).nonzero()[0].tolist():
            out[1, i] = math.log1p(int(lengths[i])) / 6
    out[2] = np.fromiter([x.stop_density for x in infos], dtype=np.float64, count=n)
    out[3] = terminal
    out[4] = np.frombuffer(bytes([x.heading for x in infos]), dtype=bool)
    # A document has a handful of distinct reasons: test each once.
    listed = {r for r in set(reasons) if r.startswith("phrase list") or r == "copyright sign"}
    if listed:
        out[5] = np.frombuffer(bytes(map(listed.__contains__, reasons)), dtype=bool)
    # first_good .. first_bad, and each line's "prose" and "short" flags, in one lookup
    code_rows = _CODE_ROWS.take(codes, axis=1)
    out[6:10] = code_rows[:4]
    out[10] = final_good
    out[11] = in_run
    out[12] = position
    np.divide(np.minimum(_distances_to_run(in_run, index), 20), 20, out=out[13])
    # prev_prose and prev_short (rows 14 and 16), next_prose and next_short (15 and 17)
    out[14:18:2, 1:] = code_rows[4:, :-1]
    out[15:18:2, :-1] = code_rows[4:, 1:]
    np.divide(np.minimum(_label_runs(short & ~terminal), 10), 10, out=out[18])
    np.divide(np.minimum(np.fromiter([x.words for x in infos], dtype=np.int64, count=n), 50), 50, out=out[22])

    # Character classes of the whole document at once: counts over each line's first
    # _SHAPE_CHARS characters are differences of one cumulative sum.
    ends = lengths.cumsum()
    starts = ends - lengths
    points = _code_points("".join(texts))
    beyond = len(points) > 0 and int(np.maximum.reduce(points)) >= _BMP  # rare: one reduction finds out
    packed = _char_table().take(np.where(points < _BMP, points, 0) if beyond else points)
    sums = np.empty(len(points) + 1, dtype=np.uint64)
    sums[0] = 0
    packed.cumsum(out=sums[1:])
    sample = np.minimum(lengths, _SHAPE_CHARS)
    # (capitals, letters, digits, garbled) of each line's start, one uint16 each
    counts = (sums[starts + sample] - sums[starts]).view(np.uint16).reshape(n, 4)
    np.divide(counts[:, 0], np.maximum(counts[:, 1], 1), out=out[19], dtype=np.float64)
    np.divide(counts[:, 2], np.maximum(sample, 1), out=out[20], dtype=np.float64)
    nonempty = lengths.nonzero()[0]
    out[21, nonempty] = (packed[starts[nonempty]] >> _LOWER_SHIFT) & _ONE
    out[24, nonempty] = points[ends[nonempty] - 1] == ord(":")
    separators = (packed >= _SEPARATOR_MIN).nonzero()[0]
    out[25, ends.searchsorted(separators, side="right")] = 1.0
    # Characters beyond the table's plane were counted as NUL; measure their lines directly.
    if beyond:
        # (each of their lines once, in order: the positions are sorted)
        for i in dict.fromkeys(np.searchsorted(ends, np.flatnonzero(points >= _BMP), side="right").tolist()):
            text = texts[i]
            upper_i, letters_i, digits_i = _char_shares(text[:_SHAPE_CHARS])
            out[19, i] = upper_i / letters_i
            out[20, i] = digits_i / max(min(len(text), _SHAPE_CHARS), 1)
            out[21, i] = 1.0 if text[0].islower() else 0.0
            out[24, i] = 1.0 if text.endswith(":") else 0.0
            out[25, i] = 1.0 if _SEPARATORS.search(text) is not None else 0.0

    # Share of prose characters in the window of _WINDOW lines either side.
    # Row 0: characters before each line, row 1: prose characters before it.
    chars = np.zeros((2, n + 1), dtype=np.int64)
    chars[0, 1:] = ends
    np.where(prose, lengths, 0).cumsum(out=chars[1, 1:])
    window = chars[:, hi] - chars[:, lo]
    np.divide(window[1], np.maximum(window[0], 1), out=out[23])
    return out.T
