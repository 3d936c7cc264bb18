"""line_features with the lines' texts and reasons given by the caller (as the article finder does)."""

from cleaner.textmode.features import line_features

from .test_textmode_features_vectorized import made_up_document


def test_given_texts_and_reasons_give_the_same_features():
    infos = made_up_document()
    given = line_features(infos, [x.text for x in infos], [x.reason for x in infos])
    assert given.tolist() == line_features(infos).tolist()
    # (not read from the infos when given)
    swapped = line_features(infos, [x.text for x in infos][::-1], [x.reason for x in infos])
    assert swapped.tolist() != line_features(infos).tolist()
