"""Rejoin the fragments a naive dump makes of one paragraph.

A dump made with ``get_text("\\n")`` breaks a paragraph at every inline tag: a link or
a bold phrase lands on its own line, and so does the comma after it::

    Was wir brauchen, sind Modellberechner wie den Briten
    Neil Ferguson
    , die an einem Zahlenrädchen drehen

Classifying those pieces one by one loses the paragraph (each piece is short and looks
like a menu label), so they are joined first. A join is not a removal: the diff shows
the fragments replaced by the joined line under the label ``join``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter

# A line ending like a sentence does not continue on the next line.
_TERMINAL_END = re.compile(r"[.!?…。！？][\"'”’»«“)\]]*$")
# The characters _TERMINAL_END can end on ("$" also matches before a final newline): a line
# ending in any other character ends open without running the pattern.
_TERMINAL_END_LAST = frozenset(".!?…。！？\"'”’»«“)]\n")
# No space before closing punctuation, none after an opening bracket or quote.
_NO_SPACE_BEFORE = tuple(",.;:!?)]}»”%…")
_NO_SPACE_AFTER = tuple("([{„«“‘/")
# A piece between two fragments is an inline element: a link text or a name, not a paragraph.
_MAX_INLINE_WORDS = 12
# A line this long that ends open is a sentence cut short, not a heading.
_MIN_SENTENCE_WORDS = 6
# "Min.", "Dr.", "Nr.": a capitalised word this short before a stop is an abbreviation.
_MAX_ABBREVIATION = 3


@dataclass(frozen=True)
class Group:
    """Source lines ``start`` to ``end`` (exclusive) joined into ``text``."""

    start: int
    end: int
    text: str

    @property
    def joined(self) -> bool:
        return self.end - self.start > 1


def starts_continuation(line: str) -> bool:
    """True when ``line`` reads as the middle of a sentence (lower case or closing punctuation)."""
    if not line:
        return False
    first = line[0]
    if first.isalpha():
        return first.islower()
    return first in _NO_SPACE_BEFORE


def ends_open(line: str) -> bool:
    """True when ``line`` does not end like a sentence, so the sentence may go on."""
    if not line:
        return False
    return line[-1] not in _TERMINAL_END_LAST or not _TERMINAL_END.search(line)


def _cjk(ch: str) -> bool:
    """Chinese and Japanese characters: no case, no spaces between words."""
    return "\u3000" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _glue(left: str, right: str) -> str:
    if right.startswith(_NO_SPACE_BEFORE) or left.endswith(_NO_SPACE_AFTER) or (
        _cjk(left[-1]) and _cjk(right[0])
    ):
        return left + right
    return f"{left} {right}"


def _mid_sentence(line: str) -> bool:
    """The line stops inside a sentence: it ends with a lower-case word or a comma."""
    if line.endswith(","):
        return True
    last_word = line.rsplit(None, 1)[-1]
    return last_word[0].isalpha() and last_word[0].islower()


def _is_separator(line: str) -> bool:
    """A line that is only a menu separator such as ":" or "|"."""
    return len(line) <= 2 and not any(ch.isalnum() for ch in line) and line not in (".", ",", ").", ";")


def _abbreviated(line: str) -> bool:
    """The line ends with an abbreviation ("35 Min.", "z.B.", "Dr."), not a full stop."""
    last_word = line.rsplit(None, 1)[-1]
    if not last_word.endswith("."):
        return False
    core = last_word[:-1]
    return "." in core or (0 < len(core) <= _MAX_ABBREVIATION and core[0].isupper())


# What a line's first character allows: it may go on with the sentence before it
# (starts_continuation), it may go on with a Chinese or Japanese line before it. A line
# whose first character allows neither, such as a capital or a digit (most lines), never
# continues the line above: _continues is false for it whatever that line is.
_CONTINUES = 1
_CJK = 2


class _FirstCharKind(dict):
    """The kind (_CONTINUES | _CJK bits) of a line by its first character, worked out once
    per distinct character ("" for a blank line)."""

    def __missing__(self, first: str) -> int:
        kind = _CONTINUES if starts_continuation(first) else 0
        if first and _cjk(first):
            kind |= _CJK
        self[first] = kind
        return kind


_FIRST_CHAR_KIND = _FirstCharKind()
_FIRST_CHAR = itemgetter(slice(0, 1))  # line[:1], called from map() without a Python frame


def _continues(left: str, right: str) -> bool:
    """``right`` goes on with the sentence ``left`` leaves open."""
    first = right[0]
    # (no Chinese or Japanese character comes before U+3000: Latin text skips both calls)
    if first >= "\u3000" and _cjk(first) and _cjk(left[-1]):
        return ends_open(left)  # ruby and links cut Japanese text mid-word; no case tells
    if not _FIRST_CHAR_KIND[first] & _CONTINUES:
        return False
    if not ends_open(left):
        # "im Ofen 35 Min." + "backen." : a lower-case word after an abbreviation goes on.
        return first.isalpha() and _abbreviated(left)
    if not first.isalpha():
        return True  # ", die ..." or ". " after a link
    # A lone lower-case word after a heading is a menu label ("home"), not the rest of it.
    # (" " in right: two words or more, mostly, without splitting the line)
    return (" " in right or len(right.split()) >= 2 or not ends_open(right)
            or (" " in left and _mid_sentence(left)))


@dataclass(frozen=True)
class Rejoined:
    """A dump's lines after rejoining: group ``k`` is ``texts[k]``, made from source lines
    ``starts[k]`` up to the next group's start; ``joins`` are the ``(start, end)`` source
    ranges of the groups made from more than one line."""

    starts: list[int]
    texts: list[str]
    joins: list[tuple[int, int]]


def rejoin_lines(lines: list[str]) -> Rejoined:
    """:func:`rejoin` as plain lists, without a :class:`Group` per line.

    The same greedy walk, but it only steps line by line near a line that may continue
    the one above it (first character lower case, closing punctuation or Chinese or
    Japanese; one line in nine on the dev-set dumps). Line ``i`` can start a group of
    more than one line only when line ``i+1`` or ``i+2`` is such a line, so a run of lines
    further from the next one is copied as single-line groups in one go.
    """
    n = len(lines)
    kinds = list(map(_FIRST_CHAR_KIND.__getitem__, map(_FIRST_CHAR, lines)))
    candidates = list(compress(range(n), kinds))
    candidates.append(n + 2)  # sentinel: no line beyond the end continues anything
    starts: list[int] = []
    texts: list[str] = []
    joins: list[tuple[int, int]] = []
    next_candidate = 0
    # whether lines[known_at] goes on with lines[known_at - 1], as last asked
    known_at, known = -1, False
    i = 0
    while i < n:
        while candidates[next_candidate] <= i:
            next_candidate += 1
        alone_until = min(candidates[next_candidate] - 2, n)
        if alone_until > i:
            starts.extend(range(i, alone_until))
            texts.extend(lines[i:alone_until])
            i = alone_until
            continue
        text = lines[i]
        j = i + 1
        if text:
            while j < n and lines[j]:
                nxt = lines[j]
                # kinds[j] first: zero means _continues(..., nxt) is false. A group that
                # stopped at the pair (i, i+1) below has already answered for this one.
                if kinds[j] and (known if known_at == j == i + 1 else _continues(text, nxt)):
                    text = _glue(text, nxt)
                    j += 1
                    continue
                after = j + 1
                if after < n and kinds[after] and lines[after]:
                    known_at, known = after, _continues(nxt, lines[after])
                    if (
                        known
                        and (ends_open(text) or _abbreviated(text))
                        and (len(text.split()) >= _MIN_SENTENCE_WORDS or _mid_sentence(text))
                        and len(nxt.split()) <= _MAX_INLINE_WORDS
                        and not _is_separator(lines[after])
                    ):
                        text = _glue(_glue(text, nxt), lines[after])
                        j += 2
                        continue
                break
        starts.append(i)
        texts.append(text)
        if j - i > 1:
            joins.append((i, j))
        i = j
    return Rejoined(starts, texts, joins)


def rejoin(lines: list[str]) -> list[Group]:
    """Group consecutive source lines that are pieces of one paragraph.

    Line ``i+1`` joins line ``i`` when ``i`` ends open and ``i+1`` goes on with the
    sentence (lower case or closing punctuation), or when ``i+1`` is a short piece
    (a link text or a name) and ``i+2`` goes on with the sentence. Blank lines are
    paragraph breaks and always stay on their own.
    """
    rejoined = rejoin_lines(lines)
    starts, texts = rejoined.starts, rejoined.texts
    ends = starts[1:] + [len(lines)] if starts else []
    return [Group(start, end, text) for start, end, text in zip(starts, ends, texts, strict=True)]
