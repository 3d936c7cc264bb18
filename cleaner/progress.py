"""Progress on stderr: a tqdm bar on a terminal, nothing otherwise.

The total is counted in a background thread while cleaning starts, so a huge input tree
does not delay the first document; the bar shows an ETA once the count is known.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TextIO


def wants_progress(quiet: bool, stream: TextIO | None = None) -> bool:
    """A bar only on an interactive stderr and never with ``--quiet``."""
    stream = stream if stream is not None else sys.stderr
    try:
        return not quiet and stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Documents done, documents per second and ETA; ``message`` prints above the bar."""

    def __init__(self, enabled: bool, count_total: Callable[[], int] | None = None,
                 stream: TextIO | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self._bar = None
        self._total: int | None = None
        self.unchanged = 0
        if not enabled:
            return
        from tqdm import tqdm

        self._bar = tqdm(total=None, unit="doc", file=self.stream, dynamic_ncols=True,
                         mininterval=0.25, smoothing=0.1, desc="cleaning")
        if count_total is not None:
            threading.Thread(target=self._count, args=(count_total,), daemon=True).start()

    def _count(self, count_total: Callable[[], int]) -> None:
        try:
            self._total = count_total()
        except Exception:  # counting is a nicety; unreadable dirs surface as document errors
            self._total = None

    def advance(self, unchanged: bool = False) -> None:
        self.unchanged += unchanged
        if self._bar is None:
            return
        if self._total is not None and self._bar.total is None:
            self._bar.total = self._total
        if unchanged:
            self._bar.set_postfix(unchanged=self.unchanged, refresh=False)
        self._bar.update(1)

    def message(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
