"""The article finder's edge rules and line preparation against their plain per-line definitions."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.lexicon import Lexicons
from cleaner.rules import bundled_rules_dir
from cleaner.textdoc import TextDoc, is_sentence
from cleaner.textmode.article import _keep_article_edges, boilerplate_matcher, classify_doc, closes_article
from cleaner.textmode.classify import BAD, GOOD, NEARGOOD, SHORT, LineInfo, classify
from cleaner.textmode.language import detect_language, stopwords


def reference_keep_article_edges(infos, verdicts):
    """The rules as first written: one pass from the end for openers, one from the start for closers."""
    def kept_prose(k):
        return verdicts[k] is None and (infos[k].first in (GOOD, NEARGOOD) or is_sentence(infos[k].text))

    for k in range(len(infos) - 2, -1, -1):
        if verdicts[k] and not verdicts[k].startswith("phrase list") and infos[k].heading \
                and infos[k].first == SHORT and kept_prose(k + 1):
            verdicts[k] = None
    after_article = False
    for k, info in enumerate(infos):
        if verdicts[k] is None:
            after_article = info.first in (GOOD, NEARGOOD) or closes_article(info)
        elif verdicts[k] and not verdicts[k].startswith("phrase list") and after_article \
                and closes_article(info):
            verdicts[k] = None
        else:
            after_article = False


# Texts that are sentences or not, headings or not; the flags are drawn apart from them
# so that every combination the rules look at comes up.
_TEXTS = ["Home", "It was 130.", "it was lower.", "Big news today!", "Read more", "Write to us at the desk."]
_LINE = st.builds(
    lambda text, words, terminal, heading, first: LineInfo(text, words, 0.3, terminal, heading, first),
    st.sampled_from(_TEXTS), st.integers(0, 5), st.booleans(), st.booleans(),
    st.sampled_from([GOOD, NEARGOOD, SHORT, SHORT, BAD]),
)
_DOUBTED = "line model 0.12 < 0.4; rules: short line"
_VERDICT = st.sampled_from([None, None, "", "phrase list: cookie", _DOUBTED])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_LINE, _VERDICT), max_size=30))
def test_article_edges_match_the_per_line_definition(lines):
    infos = [info for info, _ in lines]
    expected = [verdict for _, verdict in lines]
    reference_keep_article_edges(infos, expected)
    actual = [verdict for _, verdict in lines]
    _keep_article_edges(infos, actual)
    assert actual == expected


def test_a_chain_of_headings_opens_the_article_and_a_chain_of_sentences_closes_it():
    doubted = "line model 0.10 < 0.4; rules: short line"
    infos = [LineInfo("Menu", 1, 0.0, False, True, SHORT),
             LineInfo("Big news today!", 3, 0.3, True, True, SHORT),
             LineInfo("Read more", 2, 0.0, False, True, SHORT),
             LineInfo("x" * 200, 40, 0.4, True, False, GOOD),
             LineInfo("It was 130.", 3, 0.3, True, False, SHORT),
             LineInfo("It was 131.", 3, 0.3, True, False, SHORT),
             LineInfo("Home", 1, 0.0, False, True, SHORT)]
    verdicts = [doubted, doubted, doubted, None, doubted, "phrase list: dates", doubted]
    _keep_article_edges(infos, verdicts)
    # "Read more" opens the paragraph; the heading above it does not, as "Read more" is no
    # sentence. The closing sentence stays, the listed line after it goes, and so does
    # the label after that.
    assert verdicts == [doubted, doubted, None, None, None, "phrase list: dates", doubted]


LEXICONS = Lexicons.from_dirs([bundled_rules_dir() / "generic"])
PROSE = ("The council said on Tuesday that the new bridge over the river would open in the spring, and "
         "that the work on the roads around it would take a little longer than they had planned.")


def test_classify_doc_fixes_removed_lines_but_not_the_title():
    lines = ["Bridge opens in spring", "", "Home", "News", PROSE, "", "Share this", PROSE, "Contact"]
    doc = TextDoc(lines=list(lines), lexicons=LEXICONS)
    doc.title_line = 0
    doc.remove(3, "test.rule")
    doc.remove(8, "test.rule")
    order = [i for i, line in enumerate(lines) if line.strip()]
    infos = classify_doc(doc, order)
    texts = [lines[i].strip() for i in order]
    # the definition: every line not alive, except the title, is fixed as boilerplate
    alive = set(doc.alive())
    fixed = {k: BAD for k, i in enumerate(order) if i not in alive and i != doc.title_line}
    assert fixed == {2: BAD, 6: BAD}
    expected = classify(texts, stopwords(detect_language(texts)), fixed=fixed,
                        phrase_hit=boilerplate_matcher(LEXICONS))
    assert [(i.first, i.reason) for i in infos if i.reason == "fixed"] == [(BAD, "fixed")] * 2
    assert [(i.first, i.final, i.reason, i.in_run) for i in infos] == \
        [(i.first, i.final, i.reason, i.in_run) for i in expected]
    assert classify_doc(doc, []) == []
