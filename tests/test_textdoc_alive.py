"""TextDoc.alive, built with loops in C, is the plain definition after any removals and title changes."""

import random

from cleaner.lexicon import Lexicons
from cleaner.textdoc import TextDoc


def _plain_alive(doc):
    return [i for i, rule in enumerate(doc.removed_by) if rule is None and i != doc.title_line]


def test_alive_follows_removals_and_title_changes():
    rng = random.Random(11)
    for _ in range(200):
        n = rng.randint(0, 30)
        doc = TextDoc(lines=[f"line {i}" for i in range(n)], lexicons=Lexicons({}))
        for _ in range(rng.randint(0, 8)):
            step = rng.random()
            if n and step < 0.5:
                doc.remove(rng.randrange(n), "r")
            elif n and step < 0.6:
                picked = rng.sample(range(n), rng.randint(0, n))
                doc.remove_many(picked, "many", [""] * len(picked))
            elif step < 0.8:
                doc.title_line = rng.choice([None, *range(n)])
            assert doc.alive() == _plain_alive(doc)
            assert doc.alive() is doc.alive()  # kept until something changes
