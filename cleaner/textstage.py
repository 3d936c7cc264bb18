"""Text stage: site text rules first, then the generic detectors.

Works on lines. Every removal is recorded on the :class:`~cleaner.textdoc.TextDoc`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from operator import attrgetter

from . import textmode
from .detectors import DETECTORS, Detector, for_dumps
from .detectors.duplicates import badge_pattern, headline_key, headline_keys
from .detectors.furniture import edge_lines
from .detectors.listmatch import list_tests
from .lexicon import Lexicons, normalize
from .rules import SiteRule
from .textdoc import TextDoc, is_sentence, word_count

_LINE = attrgetter("line")


def apply_site_rule(doc: TextDoc, rule: SiteRule) -> None:
    """``cut_before``/``cut_after`` markers, then ``strip``, ``drop_lines``, ``drop_patterns``."""
    tag = f"site:{rule.id}"
    _apply_cuts(doc, rule, tag)
    for i in doc.alive():
        for pattern in rule.strip:
            # Later matches first, so earlier offsets stay valid.
            for m in reversed(list(pattern.finditer(doc.lines[i]))):
                if m.end() > m.start():
                    doc.strip(i, m.start(), m.end(), f"{tag}.strip", pattern.pattern)
    drop_lines = {line.casefold() for line in rule.drop_lines}
    for i in doc.alive():
        line = doc.lines[i].strip()
        if line.casefold() in drop_lines:
            doc.remove(i, f"{tag}.drop_lines", line)
            continue
        for pattern in rule.drop_patterns:
            if pattern.match(line):
                doc.remove(i, f"{tag}.drop_patterns", pattern.pattern)
                break


def _apply_cuts(doc: TextDoc, rule: SiteRule, tag: str) -> None:
    alive = doc.alive()
    start = 0
    for pattern in rule.cut_before:
        hit = next((i for i in alive if pattern.search(doc.lines[i])), None)
        if hit is not None:
            for i in alive:
                if i < hit:
                    doc.remove(i, f"{tag}.cut_before", pattern.pattern)
            start = hit
            break
    for pattern in rule.cut_after:
        hit = next((i for i in alive if i >= start and pattern.search(doc.lines[i])), None)
        if hit is not None:
            for i in alive:
                if i > hit:
                    doc.remove(i, f"{tag}.cut_after", pattern.pattern)
            break


def find_text_title(doc: TextDoc) -> int | None:
    """The headline of a text dump: the first headline-shaped line that recurs, or None.

    Scrapers save the headline several times (page title, h1, share text, teaser); a
    line seen once is not taken, so that cleaning a clean text again changes nothing.
    """
    alive = doc.alive()
    keys = headline_keys(doc)
    counts = Counter(map(keys.__getitem__, alive))
    first_prose = doc.edges()[0]
    for i in alive:
        if i > first_prose:  # a headline comes before the article, not after it
            break
        if counts[keys[i]] >= 2 and _headline_shaped(doc.lines[i]) and not _furniture(doc, i):
            return i
    return None


# (a picture credit under the lead image recurs like a headline too)
_NOT_HEADLINES = ("share", "paywall", "navigation", "widgets", "credits")
_NOT_HEADLINE_KEY = "not a headline"  # LineFacts.by_key entry: _furniture's answer


def _furniture(doc: TextDoc, index: int) -> bool:
    """A line a phrase list recognises (a repeated "New Delhi 0C" is no headline).

    The answer depends on the line's text alone, and the lines asked about recur from
    page to page (a site's menus): it is kept with the line's facts.
    """
    known = doc.facts[index].by_key
    furniture = known.get(_NOT_HEADLINE_KEY)
    if furniture is None:
        line, norm = doc.lines[index], doc.normalized[index]
        furniture = known[_NOT_HEADLINE_KEY] = any(
            list_tests(doc.lexicons[name]).hit(norm, line) for name in _NOT_HEADLINES)
    return furniture


def _title_in_body(doc: TextDoc) -> int | None:
    """The first line that repeats a known title (HTML metadata): it is the title, not a removal."""
    key = headline_key(doc.title or "", badge_pattern(doc))
    if not key:
        return None
    keys = headline_keys(doc)
    return next((i for i in doc.alive() if keys[i] == key), None)


def _headline_shaped(line: str) -> bool:
    line = line.strip()
    return 3 <= word_count(line) <= 30 and not is_sentence(line) and line[:1].isupper()


def title_text(doc: TextDoc, index: int) -> str:
    """The line at ``index`` without badge words glued to either end ("LIVE", "PREMIUM")."""
    line = doc.lines[index].strip()
    badges = badge_pattern(doc)
    if badges is None:
        return line
    words = line.split()
    while len(words) > 1 and badges.fullmatch(normalize(words[0])):
        words.pop(0)
    while len(words) > 1 and badges.fullmatch(normalize(words[-1])):
        words.pop()
    return " ".join(words)


def run_detectors(doc: TextDoc, detectors: list[Detector] = DETECTORS, max_rounds: int = 4,
                  again: bool = False) -> None:
    """Run every detector until none finds anything new.

    Removing a line can move the article's edges (when a prose-like line was furniture),
    which lets edge-only detectors see more. Repeating to a fixed point makes cleaning
    idempotent: cleaning the output again removes nothing.
    ``again``: the detectors ran on ``doc`` before and lines were only removed since (no
    strip, same title): those that do not repeat would find nothing new (see
    Detector.repeats), so only the others run.
    """
    expanding = {d.rule for d in detectors if d.expands}
    repeating = [d for d in detectors if d.repeats]
    running = repeating if again else detectors
    for _ in range(max_rounds):
        edges = doc.edges()
        for detector in running:
            for i in list(detector.detect(doc)):
                doc.remove(i, detector.rule)
        # Detectors see only alive lines and the edges: with the same edges, another
        # round would find nothing new.
        if _expand_boxes(doc, expanding) == edges:
            break
        # The others found in this round all they ever will (see Detector.repeats).
        running = repeating


def _expand_boxes(doc: TextDoc, rules: set[str]) -> tuple[int, int]:
    """Grow each furniture hit in an edge zone over the neighbouring label-like lines.

    One sweep in each direction: a box's rule is carried from a hit over removed and
    blank lines and over label-like lines (which it takes), and dropped at the first
    kept line that is not a label, or where the edge zone ends. Returns the edges, which
    it does not move: the lines of the edge zones are not prose.
    """
    edges = doc.edges()
    if not rules:
        return edges
    first, last = edges
    n = len(doc.lines)
    # The sweeps visit the edge zones only: lines between the edges carry nothing.
    zones = [range(n)] if first > last else [range(first), range(last + 1, n)]
    edge_alive = edge_lines(doc, edges)
    label = doc.label
    takeable = {i for i in edge_alive if label[i]}
    # The headline-shaped line right above the article is its headline, not a menu entry.
    above = bisect_left(edge_alive, first)
    if above:
        line = doc.lines[edge_alive[above - 1]]
        if _headline_shaped(line) and word_count(line) >= 4:
            takeable.discard(edge_alive[above - 1])
    removed_by, title_line = doc.removed_by, doc.title_line
    for sweep in (zones, [reversed(zone) for zone in reversed(zones)]):
        for zone in sweep:
            carried: str | None = None  # a box does not reach across the article
            for j in zone:
                rule = removed_by[j]
                if rule in rules:
                    carried = rule
                elif j in takeable:
                    if carried is not None:
                        doc.remove(j, carried, "next to a hit")
                        takeable.discard(j)
                elif rule is None and j != title_line:
                    carried = None  # a kept line that is not a label (or the headline) ends the box
    return edges


def clean_lines(
    lines: list[str],
    lexicons: Lexicons,
    site_rule: SiteRule | None = None,
    title: str | None = None,
    generic: bool = True,
    find_article: bool = False,
    detectors: list[Detector] | None = None,
    record_lines: Sequence[int] | None = None,
) -> TextDoc:
    """Run the whole text stage over ``lines`` and return the document with its records.

    ``find_article`` (text mode) runs the article finder after the detectors: every line
    still alive that it judges boilerplate goes as ``generic.boilerplate``.
    ``record_lines``: the line number the records of each line name (see :class:`TextDoc`),
    in increasing order; None: the line's own index.
    """
    doc = TextDoc(lines=list(lines), lexicons=lexicons, title=title, record_lines=record_lines)
    for i, line in enumerate(doc.lines):
        if not line.strip():
            # Blank lines are layout, not content: no record. (Set before any alive() call,
            # which only notices changes that add a record.)
            doc.removed_by[i] = ""
    if site_rule is not None:
        apply_site_rule(doc, site_rule)
    if doc.title is not None:
        doc.title_line = _title_in_body(doc)
    else:
        doc.title_line = find_text_title(doc)
        if doc.title_line is not None:
            doc.title = title_text(doc, doc.title_line)
    if generic:
        if detectors is None:
            # (as a Cleaner's: in text mode, the detectors that do not leave their lines to
            # the article finder, see Detector.dumps)
            detectors = for_dumps(DETECTORS) if find_article else DETECTORS
        run_detectors(doc, detectors)
        if find_article:
            removed = len(doc.removals)
            textmode.find_article(doc)
            if len(doc.removals) > removed:
                # The article finder moves the edges (a teaser above a menu label goes):
                # the detectors see what cleaning the output again would show them.
                run_detectors(doc, detectors, again=True)
    # (every record of a TextDoc names a line: sorted by it without a Python call per record)
    doc.removals.sort(key=_LINE)
    return doc
