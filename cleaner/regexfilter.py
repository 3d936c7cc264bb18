"""What every match of a regex contains: a cheap test that rules out most lines first.

Phrase-list and site-rule patterns such as ``.{0,80}\\S\\s*/\\s*(?:shutterstock|getty images)``
or ``(?:\\w+\\s){0,3}\\d{1,2}:\\d{2}`` backtrack over every start and length on every line
they are tried on, though most lines contain no "shutterstock" and no digit at all. As
grep and RE2 do, :func:`required` works out from the pattern's syntax tree a piece every
match must contain (a literal string, one of several alternatives, or a digit) and
returns a small regex that finds it: a line where it finds nothing cannot match, so the
full pattern is not run on it. The test is only ever a necessary condition; a pattern it
cannot analyse gets none and always runs.

The tree comes from the standard library's parser, while user patterns run on the
``regex`` engine, whose syntax is a superset: a pattern the standard library does not
accept exactly as written (an error or a warning, such as for ``[[:alpha:]]``) or whose
literal text holds a brace (``regex``'s fuzzy matching ``(?:foo){e<=1}``) gets no test.
The test itself runs on the standard library's engine, whose calls cost a fraction of
``regex``'s. Letter case is settled by case-folding both sides: when a pattern finds a
literal ignoring case (``regex`` compares simple case folds, character by character),
the case-folded line contains the case-folded literal, whatever the script ("Σ" and
"ς", "ẞ" and "ß", the Kelvin sign and "k" all fold alike).
"""

from __future__ import annotations

import re
import warnings

try:  # Python 3.11+
    from re import _constants as sre_c
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# How much a requirement rules out, roughly: a literal string by its characters (a
# letter 1, a space or common punctuation less, a rarer sign such as "/" or "©" more), a
# digit like a two-letter string. Weaker ones are not worth a search.
_DIGIT_STRENGTH = 2
_COMMON = frozenset(" .,-'\"():;!?")
_MIN_STRENGTH = 1.5
# A search for one of many strings tries each at every position: beyond some dozens it
# costs about what the pattern it guards does.
_MAX_ALTERNATIVES = 64
_MAX_LITERAL_STRENGTH = 8
_DIGIT = r"\d"
# A digit-count test looks for this many at most (each a step of the search).
_MAX_DIGITS = 4
_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", sre_c.MAX_REPEAT)}
_GROUPS = {sre_c.SUBPATTERN, getattr(sre_c, "ATOMIC_GROUP", sre_c.SUBPATTERN)}

# While analysing: alternatives (regex sources), at least one of which every match
# contains, how much the weakest of them rules out, and whether any is literal text.
_Need = tuple[tuple[str, ...], float, bool]


class Requirement:
    """A compiled necessary condition for a pattern to match (see :func:`required`)."""

    __slots__ = ("source", "literal", "folded", "search", "kind")

    def __init__(self, source: str, literal: bool, kind: str | None = None, folded: bool | None = None):
        self.source = source
        #: what it looks for (patterns that need the same kind of thing are grouped): the
        #: source, or a digit for any count of digits
        self.kind = kind or source
        #: some alternative is literal text (case-folded)
        self.literal = literal
        #: it is looked for in the case-folded line (literal text with letters or characters
        #: beyond ASCII; ASCII digits, spaces and signs have no other case, and no character
        #: folds to one of them)
        self.folded = literal if folded is None else folded
        #: the compiled test's search: the pattern cannot match a text where it finds nothing
        #: (``text.casefold()`` when ``folded``); see :meth:`rules_out`
        self.search = re.compile(source).search

    def rules_out(self, text: str) -> bool:
        """True when the pattern cannot match anywhere in ``text``."""
        # Case-folded: what the pattern finds with or without IGNORECASE.
        return self.search(text.casefold() if self.folded else text) is None


def required(source: str) -> Requirement | None:
    """What every text that ``source`` matches (anywhere) contains, or None if unknown or weak."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            re.compile(source)
            tree = sre_parse.parse(source)
        requirement = _best(_candidates(list(tree)))
        # When every match needs a digit, most need several ("16:14", "05.05.2025"), and a
        # line with a page number or a price in it has one or two.
        digits = 0
        if requirement is not None and requirement[0] == (_DIGIT,):
            digits = min(_min_digits(list(tree)), _MAX_DIGITS)
    except (re.error, Warning, RecursionError, OverflowError, ValueError):
        return None
    if requirement is None:
        return None
    if digits > 1:  # (\D* stops at the next digit: the search walks the line once)
        return Requirement(_DIGIT + r"(?:\D*\d)" + f"{{{digits - 1}}}", False, kind=_DIGIT)
    alternatives, _strength_, literal = requirement
    folded = literal and any(_has_case(alternative) for alternative in alternatives)
    return Requirement("|".join(alternatives), literal, folded=folded)


def _has_case(alternative: str) -> bool:
    """Whether the requirement's alternative (``\\d`` or escaped case-folded text) may be
    written otherwise in a line: it holds a letter or a character beyond ASCII."""
    if alternative == _DIGIT:
        return False
    text = re.sub(r"\\(.)", r"\1", alternative, flags=re.DOTALL)  # (re.escape undone)
    return any(char.isalpha() or not char.isascii() for char in text)


def _min_digits(items: list) -> int:
    """How many digits (what ``\\d`` matches) every match of the sequence ``items`` holds at least."""
    count = 0
    for op, av in items:
        if op is sre_c.LITERAL:
            count += chr(av).isdecimal()  # (a digit has no other case)
        elif op is sre_c.IN:
            count += av == [(sre_c.CATEGORY, sre_c.CATEGORY_DIGIT)]
        elif op in _REPEATS:
            count += av[0] * _min_digits(list(av[2]))
        elif op in _GROUPS:
            count += _min_digits(list(av[-1] if op is sre_c.SUBPATTERN else av))
        elif op is sre_c.BRANCH:
            count += min(_min_digits(list(branch)) for branch in av[1])
    return count


def _best(candidates: list[_Need]) -> _Need | None:
    """The cheapest strong enough requirement: fewest alternatives, then strongest.

    A search for one thing (a digit, "©") costs a fraction of a search for one of thirty
    weekday names, and rules out nearly as much.
    """
    usable = [c for c in candidates if c[1] >= _MIN_STRENGTH and len(c[0]) <= _MAX_ALTERNATIVES]
    return min(usable, key=lambda c: (len(c[0]), -c[1])) if usable else None


def _candidates(items: list) -> list[_Need]:
    """Every requirement a sequence's mandatory items make (its literal runs included)."""
    found: list[_Need] = []
    run: list[str] = []
    for op, av in items + [(None, None)]:
        if op is sre_c.LITERAL:
            char = chr(av)
            if char in "{}":
                raise ValueError("brace: may be regex fuzzy-matching syntax")
            run.append(char)
            continue
        if run:
            text = "".join(run)
            found.append(((re.escape(text.casefold()),), min(_strength(text), _MAX_LITERAL_STRENGTH), True))
            run = []
        if op is not None:
            found.extend(_item(op, av))
    return found


def _strength(text: str) -> float:
    return sum(0.3 if c in _COMMON else 1.0 if c.isalnum() and c.isascii() else 1.5 if c.isascii() else 3.0
               for c in text)


def _item(op, av) -> list[_Need]:
    if op is sre_c.IN:
        return _char_class(av)
    if op in _REPEATS:
        low, _high, sub = av
        return _candidates(list(sub)) if low >= 1 else []
    if op in _GROUPS:
        sub = av[-1] if op is sre_c.SUBPATTERN else av
        return _candidates(list(sub))
    if op is sre_c.BRANCH:
        branches = [_candidates(list(branch)) for branch in av[1]]
        if not all(branches):
            return []  # one way to match needs nothing in particular
        # What every branch needs (e.g. a digit), as it is ...
        shared = set.intersection(*({c[0] for c in branch} for branch in branches))
        out = [max((c for c in branches[0] if c[0] == alts), key=lambda c: c[1]) for alts in shared]
        # ... and one of each branch's own best needs.
        bests = [_best(branch) for branch in branches]
        if all(bests):
            alternatives = tuple(dict.fromkeys(a for best in bests for a in best[0]))  # type: ignore[index]
            out.append((alternatives, min(best[1] for best in bests),  # type: ignore[index]
                        any(best[2] for best in bests)))  # type: ignore[index]
        return out
    return []


def _char_class(items: list) -> list[_Need]:
    """A set of characters: worth a test only when it is the digits alone."""
    if items == [(sre_c.CATEGORY, sre_c.CATEGORY_DIGIT)]:
        return [((_DIGIT,), _DIGIT_STRENGTH, False)]
    return []


def worth_testing(need: Requirement | None, source: str, timed: bool) -> bool:
    """Whether to run ``need`` before the pattern ``source``.

    A digit test is always cheap. A search for literal words costs about what an untimed
    pattern does when the pattern fails at a line's first characters; it pays for a timed
    pattern (the time limit costs more than the search) and for one that may begin with
    any character (``.{0,80}/ dpa``), where the engine tries every split of a line's start.
    """
    return need is not None and (timed or not need.literal or opens_with_any(source))


def opens_with_any(source: str) -> bool:
    """Some alternative of the regex ``source`` begins with "." (possibly repeated): the
    engine then tries every split of a line's start, which a prefilter can spare."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            items = list(sre_parse.parse(source))
    except (re.error, RecursionError, OverflowError, ValueError):
        return False
    return _starts_with_any(items)


def _starts_with_any(items: list) -> bool:
    if not items:
        return False
    op, arg = items[0]
    if op is sre_c.ANY:
        return True
    if op in _REPEATS:
        return _starts_with_any(list(arg[2]))
    if op is sre_c.SUBPATTERN:
        return _starts_with_any(list(arg[3]))
    if op is sre_c.BRANCH:
        return any(_starts_with_any(list(branch)) for branch in arg[1])
    return False
