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
    """Badge words at the start or end of a normalised line; compiled once per phrase list."""
    plist = doc.lexicons["headline-badges"]
    if not hasattr(plist, "badge_re"):
        badges = sorted(plist.lines, key=len, reverse=True)
        alternation = "|".join(re.escape(b) for b in badges)
        plist.badge_re = re.compile(rf"^(?:{alternation})\b|\b(?:{alternation})$") if badges else None
    return plist.badge_re


def headline_keys(doc: TextDoc) -> list[str]:
    """:func:`headline_key` of every line, computed once per document."""
    keys = doc.cache.get("headline_keys")
    if keys is None:
        badges = badge_pattern(doc)
        keys = doc.cache["headline_keys"] = [
            headline_key(line, badges) if 3 <= word_count(line) <= 40 else norm
            for line, norm in zip(doc.lines, doc.normalized, strict=True)
        ]
    return keys


def duplicate_headline(doc: TextDoc) -> Iterator[int]:
    """Lines that repeat the title (badge words ignored). The title itself is kept apart."""
    if not doc.title:
        return
    title_key = headline_key(doc.title, badge_pattern(doc))
    if not title_key:
        return
    keys = headline_keys(doc)
    for i in doc.alive():
        if keys[i] == title_key:
            yield i


def duplicate_paragraphs(doc: TextDoc, min_words: int = 3) -> Iterator[int]:
    """Second and later copies of a line of ``min_words``+ words (repeated blurbs, pull quotes).

    Three words and badge words ignored, as for a headline: a repeated headline-shaped
    line never survives twice (so a second cleaning finds no headline to take).
    """
    seen: set[str] = set()
    keys = headline_keys(doc)
    for i in doc.alive():
        key = keys[i]
        if word_count(key) < min_words:
            continue
        if key in seen:
            yield i
        seen.add(key)
