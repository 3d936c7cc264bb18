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

# A line ending like a sentence does not continue on the next line.
_TERMINAL_END = re.compile(r"[.!?…。！？][\"'”’»«“)\]]*$")
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
    return bool(line) and not _TERMINAL_END.search(line)


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


def _continues(left: str, right: str) -> bool:
    """``right`` goes on with the sentence ``left`` leaves open."""
    if _cjk(left[-1]) and _cjk(right[0]):
        return ends_open(left)  # ruby and links cut Japanese text mid-word; no case tells
    if not starts_continuation(right):
        return False
    if not ends_open(left):
        # "im Ofen 35 Min." + "backen." : a lower-case word after an abbreviation goes on.
        return right[0].isalpha() and _abbreviated(left)
    if not right[0].isalpha():
        return True  # ", die ..." or ". " after a link
    # A lone lower-case word after a heading is a menu label ("home"), not the rest of it.
    return len(right.split()) >= 2 or not ends_open(right) or (_mid_sentence(left) and " " in left)


def rejoin(lines: list[str]) -> list[Group]:
    """Group consecutive source lines that are pieces of one paragraph.

    Line ``i+1`` joins line ``i`` when ``i`` ends open and ``i+1`` goes on with the
    sentence (lower case or closing punctuation), or when ``i+1`` is a short piece
    (a link text or a name) and ``i+2`` goes on with the sentence. Blank lines are
    paragraph breaks and always stay on their own.
    """
    groups: list[Group] = []
    n = len(lines)
    i = 0
    while i < n:
        if not lines[i]:
            groups.append(Group(i, i + 1, ""))
            i += 1
            continue
        text = lines[i]
        j = i + 1
        while j < n and lines[j]:
            nxt = lines[j]
            if _continues(text, nxt):
                text = _glue(text, nxt)
                j += 1
            elif (
                j + 1 < n
                and lines[j + 1]
                and (ends_open(text) or _abbreviated(text))
                and (len(text.split()) >= _MIN_SENTENCE_WORDS or _mid_sentence(text))
                and len(nxt.split()) <= _MAX_INLINE_WORDS
                and _continues(nxt, lines[j + 1])
                and not _is_separator(lines[j + 1])
            ):
                text = _glue(_glue(text, nxt), lines[j + 1])
                j += 2
            else:
                break
        groups.append(Group(i, j, text))
        i = j
    return groups
