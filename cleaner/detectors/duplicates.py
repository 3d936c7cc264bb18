"""Repeated text: the headline over and over, and paragraphs or blurbs printed twice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lexicon import normalize
from ..textdoc import TextDoc, word_count


def headline_key(line: str, badges: re.Pattern | None, normalized: str | None = None) -> str:
    """The line normalised with badge words (PREMIUM, LIVE, ...) at either end removed."""
    key = normalize(line) if normalized is None else normalized
    if badges is not None:
        stripped = badges.sub("", key)
        while stripped != key:
            key = normalize(stripped)
            stripped = badges.sub("", key)
    return key


def badge_pattern(doc: TextDoc) -> re.Pattern | None:
    badges = sorted(doc.lexicons["headline-badges"].lines, key=len, reverse=True)
    if not badges:
        return None
    alternation = "|".join(re.escape(b) for b in badges)
    return re.compile(rf"^(?:{alternation})\b|\b(?:{alternation})$")


def duplicate_headline(doc: TextDoc) -> Iterator[int]:
    """Lines that repeat the title (badge words ignored). The title itself is kept apart."""
    if not doc.title:
        return
    badges = badge_pattern(doc)
    title_key = headline_key(doc.title, badges)
    if not title_key:
        return
    # A copy with badges is at most a few words longer than the title.
    max_words = word_count(title_key) + 6
    for i in doc.alive():
        if doc.words(i) <= max_words and headline_key(doc.lines[i], badges, doc.normalized[i]) == title_key:
            yield i


def duplicate_paragraphs(doc: TextDoc, min_words: int = 4) -> Iterator[int]:
    """Second and later copies of a line of ``min_words``+ words (repeated blurbs, pull quotes)."""
    seen: set[str] = set()
    for i in doc.alive():
        key = doc.normalized[i]
        if word_count(key) < min_words:
            continue
        if key in seen:
            yield i
        seen.add(key)
