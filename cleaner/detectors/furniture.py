"""Page furniture recognised by phrase lists: share bars, paywall offers, account menus, widgets.

The phrase lists live in ``rules/generic/*.yaml``. Share and paywall phrases are
furniture wherever they stand; navigation labels and date/weather widgets only at the
top or bottom edge, since inside an article a short line is more likely a subheading.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from ..lexicon import PhraseList
from ..textdoc import TextDoc

# A phrase inside a long paragraph is more likely the article talking about it.
_MAX_PHRASE_LINE_WORDS = 40


def _hits(doc: TextDoc, list_name: str, edges_only: bool, labels_only: bool) -> Iterator[int]:
    """Lines equal to a listed line or pattern, or short lines containing a listed phrase."""
    plist = doc.lexicons[list_name]
    lines = _edge_lines(doc) if edges_only else doc.alive()
    # What the list says about a line depends on its text alone: it is kept with the
    # line's facts, for the detector rounds and for the same line on other pages.
    key = f"{list_name} labels" if labels_only else list_name
    facts = doc.facts
    for i in lines:
        known = facts[i].by_key
        hit = known.get(key)
        if hit is None:
            hit = known[key] = _line_hit(doc, plist, i, labels_only)
        if hit:
            yield i


def _edge_lines(doc: TextDoc) -> list[int]:
    """Alive lines above the first or below the last prose line (all of them when there is none)."""
    alive = doc.alive()
    first, last = doc.edges()
    if first > last:
        return alive
    # alive is sorted: the edge zones are its two ends
    return alive[:bisect_left(alive, first)] + alive[bisect_right(alive, last):]


def _line_hit(doc: TextDoc, plist: PhraseList, i: int, labels_only: bool) -> bool:
    norm = doc.normalized[i]
    if plist.matches_line(norm) or plist.matches_pattern(doc.lines[i]):
        return True
    short = doc.label[i] if labels_only else doc.words(i) <= _MAX_PHRASE_LINE_WORDS
    return short and plist.contains_phrase(norm)


def share_widgets(doc: TextDoc) -> Iterator[int]:
    """``generic.share``: "SHARE THIS ARTICLE ON", "Share on Facebook", "Follow us on"."""
    return _hits(doc, "share", edges_only=False, labels_only=True)


def paywall_offers(doc: TextDoc) -> Iterator[int]:
    """``generic.paywall``: subscription offers ("All Access. One Subscription.")."""
    return _hits(doc, "paywall", edges_only=False, labels_only=False)


def navigation_labels(doc: TextDoc) -> Iterator[int]:
    """``generic.navigation``: account and menu labels ("Sign out", "My Reads") at the edges."""
    return _hits(doc, "navigation", edges_only=True, labels_only=True)


def date_weather_widgets(doc: TextDoc) -> Iterator[int]:
    """``generic.widget``: a bare date or a "City 21°C" line at the edges."""
    return _hits(doc, "widgets", edges_only=True, labels_only=True)
