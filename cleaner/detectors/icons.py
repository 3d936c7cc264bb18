"""``generic.icon-font``: icon-font ligature names left as text (``close_game``, ``arrow_forward``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..textdoc import TextDoc


def icon_font_tokens(doc: TextDoc) -> Iterator[int]:
    icons = doc.lexicons["icon-font"]
    hits = doc.cache.setdefault("icon-font hits", {})  # kept across the detector rounds
    for i in doc.alive():
        hit = hits.get(i)
        if hit is None:
            # Icon names are lower-case identifiers, so only the raw line (not case-folded) counts.
            line = doc.lines[i].strip()
            hit = hits[i] = bool(line) and line == line.lower() and icons.hit(line, line)
        if hit:
            yield i
