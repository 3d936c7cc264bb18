"""Over-removal guard: when cleaning would take most of a document, keep a safer result.

A heuristic that fires on the article itself (a menu-like list that is really the
recipe, a paywall phrase in a story about paywalls) can empty a document. The guard
measures the share of the text-stage input that the removals took; above the limit
for the document's kind it falls back, first to the site rules alone (explicit
knowledge about the site), then to nothing removed. The document is flagged: the
``guard`` entry of its summary says what was measured and which fallback was used.

Text dumps are mostly page furniture, so their limit is higher than for text that an
extractor already cut down to the article.
"""

from __future__ import annotations

from collections.abc import Callable

from .textdoc import TextDoc

#: Limits, None switching one off. "html" and "text": the share of the text-stage input
#: (characters) its removals may take, by document kind. "html-drops": the share of the
#: page's paragraph text the generic DOM drops may take together (see cleaner.htmldrops).
DEFAULT_LIMITS: dict[str, float | None] = {"html": 0.5, "text": 0.95, "html-drops": 0.8}


def parse_limit(spec: str) -> tuple[str, float | None]:
    """``KIND=SHARE`` or ``KIND=off`` (the command-line form) to a (kind, limit) pair."""
    kind, sep, value = spec.partition("=")
    if not sep or kind not in DEFAULT_LIMITS:
        raise ValueError(f"expected KIND=SHARE with KIND one of {', '.join(DEFAULT_LIMITS)}: {spec!r}")
    if value == "off":
        return kind, None
    try:
        share = float(value)
    except ValueError:
        raise ValueError(f"SHARE must be a number between 0 and 1 or 'off': {spec!r}") from None
    if not 0 <= share <= 1:
        raise ValueError(f"SHARE must be between 0 and 1: {spec!r}")
    return kind, share


def removed_share(lines: list[str], doc: TextDoc) -> float:
    """Share of the characters of ``lines`` that are not in the cleaned output (title included)."""
    total = sum(map(len, map(str.strip, lines)))
    if not total:
        return 0.0
    kept = sum(map(len, map(str.strip, map(doc.lines.__getitem__, doc.alive()))))
    if doc.title_line is not None:
        kept += len(doc.lines[doc.title_line].strip())
    elif doc.title:
        kept += min(len(doc.title), total - kept)
    return max(0.0, 1 - kept / total)


def guarded(lines: list[str], attempts: list[tuple[str, Callable[[], TextDoc]]],
            limit: float | None) -> tuple[TextDoc, dict | None]:
    """Run the text stage under the guard.

    ``attempts`` are (name, run) pairs from the full cleaning to the safest: the first is
    the normal run, the others are fallbacks (for example "site-rules-only",
    "nothing-removed"). The first result within ``limit`` is kept; the last attempt is
    kept whatever it removes. Returns the document and, when the guard fell back, what it
    measured.
    """
    doc = attempts[0][1]()
    if limit is None:
        return doc, None
    share = removed_share(lines, doc)
    if share <= limit:
        return doc, None
    for i, (name, run) in enumerate(attempts[1:], start=1):
        safer = run()
        if i == len(attempts) - 1 or removed_share(lines, safer) <= limit:
            return safer, {"stage": "text", "removed_share": round(share, 4), "limit": limit,
                           "fallback": name}
    return doc, {"stage": "text", "removed_share": round(share, 4), "limit": limit, "fallback": "none"}
