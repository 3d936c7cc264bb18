"""HTML stage: site selectors dropped and recorded, extraction, fallback, title."""

from cleaner import Cleaner

PARAS = "".join(
    f"<p>Paragraph {i} of the story explains what happened in the town this week in some detail.</p>"
    for i in range(6)
)


def page(extra: str = "", head: str = "") -> str:
    return (f"<html><head><title>Town hall reopens after repairs</title>{head}</head><body>"
            f"<article><h1>Town hall reopens after repairs</h1>{extra}{PARAS}</article></body></html>")


def test_site_selectors_are_dropped_and_recorded(tmp_path):
    (tmp_path / "town.yaml").write_text(
        "id: town\ndomains: [town.example]\nhtml:\n  drop: ['.promo', '#tip']\n", encoding="utf-8")
    c = Cleaner(rules_dirs=[tmp_path])
    html = page('<div class="promo"><p>Win a holiday in our spring draw, enter today!</p></div>'
                '<p id="tip">Send us your news tips by email at any time of day.</p>')
    r = c.clean(html, url="https://www.town.example/news/1")
    assert r.site == "town"
    assert "Win a holiday" not in r.text and "news tips" not in r.text
    html_records = [x for x in r.removals if x.stage == "html"]
    assert [x.detail for x in html_records] == [".promo", "#tip"]
    assert html_records[0].rule == "site:town.html.drop"
    assert "Win a holiday" in html_records[0].text
    without_rule = Cleaner(site_rules=False).clean(html, url="https://www.town.example/news/1")
    assert "news tips" in without_rule.text


def test_extraction_keeps_paragraph_breaks_and_title_apart(cleaner):
    r = cleaner.clean(page())
    assert r.kind == "html"
    assert r.title == "Town hall reopens after repairs"
    assert "Town hall reopens" not in r.text
    assert r.text.count("\n\n") == 5 and r.text.startswith("Paragraph 0")


def test_bytes_are_decoded_by_declared_charset(cleaner):
    html = page("<p>Le caf\u00e9 de la mairie rouvre enfin ses portes apr\u00e8s deux ans de travaux.</p>",
                '<meta charset="windows-1252">').encode("cp1252")
    assert "café de la mairie" in cleaner.clean(html).text


def test_fallback_to_plain_text_when_extractor_finds_nothing(cleaner):
    r = cleaner.clean("<html><body><div>Tiny</div><script>var x = 1;</script></body></html>", kind="html")
    assert r.text == "Tiny"


def test_empty_and_non_html_input_do_not_crash(cleaner):
    assert cleaner.clean("", kind="html").text == ""
    assert cleaner.clean(b"\x00\x01\x02", kind="html").text == ""
