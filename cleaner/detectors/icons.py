"""``generic.icon-font``: icon-font ligature names left as text (``close_game``, ``arrow_forward``)."""

from __future__ import annotations

from ..textdoc import TextDoc
from .listmatch import list_tests

# LineFacts.by_key entry: whether a line is an icon name depends on its text alone.
_KEY = "icon-font"


def icon_font_tokens(doc: TextDoc) -> list[int]:
    """``generic.icon-font``: icon-font ligature names left as text (``close_game``, ``arrow_forward``)."""
    icons = list_tests(doc.lexicons["icon-font"])
    facts, lines = doc.facts, doc.lines
    hits = []
    for i in doc.alive():
        known = facts[i].by_key
        hit = known.get(_KEY)
        if hit is None:
            # Icon names are lower-case identifiers, so only the raw line (not case-folded) counts.
            line = lines[i].strip()
            hit = known[_KEY] = bool(line) and line == line.lower() and icons.hit(line, line)
        if hit:
            hits.append(i)
    return hits
