"""Repeated text: the headline over and over, and paragraphs or blurbs printed twice."""

from __future__ import annotations

import re

from ..lexicon import normalize
from ..textdoc import TextDoc, word_count


def headline_key(line: str, badges: BadgePattern | None, normalized: str | None = None) -> str:
    """The line normalised with badge words (PREMIUM, LIVE, ...) at either end removed."""
    key = normalize(line) if normalized is None else normalized
    # Badges are literal words, so a key that neither starts nor ends with one has none
    # (much cheaper than running the pattern on every line).
    if badges is not None and badges.at_either_end(key):
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
        # startswith(words) would try each of dozens of badges on every line: they are
        # grouped by their first (last) few characters, which a line's own pick out.
        self.size = size = min(map(len, badges), default=0)
        self.by_head: dict[str, tuple[str, ...]] = {}
        self.by_tail: dict[str, tuple[str, ...]] = {}
        for b in badges:
            self.by_head[b[:size]] = self.by_head.get(b[:size], ()) + (b,)
            self.by_tail[b[len(b) - size:]] = self.by_tail.get(b[len(b) - size:], ()) + (b,)

    def at_either_end(self, key: str) -> bool:
        """``key.startswith(words) or key.endswith(words)``: a badge's text at either end
        (a cheap first test: "pro" is also at the start of "progress")."""
        size = self.size
        heads = self.by_head.get(key[:size])
        if heads is not None and key.startswith(heads):
            return True
        # (A key shorter than every badge ends in a slice shorter than any group's name.)
        tails = self.by_tail.get(key[len(key) - size:])
        return tails is not None and key.endswith(tails)

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


# LineFacts.by_key entry: a line's headline key depends on its text alone (and on the
# lexicons' badge words, which own the facts memo), so it is kept for every page it is on.
_KEY = "headline key"
_KEY_WORDS = "headline key words"


def headline_keys(doc: TextDoc) -> list[str]:
    """:func:`headline_key` of every line (its normalised form when under 3 or over 40 words)."""
    keys = doc.cache.get("headline_keys")
    if keys is None:
        badges = badge_pattern(doc)
        keys = doc.cache["headline_keys"] = []
        add = keys.append
        for facts in doc.facts:
            key = facts.by_key.get(_KEY)
            if key is None:
                key = norm = facts.normalized
                # (BadgePattern.at_either_end's first test, spared a call on most lines)
                if (badges is not None and 3 <= facts.words <= 40
                        and (norm[:badges.size] in badges.by_head
                             or norm[len(norm) - badges.size:] in badges.by_tail)):
                    key = headline_key(norm, badges, norm)
                facts.by_key[_KEY] = key
            add(key)
    return keys


def duplicate_headline(doc: TextDoc) -> list[int]:
    """Lines that repeat the title (badge words ignored). The title itself is kept apart."""
    if not doc.title:
        return []
    title_key = headline_key(doc.title, badge_pattern(doc))
    if not title_key:
        return []
    keys = headline_keys(doc)
    return [i for i in doc.alive() if keys[i] == title_key]


def duplicate_paragraphs(doc: TextDoc, min_words: int = 3) -> list[int]:
    """Second and later copies of a line of ``min_words``+ words (repeated blurbs, pull quotes).

    Three words and badge words ignored, as for a headline: a repeated headline-shaped
    line never survives twice (so a second cleaning finds no headline to take).
    """
    # key -> None when seen once, then whether it has min_words: a copy has the words of the
    # first, so only repeated keys are counted, each once.
    seen: dict[str, bool | None] = {}
    copies = []
    keys = headline_keys(doc)
    facts = doc.facts
    for i in doc.alive():
        key = keys[i]
        if key not in seen:
            seen[key] = None
            continue
        long_enough = seen[key]
        if long_enough is None:
            # (the key's word count depends on the line's text alone: kept with its facts)
            known = facts[i].by_key
            words = known.get(_KEY_WORDS)
            if words is None:
                words = known[_KEY_WORDS] = word_count(key)
            long_enough = seen[key] = words >= min_words
        if long_enough:
            copies.append(i)
    return copies
