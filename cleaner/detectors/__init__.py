"""Generic detectors: small functions that work on any site, each with a stable rule id.

A detector takes a :class:`~cleaner.textdoc.TextDoc` and yields the indices of lines it
finds to be furniture. The text stage records the removals under the detector's rule id.
Detectors marked ``expands`` may also take the label-like lines next to their hits when
those sit in an edge zone (above the first or below the last prose line): a paywall or
account box is a run of short labels around one recognisable phrase.

The text stage runs the detectors in rounds while the edges move. A detector that does
not look at the edges says so with ``repeats=False``: its finds depend on the alive lines'
text alone, all of them are removed in its first round, and removing lines makes no
other line one of its finds, so a later round would find nothing and it is not run again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..textdoc import TextDoc
from . import duplicates, furniture, icons

Detect = Callable[[TextDoc], Iterable[int]]


@dataclass(frozen=True)
class Detector:
    rule: str
    detect: Detect
    expands: bool = False
    #: may find more in a later round (its finds depend on where the edges are)
    repeats: bool = True
    #: runs in text mode too; False: HTML mode only, for text mode's article finder already
    #: removes what it finds (the boilerplate lists name the lines it always drops; the
    #: over-removal guard's fallback without the article finder is meant to remove less)
    dumps: bool = True


# Order matters only for attribution: a line goes to the first detector that claims it.
DETECTORS: list[Detector] = [
    Detector("generic.icon-font", icons.icon_font_tokens, repeats=False),
    Detector("generic.duplicate-headline", duplicates.duplicate_headline, repeats=False),
    Detector("generic.duplicate-paragraph", duplicates.duplicate_paragraphs, repeats=False),
    Detector("generic.share", furniture.share_widgets, expands=True, repeats=False),
    Detector("generic.paywall", furniture.paywall_offers, expands=True, repeats=False),
    Detector("generic.navigation", furniture.navigation_labels, expands=True),
    Detector("generic.widget", furniture.date_weather_widgets, expands=True),
    # (The cookie and account lists found nothing in the HTML of the 467 dev-set pages:
    # trafilatura drops those boxes itself. They have no HTML-mode detector.)
    # A box of related links or comments is a run of labels around its heading: these take
    # the labels next to a hit at the edges. A picture credit is one line (the short lines
    # next to it are often the article's), and a date inside the article is often its
    # content (a programme's days, an event's time): dates go at the edges only. An ad
    # label or a credit is no subheading, even right before a paragraph.
    *(Detector(f"generic.{name}", furniture.ListedLines(name), expands=True, dumps=False)
      for name in ("newsletter", "related", "comments", "footer")),
    Detector("generic.ads", furniture.ListedLines("ads", headings=False), expands=True, dumps=False),
    Detector("generic.credits", furniture.ListedLines("credits", headings=False), dumps=False),
    Detector("generic.dates", furniture.ListedLines("dates", edges_only=True), dumps=False),
]

RULE_IDS = [d.rule for d in DETECTORS]


def for_dumps(detectors: list[Detector]) -> list[Detector]:
    """Those of ``detectors`` that run in text mode (see :attr:`Detector.dumps`)."""
    return [d for d in detectors if d.dumps]
