"""The boilerplate lists' own detectors (generic.newsletter ... generic.dates): what each must
remove and what it must keep. They run in HTML mode, on the text the extraction gives; in
text mode the article finder removes the lines these lists name."""

import pytest

from cleaner import Cleaner
from cleaner.detectors import RULE_IDS
from cleaner.lexicon import normalize
from cleaner.textstage import clean_lines

PROSE = [
    "The council met on Tuesday evening and approved the budget for the coming year after a long debate.",
    "Several members said the plan was the best compromise available, though others disagreed openly.",
    "The vote was close, and the mayor thanked everyone who had taken part in the public hearings.",
]
LISTS = ["newsletter", "related", "comments", "ads", "footer", "credits", "dates"]


@pytest.fixture(scope="module")
def lexicons(cleaner):
    return cleaner.lexicons


def removed(lexicons, lines):
    doc = clean_lines(lines, lexicons)
    return {doc.lines[r.line]: r.rule for r in doc.removals if r.line is not None}


def test_each_list_has_a_rule_id():
    assert {f"generic.{name}" for name in LISTS} <= set(RULE_IDS)


@pytest.mark.parametrize("line, rule", [
    ("Lesen Sie auch:", "generic.related"),
    ("À lire aussi", "generic.related"),
    ("Anzeige", "generic.ads"),
    ("Foto: dpa", "generic.credits"),
    ("Advertisement", "generic.ads"),
])
def test_a_listed_label_goes_inside_the_article_too(lexicons, line, rule):
    teaser = "Storm closes the coast road"  # (no paragraph: the label heads nothing)
    got = removed(lexicons, [PROSE[0], line, teaser, PROSE[1], PROSE[2]])
    assert got == {line: rule}


@pytest.mark.parametrize("heading", ["Kontakt", "FAQ", "Presse", "Latest"])
def test_a_listed_line_right_before_a_paragraph_is_its_subheading(lexicons, heading):
    assert removed(lexicons, [PROSE[0], heading, PROSE[1], PROSE[2]]) == {}


@pytest.mark.parametrize("line, rule", [("Anzeige", "generic.ads"), ("Advertisement", "generic.ads"),
                                        ("Foto: dpa", "generic.credits")])
def test_an_ad_label_or_a_credit_before_a_paragraph_still_goes(lexicons, line, rule):
    # (no subheading reads like one: an ad slot's label between two paragraphs)
    assert removed(lexicons, [PROSE[0], line, PROSE[1], PROSE[2]]) == {line: rule}


def test_a_related_box_at_the_bottom_takes_its_teasers(lexicons):
    lines = [*PROSE, "Read more", "Storm closes the coast road", "New school opens in May"]
    assert removed(lexicons, lines) == {
        "Read more": "generic.related",
        "Storm closes the coast road": "generic.related",
        "New school opens in May": "generic.related",
    }


def test_a_picture_credit_does_not_take_the_lines_next_to_it(lexicons):
    lines = [*PROSE, "Foto: dpa", "Lob der Melancholie", "Matthes & Seitz 2019"]
    assert removed(lexicons, lines) == {"Foto: dpa": "generic.credits"}


def test_a_sentence_that_names_a_listed_phrase_inside_the_article_stays(lexicons):
    # a page about a privacy policy: "privacy policy" is a footer phrase, but this is the article
    sentence = "If there are any questions regarding this privacy policy, you may contact us."
    assert removed(lexicons, [PROSE[0], sentence, PROSE[1], PROSE[2]]) == {}


def test_a_date_goes_at_the_edges_only(lexicons):
    # inside the article a date is often content: a programme's days, an event's time
    lines = ["Updated June 13, 2019", PROSE[0], "Updated June 14, 2019", "Storm closes the coast road",
             PROSE[1], PROSE[2]]
    assert removed(lexicons, lines) == {"Updated June 13, 2019": "generic.dates"}


@pytest.mark.parametrize("line", ["Photo: John Smith / AP", "Jane Doe / iStockphoto", "Hans Punz / APA",
                                  "Foto: Max Mustermann / dpa-infocom", "Jane Doe / Shutterstock.com"])
def test_a_credit_names_its_agency(lexicons, line):
    assert lexicons["credits"].hit(line, normalize(line))


@pytest.mark.parametrize("line", ["C:/Users/Benutzername/AppData/Local/Google/Chrome/User Data",
                                  "Abonnieren Sie jetzt: https://apolut.net/newsletter", "2022 / Apr"])
def test_a_path_or_an_address_with_ap_in_it_is_no_credit(lexicons, line):
    assert not lexicons["credits"].hit(line, normalize(line))


def test_text_mode_leaves_them_to_the_article_finder():
    # In a dump the article finder removes every line a list names (generic.boilerplate,
    # "phrase list: ..."), so the lists' detectors do not run there a second time.
    dump = "\n".join(["Example Times", "Home", "News", "Sport", PROSE[0], PROSE[1], "Lesen Sie auch:",
                      PROSE[2], PROSE[0].replace("budget", "plan"), "Imprint", "Privacy policy"])
    result = Cleaner().clean(dump, kind="text")
    rules = {r.rule for r in result.removals}
    assert not rules & {f"generic.{name}" for name in LISTS}
    assert any(r.detail == "phrase list: related" for r in result.removals)


def test_clean_lines_in_text_mode_leaves_them_out_too(lexicons):
    lines = ["Example Times", "Home", *PROSE, "Lesen Sie auch:", "Storm closes the coast road", *PROSE[:2],
             PROSE[0].replace("budget", "plan"), PROSE[1].replace("plan", "deal"), "Impressum", "Kontakt"]
    doc = clean_lines(lines, lexicons, find_article=True)
    assert not {r.rule for r in doc.removals} & {f"generic.{name}" for name in LISTS}


def test_disable_switches_one_list_off():
    html = ("<html><body><article><h1>Budget approved</h1>" + "".join(f"<p>{p}</p>" for p in PROSE)
            + "<p>Anzeige</p></article></body></html>")
    on = Cleaner().clean(html, kind="html")
    off = Cleaner(disabled=["generic.ads"]).clean(html, kind="html")
    assert "Anzeige" not in on.text.split("\n") and any(r.rule == "generic.ads" for r in on.removals)
    assert "Anzeige" in off.text.split("\n")
