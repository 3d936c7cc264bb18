"""Repeated text: the headline over and over, and paragraphs or blurbs printed twice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lexicon import normalize
from ..textdoc import TextDoc, word_count


def headline_key(line: str, badges: BadgePattern | None, normalized: str | None = None) -> str:
    """The line normalised with badge words (PREMIUM, LIVE, ...) at either end removed."""
    key = normalize(line) if normalized is None else normalized
    # Badges are literal words, so a key that neither starts nor ends with one has none
    # (much cheaper than running the pattern on every line).
    if badges is not None and (key.startswith(badges.words) or key.endswith(badges.words)):
        stripped = badges.sub("", key)
        while stripped != key:
            key = normalize(stripped)
            stripped = badges.sub("", key)
    return key


class BadgePattern:
    """Badge words at the start or end of a normalised line, and the words themselves."""

    def __init__(self, badges: list[str]):
        self.words = tuple(badges)
        alternation = "|".join(re.escape(b) for b in badges)
        self._re = re.compile(rf"^(?:{alternation})\b|\b(?:{alternation})$")

    def sub(self, repl: str, text: str) -> str:
        return self._re.sub(repl, text)

    def fullmatch(self, text: str) -> re.Match | None:
        return self._re.fullmatch(text)


def badge_pattern(doc: TextDoc) -> BadgePattern | None:
    """Badge words at the start or end of a normalised line; compiled once per phrase list."""
    plist = doc.lexicons["headline-badges"]
    if not hasattr(plist, "badge_re"):
        badges = sorted(plist.lines, key=len, reverse=True)
        plist.badge_re = BadgePattern(badges) if badges else None
    return plist.badge_re


def headline_keys(doc: TextDoc) -> list[str]:
    """:func:`headline_key` of every line, computed once per document."""
    keys = doc.cache.get("headline_keys")
    if keys is None:
        badges = badge_pattern(doc)
        keys = doc.cache["headline_keys"] = [
            headline_key(line, badges, norm) if 3 <= doc.words(i) <= 40 else norm
            for i, (line, norm) in enumerate(zip(doc.lines, doc.normalized, strict=True))
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
    # Key word counts are kept for the document: the detectors run in rounds.
    counts = doc.cache.setdefault("headline key words", {})
    for i in doc.alive():
        key = keys[i]
        words = counts.get(i)
        if words is None:
            words = counts[i] = word_count(key)
        if words < min_words:
            continue
        if key in seen:
            yield i
        seen.add(key)
