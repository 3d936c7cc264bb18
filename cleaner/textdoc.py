"""The document as the text stage sees it: lines, who removed which, and line shapes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Lexicons, normalize
from .records import Removal

_WORD = re.compile(r"\w+")
_TERMINAL = ("." , "!", "?", "…", '"', "”", "»", "’", "'", "。", "！", "？")


def word_count(line: str) -> int:
    return len(_WORD.findall(line))


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


def is_label(line: str) -> bool:
    """A short, menu- or button-like line: few words and not a sentence."""
    s = line.strip()
    return len(s) <= 60 and word_count(s) <= 7 and not is_sentence(s)


@dataclass
class TextDoc:
    """Lines under cleaning. Removing a line records it; a line is removed at most once."""

    lines: list[str]
    lexicons: Lexicons
    title: str | None = None
    title_line: int | None = None
    removals: list[Removal] = field(default_factory=list)
    removed_by: list[str | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.removed_by = [None] * len(self.lines)
        self.normalized = [normalize(line) for line in self.lines]
        self._words: list[int | None] = [word_count(line) for line in self.lines]
        # Line shapes are asked for many times per document; lines only change by strip().
        self.prose = [w >= 20 or (w >= 8 and ends_like_sentence(line)) for w, line in zip(
            self._words, self.lines, strict=True)]
        self.label = [is_label(line) for line in self.lines]
        self.cache: dict = {}  # per-document values detectors compute once (e.g. headline keys)

    def words(self, index: int) -> int:
        """Word count of line ``index`` (cached: detectors ask for it again and again)."""
        count = self._words[index]
        if count is None:
            count = self._words[index] = word_count(self.lines[index])
        return count

    def alive(self) -> list[int]:
        """Indices of lines still in the body (not removed, not the title)."""
        return [
            i for i, rule in enumerate(self.removed_by) if rule is None and i != self.title_line
        ]

    def remove(self, index: int, rule: str, detail: str = "") -> bool:
        if self.removed_by[index] is not None or index == self.title_line:
            return False
        self.removed_by[index] = rule
        self.removals.append(Removal(rule=rule, stage="text", text=self.lines[index], line=index,
                                     detail=detail))
        return True

    def strip(self, index: int, start: int, end: int, rule: str, detail: str = "") -> None:
        """Remove ``lines[index][start:end]``; a line left empty is removed whole."""
        line = self.lines[index]
        self.removals.append(Removal(rule=rule, stage="text", text=line[start:end], line=index,
                                     start=start, end=end, detail=detail))
        self.lines[index] = line[:start] + line[end:]
        self.normalized[index] = normalize(self.lines[index])
        self._words[index] = None
        self.prose[index] = is_prose(self.lines[index])
        self.label[index] = is_label(self.lines[index])
        self.cache.clear()
        if not self.lines[index].strip():
            self.removed_by[index] = rule

    def edges(self) -> tuple[int, int]:
        """(first, last) index of prose lines still alive; lines outside are edge zones.

        Returns (len, -1) when the document has no prose line: everything is edge.
        """
        alive = self.alive()
        first = next((i for i in alive if self.prose[i]), None)
        if first is None:
            return len(self.lines), -1
        last = next(i for i in reversed(alive) if self.prose[i])
        return first, last

    def in_edge(self, index: int, edges: tuple[int, int]) -> bool:
        first, last = edges
        return index < first or index > last
