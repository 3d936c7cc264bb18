"""Find the article in a text dump: classify the lines left after the detectors, drop the rest."""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from ..lexicon import Lexicons, find_phrase, normalize, phrase_index
from ..textdoc import TextDoc, is_sentence, word_count
from .classify import BAD, GOOD, NEARGOOD, SHORT, LineInfo, classify
from .features import line_features
from .language import detect_language, stopwords
from .model import load_model

RULE = "generic.boilerplate"

#: Phrase lists (rules/generic/*.yaml) whose lines are boilerplate wherever they stand.
BOILERPLATE_LISTS = ("cookie", "newsletter", "related", "comments", "ads", "account", "footer",
                     "paywall", "share", "dates", "credits")
# A listed phrase inside a long paragraph is more likely the article talking about it.
_MAX_PHRASE_LINE_WORDS = 25
# The patterns describe short lines (dates, credits, copyright notes).
_MAX_PATTERN_LINE_CHARS = 200


class BoilerplateMatcher:
    """All boilerplate phrase lists in one lookup: which list (if any) names a line."""

    def __init__(self, lexicons: Lexicons, names: tuple[str, ...] = BOILERPLATE_LISTS):
        self.lines: dict[str, str] = {}
        phrase_list: dict[str, str] = {}
        self.patterns: list[tuple[str, re.Pattern]] = []
        for name in names:
            plist = lexicons[name]
            for line in plist.lines:
                self.lines.setdefault(line, name)
            for phrase in plist.phrases:
                phrase_list.setdefault(phrase, name)
            if plist.patterns:
                self.patterns.append((name, re.compile("|".join(f"(?:{p})" for p in plist.patterns), re.I)))
        self.phrase_list = phrase_list
        self.phrases = phrase_index(list(phrase_list))

    def __call__(self, line: str, normalized: str | None = None, words: int | None = None) -> str | None:
        norm = normalize(line) if normalized is None else normalized
        name = self.lines.get(norm)
        if name is not None:
            return name
        if len(line) <= _MAX_PATTERN_LINE_CHARS:
            for name, pattern in self.patterns:
                if pattern.fullmatch(line):
                    return name
        if self.phrases and (word_count(line) if words is None else words) <= _MAX_PHRASE_LINE_WORDS:
            phrase = find_phrase(self.phrases, norm)
            if phrase is not None:
                return self.phrase_list[phrase]
        return None


_MATCHERS: WeakKeyDictionary[Lexicons, BoilerplateMatcher] = WeakKeyDictionary()


def boilerplate_matcher(lexicons: Lexicons) -> BoilerplateMatcher:
    """The matcher for ``lexicons``, built once per lexicon set."""
    matcher = _MATCHERS.get(lexicons)
    if matcher is None:
        matcher = _MATCHERS[lexicons] = BoilerplateMatcher(lexicons)
    return matcher


def find_article(doc: TextDoc, language: str | None = None, use_model: bool = True) -> list[LineInfo]:
    """Remove (as ``generic.boilerplate``) every live line judged boilerplate.

    The hand-set classifier (:mod:`.classify`) judges every line; the learned line model
    (:mod:`.model`), when shipped and ``use_model``, makes the final call from those
    judgements and the lines' shapes. Lines named by a boilerplate phrase list always go.
    ``language`` is detected from the document when not given. Returns the line
    classes, in the order of the document's non-blank lines, for inspection.
    """
    order = [i for i, line in enumerate(doc.lines) if line.strip()]
    texts = [doc.lines[i].strip() for i in order]
    if language is None:
        language = detect_language(texts)
    alive = set(doc.alive())
    fixed = {k: BAD for k, i in enumerate(order) if i not in alive and i != doc.title_line}
    normalized = [doc.normalized[i] for i in order]
    infos = classify(texts, stopwords(language), fixed=fixed, phrase_hit=boilerplate_matcher(doc.lexicons),
                     normalized=normalized)
    model = load_model() if use_model else None
    if model is None:
        for k, i in enumerate(order):
            if i in alive and infos[k].final == BAD:
                doc.remove(i, RULE, infos[k].reason)
        return infos
    probabilities = model.probabilities(line_features(infos))
    kept_before = False  # the previous line is a kept article paragraph
    for k, i in enumerate(order):
        info = infos[k]
        if i not in alive:
            kept_before = False
            continue
        if info.first == BAD and info.reason.startswith("phrase list"):
            doc.remove(i, RULE, info.reason)  # a listed phrase is boilerplate whatever the model says
            kept_before = False
        elif probabilities[k] < model.threshold and not (kept_before and closing_sentence(info)):
            detail = f"line model {probabilities[k]:.2f} < {model.threshold}; rules: {info.reason}"
            doc.remove(i, RULE, detail)
            kept_before = False
        else:
            kept_before = info.first in (GOOD, NEARGOOD)
    return infos


def closing_sentence(info: LineInfo) -> bool:
    """A short full sentence ("It was 130."): right after a paragraph it ends the paragraph's thought."""
    return info.first == SHORT and info.terminal and info.words >= 3 and is_sentence(info.text)
