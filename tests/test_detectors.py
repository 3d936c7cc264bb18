"""Each generic detector: what it must remove and what it must keep."""

import pytest

from cleaner.detectors import DETECTORS, RULE_IDS
from cleaner.lexicon import normalize
from cleaner.textstage import clean_lines

PROSE = [
    "The council met on Tuesday evening and approved the budget for the coming year after a long debate.",
    "Several members said the plan was the best compromise available, though others disagreed openly.",
    "The vote was close, and the mayor thanked everyone who had taken part in the public hearings.",
]


@pytest.fixture(scope="module")
def lexicons(cleaner):
    return cleaner.lexicons


def removed(lexicons, lines, title=None):
    doc = clean_lines(lines, lexicons, title=title)
    return {doc.lines[r.line]: r.rule for r in doc.removals if r.line is not None}, doc


def test_rule_ids_are_stable_and_unique():
    assert len(RULE_IDS) == len(set(RULE_IDS))
    assert all(rule.startswith("generic.") for rule in RULE_IDS)
    assert "generic.paywall" in RULE_IDS and "generic.duplicate-headline" in RULE_IDS
    assert all(callable(d.detect) for d in DETECTORS)


def test_icon_font_tokens(lexicons):
    got, _ = removed(lexicons, ["close_game", "arrow_forward_ios", *PROSE, "keyboard_arrow_down"])
    icons = ["close_game", "arrow_forward_ios", "keyboard_arrow_down"]
    assert got == {line: "generic.icon-font" for line in icons}


def test_icon_font_keeps_identifiers_in_prose_and_capitalised_words(lexicons):
    lines = [*PROSE[:2], "Set max_retries in the config file to three.", "Menu_Item", PROSE[2]]
    got, _ = removed(lexicons, lines)
    assert "Set max_retries in the config file to three." not in got
    assert "Menu_Item" not in got


def test_duplicate_headline_with_badges_keeps_first_as_title(lexicons):
    head = "Storm closes the coast road for a second day"
    lines = [head, PROSE[0], f"{head} PREMIUM", PROSE[1], f"EXCLUSIVE: {head}", PROSE[2], head]
    got, doc = removed(lexicons, lines)
    assert doc.title == head and doc.title_line == 0
    assert [i for i in (2, 4, 6) if lines[i] in got] == [2, 4, 6]
    assert set(got.values()) == {"generic.duplicate-headline"}


@pytest.mark.parametrize("label", ["You are here:", "Sie sind hier:", "Vous êtes ici :", "Usted está aquí:",
                                   "Sei qui:", "Você está aqui:", "U bent hier:", "Jesteś tutaj:"])
def test_breadcrumb_lead_in_is_navigation_not_the_headline(lexicons, label):
    # A breadcrumb's lead-in recurs at the top of the page like a headline does.
    head = "Storm closes the coast road for a second day"
    lines = [label, "Home", head, label, "News", head, *PROSE]
    got, doc = removed(lexicons, lines)
    assert doc.title == head
    assert lexicons["navigation"].hit(label, normalize(label))


@pytest.mark.parametrize("trail", ["Sie sind hier: Startseite > Politik", "You are here: Home / News",
                                   "Vous êtes ici : Accueil > Société"])
def test_a_breadcrumb_trail_at_the_top_is_navigation(lexicons, trail):
    got, _ = removed(lexicons, [trail, *PROSE])
    assert got == {trail: "generic.navigation"}


def test_a_repeated_picture_credit_is_not_the_headline(lexicons):
    credit = "Foto: Marco Roepers [CC BY-SA 3.0], via Wikimedia Commons"
    lines = [credit, "Emden harbour at dusk", *PROSE[:2], credit, PROSE[2]]
    _, doc = removed(lexicons, lines)
    assert doc.title is None


def test_duplicate_headline_keeps_lines_that_only_resemble_the_title(lexicons):
    head = "Storm closes the coast road for a second day"
    lines = [head, PROSE[0], "Storm closes the coast road for a second day, police say.", PROSE[1], head]
    got, _ = removed(lexicons, lines)
    assert "Storm closes the coast road for a second day, police say." not in got


def test_duplicate_paragraph_keeps_first_copy_only(lexicons):
    blurb = "Read the latest news from around the world on our homepage every day"
    got, doc = removed(lexicons, [*PROSE, blurb, blurb, blurb])
    assert sum(1 for r in doc.removals if r.rule == "generic.duplicate-paragraph") == 2
    assert doc.removed_by[3] is None


def test_duplicate_paragraph_ignores_short_repeats(lexicons):
    lines = [PROSE[0], "Yes.", PROSE[1], "Yes.", PROSE[2]]
    got, _ = removed(lexicons, lines)
    assert "Yes." not in got


def test_paywall_box_is_removed_with_its_labels(lexicons):
    box = ["All Access.", "One Subscription.", "Get 360° coverage—from daily headlines",
           "to 100 year archives.", "E-Paper", "Full Archives"]
    got, _ = removed(lexicons, [*PROSE, *box])
    assert set(box) <= set(got)
    assert got["All Access."] == "generic.paywall" and got["Full Archives"] == "generic.paywall"


def test_paywall_keeps_articles_about_subscriptions(lexicons):
    line = ("Streaming services lost subscribers this quarter, and analysts expect another "
            "round of price rises as companies chase profits over growth in the new year.")
    got, _ = removed(lexicons, [PROSE[0], line, PROSE[1]])
    assert line not in got


def test_paywall_expansion_stops_at_a_closing_sentence(lexicons):
    got, _ = removed(lexicons, [*PROSE, "It was 130.", "Subscribe now", "E-Paper"])
    assert "It was 130." not in got and "Subscribe now" in got


def test_share_widgets(lexicons):
    lines = ["SHARE THIS ARTICLE ON", "Facebook", *PROSE, "Partager sur Facebook", "Teilen"]
    got, _ = removed(lexicons, lines)
    widgets = ["SHARE THIS ARTICLE ON", "Facebook", "Partager sur Facebook", "Teilen"]
    assert {got[line] for line in widgets} == {"generic.share"}


def test_share_keeps_sentences_mentioning_sharing(lexicons):
    line = "She decided to share the prize money with her team, she said on Facebook."
    got, _ = removed(lexicons, [PROSE[0], line, PROSE[1]])
    assert line not in got


def test_navigation_labels_at_edges_only(lexicons):
    lines = ["Sign in", "Saved Articles", *PROSE[:2], "Following", PROSE[2], "My Reads", "Sign out"]
    got, _ = removed(lexicons, lines)
    assert {"Sign in", "Saved Articles", "My Reads", "Sign out"} <= set(got)
    assert "Following" not in got  # inside the article a short line may be a subheading


def test_run_of_labels_at_the_edge_goes_with_one_known_label(lexicons):
    got, _ = removed(lexicons, [*PROSE, "Story Saved", "Live Score", "Saved Articles"])
    assert got.get("Live Score") == "generic.navigation"


def test_subheadings_and_short_sentences_inside_article_stay(lexicons):
    lines = [PROSE[0], "A welcome sign", PROSE[1], "‘More, the merrier’", PROSE[2], "It was 130.",
             PROSE[0] + " Again."]
    got, _ = removed(lexicons, lines)
    assert not got


def test_date_and_weather_widgets_at_edges(lexicons):
    lines = ["New Delhi 0C", "Tuesday, May 06, 2025", *PROSE, "Berlin 21 °C", "2025-05-06"]
    got, _ = removed(lexicons, lines)
    assert set(got) == {"New Delhi 0C", "Tuesday, May 06, 2025", "Berlin 21 °C", "2025-05-06"}
    assert set(got.values()) == {"generic.widget"}


def test_datelines_inside_paragraphs_stay(lexicons):
    dateline = "WASHINGTON, May 6, 2025 — Lawmakers agreed on a budget late on Tuesday night after talks."
    lines = [PROSE[0], dateline, "May 6, 2025", PROSE[1], PROSE[2]]
    got, _ = removed(lexicons, lines)
    assert dateline not in got and "May 6, 2025" not in got  # a bare date inside the body stays
