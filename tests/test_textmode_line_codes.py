"""The classes as codes (``LineCodes``, from apply_context and classify_with_codes) say what the
lines' attributes say, and line_features gives the same features from them as from the lines."""

import copy

from hypothesis import given, settings

from cleaner.textmode.classify import (
    BAD,
    CLASS_CODE,
    GOOD,
    NEARGOOD,
    SHORT,
    LineCodes,
    apply_context,
    classify,
    classify_with_codes,
)
from cleaner.textmode.features import line_features
from cleaner.textmode.language import stopwords

from .test_textmode_context import _DOCUMENT, _PARAMS, OTHER

PROSE = ("The council said on Monday that the new bridge would open in the spring, after "
         "two years of work and a long debate about its cost to the town.")


def _code(cls):
    return CLASS_CODE.get(cls, "x")


def _matches(infos, codes: LineCodes) -> None:
    assert codes.first == "".join(_code(info.first) for info in infos)
    assert codes.final == "".join(_code(info.final) for info in infos)
    assert codes.in_run == bytes(info.in_run for info in infos)


@settings(max_examples=1500, deadline=None)
@given(_DOCUMENT, _PARAMS)
def test_codes_are_the_lines_classes_and_give_the_same_features(lines, params):
    infos = copy.deepcopy(lines)
    codes = apply_context(infos, [info.text for info in infos], params)
    _matches(infos, codes)
    assert line_features(infos, line_codes=codes).tolist() == line_features(infos).tolist()


def test_classify_with_codes_on_a_page():
    en = stopwords("en")
    lines = ["Home", "News", "Sport", "Bridge to open in spring", PROSE, "It was 130.", PROSE + " Again.",
             "Share this", "Read more", "© 2024 Town Paper", "Newsletter", "Subscribe now"]
    for fixed in (None, {1: BAD, 7: BAD}, {2: OTHER, 5: GOOD}):
        infos, codes = classify_with_codes(lines, en, fixed=fixed)
        _matches(infos, codes)
        assert [(i.first, i.final, i.in_run, i.reason) for i in infos] == \
            [(i.first, i.final, i.in_run, i.reason) for i in classify(lines, en, fixed=fixed)]
        features = line_features(infos, line_codes=codes)
        assert features.tolist() == line_features(infos).tolist()
    # an OTHER class is no class of the features' own; it is coded "x"
    infos, codes = classify_with_codes(lines, en, fixed={2: OTHER})
    assert codes.first[2] == codes.final[2] == "x"


def test_codes_without_good_lines_and_without_lines():
    # no good line: the near-good ones count as good, in the codes too
    short_prose = "It rained all day, and the match was put off until the next week."
    lines = ["Menu", short_prose, "Login", short_prose + " Really."]
    infos, codes = classify_with_codes(lines, stopwords("en"))
    assert NEARGOOD not in [info.first for info in infos] and GOOD in [info.first for info in infos]
    _matches(infos, codes)
    assert SHORT in [info.first for info in infos]
    assert line_features(infos, line_codes=codes).tolist() == line_features(infos).tolist()
    assert classify_with_codes([], stopwords("en"))[1] == LineCodes("", "", b"")
