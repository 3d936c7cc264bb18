"""Text stage: site text rules first, then the generic detectors.

Works on lines. Every removal is recorded on the :class:`~cleaner.textdoc.TextDoc`.
"""

from __future__ import annotations

from .detectors import DETECTORS, Detector
from .detectors.duplicates import badge_pattern, headline_key
from .lexicon import Lexicons
from .rules import SiteRule
from .textdoc import TextDoc, is_label, is_sentence, word_count


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
                doc.remove(i, f"{tag}.drop_patterns", pattern.pattern[3:-3])
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
    """The headline of a text dump: the first headline-shaped line that recurs.

    Scrapers save the headline several times (page title, h1, share text, teaser). A
    line of 3 to 30 words that is not a sentence and appears again (badge words aside)
    is taken as the title.
    """
    badges = badge_pattern(doc)
    alive = doc.alive()
    keys = {i: headline_key(doc.lines[i], badges) for i in alive}
    counts: dict[str, int] = {}
    for key in keys.values():
        counts[key] = counts.get(key, 0) + 1
    for i in alive[: max(40, len(alive) // 3)]:
        line = doc.lines[i].strip()
        if counts.get(keys[i], 0) >= 2 and 3 <= word_count(line) <= 30 and not is_sentence(line):
            return i
    return None


def run_detectors(doc: TextDoc, detectors: list[Detector] = DETECTORS) -> None:
    for detector in detectors:
        for i in list(detector.detect(doc)):
            doc.remove(i, detector.rule)
    _expand_boxes(doc, [d.rule for d in detectors if d.expands])


def _expand_boxes(doc: TextDoc, rules: list[str]) -> None:
    """Grow each furniture hit in an edge zone over the neighbouring label-like lines."""
    if not rules:
        return
    edges = doc.edges()
    body = doc.alive()
    alive = set(body)
    for i, rule in enumerate(list(doc.removed_by)):
        if rule not in rules or not doc.in_edge(i, edges):
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(doc.lines) and doc.in_edge(j, edges):
                if j in alive and is_label(doc.lines[j]):
                    doc.remove(j, rule, "next to a hit")
                    alive.discard(j)
                elif doc.removed_by[j] is None and j != doc.title_line:
                    break  # a kept line that is not a label ends the box
                j += step


def clean_lines(
    lines: list[str],
    lexicons: Lexicons,
    site_rule: SiteRule | None = None,
    title: str | None = None,
    generic: bool = True,
    detectors: list[Detector] | None = None,
) -> TextDoc:
    """Run the whole text stage over ``lines`` and return the document with its records."""
    doc = TextDoc(lines=list(lines), lexicons=lexicons, title=title)
    for i, line in enumerate(doc.lines):
        if not line.strip():
            doc.removed_by[i] = ""  # blank lines are layout, not content: no record
    if site_rule is not None:
        apply_site_rule(doc, site_rule)
    if doc.title is None:
        doc.title_line = find_text_title(doc)
        if doc.title_line is not None:
            doc.title = doc.lines[doc.title_line].strip()
    if generic:
        run_detectors(doc, DETECTORS if detectors is None else detectors)
    return doc
