"""Language of a text dump and the stopwords of that language.

The language is detected once per document with py3langid on a sample of the
document's longest lines (menus and buttons are short and often in English even on
pages in other languages). Stopword lists come from jusText, which keeps lists for
about a hundred languages.
"""

from __future__ import annotations

from functools import cache

import justext
import py3langid

# Enough text for a confident guess; more only costs time.
_SAMPLE_CHARS = 600
_MIN_SAMPLE_CHARS = 40

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
    picked: list[str] = []
    size = 0
    for line in sorted(lines, key=len, reverse=True):
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
    code, _score = py3langid.classify(sample)
    return code


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
