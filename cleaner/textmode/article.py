"""Find the article in a text dump: classify the lines left after the detectors, drop the rest."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import compress
from weakref import WeakKeyDictionary

from ..detectors.listmatch import phrase_search
from ..lexicon import INDEX_KEY_LENGTH, Lexicons, normalize, phrase_index
from ..saferegex import UserPattern
from ..textdoc import TextDoc, is_sentence, word_count
from .classify import BAD, GOOD, NEARGOOD, SHORT, LineCodes, LineInfo, classify_with_codes
from .features import line_features
from .language import detect_language, stopwords
from .model import load_model

RULE = "generic.boilerplate"

#: Phrase lists (rules/generic/*.yaml) whose lines are boilerplate wherever they stand.
BOILERPLATE_LISTS = ("cookie", "newsletter", "related", "comments", "ads", "account", "footer",
                     "paywall", "share", "dates", "credits")
#: Fewer lines than this are too little page to tell the article from its surroundings:
#: only the detectors run.
MIN_DUMP_LINES = 10
# A listed phrase inside a long paragraph is more likely the article talking about it.
_MAX_PHRASE_LINE_WORDS = 25
# The patterns describe short lines (dates, credits, copyright notes).
_MAX_PATTERN_LINE_CHARS = 200
_MAX_PATTERN_LINE_WORDS = 20
# A run of kept lines among the verdicts (1: kept), see _kept_runs.
_KEPT_RUN = re.compile(b"\x01+")


class BoilerplateMatcher:
    """All boilerplate phrase lists in one lookup: which list (if any) names a line."""

    def __init__(self, lexicons: Lexicons, names: tuple[str, ...] = BOILERPLATE_LISTS):
        self.lines: dict[str, str] = {}
        phrase_list: dict[str, str] = {}
        groups = []
        for name in names:
            plist = lexicons[name]
            for line in plist.lines:
                self.lines.setdefault(line, name)
            for phrase in plist.phrases:
                phrase_list.setdefault(phrase, name)
            groups.extend((name, group) for group in plist.pattern_groups)
        #: (list name, a fullmatch of one group of its patterns), in the lists' order: what the
        #: matcher's loop over its groups gives (see the plain groups below)
        self._fullmatches = [(name, group.fullmatch) for name, group in groups]
        # Each call of the regex engine costs about what a failing pattern does: the groups
        # run without a prefilter or a time limit (cleaner's own, such as "© 2024 ..." or
        # "Foto: ...") are first tried as one pattern. A line it does not match matches none
        # of them, and only the others are tried (in order); one it matches is tried in full.
        plain = [group.pattern for _, group in groups if group.needed is None and group.timeout is None]
        self._any_plain = None
        self._not_plain = self._fullmatches
        if len(plain) > 1:
            combined = "|".join(f"(?:{pattern})" for pattern in plain)  # (as grouped_patterns joins them)
            self._any_plain = UserPattern(combined, "boilerplate lists", ignore_case=True,
                                          timeout=None).fullmatch
            self._not_plain = [(name, group.fullmatch) for name, group in groups
                               if group.needed is not None or group.timeout is not None]
        self.phrase_list = phrase_list
        self.phrases = phrase_index(list(phrase_list))
        # Where the first phrase starts: one regex search in C (the phrases as a trie)
        # instead of find_phrase's walk over the words in Python; see _first_phrase.
        self._phrase_search = phrase_search(tuple(phrase_list))

    def __call__(self, line: str, normalized: str | None = None, words: int | None = None) -> str | None:
        """The name of the first list that names ``line``, or None.

        Not remembered here: text mode keeps each line's class with the line's facts.
        """
        norm = normalize(line) if normalized is None else normalized
        name = self.lines.get(norm)
        if name is not None:
            return name
        if words is None:
            words = word_count(line)
        if len(line) <= _MAX_PATTERN_LINE_CHARS and words <= _MAX_PATTERN_LINE_WORDS:
            any_plain = self._any_plain
            plain_hit = any_plain is None or any_plain(line) is not None
            entries = self._fullmatches if plain_hit else self._not_plain
            for name, fullmatch in entries:
                if fullmatch(line) is not None:
                    return name
        if self._phrase_search is not None and words <= _MAX_PHRASE_LINE_WORDS:
            phrase = self._first_phrase(norm)
            if phrase is not None:
                return self.phrase_list[phrase]
        return None

    def _first_phrase(self, norm: str) -> str | None:
        """``find_phrase(self.phrases, norm)``: the search finds the first word start where
        a phrase starts (the one find_phrase reaches first), find_phrase's candidates
        there decide which phrase it is (the longest)."""
        match = self._phrase_search(" " + norm)
        if match is None:
            return None
        start = match.start()  # (the space before the word in " " + norm: the word's index in norm)
        for phrase in self.phrases.get(norm[start:start + INDEX_KEY_LENGTH], ()):
            if norm.startswith(phrase, start):
                return phrase
        return None  # pragma: no cover - the search only stops where a candidate starts


_MATCHERS: WeakKeyDictionary[Lexicons, BoilerplateMatcher] = WeakKeyDictionary()


def boilerplate_matcher(lexicons: Lexicons) -> BoilerplateMatcher:
    """The matcher for ``lexicons``, built once per lexicon set."""
    matcher = _MATCHERS.get(lexicons)
    if matcher is None:
        matcher = _MATCHERS[lexicons] = BoilerplateMatcher(lexicons)
    return matcher


def looks_like_dump(lines: list[str]) -> bool:
    """A page dump has runs of consecutive lines; text already in paragraphs does not.

    Cleaned text (cleaner's own output) has a blank line between any two paragraphs:
    there is no page around the article left to find, and cleaning it again must not
    change it.
    """
    return any(a.strip() and b.strip() for a, b in zip(lines, lines[1:], strict=False))


def classify_doc(doc: TextDoc, order: list[int], language: str | None = None) -> list[LineInfo]:
    """The classes of the document's lines ``order`` (its non-blank lines), as text mode sees them.

    Lines already removed (site rules, detectors) are fixed as boilerplate. The training
    script calls this too, so the model learns from the lines it will judge.
    """
    texts = [doc.lines[i].strip() for i in order]
    return _classify_lines(doc, order, texts, _gone_lines(doc, order), language)[0]


def _gone_lines(doc: TextDoc, order: list[int]) -> tuple[list[int], int | None]:
    """(the positions in ``order`` of the lines removed so far, the title line's position or None)."""
    removed_by = doc.removed_by
    # (a comprehension: cheaper than compress/map chains, which call list.__getitem__
    # and operator.is_not through wrappers)
    removed = [k for k, i in enumerate(order) if removed_by[i] is not None]
    title = doc.title_line
    if title is None:
        return removed, None
    k = bisect_left(order, title)
    return removed, (k if k < len(order) and order[k] == title else None)


def _classify_lines(doc: TextDoc, order: list[int], texts: list[str], gone: tuple[list[int], int | None],
                    language: str | None) -> tuple[list[LineInfo], LineCodes]:
    """classify_doc for the lines ``texts`` (the lines ``order``, stripped) and ``gone`` (_gone_lines),
    with the classes as codes."""
    if language is None:
        language = detect_language(texts)
    removed, title = gone
    # The title line is not alive but is no boilerplate either.
    fixed = dict.fromkeys(removed if title is None else [k for k in removed if k != title], BAD)
    return classify_with_codes(texts, stopwords(language), fixed=fixed,
                               phrase_hit=boilerplate_matcher(doc.lexicons),
                               normalized=_pick(doc.normalized, order), memos=_pick(doc.facts, order))


def _pick(values: list, order: list[int]) -> list:
    """``values`` at the positions ``order``."""
    return [values[i] for i in order]


def find_article(doc: TextDoc, language: str | None = None, use_model: bool = True) -> list[LineInfo]:
    """Remove (as ``generic.boilerplate``) every live line judged boilerplate.

    The hand-set classifier (:mod:`.classify`) judges every line; the learned line model
    (:mod:`.model`), when shipped and ``use_model``, makes the final call from those
    judgements and the lines' shapes. Lines named by a boilerplate phrase list always go.
    ``language`` is detected from the document when not given. Returns the line
    classes, in the order of the document's non-blank lines, for inspection.
    """
    stripped = list(map(str.strip, doc.lines))
    order = list(compress(range(len(stripped)), stripped))
    if len(order) < MIN_DUMP_LINES or not looks_like_dump(doc.lines):
        return []
    gone = _gone_lines(doc, order)
    texts = list(compress(stripped, stripped))
    infos, codes = _classify_lines(doc, order, texts, gone, language)
    # Lines no longer alive (removed so far, or the title) are not the finder's to judge.
    dead = [False] * len(order)
    for k in gone[0]:
        dead[k] = True
    if gone[1] is not None:
        dead[gone[1]] = True
    model = load_model() if use_model else None
    if model is None:
        for k, i in enumerate(order):
            if not dead[k] and infos[k].final == BAD:
                doc.remove(i, RULE, infos[k].reason)
        return infos
    reasons = [info.reason for info in infos]
    probabilities = model.probabilities(line_features(infos, texts, reasons, codes))
    # A listed phrase is boilerplate whatever the model says (classify gives these reasons
    # to bad lines only). A document has a handful of distinct reasons: test each once.
    listed = {reason for reason in set(reasons) if reason.startswith("phrase list")}
    threshold = model.threshold
    rules_part = f" < {threshold}; rules: "
    # Decide every line first ("": not alive, None: kept), then the neighbours' rules, then record.
    verdicts: list[str | None] = [
        "" if gone_already else reason if reason in listed else None if probability >= threshold
        else f"line model {probability:.2f}{rules_part}{reason}"
        for gone_already, reason, probability in zip(dead, reasons, probabilities, strict=True)
    ]
    _keep_article_edges(infos, verdicts)
    doc.remove_many(compress(order, verdicts), RULE, compress(verdicts, verdicts))
    return infos


def _kept_runs(verdicts: list[str | None]) -> list[tuple[int, int]]:
    """[first, end) of each run of kept lines (verdict None)."""
    return [run.span() for run in _KEPT_RUN.finditer(bytes([verdict is None for verdict in verdicts]))]


def _doubted(verdict: str | None) -> bool:
    """Removed by the line model, not named by a phrase list."""
    return bool(verdict) and not verdict.startswith("phrase list")  # type: ignore[union-attr]


def _keep_article_edges(infos: list[LineInfo], verdicts: list[str | None]) -> None:
    """Keep the lines that open or close kept article text though the model doubts them.

    A heading right before a kept paragraph opens it (the headline, a subheading); a
    short full sentence or a prose-like trailer right after kept article text closes it.
    Only the lines next to a run of kept ones can change: they are walked from the run's
    edge outwards (a page has a few such runs, and far more lines).
    """
    def kept_prose(k: int) -> bool:
        return verdicts[k] is None and (infos[k].first in (GOOD, NEARGOOD) or is_sentence(infos[k].text))

    runs = _kept_runs(verdicts)
    # Openers first, from the end (a kept heading can open the heading above it). A run
    # that grows downwards keeps its end, so the runs' ends stay the places closers follow.
    for first, _ in reversed(runs):
        k = first - 1
        while k >= 0 and infos[k].first == SHORT and infos[k].heading and _doubted(verdicts[k]) \
                and kept_prose(k + 1):
            verdicts[k] = None
            k -= 1
    n = len(infos)
    for _, end in runs:
        last = infos[end - 1]
        if last.first in (GOOD, NEARGOOD) or closes_article(last):
            k = end
            while k < n and _doubted(verdicts[k]) and closes_article(infos[k]):
                verdicts[k] = None
                k += 1


def closes_article(info: LineInfo) -> bool:
    """A line that, right after article text, closes it rather than starts the furniture.

    A short full sentence ("It was 130.") ends the paragraph's thought; a line that reads
    as prose by its stopwords ("Write to the authors at ...") is the article's trailer.
    """
    if info.first == SHORT:
        return info.terminal and info.words >= 3 and is_sentence(info.text)
    return info.first == NEARGOOD
