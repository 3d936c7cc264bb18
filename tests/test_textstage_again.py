"""The detectors' second run (after the article finder) runs only those that repeat, with the same records."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import textstage
from cleaner.detectors import DETECTORS
from cleaner.textstage import clean_lines

from .test_detectors_equivalence import _PROSE, _SHORT, _records
from .test_textmode_pipeline import DUMP


def _all_detectors_again(doc, detectors=DETECTORS, max_rounds=4, again=False):
    """run_detectors as if ``again`` were never given: every detector in the first round."""
    return _run_detectors(doc, detectors, max_rounds)


_run_detectors = textstage.run_detectors


def _both(lines, lexicons):
    ours = clean_lines(lines, lexicons, find_article=True)
    textstage.run_detectors = _all_detectors_again
    try:
        reference = clean_lines(lines, lexicons, find_article=True)
    finally:
        textstage.run_detectors = _run_detectors
    return ours, reference


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PROSE + _SHORT + ["Share on Facebook", "Subscribe now", "Sign in"]),
                min_size=10, max_size=40))
@example(DUMP.split("\n"))
@example(DUMP.split("\n") + DUMP.split("\n")[6:12])
def test_second_run_gives_the_records_of_running_every_detector(cleaner, lines):
    ours, reference = _both(lines, cleaner.lexicons)
    assert _records(ours) == _records(reference)


def test_second_run_happens_and_removes(cleaner):
    # the article finder removes lines on this dump, so the detectors run again after it
    ours, reference = _both(DUMP.split("\n"), cleaner.lexicons)
    assert any(r.rule == "generic.boilerplate" for r in ours.removals)
    assert _records(ours) == _records(reference)
