"""A phrase list's tests as the detectors run them: the answers of ``PhraseList.hit``, for less.

Most lines a detector sees are new to it (on the dev-set dumps four alive lines in five
were in no earlier page), so what counts is the cost on a line seen for the first time:

* the phrases: one regex, the list's phrases as a trie, each after a space (the line is
  searched with one put in front), run in C instead of
  :func:`~cleaner.lexicon.find_phrase`'s word-by-word walk in Python; and one search
  over all the lines a detector asks about, joined (:meth:`ListTests.containing_phrase`);
* the patterns: a line without what any pattern of the list needs (a digit, a weekday
  name: :func:`~cleaner.regexfilter.required`) skips all of them at once.

Both are built from the list's phrases and patterns, so they follow any change to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..lexicon import INDEX_KEY_LENGTH as _INDEX_KEY_LENGTH  # find_phrase looks phrases up by these
from ..lexicon import PhraseList
from ..regexfilter import Requirement, required


class ListTests:
    """A phrase list's tests on one line, with the answers of :meth:`PhraseList.hit`
    (for a compiled list, as :class:`~cleaner.lexicon.Lexicons` loads them)."""

    __slots__ = ("lines", "find_phrase", "find_phrase_in_text", "patterns", "pattern_need")

    def __init__(self, plist: PhraseList):
        self.lines = plist.lines
        phrases = tuple(plist.phrases)
        self.find_phrase = phrase_search(phrases)
        self.find_phrase_in_text = phrase_search(phrases, lines=True)
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

    def containing_phrase(self, normalized: list[str]) -> list[int]:
        """Positions in ``normalized`` of the lines that contain a phrase: one search
        over all of them, joined, instead of one per line."""
        search = self.find_phrase_in_text
        if search is None or not normalized:
            return []
        text = " " + "\n ".join(normalized)  # (a normalised line holds no line break)
        found = []
        line = counted_to = 0
        match = search(text)
        while match is not None:
            start = match.start()
            line += text.count("\n", counted_to, start)
            counted_to = start
            found.append(line)
            next_line = text.find("\n", start)  # (one hit is enough for a line)
            if next_line < 0:
                break
            match = search(text, next_line)
        return found


def list_tests(plist: PhraseList) -> ListTests:
    """The :class:`ListTests` of ``plist``, built once per list and kept on it (the
    detectors ask for them on every page; a list is not changed once loaded)."""
    tests = plist.list_tests
    if not isinstance(tests, ListTests):
        tests = plist.list_tests = ListTests(plist)
    return tests


_END = ""  # trie marker: a phrase ends here
_LINE_END = "\0end"  # trie marker: a short phrase ends here, and must end the line


@lru_cache(maxsize=64)
def phrase_search(phrases: tuple[str, ...], lines: bool = False) -> Callable[..., re.Match | None] | None:
    """``search(" " + normalized)`` finding a phrase where :func:`~cleaner.lexicon.find_phrase` does.

    That is at the start of the line or right after a space: the space put in front lets
    every such place begin with one, which the regex engine looks for fast. ``find_phrase``
    looks phrases up by their first three characters, so one shorter than that is found
    only where it is all the rest of the line. With ``lines``, the search is for a text of
    such lines, each after a line break: a line's end is then also where one is.
    None when there are no phrases.
    """
    ends = {phrase: _LINE_END if len(phrase) < _INDEX_KEY_LENGTH else _END
            for phrase in phrases if phrase}  # (an empty phrase is not indexed either)
    if not ends:
        return None
    line_end = r"(?=\n|\Z)" if lines else r"\Z"
    trie: dict = {}
    for phrase, end in ends.items():
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[end] = {}
    try:
        return re.compile(" " + _trie_regex(trie, line_end)).search
    except RecursionError:  # branching hundreds of characters deep: one alternative each
        return re.compile(" (?:" + "|".join(re.escape(phrase) + (line_end if end == _LINE_END else "")
                                            for phrase, end in ends.items()) + ")").search


def _trie_regex(node: dict, line_end: str) -> str:
    """The phrases below ``node``, sharing their prefixes (faster than one alternative each)."""
    out = []
    while _END not in node:  # (a phrase ending here is found whatever follows)
        if len(node) > 1:
            branches = (line_end if key == _LINE_END else re.escape(key) + _trie_regex(child, line_end)
                        for key, child in sorted(node.items()))
            out.append("(?:" + "|".join(branches) + ")")
            break
        [(key, node)] = node.items()
        if key == _LINE_END:
            out.append(line_end)
            break
        out.append(re.escape(key))
    return "".join(out)


@lru_cache(maxsize=64)
def patterns_requirement(patterns: tuple[str, ...]) -> Requirement | None:
    """What every match of any of ``patterns`` contains, or None when that is unknown."""
    if not patterns:
        return None
    return required("|".join(f"(?:{p})" for p in patterns))
