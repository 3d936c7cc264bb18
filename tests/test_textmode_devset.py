"""Text mode on the dev-set dumps, scored as ../shared/devset/README.md says.

A regression guard for the figure in the README (F1 0.864). Skips when the dev set is not
next to the repository (set ``CLEANER_DEVSET`` to point elsewhere).
"""

import json
import os
import re
from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = [os.environ.get("CLEANER_DEVSET"), ROOT.parent / "shared" / "devset",
              ROOT.parents[1] / "shared" / "devset"]
DEVSET = next((Path(c) for c in CANDIDATES if c and (Path(c) / "annotations.json").is_file()), None)
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@pytest.mark.skipif(DEVSET is None, reason="dev set not available")
def test_text_mode_f1_on_the_dev_set_dumps():
    annotations = json.loads((DEVSET / "annotations.json").read_text(encoding="utf-8"))
    cleaner = Cleaner()
    tp = fn = fp = 0
    for key, gold in annotations.items():
        dump = DEVSET / "dumps" / (key.removesuffix(".html.gz") + ".txt")
        if not dump.is_file():
            continue
        out = _norm(cleaner.clean(dump.read_bytes(), kind="text").output_text())
        found = sum(_norm(p) in out for p in gold["with"])
        tp, fn = tp + found, fn + len(gold["with"]) - found
        fp += sum(_norm(p) in out for p in gold["without"])
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.85, (f1, precision, recall)
    assert fp < 300  # the raw dump leaks 1188 of 1399
