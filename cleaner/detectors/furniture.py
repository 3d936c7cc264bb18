"""Page furniture recognised by phrase lists: share bars, paywall offers, account menus, widgets.

The phrase lists live in ``rules/generic/*.yaml``. Share and paywall phrases are
furniture wherever they stand; navigation labels and date/weather widgets only at the
top or bottom edge, since inside an article a short line is more likely a subheading.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..textdoc import TextDoc
from .listmatch import ListTests

# A phrase inside a long paragraph is more likely the article talking about it.
_MAX_PHRASE_LINE_WORDS = 40


def _hits(doc: TextDoc, list_name: str, edges_only: bool, labels_only: bool) -> list[int]:
    """Lines equal to a listed line or pattern, or short lines containing a listed phrase."""
    tests = ListTests(doc.lexicons[list_name])
    # What the list says about a line depends on its text alone: it is kept with the
    # line's facts, for the detector rounds and for the same line on other pages.
    key = f"{list_name} labels" if labels_only else list_name
    facts, lines = doc.facts, doc.lines
    hits = []
    for i in edge_lines(doc) if edges_only else doc.alive():
        fact = facts[i]
        known = fact.by_key
        hit = known.get(key)
        if hit is None:
            short = fact.label if labels_only else fact.words <= _MAX_PHRASE_LINE_WORDS
            hit = known[key] = tests.hit(fact.normalized, lines[i], short)
        if hit:
            hits.append(i)
    return hits


def edge_lines(doc: TextDoc) -> list[int]:
    """Alive lines above the first or below the last prose line (all of them when there is none)."""
    alive = doc.alive()
    first, last = doc.edges()
    if first > last:
        return alive
    # alive is sorted: the edge zones are its two ends
    return alive[:bisect_left(alive, first)] + alive[bisect_right(alive, last):]


def share_widgets(doc: TextDoc) -> list[int]:
    """``generic.share``: "SHARE THIS ARTICLE ON", "Share on Facebook", "Follow us on"."""
    return _hits(doc, "share", edges_only=False, labels_only=True)


def paywall_offers(doc: TextDoc) -> list[int]:
    """``generic.paywall``: subscription offers ("All Access. One Subscription.")."""
    return _hits(doc, "paywall", edges_only=False, labels_only=False)


def navigation_labels(doc: TextDoc) -> list[int]:
    """``generic.navigation``: account and menu labels ("Sign out", "My Reads") at the edges."""
    return _hits(doc, "navigation", edges_only=True, labels_only=True)


def date_weather_widgets(doc: TextDoc) -> list[int]:
    """``generic.widget``: a bare date or a "City 21°C" line at the edges."""
    return _hits(doc, "widgets", edges_only=True, labels_only=True)
