"""The learned line model: a logistic regression over :mod:`.features`.

Its weights are package data (``line-model.json``), written by
``tools/train_textmode.py`` from pseudo-labels (trafilatura's output on the pages' HTML).
The model decides each line from the hand-set classes, the line's shape and its
neighbours'.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .features import NAMES

MODEL_FILE = Path(__file__).with_name("line-model.json")


@dataclass(frozen=True)
class LineModel:
    weights: tuple[float, ...]
    threshold: float

    def probabilities(self, rows: np.ndarray | Sequence[Sequence[float]]) -> list[float]:
        """The probability that each line is article text (``rows``: one feature vector per line)."""
        x = np.asarray(rows, dtype=np.float64)
        n = len(x)
        if n == 0:
            return []
        # Scores must equal the per-line sum w[0]*x[0] + w[1]*x[1] + ..., added left to right,
        # to the last bit: a removal's detail prints the probability, and a dot product (or a
        # sum along a row) adds in another order and changes the last bit of most documents'
        # scores. numpy sums across rows -- axis 0 of a C-ordered (features, lines) array --
        # one row after the other for every column at once; pairwise summation is only used
        # along the contiguous axis, which is why a one-line document is widened to two.
        # The weights are negated: every product, and so every sum, is the exact negation of
        # the score's, i.e. ``-z`` to the last bit (rounding to nearest is symmetric).
        products = np.multiply(x.T, _negated_column(self.weights), order="C")
        if n == 1:
            products = np.repeat(products, 2, axis=1)
        minus_z = np.add.reduce(products, axis=0)[:n]  # (products.sum without its Python wrapper)
        np.maximum(minus_z, -30.0, out=minus_z)
        np.minimum(minus_z, 30.0, out=minus_z)
        # libm's exp, not numpy's SIMD exp, for the same reason; 1 / (1 + e) is one correctly
        # rounded addition and division either way.
        e = np.fromiter(map(math.exp, minus_z.tolist()), dtype=np.float64, count=n)
        e += 1.0
        return np.divide(1.0, e, out=e).tolist()


@cache
def _negated_column(weights: tuple[float, ...]) -> np.ndarray:
    """``-weights`` as a column (read only)."""
    column = -np.array(weights)[:, None]
    column.flags.writeable = False
    return column


@cache
def load_model(path: Path = MODEL_FILE) -> LineModel | None:
    """The shipped model, or None when it is missing or was trained on other features."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("names") != NAMES or len(data.get("weights", [])) != len(NAMES):
        return None
    return LineModel(tuple(data["weights"]), float(data["threshold"]))
