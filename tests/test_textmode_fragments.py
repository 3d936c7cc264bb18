"""Rejoining the fragments a naive dump makes of one paragraph."""

from cleaner.textmode.fragments import ends_open, rejoin, starts_continuation


def texts(lines):
    return [g.text for g in rejoin(lines)]


def test_link_text_and_comma_rejoin_into_one_paragraph():
    lines = ["Was wir brauchen, sind Modellberechner wie den Briten", "Neil Ferguson",
             ", die an einem Zahlenrädchen drehen."]
    groups = rejoin(lines)
    assert len(groups) == 1
    assert groups[0].text == ("Was wir brauchen, sind Modellberechner wie den Briten Neil Ferguson, "
                              "die an einem Zahlenrädchen drehen.")
    assert (groups[0].start, groups[0].end, groups[0].joined) == (0, 3, True)


def test_lower_case_continuation_joins_with_a_space():
    assert texts(["The report was written by the", "committee members last year."]) == [
        "The report was written by the committee members last year."]


def test_closing_punctuation_joins_without_a_space():
    assert texts(["Read the full interview in English", "."]) == ["Read the full interview in English."]


def test_abbreviation_does_not_end_the_sentence():
    assert texts(["Bake it in the lower third for 35 Min.", "then let it cool."]) == [
        "Bake it in the lower third for 35 Min. then let it cool."]


def test_sentence_end_is_not_joined():
    assert texts(["The first paragraph ends here.", "and a stray lower-case line"]) == [
        "The first paragraph ends here.", "and a stray lower-case line"]


def test_headings_and_menu_labels_stay_apart():
    lines = ["Home", "News", "Sport", "Studie aus Israel", "Professor Yitzhak Ben-Israel",
             "ist Mathematiker und Physiker."]
    out = texts(lines)
    assert out[:4] == ["Home", "News", "Sport", "Studie aus Israel"]
    assert out[4] == "Professor Yitzhak Ben-Israel ist Mathematiker und Physiker."


def test_lone_lower_case_label_after_a_title_is_not_joined():
    assert texts(["Bericht zur Lage – DIE ACHSE DES GUTEN", "home"]) == [
        "Bericht zur Lage – DIE ACHSE DES GUTEN", "home"]


def test_menu_separator_line_does_not_pull_a_label_into_a_title():
    assert texts(["Bericht zur Lage – DIE ACHSE DES GUTEN", "home", ":"])[0] == (
        "Bericht zur Lage – DIE ACHSE DES GUTEN")


def test_blank_lines_are_paragraph_breaks():
    groups = rejoin(["A sentence cut by", "", "a blank line."])
    assert [g.text for g in groups] == ["A sentence cut by", "", "a blank line."]
    assert not any(g.joined for g in groups)


def test_groups_cover_every_source_line_once():
    lines = ["Menu", "The article starts and goes on with", "a link", ", then more.", "", "Footer"]
    groups = rejoin(lines)
    covered = [i for g in groups for i in range(g.start, g.end)]
    assert covered == list(range(len(lines)))


def test_line_shapes():
    assert starts_continuation("and more") and starts_continuation(", die")
    assert not starts_continuation("Neil Ferguson") and not starts_continuation("2024 war")
    assert ends_open("wie den Briten") and not ends_open("Das ist gut.") and not ends_open("»Ja!«")


def test_japanese_pieces_join_without_spaces_until_the_full_stop():
    lines = ["親が子どもを", "教育", "するために、", "体罰を禁止することになりました。", "最近の話"]
    assert texts(lines) == ["親が子どもを教育するために、体罰を禁止することになりました。", "最近の話"]
