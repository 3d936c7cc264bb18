"""The article finder's edges: which documents it looks at, and the lines around kept prose."""

from cleaner.lexicon import Lexicons
from cleaner.rules import bundled_rules_dir
from cleaner.textdoc import TextDoc
from cleaner.textmode.article import MIN_DUMP_LINES, RULE, closes_article, find_article, looks_like_dump
from cleaner.textmode.classify import NEARGOOD, SHORT, LineInfo, describe
from cleaner.textmode.language import stopwords

LEXICONS = Lexicons.from_dirs([bundled_rules_dir() / "generic"])
P1 = ("The council said on Tuesday that the new bridge over the river would open in the spring, and "
      "that the work on the roads around it would take a little longer than they had planned.")
P2 = ("Residents who have waited for years told the meeting that they were glad it was finally "
      "happening, but many asked what the town would do about the traffic in the meantime.")
MENU = ["Home", "News", "Sport", "Weather", "Sign in"]
FOOTER = ["Imprint", "Privacy policy", "Terms of use", "Contact us"]


def run(lines):
    doc = TextDoc(lines=list(lines), lexicons=LEXICONS)
    find_article(doc)
    return [line for line, rule in zip(doc.lines, doc.removed_by, strict=True) if rule is None], doc


def test_menus_and_footer_go_article_stays():
    kept, doc = run(MENU + [P1, P2] + FOOTER)
    assert kept == [P1, P2]
    assert {r.rule for r in doc.removals} == {RULE} and all(r.detail for r in doc.removals)


def test_heading_right_before_the_article_stays():
    kept, _ = run(MENU + ["New bridge opens in spring", P1, P2] + FOOTER)
    assert kept[0] == "New bridge opens in spring"


def test_closing_sentence_and_author_line_stay_after_the_article():
    trailer = "Write to Jane Doe at jane.doe@example.com and John Roe at john.roe@example.com"
    kept, _ = run(MENU + [P1, P2, "It was 130.", trailer] + FOOTER)
    assert kept[-2:] == ["It was 130.", trailer]


def test_short_label_after_the_article_is_not_a_closing_line():
    info = LineInfo("More from the city", 4, 0.25, False, True, SHORT)
    assert not closes_article(info)
    assert closes_article(LineInfo("It was 130.", 3, 0.33, True, False, SHORT))
    assert closes_article(LineInfo("Write to the authors at ...", 6, 0.4, False, False, NEARGOOD))


def test_short_texts_and_texts_in_paragraphs_are_left_to_the_detectors():
    short = MENU[:2] + [P1]
    assert len(short) < MIN_DUMP_LINES and run(short)[0] == short
    in_paragraphs = []
    for line in MENU + [P1, P2] + FOOTER:
        in_paragraphs += [line, ""]
    assert not looks_like_dump(in_paragraphs)
    assert [line for line in run(in_paragraphs)[0] if line] == MENU + [P1, P2] + FOOTER
    assert looks_like_dump(MENU + [P1])


def test_an_address_counts_as_one_word():
    words, density = describe("Write to Jane Doe at jane.doe@example.com", stopwords("en"))
    assert words == 6 and density > 0.3
