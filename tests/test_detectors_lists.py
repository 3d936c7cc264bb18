"""The boilerplate lists' own detectors (generic.newsletter ... generic.dates): what each must
remove and what it must keep. They run where text mode's article finder does not: on the
text an HTML page's extraction gives, and on short or paragraphed texts."""

import pytest

from cleaner import Cleaner
from cleaner.detectors import RULE_IDS
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
    got = removed(lexicons, [PROSE[0], line, PROSE[1], PROSE[2]])
    assert got == {line: rule}


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
    lines = ["Donnerstag, 03. Februar 2022", PROSE[0], "Freitag, 04. Februar 2022", PROSE[1], PROSE[2]]
    got = removed(lexicons, lines)
    assert "Freitag, 04. Februar 2022" not in got
    assert got["Donnerstag, 03. Februar 2022"] in ("generic.dates", "generic.widget")


def test_a_credit_pattern_needs_the_agency_as_a_word(lexicons):
    # "X / AP" is a credit; a path or an address with "/ap..." in it is not
    hit = lexicons["credits"].hit
    assert hit("Photo: John Smith / AP", "photo: john smith / ap")
    path = "C:/Users/Benutzername/AppData/Local/Google/Chrome/User Data"
    assert not hit(path, path.casefold())
    assert not hit("Abonnieren Sie jetzt: https://apolut.net/newsletter", "abonnieren sie jetzt: https://apolut.net/newsletter")


def test_text_mode_leaves_them_to_the_article_finder():
    # In a dump the article finder removes every line a list names (generic.boilerplate,
    # "phrase list: ..."), so the lists' detectors do not run there a second time.
    dump = "\n".join(["Example Times", "Home", "News", "Sport", PROSE[0], PROSE[1], "Lesen Sie auch:",
                      PROSE[2], PROSE[0].replace("budget", "plan"), "Imprint", "Privacy policy"])
    result = Cleaner().clean(dump, kind="text")
    rules = {r.rule for r in result.removals}
    assert not rules & {f"generic.{name}" for name in LISTS}
    assert any(r.detail == "phrase list: related" for r in result.removals)


def test_disable_switches_one_list_off():
    html = ("<html><body><article><h1>Budget approved</h1>" + "".join(f"<p>{p}</p>" for p in PROSE[:2])
            + "<p>Anzeige</p>" + f"<p>{PROSE[2]}</p></article></body></html>")
    on = Cleaner().clean(html, kind="html")
    off = Cleaner(disabled=["generic.ads"]).clean(html, kind="html")
    assert "Anzeige" not in on.text.split("\n") and any(r.rule == "generic.ads" for r in on.removals)
    assert "Anzeige" in off.text.split("\n")
