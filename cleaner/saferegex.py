"""Regexes that come from users (site rules, phrase lists) run with a time limit.

A rule author can write a pattern such as ``(a+)+$`` that backtracks for hours on one
unlucky line. User patterns therefore run on the ``regex`` engine, which avoids much of
that backtracking by itself and accepts a ``timeout`` on every call. A pattern that
still exceeds the limit is reported once on stderr, naming its file and key, and
disabled for the rest of the run, so a batch always finishes. (``cleaner rules lint``
flags such patterns before they are used.)
"""

from __future__ import annotations

import sys

import regex

from .regexfilter import Requirement, required, worth_testing

#: Seconds one pattern may spend on one line.
TIMEOUT = 0.5

error = regex.error


def behind(needed: Requirement | None, method):
    """``method`` (a compiled pattern's), tried only on texts ``needed`` does not rule out."""
    if needed is None:
        return method
    # needed.rules_out(text), inlined (one Python call a line, not two: the boilerplate
    # matcher tries every new line of a dump)
    search = needed.search
    if needed.folded:
        def run(text: str):
            return None if search(text.casefold()) is None else method(text)
    else:
        def run(text: str):
            return None if search(text) is None else method(text)
    return run


class UserPattern:
    """A compiled user regex with the ``re.Pattern`` methods the stages use."""

    def __init__(self, source: str, origin: str = "", full_line: bool = False, ignore_case: bool = False,
                 timeout: float | None = TIMEOUT):
        self.pattern = source  # as the user wrote it
        self.origin = origin  # "FILE: KEY", for the warning
        self.full_line = full_line
        flags = regex.IGNORECASE if ignore_case else 0
        self._re = regex.compile(rf"(?:{source})\Z" if full_line else source, flags)
        # The time limit costs more than most patterns do (about 1.5 microseconds a call):
        # it is for patterns from users. ``None`` (cleaner's own phrase lists, which
        # tests/test_regex_safety.py runs against hostile lines) runs without it.
        self.timeout = timeout
        # What every match contains: a line without it is not worth the full pattern.
        need = required(source)
        self._needed = need if worth_testing(need, source, timeout is not None) else None
        self.disabled = False
        if timeout is None:
            # Nothing to catch: the engine's own methods, behind the prefilter if there is one
            # (without _run's dispatch: these are called for every line of every page).
            compiled, needed = self._re, self._needed
            self.search, self.match, self.fullmatch = (
                behind(needed, method) for method in (compiled.search, compiled.match, compiled.fullmatch))

    @property
    def needed(self) -> Requirement | None:
        """What every match contains (see :mod:`cleaner.regexfilter`), if tested before running."""
        return self._needed

    def __getstate__(self) -> dict:
        # Compiled from the source again when unpickled (process pools, Dask): the engine's
        # bound methods and the prefilter's closures do not pickle.
        return {"source": self.pattern, "origin": self.origin, "full_line": self.full_line,
                "ignore_case": bool(self._re.flags & regex.IGNORECASE), "timeout": self.timeout,
                "disabled": self.disabled}

    def __setstate__(self, state: dict) -> None:
        disabled = state.pop("disabled")
        self.__init__(**state)  # type: ignore[misc]
        self.disabled = disabled

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UserPattern) and (self.pattern, self.full_line) == (
            other.pattern, other.full_line)

    def __hash__(self) -> int:
        return hash((self.pattern, self.full_line))

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"

    def _run(self, method: str, text: str):
        if self.disabled or (self._needed is not None and self._needed.rules_out(text)):
            return None
        if self.timeout is None:
            result = getattr(self._re, method)(text)
            return list(result) if method == "finditer" else result
        try:
            result = getattr(self._re, method)(text, timeout=self.timeout)
            return list(result) if method == "finditer" else result
        except TimeoutError:
            self.disabled = True
            print(f"cleaner: warning: {self.origin or 'pattern'}: regex {self.pattern!r} ran over "
                  f"{self.timeout}s on one line; disabled for this run", file=sys.stderr)
            return None

    def search(self, text: str):
        return self._run("search", text)

    def match(self, text: str):
        return self._run("match", text)

    def fullmatch(self, text: str):
        return self._run("fullmatch", text)

    def finditer(self, text: str) -> list:  # (None when ruled out or disabled: no matches)
        return self._run("finditer", text) or []
