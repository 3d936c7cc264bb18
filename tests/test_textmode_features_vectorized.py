"""The column-wise line features and the model's scores equal a plain per-line computation, bit for bit.

``reference_features`` spells out every feature one line at a time, straight from its
definition; the vectorized code must give the same floats (a removal's detail prints the
probability, so even a last-bit difference could change an output).
"""

import math
import re

import numpy as np

from cleaner.textmode import features
from cleaner.textmode.classify import BAD, GOOD, NEARGOOD, SHORT, LineInfo
from cleaner.textmode.features import NAMES, line_features
from cleaner.textmode.model import load_model

_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile("[A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁ]")
_DIGIT = re.compile(r"\d")
_SEPARATORS = re.compile("[|»›•·]")
PROSE = ("The council said on Tuesday that the new bridge would open in the spring, and that the "
         "work on the roads around it was going to take a little longer than they had planned.")


def reference_features(infos: list[LineInfo]) -> list[list[float]]:
    n = len(infos)
    rows = []
    for i, info in enumerate(infos):
        text = info.text
        sample = text[:120]
        run_lines = [k for k, x in enumerate(infos) if x.in_run]
        # Without a run the definition's sentinels: i + (n + 1) before, 2(n + 1) - i after.
        distance = min([abs(i - k) for k in run_lines] or [min(i + n + 1, 2 * (n + 1) - i)])
        label = [x.first == SHORT and not x.terminal for x in infos]
        run = 0
        if label[i]:
            lo, hi = i, i
            while lo > 0 and label[lo - 1]:
                lo -= 1
            while hi + 1 < n and label[hi + 1]:
                hi += 1
            run = hi - lo + 1
        window = infos[max(0, i - 3):i + 4]
        window_chars = sum(len(x.text) for x in window)
        prose_chars = sum(len(x.text) for x in window if x.first in (GOOD, NEARGOOD))
        rows.append([
            1.0,
            math.log1p(len(text)) / 6,
            info.stop_density,
            float(info.terminal),
            float(info.heading),
            float(info.reason.startswith("phrase list") or info.reason == "copyright sign"),
            float(info.first == GOOD), float(info.first == NEARGOOD), float(info.first == SHORT),
            float(info.first == BAD),
            float(info.final == GOOD),
            float(info.in_run),
            i / n,
            min(distance, 20) / 20,
            float(i > 0 and infos[i - 1].first in (GOOD, NEARGOOD)),
            float(i + 1 < n and infos[i + 1].first in (GOOD, NEARGOOD)),
            float(i > 0 and infos[i - 1].first == SHORT),
            float(i + 1 < n and infos[i + 1].first == SHORT),
            min(run, 10) / 10,
            len(_UPPER.findall(sample)) / (len(_LETTER.findall(sample)) or 1),
            len(_DIGIT.findall(sample)) / max(len(sample), 1),
            float(bool(text) and text[0].islower()),
            min(info.words, 50) / 50,
            prose_chars / (window_chars or 1),
            float(text.endswith(":")),
            float(_SEPARATORS.search(text) is not None),
        ])
    return rows


def reference_probabilities(weights: tuple[float, ...], rows: list[list[float]]) -> list[float]:
    out = []
    for row in rows:
        z = 0.0
        for w, x in zip(weights, row, strict=True):  # left to right
            z += w * x
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


def line(text: str, first: str, final: str = "", *, words: int = 3, stop: float = 0.0, terminal: bool = False,
         heading: bool = False, reason: str = "", in_run: bool = False) -> LineInfo:
    return LineInfo(text, words, stop, terminal, heading, first, final or first, reason, in_run)


def made_up_document() -> list[LineInfo]:
    long_line = "Menü » Politik | " + "ab" * 30 + " › Wirtschaft · " + "x" * 5000 + " ende:"
    return [
        line("Startseite", SHORT, BAD, heading=True),
        line("Home | News | Sport", SHORT, BAD, reason="menu"),
        line("ΕΛΛΑΔΑ και Ελλάδα ΚΌΣΜΟΣ", SHORT, words=4),
        line("НОВОСТИ дня Ёлка", SHORT, BAD, words=3),
        line("über Straße ÄÖÜ und ÉTÉ 2024², ½ Preis, ٣ Tage", NEARGOOD, words=9, stop=0.3),
        line(PROSE, GOOD, words=34, stop=0.41, terminal=True, in_run=True),
        line("Subheading:", SHORT, GOOD, heading=True, in_run=True),
        line("émoji 😀 and 𠀀𠀁 CJK letters, ½ cup", NEARGOOD, words=6, stop=0.2, in_run=True),
        line("𝐁old start 12345 · 678", SHORT, words=3),
        line(PROSE.upper(), GOOD, words=34, stop=0.41, terminal=True, in_run=True),
        line("", SHORT, reason="blank"),
        line("Cookies help us", BAD, reason="phrase list: cookie"),
        line("© 2024 Example Ltd", BAD, reason="copyright sign"),
        line(long_line, BAD, words=300, stop=0.01, reason="low stopword density"),
        line("read more", SHORT, words=2),
        line("share", SHORT, words=1),
        line("weird-class line", "unknown", words=2),
        line("Last line.", SHORT, words=2, terminal=True),
    ]


def assert_same(infos: list[LineInfo]) -> None:
    got = line_features(infos)
    assert got.shape == (len(infos), len(NAMES))
    expected = reference_features(infos)
    assert got.tolist() == expected  # exact, not approximate
    model = load_model()
    assert model.probabilities(got) == reference_probabilities(model.weights, expected)


def test_features_and_scores_equal_the_per_line_reference():
    assert_same(made_up_document())


def test_small_documents_without_a_run_and_single_lines():
    infos = [line(x.text, x.first, x.final, words=x.words, terminal=x.terminal, reason=x.reason)
             for x in made_up_document()[:3]]
    assert_same(infos)  # no line in the run: the uncapped sentinel distance of a tiny document
    assert_same(made_up_document()[7:8])
    assert_same(made_up_document()[:1])
    assert line_features([]).shape == (0, len(NAMES))
    assert load_model().probabilities(line_features([])) == []


def test_scores_are_summed_left_to_right_whatever_the_row_layout():
    # Random rows: a dot product or pairwise summation differs from the sequential sum in
    # the last bit on many of them.
    model = load_model()
    rows = np.random.default_rng(7).random((300, len(NAMES))) * 3 - 1
    expected = reference_probabilities(model.weights, rows.tolist())
    assert model.probabilities(rows) == expected
    assert model.probabilities(np.asfortranarray(rows)) == expected
    assert model.probabilities(rows.tolist()) == expected
    assert model.probabilities(rows[:1]) == expected[:1]


def test_character_table_matches_the_regexes_on_every_bmp_code_point():
    table = features._char_table()
    field = np.uint64(features._FIELD_MASK)
    chars = [chr(c) for c in range(features._BMP)]
    assert (table & field).astype(bool).tolist() == [bool(_UPPER.match(c)) for c in chars]
    assert ((table >> np.uint64(features._FIELD)) & field).astype(bool).tolist() == \
        [bool(_LETTER.match(c)) for c in chars]
    assert ((table >> np.uint64(2 * features._FIELD)) & field).astype(bool).tolist() == \
        [bool(_DIGIT.match(c)) for c in chars]
    assert ((table >> np.uint64(features._LOWER_BIT)) & np.uint64(1)).astype(bool).tolist() == \
        [c.islower() for c in chars]
    assert (table >= np.uint64(1 << features._SEPARATOR_BIT)).tolist() == \
        [bool(_SEPARATORS.match(c)) for c in chars]
