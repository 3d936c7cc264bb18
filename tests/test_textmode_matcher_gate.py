"""The boilerplate matcher tries the pattern groups that run without prefilter or time limit as
one pattern first: it must name the same list as trying every group in the lists' order."""

from __future__ import annotations

import random

from cleaner.lexicon import Lexicons, PhraseList, normalize
from cleaner.rules import bundled_rules_dir
from cleaner.textmode.article import BOILERPLATE_LISTS, BoilerplateMatcher


def _in_order(matcher: BoilerplateMatcher, line: str) -> str | None:
    """The first list whose patterns match ``line``, every group tried in turn."""
    return next((name for name, fullmatch in matcher._fullmatches if fullmatch(line) is not None), None)


def _plist(name: str, patterns: list[str], trusted: bool) -> PhraseList:
    plist = PhraseList(name, patterns=patterns, trusted=set(patterns) if trusted else set())
    plist.compile()
    return plist


def test_overlapping_lists_keep_their_order():
    # Plain (untimed, nothing required) groups on either side of a digit-gated one and a
    # user's (timed) one: a line several lists match goes to the first of them.
    lists = {
        "footer": _plist("footer", [r"(?:©|copyright)\s*\w.{0,40}"], trusted=True),
        "dates": _plist("dates", [r"\d{1,2}:\d{2}", r"\w+ \d{4}"], trusted=True),
        "ads": _plist("ads", [r"\w+ 12:\d\d"], trusted=False),
        "credits": _plist("credits", [r"(?:foto|copyright)\s*[:/]?\s*\S.{0,40}"], trusted=True),
    }
    matcher = BoilerplateMatcher(Lexicons(lists), names=("footer", "dates", "ads", "credits"))
    assert matcher._any_plain is not None and len(matcher._not_plain) == 2
    cases = {"© 2024 Example": "footer", "copyright 12:30": "footer", "16:14": "dates", "Foto 2019": "dates",
             "Foto: dpa": "credits", "foto 12:30": "ads", "copyright: x 1": "credits",
             "copyright x 1": "footer", "nothing": None}
    for line, name in cases.items():
        assert matcher(line) == name == _in_order(matcher, line), line
    rng = random.Random(3)
    pieces = ["©", "copyright", "Foto", "foto", ":", "/", " ", "12", ":30", "2019", "x", "dpa", "Ünter"]
    names = set()
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        names.add(matcher(line))
        assert matcher(line) == _in_order(matcher, line), line  # (no lines or phrases listed)
    assert {"footer", "dates", "credits", None} <= names


def test_bundled_lists_same_names_as_in_order():
    matcher = BoilerplateMatcher(Lexicons.from_dirs([bundled_rules_dir() / "generic"]), BOILERPLATE_LISTS)
    assert matcher._any_plain is not None
    rng = random.Random(4)
    pieces = ["©", "(c)", "Copyright", "2024", "Foto", "Bild", ":", " / ", "dpa", "Getty Images",
              "Zurück zum", "Back to", "Lexikon", "23.06.2016", "um", "16:14", "Uhr", "x", " ", ",",
              "Dienstag", "4.", "Juni", "(", "Quelle"]
    lines = ["© 2024 Example Media Group", "Foto: dpa", "Zurück zum Lexikon", "Bild: x / dpa",
             "(Foto: Max Muster)"]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(4000)]
    names = []
    for line in lines:
        # the matcher's order: a listed line, a pattern, a phrase
        norm = normalize(line)
        want = (matcher.lines.get(norm) or _in_order(matcher, line)
                or (matcher.phrase_list[phrase] if (phrase := matcher._first_phrase(norm)) else None))
        assert matcher(line) == want, line
        names.append(want)
    assert {"footer", "credits", "dates", None} <= set(names)
