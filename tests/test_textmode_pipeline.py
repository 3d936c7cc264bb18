"""Text mode end to end: the article found in a dump, every dropped line explained, joins in the diff."""

import re

from cleaner import Cleaner
from cleaner.diffreport import unified_diff

from .test_diff import apply

DUMP = """Example Times – News from everywhere
Home
News
Sport
Sign in
Accept all cookies
The bridge will open in spring
The council said on Tuesday that the new bridge over the river would open in the spring, and that the
work on the roads around it would take
a little longer
than planned.
Residents who have waited for years told the meeting that they were glad it was finally happening, but
many asked what the town would do about the traffic in the meantime, according to
the minutes
.
A welcome sign
The mayor said the town would put up signs on every road into the centre and that the buses would run
more often while the work goes on, which drew applause from the people in the hall.
It was 130.
Related articles
Another story about the weather
Leave a comment
© 2024 Example Times. All rights reserved.
Imprint
Privacy policy"""


def clean(text=DUMP, **kw):
    return Cleaner(**kw).clean(text, kind="text")


def test_article_kept_and_furniture_gone():
    r = clean()
    out = r.output_text()
    for kept in ("The council said on Tuesday", "A welcome sign", "It was 130.",
                 "according to the minutes.", "would take a little longer than planned."):
        assert kept in out
    for gone in ("Sign in", "Accept all cookies", "Related articles", "Leave a comment", "© 2024",
                 "Privacy policy", "Home"):
        assert gone not in out


def test_source_lines_are_the_original_lines_and_joins_are_recorded():
    r = clean()
    assert r.source_lines == DUMP.split("\n")
    starts = {start: end for start, end in r.joins}
    council = r.source_lines.index(next(s for s in r.source_lines if s.startswith("The council")))
    assert starts[council] == council + 4
    assert r.kept[council].endswith("would take a little longer than planned.")
    assert all(r.kept[i] is None for i in range(council + 1, council + 4))


def test_every_dropped_line_is_explained_by_a_record():
    r = clean()
    explained = {rm.line for rm in r.removals if rm.stage == "text"}
    joined = {i: start for start, end in r.joins for i in range(start, end)}
    for i, line in enumerate(r.source_lines):
        if not line.strip() or i == r.title_line:
            continue
        head = joined.get(i, i)
        assert r.kept[head] is not None or head in explained, line
    for rm in r.removals:
        if rm.rule == "generic.boilerplate":
            assert rm.detail, rm
            assert rm.text == r.source_lines[rm.line] or rm.line in dict(r.joins)


def test_diff_applies_and_shows_joins():
    r = clean()
    diff = unified_diff(r, "dump.txt")
    assert re.search(r"^@@ .* @@ join$", diff, re.M)
    assert "\n-a little longer\n" in diff and "\n+The council said" in diff
    assert re.search(r"^@@ .* @@ generic\.boilerplate$", diff, re.M)
    before = [s for s in r.source_lines if s.strip()]
    after = r.output_text().split("\n")
    assert apply(before, diff) == [s for s in after if s.strip()]


def test_without_generic_heuristics_nothing_is_classified_away():
    r = clean(generic=False)
    assert not [rm for rm in r.removals if rm.rule == "generic.boilerplate"]
    assert "Accept all cookies" in r.text


def test_html_mode_does_not_rejoin():
    html = ("<html><body><article><p>One paragraph with a <a href='#'>link</a> inside it.</p>"
            "</article></body></html>")
    r = Cleaner().clean(html, kind="html")
    assert r.joins == []


def test_explain_rows_give_rejoined_pieces_the_fate_of_their_line():
    from cleaner.explain import explain_rows

    r = clean()
    rows = {row.line: row for row in explain_rows(r)}
    start, end = next((s, e) for s, e in r.joins if r.source_lines[s].startswith("The council"))
    assert rows[start + 1].status == "kept"
    for i in range(start + 1, end):
        assert rows[i + 1].status == "kept" and rows[i + 1].rule == "join"
        assert rows[i + 1].reason == f"joined to line {start + 1}"


def test_soft_hyphens_are_dropped_so_words_and_headlines_match():
    # German sites hyphenate long words with invisible soft hyphens (U+00AD): left in, they
    # split words for every later reader, and a headline printed once with them and once
    # without would not be the same line.
    shy = "\u00ad"
    head = f"Das Mit{shy}tel{shy}al{shy}ter der Stadt"
    text = DUMP.replace("The bridge will open in spring", f"{head}\nDas Mittelalter der Stadt").replace(
        "the new bridge", f"the new Fuß{shy}gän{shy}ger{shy}brü{shy}cke")
    result = clean(text)
    assert shy not in result.text and shy not in (result.title or "")
    assert "the new Fußgängerbrücke over the river" in result.text
    assert result.title == "Das Mittelalter der Stadt"


def test_soft_hyphens_are_dropped_from_an_html_title():
    # (trafilatura drops them from the text it extracts, not from a title taken from <title>)
    shy = "\u00ad"
    body = "".join(f"<p>Der Ge{shy}mein{shy}de{shy}rat hat am Dienstag Abschnitt {i} des Plans beraten "
                   f"und ohne Gegenstimme beschlossen, wie die Stadt mitteilte.</p>" for i in range(6))
    html = (f"<html><head><title>Neues Rat{shy}haus der Stadt</title></head>"
            f"<body><article>{body}</article></body></html>")
    result = Cleaner().clean(html, kind="html")
    assert "Der Gemeinderat hat am Dienstag" in result.text
    assert result.title == "Neues Rathaus der Stadt"
