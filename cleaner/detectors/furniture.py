"""Page furniture recognised by phrase lists: share bars, paywall offers, account menus, widgets.

The phrase lists live in ``rules/generic/*.yaml``. Share and paywall phrases are
furniture wherever they stand; navigation labels and date/weather widgets only at the
top or bottom edge, since inside an article a short line is more likely a subheading.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..textdoc import TextDoc

# A phrase inside a long paragraph is more likely the article talking about it.
_MAX_PHRASE_LINE_WORDS = 40


def _hits(doc: TextDoc, list_name: str, edges_only: bool, labels_only: bool) -> Iterator[int]:
    """Lines equal to a listed line or pattern, or short lines containing a listed phrase."""
    plist = doc.lexicons[list_name]
    edges = doc.edges() if edges_only else None
    for i in doc.alive():
        if edges is not None and not doc.in_edge(i, edges):
            continue
        line, norm = doc.lines[i], doc.normalized[i]
        if plist.matches_line(norm) or plist.matches_pattern(line):
            yield i
        elif (
            doc.label[i] if labels_only else doc.words(i) <= _MAX_PHRASE_LINE_WORDS
        ) and plist.contains_phrase(norm):
            yield i


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
