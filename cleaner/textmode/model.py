"""The learned line model: a logistic regression over :mod:`.features`.

Its weights are package data (``line-model.json``), written by
``tools/train_textmode.py`` from pseudo-labels (trafilatura's output on the pages' HTML).
The model decides each line from the hand-set classes, the line's shape and its
neighbours'.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from operator import mul
from pathlib import Path

from .features import NAMES

MODEL_FILE = Path(__file__).with_name("line-model.json")


@dataclass(frozen=True)
class LineModel:
    weights: tuple[float, ...]
    threshold: float

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """The probability that each line is article text."""
        w = self.weights
        out = []
        for row in rows:
            z = sum(map(mul, w, row))
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out


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
