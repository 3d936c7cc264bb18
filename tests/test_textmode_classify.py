"""The hand-set line classes: first class, context smoothing, densest run of prose."""

from cleaner.textmode.classify import BAD, GOOD, NEARGOOD, SHORT, LineInfo, Params, classify, main_run
from cleaner.textmode.language import stopwords

EN = stopwords("en")
PROSE = ("The council said on Tuesday that the new bridge would open in the spring, and that the "
         "work on the roads around it was going to take a little longer than they had planned.")
PROSE2 = ("Residents who have waited for years told the meeting that they were glad it was finally "
          "happening, but many of them asked what the town would do about the traffic in the meantime.")


def finals(lines, **kw):
    return [info.final for info in classify(lines, EN, **kw)]


def firsts(lines, **kw):
    return [info.first for info in classify(lines, EN, **kw)]


def test_long_prose_is_good_and_labels_are_short():
    assert firsts([PROSE, "Home"]) == [GOOD, SHORT]


def test_long_line_without_stopwords_is_bad():
    keywords = "Bridge Opening Spring Roads Traffic Council Residents Meeting Town Planning Works Map"
    assert firsts([keywords * 2]) == [BAD]


def test_terse_sentence_is_near_good_but_a_keyword_line_is_not():
    terse = "Lots of media see Yellow Vests protesters as criminals causing destruction."
    keywords = "Yellow Vests protesters media criminals destruction Paris Lyon Marseille Bordeaux"
    assert firsts([PROSE, terse, keywords]) == [GOOD, NEARGOOD, BAD]


def test_near_good_counts_as_good_when_nothing_is_better():
    terse = "Lots of media see Yellow Vests protesters as criminals causing destruction."
    assert firsts([terse]) == [GOOD]


def test_short_line_between_paragraphs_is_kept_as_a_subheading():
    assert finals([PROSE, "A welcome sign", PROSE2]) == [GOOD, GOOD, GOOD]


def test_short_lines_between_menus_are_dropped():
    lines = ["Home", "News", "Sport", "Weather", "Contact"]
    assert set(finals(lines)) == {BAD}


def test_phrase_list_hit_is_bad_even_inside_the_article():
    def hit(line, normalized=None, words=None):
        return "cookie" if "cookies" in line else None

    lines = [PROSE, "This site uses cookies to improve your experience.", PROSE2]
    infos = classify(lines, EN, phrase_hit=hit)
    assert infos[1].final == BAD and infos[1].reason == "phrase list: cookie"
    assert infos[0].final == infos[2].final == GOOD


def test_copyright_line_is_bad():
    assert finals([PROSE, "© 2024 Example Media Group. All rights reserved."])[1] == BAD


def test_fixed_lines_keep_their_class():
    infos = classify([PROSE, PROSE2], EN, fixed={1: BAD})
    assert infos[1].first == BAD and infos[1].reason == "fixed"


def test_without_stoplist_sentences_still_count_as_prose():
    label = "A long menu label without any sentence end that goes on and on and on and on"
    assert [i.first for i in classify([PROSE, label], frozenset())] == [GOOD, BAD]


def test_densest_run_leaves_a_teaser_block_out():
    teaser = "Another story: the mayor visited the school on Monday and talked to the pupils there."
    lines = ["Menu", PROSE, PROSE2, "Related", "Teaser headline one", teaser[:90], "Teaser headline two",
             "Teaser headline three", "Teaser headline four"]
    infos = classify(lines, EN)
    assert main_run(infos, Params()) == (1, 2)
    assert [i.final for i in infos[3:]] == [BAD] * 6
    assert all(not i.in_run for i in infos[3:]) and infos[1].in_run


def test_main_run_is_none_without_prose():
    infos = [LineInfo("Home", 1, 0.0, False, True, SHORT)]
    assert main_run(infos, Params()) is None


def test_without_stoplist_length_is_counted_in_characters():
    japanese = ("親に虐待された子どもを児童相談所が守ることができなくて、"
                "子どもが亡くなる事件が続いています。") * 2
    infos = classify([japanese, japanese * 2, "災害"], frozenset())
    assert [i.first for i in infos] == [NEARGOOD, GOOD, SHORT]
