"""Language detection per document and the stopword lists behind stopword density."""

import random
import threading
from collections import Counter

import numpy as np
import py3langid
from py3langid.langid import _get_identifier, visit_counts

from cleaner.textmode.language import _langid, detect_language, language_sample, stopwords

GERMAN = ["Startseite", "Suche",
          "Die Bundesregierung hat am Mittwoch beschlossen, dass die Maßnahmen bis zum Ende des Monats "
          "verlängert werden, weil die Zahl der Neuinfektionen wieder gestiegen ist."]
ENGLISH = ["Home", "Menu",
           "The government decided on Wednesday that the measures will be extended until the end of the "
           "month, because the number of new infections has risen again."]
FRENCH = ["Accueil",
          "Le gouvernement a décidé mercredi que les mesures seront prolongées jusqu'à la fin du mois, "
          "parce que le nombre de nouvelles infections a de nouveau augmenté."]


def test_detects_the_language_of_the_prose():
    assert detect_language(GERMAN) == "de"
    assert detect_language(ENGLISH) == "en"
    assert detect_language(FRENCH) == "fr"


def test_english_menu_labels_do_not_outvote_german_prose():
    lines = ["Home", "News", "Login", "Sign up", "Contact us", "About"] + GERMAN
    assert detect_language(lines) == "de"


def test_too_little_text_gives_no_language():
    assert detect_language(["Home", "Menu"]) is None
    assert detect_language([]) is None


def test_sample_prefers_long_lines():
    sample = language_sample(["short", "a much longer line of text", "mid line"], limit=10)
    assert sample == "a much longer line of text"


def test_stopwords_for_known_and_unknown_languages():
    assert {"der", "die", "und"} <= stopwords("de")
    assert {"the", "and", "of"} <= stopwords("en")
    assert "und" not in stopwords("en")
    assert stopwords("xx") == frozenset() and stopwords(None) == frozenset()


# --- the vectorised py3langid (same answers as py3langid, without its per-byte loop) ---


CHINESE = ["首页",
           "中华人民共和国国务院总理今天在北京会见了来访的外国代表团，双方就经贸合作等问题深入交换了意见。"]
JAPANESE = ["ホーム",
            "日本政府は今日、新しい経済対策を発表しました。首相は記者会見で、物価高への対応を強調しました。"]
THAI = ["หน้าแรก", "รัฐบาลไทยประกาศมาตรการใหม่เพื่อกระตุ้นเศรษฐกิจ โดยนายกรัฐมนตรีกล่าวในการแถลงข่าววันนี้"]
RUSSIAN = ["Главная", "Правительство в среду решило продлить меры до конца месяца, так как число новых "
           "заражений снова выросло."]

# Letters of several scripts (1 to 4 UTF-8 bytes), digits, punctuation, blanks and newlines.
_ALPHABET = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ äöüßéèçñøåłśż 0123456789 .,;:!?-'\"()"
             "\n\n абвгдежзийклмнопрстуфхцчшщыэюя αβγδεζηθ שלום مرحبا नमस्ते ไทย"
             " 中文日本語한국어 ひらがなカタカナ 😀🎉\t")


def _texts(seed: int, count: int) -> list[str]:
    """Random texts, plus sentences in a dozen languages cut at random places."""
    rng = random.Random(seed)
    prose = [" ".join(lines) for lines in (GERMAN, ENGLISH, FRENCH, CHINESE, JAPANESE, THAI, RUSSIAN)]
    texts = []
    for _ in range(count):
        if rng.random() < 0.5:
            texts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 300))))
        else:
            text = rng.choice(prose)
            start = rng.randrange(len(text))
            texts.append(text[start:start + rng.randrange(1, 400)])
    return texts + ["", " ", "\n", "ALL CAPS HEADLINE ABOUT THE ECONOMY", "a\ud800b lone surrogate",
                    "😀" * 50]


def test_texts_in_languages_without_a_stoplist_get_no_stopwords():
    for lines, code in ((CHINESE, "zh"), (JAPANESE, "ja"), (THAI, "th")):
        assert detect_language(lines) == code
        assert stopwords(code) == frozenset()


def test_russian_gets_the_russian_stoplist():
    assert detect_language(RUSSIAN) == "ru"
    assert {"и", "в", "не"} <= stopwords("ru")


def test_same_language_as_py3langid():
    langid = _langid()
    for text in _texts(1, 400):
        assert langid.classify(text) == py3langid.classify(text)[0], repr(text)


def test_same_scores_as_py3langid_bit_for_bit():
    langid, reference = _langid(), _get_identifier()
    for text in _texts(2, 200):
        assert np.array_equal(langid.scores(text), reference._decide(text)), repr(text)


def _walk(langid, text: str) -> Counter:
    """py3langid's own byte walk: feature -> count, in order of first occurrence."""
    reference = _get_identifier()
    data = langid.encode(text)
    return visit_counts(reference.tk_nextmove, reference._rowbase, reference.tk_output, data) or Counter()


def _ours(langid, text: str) -> list[tuple[int, int]]:
    found = langid.features(langid.encode(text))
    if not len(found):
        return []
    features, counts = langid.counts(found)
    return list(zip(features.tolist(), counts.tolist(), strict=True))


def test_feature_counts_match_py3langid_walk_in_order():
    langid = _langid()
    for text in _texts(3, 400):
        assert _ours(langid, text) == list(_walk(langid, text).items()), repr(text)


def test_a_window_one_byte_short_would_miss_features(monkeypatch):
    # The texts above do reach the deepest states: the comparison would catch a short window.
    langid = _langid()
    monkeypatch.setattr(langid, "window", langid.window - 1)
    assert any(_ours(langid, text) != list(_walk(langid, text).items()) for text in _texts(3, 400))


def test_counts_leave_the_scratch_clean_and_work_across_threads():
    langid = _langid()
    texts = _texts(4, 60)
    expected = [py3langid.classify(text)[0] for text in texts]
    results: dict[int, list[str]] = {}

    def run(k: int) -> None:
        results[k] = [langid.classify(text) for text in texts]

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results[k] == expected for k in range(4))
    assert (langid._local.first == np.iinfo(np.intp).max).all()


def test_automaton_state_depends_only_on_the_last_window_bytes():
    """The claim the vectorised walk rests on, checked for every state and byte of the installed model.

    Label each state with the bytes that lead to it along depth-increasing edges. If the
    labels are distinct, prefix-closed, no longer than ``window``, and every transition
    goes to the longest suffix of ``label + byte`` that is a label (Aho-Corasick), then the
    state after any text is the longest suffix of the text that is a label: a function of
    its last ``window`` bytes.
    """
    langid = _langid()
    table = langid.nextmove.reshape(-1, 256)[langid.rows]  # state x byte -> state
    size = len(table)
    depth = np.full(size, -1, dtype=np.int64)
    label = np.zeros(size, dtype=np.int64)  # big-endian bytes, at most 7
    depth[0] = 0
    for level in range(1, langid.window + 2):
        parents = np.flatnonzero(depth == level - 1)
        targets = table[parents]
        unseen = depth[targets] < 0
        rows, byte = np.nonzero(unseen)
        states = targets[rows, byte]
        depth[states] = level
        label[states] = (label[parents[rows]] << 8) | byte
        # every edge into a new state agrees on its label
        assert np.array_equal(label[states], (label[parents[rows]] << 8) | byte)
    assert (depth >= 0).all() and depth.max() == langid.window
    code = (depth << 56) | label
    order = np.argsort(code)
    codes = code[order]
    assert (np.diff(codes) > 0).all()  # distinct labels

    def lookup(keys: np.ndarray) -> np.ndarray:
        at = np.minimum(np.searchsorted(codes, keys), size - 1)
        return np.where(codes[at] == keys, order[at], -1)

    assert (lookup(((depth[1:] - 1) << 56) | (label[1:] >> 8)) >= 0).all()  # prefix-closed
    byte = np.arange(256, dtype=np.int64)
    for start in range(0, size, 8192):
        states = np.arange(start, min(size, start + 8192))
        length = depth[states][:, None] + 1
        text = (label[states][:, None] << 8) | byte
        want = np.full(text.shape, -1, dtype=np.int64)
        for k in range(langid.window, -1, -1):
            found = lookup((np.int64(k) << 56) | (text & ((1 << (8 * k)) - 1)))
            want = np.where((want < 0) & (length >= k) & (found >= 0), found, want)
        assert np.array_equal(want, table[states])
