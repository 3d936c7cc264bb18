"""``generic.icon-font``: icon-font ligature names left as text (``close_game``, ``arrow_forward``)."""

from __future__ import annotations

from ..textdoc import TextDoc
from .listmatch import list_tests

# LineFacts.by_key entry: whether a line is an icon name depends on its text alone.
_KEY = "icon-font"


def icon_font_tokens(doc: TextDoc) -> list[int]:
    icons = list_tests(doc.lexicons["icon-font"])
    facts, lines = doc.facts, doc.lines
    alive = doc.alive()
    # The kept verdicts first, in one comprehension; then the lines not tested yet.
    verdicts = [facts[i].by_key.get(_KEY) for i in alive]
    if None in verdicts:
        for k, i in enumerate(alive):
            if verdicts[k] is None:
                # Icon names are lower-case identifiers, so only the raw line (not case-folded) counts.
                line = lines[i].strip()
                hit = bool(line) and line == line.lower() and icons.hit(line, line)
                verdicts[k] = facts[i].by_key[_KEY] = hit
    return [i for i, hit in zip(alive, verdicts, strict=True) if hit]
