"""The shipped line model: loads, matches the features, ranks prose above furniture."""

import json

from cleaner.textmode.classify import classify
from cleaner.textmode.features import NAMES, line_features
from cleaner.textmode.language import stopwords
from cleaner.textmode.model import MODEL_FILE, load_model

PROSE = ("The council said on Tuesday that the new bridge would open in the spring, and that the "
         "work on the roads around it was going to take a little longer than they had planned.")


def test_model_is_shipped_and_matches_the_features():
    model = load_model()
    assert model is not None
    assert len(model.weights) == len(NAMES)
    assert 0 < model.threshold < 1
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert "trafilatura" in data["trained_on"]


def test_prose_scores_above_menu_labels():
    lines = ["Home", "News", "Sport", "Contact", PROSE, PROSE.replace("council", "mayor"),
             "Imprint", "Privacy"]
    infos = classify(lines, stopwords("en"))
    p = load_model().probabilities(line_features(infos))
    assert min(p[4], p[5]) > load_model().threshold > max(p[0], p[1], p[6], p[7])


def test_model_trained_on_other_features_is_not_used(tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({"names": ["bias"], "weights": [0.0], "threshold": 0.5}), encoding="utf-8")
    assert load_model(bad) is None
    assert load_model(tmp_path / "missing.json") is None


def test_features_have_one_value_per_name():
    infos = classify(["Home", PROSE], stopwords("en"))
    rows = line_features(infos)
    assert len(rows) == 2 and all(len(r) == len(NAMES) for r in rows)
    assert all(0.0 <= v <= 1.5 for r in rows for v in r)
