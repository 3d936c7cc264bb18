"""Language of a text dump and the stopwords of that language.

The language is detected once per document with py3langid's model on a sample of the
document's longest lines (menus and buttons are short and often in English even on
pages in other languages). Stopword lists come from jusText, which keeps lists for
about a hundred languages.

py3langid's ``classify`` walks the sample byte by byte in a Python loop, which was most
of the cost of detection; ``_Langid`` gives the same answer with array operations.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache

import justext
import numpy as np
from py3langid.langid import MODEL_FILE, RAW_FLOOR, LanguageIdentifier

# Enough text for a confident guess; more only costs time.
_SAMPLE_CHARS = 600
_MIN_SAMPLE_CHARS = 40
# Lines this long are sorted first when choosing the sample (see language_sample).
_LONG_LINE = 80
# _Langid.counts's mark of a feature not seen yet (np.iinfo builds an object on every call)
_UNSEEN = int(np.iinfo(np.intp).max)

# ISO 639-1 code (as py3langid reports it) -> jusText stoplist name.
_STOPLIST_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ka": "Georgian", "ko": "Korean", "la": "Latin",
    "lb": "Luxembourgish", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ms": "Malay", "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "tr": "Turkish", "uk": "Ukrainian",
    "vi": "Vietnamese",
}


def language_sample(lines: list[str], limit: int = _SAMPLE_CHARS) -> str:
    """The longest lines, up to ``limit`` characters: where a page's own language is."""
    # Sorted by length, the lines of _LONG_LINE characters or more come first: when they
    # make ``limit`` characters the sample is made of them alone, and only they are sorted.
    candidates = [line for line in lines if len(line) >= _LONG_LINE]
    if sum(map(len, candidates)) + len(candidates) < limit:
        candidates = lines
    picked: list[str] = []
    size = 0
    for line in sorted(candidates, key=len, reverse=True):
        if size >= limit or not line:
            break
        picked.append(line)
        size += len(line) + 1
    return "\n".join(picked)


def detect_language(lines: list[str]) -> str | None:
    """ISO 639-1 code of the document's language, or None when there is too little text."""
    sample = language_sample(lines)
    if len(sample) < _MIN_SAMPLE_CHARS:
        return None
    return _langid().classify(sample)


@cache
def stopwords(language: str | None) -> frozenset[str]:
    """Case-folded stopwords of ``language``; empty when jusText has no list for it."""
    name = _STOPLIST_NAMES.get(language or "")
    if name is None:
        return frozenset()
    try:
        return frozenset(word.casefold() for word in justext.get_stoplist(name))
    except ValueError:
        return frozenset()


class _Langid:
    """py3langid's ``classify`` (default model, raw scores) without its per-byte Python loop.

    py3langid runs the text's UTF-8 bytes through an Aho-Corasick automaton over the
    model's byte n-grams and counts the feature of every state it passes. The state
    after a byte is the longest suffix of the text so far that the automaton knows, and
    no state is deeper than ``window`` bytes (the longest n-gram), so the state after
    byte ``i`` is the state reached from the start state on bytes ``i - window + 1 .. i``
    alone. Here every position takes those ``window`` steps at once, as array lookups.
    The counts are then scored exactly as py3langid scores them (same features in the
    same order, same float32 arithmetic), so the scores, and the language, are the same.
    tests/test_textmode_language.py checks the automaton claim for every state and byte
    of the installed model, and the results against py3langid's own.
    """

    def __init__(self) -> None:
        model = LanguageIdentifier.from_model_file(MODEL_FILE)
        nextmove, rows = model.tk_nextmove, model.tk_row  # array.array: distinct rows, state -> row
        self.nextmove = np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}")
        self.rows = np.frombuffer(rows, dtype=f"u{rows.itemsize}").astype(np.intp)
        self.rowbase = self.rows << 8  # state -> offset of its row in nextmove
        self.output = np.asarray(model.tk_output, dtype=np.intp)  # state -> feature, -1 for none
        self.window = self._depth()
        # numpy converts float16 rows to float32 on every product; convert the table once
        # (57 MB instead of 28 MB; py3langid's float16 table is not kept)
        self.ptc = np.asarray(model.nb_ptc, dtype=np.float32)
        self.pc = np.asarray(model.nb_pc, dtype=np.float32)
        self.classes = list(model.nb_classes)
        # a label listed twice (a second script) keeps the better score in its first column
        first: dict[str, int] = {}
        self.aliases: list[tuple[int, int]] = []
        for i, label in enumerate(self.classes):
            if label in first:
                self.aliases.append((first[label], i))
            else:
                first[label] = i
        self._local = threading.local()

    def _depth(self) -> int:
        """How many bytes from the start state the deepest state is (breadth-first)."""
        table = self.nextmove.reshape(-1, 256)
        depth = np.full(len(self.rows), -1, dtype=np.int16)
        depth[0] = 0
        frontier = np.zeros(1, dtype=np.intp)
        level = 0
        while len(frontier):
            level += 1
            for chunk in range(0, len(frontier), 4096):
                reached = table[self.rows[frontier[chunk:chunk + 4096]]].ravel()
                depth[reached[depth[reached] < 0]] = level
            frontier = np.flatnonzero(depth == level)
        return level - 1

    @staticmethod
    def encode(text: str) -> bytes:
        """The bytes py3langid classifies for ``text``."""
        if text.isupper():
            text = text.lower()
        return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")

    def features(self, data: bytes) -> np.ndarray:
        """The feature of every byte position that has one, in text order (py3langid's walk)."""
        # (``take``: a plain gather, cheaper than fancy indexing)
        nextmove, rowbase = self.nextmove, self.rowbase
        text = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        before = np.zeros(len(text), dtype=np.intp)  # state before each byte; position 0 starts at state 0
        state = nextmove.take(rowbase[0] + text)
        for _ in range(self.window - 1):
            before[1:] = state[:-1]
            state = nextmove.take(rowbase.take(before) + text)
        found = self.output.take(state)
        return found[found >= 0]

    def counts(self, found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distinct features in order of first occurrence, and how often each occurs."""
        unseen = _UNSEEN
        first = getattr(self._local, "first", None)
        if first is None:  # scratch, per thread: feature -> first position; unseen between calls
            first = self._local.first = np.full(len(self.ptc), unseen, dtype=np.intp)
        position = np.arange(len(found), dtype=np.intp)
        try:
            np.minimum.at(first, found, position)
            at = first[found]  # the first position of each position's feature
        finally:
            first[found] = unseen
        new = at == position
        return found[new], np.bincount(at, minlength=len(found))[new]

    def scores(self, text: str) -> np.ndarray:
        """py3langid's raw score of every class for ``text`` (a label listed twice: in its first column)."""
        found = self.features(self.encode(text))
        if not len(found):
            return np.full(len(self.classes), RAW_FLOOR, dtype=np.float32)
        features, counts = self.counts(found)
        # (``take`` along the rows: the same rows as ``self.ptc[features]``, gathered cheaper)
        scores = np.log1p(counts.astype(np.float32)) @ self.ptc.take(features, axis=0) + self.pc
        for keep, drop in self.aliases:
            scores[keep] = max(scores[keep], scores[drop])
            scores[drop] = RAW_FLOOR
        return scores

    def classify(self, text: str) -> str:
        """The language py3langid's ``classify`` gives ``text``."""
        return self.classes[int(self.scores(text).argmax())]


@cache
def _langid() -> _Langid:
    return _Langid()
