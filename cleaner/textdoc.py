"""The document as the text stage sees it: lines, who removed which, and line shapes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import is_

from .lexicon import Lexicons, normalize
from .records import Removal

_WORD = re.compile(r"\w+")
# Words as bytes.split() finds them (much cheaper than the regex: LineFacts counts every new
# line's words, text mode's classify finds them again in the case-folded line). In ASCII, \w
# is [A-Za-z0-9_]: every other ASCII byte becomes a space. Characters beyond ASCII that are
# no word characters (punctuation, spaces, symbols) are made spaces first; the UTF-8 bytes
# of the others are all >= 0x80 and stay, so each \w+ run is one run of non-space bytes.
_WORD_BYTES = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + bytes(range(128, 256))
# The same, with ASCII capitals made small: for ASCII text that is what casefold() does.
_FOLDED_WORD_BYTES = _WORD_BYTES.translate(bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                                           b"abcdefghijklmnopqrstuvwxyz"))
# word_bytes's bytes with every byte of a word a "w": words start at a "w" after a space
_WORD_MARKS = bytes(32 if b == 32 else 119 for b in _WORD_BYTES)
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]")
_blank_non_ascii_non_words = _NON_ASCII_NON_WORD.sub
_TERMINAL = ("." , "!", "?", "…", '"', "”", "»", "’", "'", "。", "！", "？")


def word_count(line: str) -> int:
    return len(_WORD.findall(line))


def word_bytes(text: str) -> bytes:
    """``text`` in UTF-8 with every character that is no word character a space: its
    ``split()`` is ``[w.encode() for w in re.findall(r"\\w+", text)]``."""
    if not text.isascii():
        # (a lone surrogate is no word character: the text encodes)
        text = _blank_non_ascii_non_words(" ", text)
    return text.encode().translate(_WORD_BYTES)


def folded_words(text: str) -> list[bytes]:
    """The words of ``text.casefold()`` (``re.findall(r"\\w+", ...)``), each in UTF-8."""
    if text.isascii():
        return text.encode().translate(_FOLDED_WORD_BYTES).split()
    return word_bytes(text.casefold()).split()


def ends_like_sentence(line: str) -> bool:
    return line.rstrip().endswith(_TERMINAL)


def is_sentence(line: str) -> bool:
    """A line that reads as a sentence: capital (or digit/quote) start, terminal end, 3+ words."""
    s = line.strip()
    return bool(s) and word_count(s) >= 3 and ends_like_sentence(s) and not s[0].islower()


def is_prose(line: str) -> bool:
    """A line that is clearly article text (used to find where the article starts and ends)."""
    words = word_count(line)
    return words >= 20 or (words >= 8 and ends_like_sentence(line))


def is_label(line: str, words: int | None = None) -> bool:
    """A short, menu- or button-like line: few words and not a sentence.

    ``words`` is the line's word count when already known (counting is the costly part).
    """
    s = line.strip()
    if len(s) > 60:
        return False
    if words is None:
        words = word_count(s)
    # is_sentence(s), with the word count at hand
    sentence = bool(s) and words >= 3 and ends_like_sentence(s) and not s[0].islower()
    return words <= 7 and not sentence


class LineFacts:
    """What a line's text alone says about it, worked out once per distinct line.

    Several stages ask about every line (word count, prose or label shape, which phrase
    list names it, its class in text mode), and pages of one site repeat their menus,
    footers and bylines line for line: on the dev-set dumps 44% of the lines occur again
    in another page. The facts are kept in the lexicons' :class:`~cleaner.lexicon.LineMemo`
    (they depend on the phrase lists), so a batch works each distinct line out once.
    ``by_key`` holds what later stages derive from the text alone (a phrase list's
    verdict, a line's class for a stoplist), filled as they ask.
    """

    __slots__ = ("normalized", "words", "prose", "label", "by_key", "line_class")

    def __init__(self, line: str):
        self.normalized = normalize(line)
        # len(word_bytes(line).split()), inlined
        if line.isascii():
            words = len(line.encode().translate(_WORD_BYTES).split())
        else:
            # (long lines, mostly: counting where a word starts beats making every word a bytes)
            marks = _blank_non_ascii_non_words(" ", line).encode().translate(_WORD_MARKS)
            words = marks.count(b" w") + marks.startswith(b"w")
        self.words = words
        # is_prose(line) and is_label(line, words), inlined: a line of 8+ words is no label,
        # one of 7 or fewer no prose; the two share the sentence-end test.
        if words >= 8:
            self.prose = words >= 20 or line.rstrip().endswith(_TERMINAL)
            self.label = False
        else:
            self.prose = False
            s = line.strip()
            # (3+ words: s is not empty)
            self.label = len(s) <= 60 and (words < 3 or not s.endswith(_TERMINAL) or s[0].islower())
        self.by_key: dict = {}
        # text mode's line shape and class, with what they were worked out for
        # (see textmode.classify.LineClassMemo)
        self.line_class: tuple = ()


def line_facts(lexicons: Lexicons, line: str) -> LineFacts:
    """The :class:`LineFacts` of ``line``, from the lexicons' memo when seen before."""
    memo = lexicons.line_facts
    facts = memo.get(line)
    if facts is None:
        facts = memo.put(line, LineFacts(line))
    return facts


@dataclass
class TextDoc:
    """Lines under cleaning. Removing a line records it; a line is removed at most once."""

    lines: list[str]
    lexicons: Lexicons
    title: str | None = None
    title_line: int | None = None
    removals: list[Removal] = field(default_factory=list)
    removed_by: list[str | None] = field(default_factory=list)
    #: the line number the removal record of each line names; None: the line's own index.
    #: (Text mode works on rejoined lines, and its records name source lines: a rejoined
    #: line by the first line it was made from. Records are made with it rather than
    #: moved afterwards: most lines of a dump are removed.)
    record_lines: Sequence[int] | None = None

    def __post_init__(self) -> None:
        lines = self.lines
        n = len(lines)
        self.removed_by = [None] * n
        if self.record_lines is None:
            self.record_lines = range(n)
        # Line shapes are asked for many times per document; lines only change by strip().
        # (line_facts for each line: the remembered ones in one pass, then the new ones)
        memo = self.lexicons.line_facts
        self.facts = facts = list(map(memo.get, lines))
        if None in facts:
            get, put = memo.get, memo.put
            for i in compress(range(n), map(is_, facts, repeat(None))):
                line = lines[i]
                fact = get(line)
                facts[i] = put(line, LineFacts(line)) if fact is None else fact
        # The per-line lists, attribute by attribute (comprehensions: cheaper than map with an
        # attrgetter; and no row tuple kept per line: every object a LineFacts keeps adds to the
        # cyclic garbage collector's passes over the memo)
        self.normalized: list[str] = [fact.normalized for fact in facts]
        self._words: list[int | None] = [fact.words for fact in facts]
        self.prose: list[bool] = [fact.prose for fact in facts]
        self.label: list[bool] = [fact.label for fact in facts]
        self._alive: list[int] = []
        self._alive_count = -1  # len(removals) when _alive was built
        self._alive_title: int | None = None  # title_line then
        self._edges_alive: list[int] | None = None  # the alive() list _edges were found in
        self._edges = (0, -1)
        self.cache: dict = {}  # per-document values detectors compute once (e.g. headline keys)

    def words(self, index: int) -> int:
        """Word count of line ``index`` (cached: detectors ask for it again and again)."""
        count = self._words[index]
        if count is None:
            count = self._words[index] = word_count(self.lines[index])
        return count

    def alive(self) -> list[int]:
        """Indices of lines still in the body (not removed, not the title). Do not modify the list.

        Detectors ask for it over and over; it is rebuilt only when a removal was recorded
        or the title line changed since (every removal through :meth:`remove` or
        :meth:`strip` adds a record).
        """
        count, title_line = len(self.removals), self.title_line
        if count != self._alive_count or title_line != self._alive_title:
            removed_by = self.removed_by
            if self._alive_count >= 0 and title_line == self._alive_title:
                # Only removals since: a removed line never comes back, so the lines alive
                # now are those alive then that are still not removed (a shorter walk).
                self._alive = [i for i in self._alive if removed_by[i] is None]
            else:
                self._alive = [i for i, rule in enumerate(removed_by) if rule is None and i != title_line]
            self._alive_count, self._alive_title = count, title_line
        return self._alive

    def remove(self, index: int, rule: str, detail: str = "") -> bool:
        removed_by = self.removed_by
        if removed_by[index] is not None or index == self.title_line:
            return False
        removed_by[index] = rule
        # (by position: keyword arguments cost more, and this runs for most lines of a dump)
        self.removals.append(Removal(rule, "text", self.lines[index], self.record_lines[index],
                                     None, None, detail))
        return True

    def remove_many(self, indices: Iterable[int], rule: str, details: Iterable[str]) -> int:
        """:meth:`remove` of each of ``indices`` in turn, with the matching one of ``details``.

        The same records as removing them one by one, without a call per line (the article
        finder removes most lines of a dump). Returns how many were removed.
        """
        removed_by, lines, title_line = self.removed_by, self.lines, self.title_line
        record_lines = self.record_lines
        append = self.removals.append
        removed = 0
        for index, detail in zip(indices, details, strict=True):
            if removed_by[index] is None and index != title_line:
                removed_by[index] = rule
                append(Removal(rule, "text", lines[index], record_lines[index], None, None, detail))
                removed += 1
        return removed

    def strip(self, index: int, start: int, end: int, rule: str, detail: str = "") -> None:
        """Remove ``lines[index][start:end]``; a line left empty is removed whole."""
        line = self.lines[index]
        self.removals.append(Removal(rule, "text", line[start:end], self.record_lines[index],
                                     start, end, detail))
        self.lines[index] = facts_line = line[:start] + line[end:]
        facts = self.facts[index] = line_facts(self.lexicons, facts_line)
        self.normalized[index] = facts.normalized
        self._words[index] = facts.words
        self.prose[index] = facts.prose
        self.label[index] = facts.label
        self.cache.clear()
        if not facts_line.strip():
            self.removed_by[index] = rule

    def edges(self) -> tuple[int, int]:
        """(first, last) index of prose lines still alive; lines outside are edge zones.

        Returns (len, -1) when the document has no prose line: everything is edge.
        """
        alive = self.alive()
        # Worked out again only for a new alive list: alive() builds one whenever a record
        # was added, and prose only changes by strip(), which adds one.
        if alive is self._edges_alive:
            return self._edges
        prose = self.prose
        first = next((i for i in alive if prose[i]), None)
        if first is None:
            edges = len(self.lines), -1
        else:
            edges = first, next(i for i in reversed(alive) if prose[i])
        self._edges_alive, self._edges = alive, edges
        return edges

    def in_edge(self, index: int, edges: tuple[int, int]) -> bool:
        first, last = edges
        return index < first or index > last
