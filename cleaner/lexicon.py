"""Phrase lists for the generic detectors, loaded from ``rules/generic/*.yaml``.

The lists are data so users can extend them: any ``generic/`` folder inside a
``--rules`` directory is merged into the bundled one. One file per list::

    name: paywall            # the list's name, used by the detectors
    lines:                   # a whole line equal to one of these (any case)
      en: [All Access., Subscribe now]
    phrases:                 # a short line containing one of these (any case)
      en: [subscribe to continue]
    patterns:                # full-line regexes, any case
      any: ['\\d{1,3} ?°[CF]']

Languages are only grouped for readability; every language applies to every page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import saferegex
from .regexfilter import required, worth_testing
from .rules import RuleError, bundled_rules_dir
from .saferegex import UserPattern

_PUNCT_EDGES = " \t\u00a0.,:;!?·•|–—-_*#>«»\"'“”‘’()[]{}"


def normalize(line: str) -> str:
    """Case-folded line with whitespace collapsed and edge punctuation trimmed."""
    if not line.isascii():  # (ASCII text is its own NFKC form)
        line = unicodedata.normalize("NFKC", line)
    # split() splits on the same whitespace as the regex \s; a space is among the edge
    # characters, so dropping edge whitespace first gives the same result as collapsing it.
    # Most lines have nothing to collapse (no two spaces in a row, and no whitespace but the
    # space: str.isprintable() is False for every other whitespace character): the split
    # and join would only drop edge spaces, which strip() drops anyway.
    if "  " in line or not line.isprintable():
        line = " ".join(line.split())
    return line.strip(_PUNCT_EDGES).casefold()


INDEX_KEY_LENGTH = 3  # phrases are indexed by their first characters (find_phrase)


def phrase_index(phrases: list[str]) -> dict[str, list[str]]:
    """Phrases grouped by their first characters, longest first, for :func:`find_phrase`."""
    index: dict[str, list[str]] = {}
    for phrase in sorted(set(phrases), key=len, reverse=True):
        if phrase:
            index.setdefault(phrase[:INDEX_KEY_LENGTH], []).append(phrase)
    return index


def find_phrase(index: dict[str, list[str]], normalized: str) -> str | None:
    """The first phrase of ``index`` that starts at a word start in ``normalized``, or None.

    Checking word starts only is much faster than one big regex alternation on every
    line, and keeps "share on" from matching inside "timeshare on".
    """
    if not index:
        return None
    pos = 0
    while pos >= 0:
        candidates = index.get(normalized[pos:pos + INDEX_KEY_LENGTH])
        if candidates:
            for phrase in candidates:
                if normalized.startswith(phrase, pos):
                    return phrase
        pos = normalized.find(" ", pos)
        if pos >= 0:
            pos += 1
    return None


class LineMemo(dict):
    """Results of a pure function of a line's text, kept across documents.

    Pages of one site repeat their menus, footers, bylines and widgets line for line
    (on the dev-set dumps almost half of the short lines occur more than once), so a
    batch asks the same question about the same text again and again. Emptied when it
    reaches ``limit`` entries, which bounds memory without bookkeeping on every lookup.
    """

    def __init__(self, limit: int = 50_000):
        super().__init__()
        self.limit = limit

    def __reduce__(self):
        # A cache: a pickled copy (a Cleaner sent to a worker process) starts empty.
        return type(self), (self.limit,)

    def put(self, key, value):
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value




@dataclass
class PhraseList:
    name: str
    lines: set[str] = field(default_factory=set)
    phrases: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    #: patterns from cleaner's own lists (run without a time limit, see UserPattern)
    trusted: set[str] = field(default_factory=set)
    _phrase_index: dict[str, list[str]] = field(default_factory=dict)
    _pattern_res: list[UserPattern] = field(default_factory=list)
    #: the detectors' compiled tests of this list (detectors.listmatch.list_tests), built once
    list_tests: object = field(default=None, repr=False, compare=False)

    def compile(self) -> None:
        self._phrase_index = phrase_index(self.phrases)
        origin = f"phrase list {self.name!r}: patterns"
        self._pattern_res = grouped_patterns(self.patterns, origin, self.trusted)
        self.list_tests = None  # (made again from the list as compiled now)

    def matches_line(self, normalized: str) -> bool:
        return normalized in self.lines

    def contains_phrase(self, normalized: str) -> bool:
        return find_phrase(self._phrase_index, normalized) is not None

    @property
    def pattern_groups(self) -> list[UserPattern]:
        """The list's patterns, compiled in groups (see :func:`grouped_patterns`)."""
        return self._pattern_res

    def fullmatch_pattern(self, line: str) -> bool:
        """True if one of the list's patterns matches all of ``line`` (not remembered)."""
        for pattern in self._pattern_res:
            if pattern.fullmatch(line) is not None:
                return True
        return False

    def matches_pattern(self, line: str) -> bool:
        return bool(self._pattern_res) and self.fullmatch_pattern(line.strip())

    def hit(self, line: str, normalized: str | None = None) -> bool:
        """True if ``line`` is one of the list's lines, contains a phrase or matches a pattern."""
        norm = normalize(line) if normalized is None else normalized
        return self.matches_line(norm) or self.contains_phrase(norm) or self.matches_pattern(line)


def grouped_patterns(patterns: list[str], origin: str, trusted: set[str] = frozenset()) -> list[UserPattern]:
    """``patterns`` as one alternation per thing their matches need (see :mod:`.regexfilter`).

    Patterns that all need digits are one regex, tried only on lines with enough; a
    pattern that needs "/" is not held back by one that needs nothing. Patterns are
    user-extendable data: each group of a user's patterns runs with a time limit
    (:class:`UserPattern`); cleaner's own (``trusted``) run without.
    """
    groups: dict[tuple[str | None, bool], list[str]] = {}
    for pattern in patterns:
        need, own = required(pattern), pattern in trusted
        if not worth_testing(need, pattern, timed=not own):
            need = None  # (as UserPattern decides)
        groups.setdefault((need.kind if need else None, own), []).append(pattern)
    return [UserPattern("|".join(f"(?:{p})" for p in group), origin, ignore_case=True,
                        timeout=None if own else saferegex.TIMEOUT)
            for (_need, own), group in groups.items()]


def _entries(data: dict, key: str, path: Path) -> list[str]:
    value = data.get(key) or {}
    if isinstance(value, list):
        value = {"any": value}
    if not isinstance(value, dict):
        raise RuleError(path, key, "must be a mapping of language to list of strings")
    out: list[str] = []
    for lang, items in value.items():
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise RuleError(path, f"{key}.{lang}", "must be a list of strings")
        out.extend(items)
    return out


def generic_yaml_files(dirs: list[Path]) -> Iterator[tuple[Path, object]]:
    """Every ``*.yaml`` of the ``generic/`` folders, parsed safely: phrase lists and the
    DOM-drop groups (``kind: html-drops``) share these folders and this loader."""
    for directory in dirs:
        for path in sorted(Path(directory).glob("*.yaml")):
            try:
                yield path, yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError as exc:
                raise RuleError(path, "(yaml)", f"invalid YAML: {exc}") from None


class Lexicons:
    """All phrase lists by name."""

    def __init__(self, lists: dict[str, PhraseList]):
        self.lists = lists
        #: :class:`~cleaner.textdoc.LineFacts` by line text, shared by every document cleaned
        self.line_facts = LineMemo()
    def __getitem__(self, name: str) -> PhraseList:
        return self.lists.get(name) or PhraseList(name)

    @classmethod
    def from_dirs(cls, dirs: list[Path]) -> Lexicons:
        bundled = bundled_rules_dir() / "generic"
        lists: dict[str, PhraseList] = {}
        for path, data in generic_yaml_files(dirs):
            if isinstance(data, dict) and data.get("kind") == "html-drops":
                continue  # DOM-drop patterns, read by cleaner.htmldrops
            if not isinstance(data, dict) or not isinstance(data.get("name"), str):
                raise RuleError(path, "name", "a phrase list needs a 'name' string")
            unknown = set(data) - {"name", "description", "lines", "phrases", "patterns"}
            if unknown:
                raise RuleError(path, sorted(unknown)[0], "unknown key")
            plist = lists.setdefault(data["name"], PhraseList(data["name"]))
            plist.lines.update(normalize(s) for s in _entries(data, "lines", path))
            plist.phrases.extend(normalize(s) for s in _entries(data, "phrases", path))
            for i, pattern in enumerate(_entries(data, "patterns", path)):
                try:
                    UserPattern(pattern)
                except (re.error, saferegex.error) as exc:
                    raise RuleError(path, f"patterns[{i}]", f"invalid regex: {exc}") from None
                plist.patterns.append(pattern)
                if path.parent == bundled:
                    plist.trusted.add(pattern)
        for plist in lists.values():
            plist.compile()
        return cls(lists)
