"""Page furniture recognised by phrase lists: share bars, paywall offers, account menus, widgets.

The phrase lists live in ``rules/generic/*.yaml``. Share and paywall phrases are
furniture wherever they stand; navigation labels and date/weather widgets only at the
top or bottom edge, since inside an article a short line is more likely a subheading.
The other boilerplate lists (cookie, newsletter, related, ...: :class:`ListedLines`) take
any short line they name at the edges, and between the edges only label-like lines and
lines equal to a listed line or pattern: a sentence that mentions a privacy policy inside
an article about one stays.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..textdoc import TextDoc
from .listmatch import list_tests

# A phrase inside a long paragraph is more likely the article talking about it.
_MAX_PHRASE_LINE_WORDS = 40


def _hits(doc: TextDoc, list_name: str, edges_only: bool, labels_only: bool) -> list[int]:
    """Lines equal to a listed line or pattern, or short lines containing a listed phrase."""
    tests = list_tests(doc.lexicons[list_name])
    candidates = edge_lines(doc) if edges_only else doc.alive()
    facts = doc.facts
    if tests.patterns is not None:
        # What the list says about a line depends on its text alone: patterns cost enough
        # for the verdict to be kept with the line's facts, for the same line on other pages.
        key = f"{list_name} labels" if labels_only else list_name
        lines = doc.lines
        hits = []
        for i in candidates:
            fact = facts[i]
            known = fact.by_key
            hit = known.get(key)
            if hit is None:
                short = fact.label if labels_only else fact.words <= _MAX_PHRASE_LINE_WORDS
                hit = known[key] = tests.hit(fact.normalized, lines[i], short)
            if hit:
                hits.append(i)
        return hits
    # Lines and phrases only: tested on all the candidates at once.
    normalized = doc.normalized
    listed = tests.lines
    hits = [i for i in candidates if normalized[i] in listed] if listed else []
    if tests.find_phrase is not None:
        if labels_only:
            label = doc.label
            short = [i for i in candidates if label[i]]
        else:
            short = [i for i in candidates if facts[i].words <= _MAX_PHRASE_LINE_WORDS]
        with_phrase = [short[k] for k in tests.containing_phrase([normalized[i] for i in short])]
        if with_phrase:
            hits = sorted(set(hits).union(with_phrase))
    return hits


def edge_lines(doc: TextDoc, edges: tuple[int, int] | None = None) -> list[int]:
    """Alive lines above the first or below the last prose line (all of them when there is none).

    ``edges`` are ``doc.edges()`` when already at hand.
    """
    alive = doc.alive()
    first, last = doc.edges() if edges is None else edges
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


@dataclass(frozen=True)
class ListedLines:
    """The detector of a boilerplate list (``generic.<list>``).

    At the edges: lines equal to a listed line or pattern, and lines of up to 40 words
    holding a listed phrase. Between the edges (unless ``edges_only``): lines equal to a
    listed line or pattern and label-like lines holding a phrase, but, when the list's
    lines can be ``headings``, not one right before a paragraph of prose, which reads as
    that paragraph's subheading ("Kontakt", "FAQ", "Latest" are listed lines and common
    subheadings too; an ad label or a picture credit never is). (A class, not a closure:
    a Cleaner's detectors are pickled for worker processes.)
    """

    list_name: str
    edges_only: bool = False
    headings: bool = True

    @property
    def description(self) -> str:
        """What it removes, in a line (``cleaner explain``)."""
        if self.edges_only:
            return f"lines the `{self.list_name}` phrase list names, at the top and bottom edge"
        return (f"lines the `{self.list_name}` phrase list names (inside the article: only "
                "labels and whole listed lines" + (", not before a paragraph)" if self.headings else ")"))

    def __call__(self, doc: TextDoc) -> list[int]:
        at_edges = _hits(doc, self.list_name, edges_only=True, labels_only=False)
        if self.edges_only:
            return at_edges
        first, last = doc.edges()
        inside = [i for i in _hits(doc, self.list_name, edges_only=False, labels_only=True)
                  if first <= i <= last]
        if inside and self.headings:
            alive, prose = doc.alive(), doc.prose
            last = len(alive) - 1  # (a hit is alive: bisect finds it; the last one has no next line)
            inside = [i for i in inside if (k := bisect_left(alive, i)) == last or not prose[alive[k + 1]]]
        return sorted(at_edges + inside)
