"""A phrase list's tests, as the furniture detectors run them on lines they see for the first time.

The detectors ask each list about every alive line once (the verdict is then kept with the
line's facts, see :class:`~cleaner.textdoc.LineFacts`), so nearly all the cost is in lines
never seen before, where :class:`~cleaner.lexicon.PhraseList`'s own memos only add a miss
and an insert. The same answers, cheaper:

* a phrase: one regex, the list's phrases as a trie anchored at a word start, searched in
  C instead of :func:`~cleaner.lexicon.find_phrase`'s word-by-word walk in Python;
* the patterns: a line without what every pattern of the list needs (a digit, a weekday
  name, see :func:`~cleaner.regexfilter.required`) skips all of them at once.

Both are built from the list's phrases and patterns, so they follow any change to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..lexicon import _KEY as _INDEX_KEY_LENGTH
from ..lexicon import PhraseList
from ..regexfilter import Requirement, required


class ListTests:
    """A phrase list's tests on one line, with the answers of :meth:`PhraseList.hit`
    (for a compiled list, as :class:`~cleaner.lexicon.Lexicons` loads them)."""

    __slots__ = ("lines", "find_phrase", "patterns", "pattern_need")

    def __init__(self, plist: PhraseList):
        self.lines = plist.lines
        self.find_phrase = phrase_search(tuple(plist.phrases))
        self.patterns = plist if plist.patterns else None
        self.pattern_need = patterns_requirement(tuple(plist.patterns))

    def hit(self, normalized: str, line: str, short: bool = True) -> bool:
        """``plist.hit(line, normalized)``, with the phrase test only when ``short``."""
        if normalized in self.lines:
            return True
        # The phrase test before the patterns: it is the cheaper one, and either one makes a hit.
        if short and self.find_phrase is not None and self.find_phrase(" " + normalized) is not None:
            return True
        if self.patterns is None:
            return False
        line = line.strip()
        if self.pattern_need is not None and self.pattern_need.rules_out(line):
            return False
        return self.patterns.fullmatch_pattern(line)


_END = ""  # trie marker: a phrase ends here
_LINE_END = "\0end"  # trie marker: a short phrase ends here, and must end the line


@lru_cache(maxsize=64)
def phrase_search(phrases: tuple[str, ...]) -> Callable[[str], re.Match | None] | None:
    """``search(" " + normalized)`` finding a phrase where :func:`~cleaner.lexicon.find_phrase` does.

    That is at the start of the line or right after a space: the space put in front lets
    every such place begin with one, which the regex engine looks for fast. ``find_phrase``
    looks phrases up by their first three characters, so one shorter than that is found
    only where it is all the rest of the line (``\\Z``). None when there are no phrases.
    """
    ends = {phrase: _LINE_END if len(phrase) < _INDEX_KEY_LENGTH else _END
            for phrase in phrases if phrase}  # (an empty phrase is not indexed either)
    if not ends:
        return None
    trie: dict = {}
    for phrase, end in ends.items():
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[end] = {}
    try:
        return re.compile(" " + _trie_regex(trie)).search
    except RecursionError:  # branching hundreds of characters deep: one alternative each
        return re.compile(" (?:" + "|".join(re.escape(phrase) + (r"\Z" if end == _LINE_END else "")
                                            for phrase, end in ends.items()) + ")").search


def _trie_regex(node: dict) -> str:
    """The phrases below ``node``, sharing their prefixes (faster than one alternative each)."""
    out = []
    while _END not in node:  # (a phrase ending here is found whatever follows)
        if len(node) > 1:
            out.append("(?:" + "|".join(_branch(key, child) for key, child in sorted(node.items())) + ")")
            break
        [(key, node)] = node.items()
        if key == _LINE_END:
            out.append(r"\Z")
            break
        out.append(re.escape(key))
    return "".join(out)


def _branch(key: str, child: dict) -> str:
    return r"\Z" if key == _LINE_END else re.escape(key) + _trie_regex(child)


@lru_cache(maxsize=64)
def patterns_requirement(patterns: tuple[str, ...]) -> Requirement | None:
    """What every match of any of ``patterns`` contains, or None when that is unknown."""
    if not patterns:
        return None
    return required("|".join(f"(?:{p})" for p in patterns))
