"""Decoding: BOM, HTTP charset, <meta charset>, detection; bad bytes never crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.decode import decode_html, decode_plain
from tests.io_fixtures import article_html

SAMPLES = {
    "windows-1252": "Le café était délicieux, et l’été s’annonçait chaud. « Où êtes-vous allés ? » "
                    "demanda François à sa sœur. Les élèves préférèrent rester à la maison ce soir-là.",
    "iso-8859-2": "Zażółć gęślą jaźń. W Łodzi ścięto drzewa, a źródło rzeki wyschło. Pociąg "
                  "przyjechał późno, więc wszyscy się śpieszyli do domów na kolację.",
    "shift_jis": "日本語のテキストです。今日は天気が良いので、公園に散歩に行きました。"
                 "桜の花がとても綺麗でした。友達と一緒にお弁当を食べました。",
    "utf-16": "Grüße aus Köln — 東京 and Zürich, a naïve café where the crème brûlée is famous.",
}


def _html(encoding: str, text: str, meta: bool) -> bytes:
    head = f'<meta charset="{encoding}">' if meta and encoding != "utf-16" else ""
    page = article_html(title="Encoding test", paragraphs=[text] * 3, head=head)
    return page.encode(encoding)  # Python's utf-16 codec writes a BOM


@pytest.mark.parametrize("encoding", SAMPLES)
def test_text_dump_decodes_without_declaration(encoding):
    text = SAMPLES[encoding]
    decoded, decoding = decode_plain(text.encode(encoding))
    assert decoded == text
    assert decoding.source == ("bom" if encoding == "utf-16" else "detected")
    assert decoding.errors == 0


@pytest.mark.parametrize("encoding", SAMPLES)
def test_html_decodes_by_meta_or_bom(encoding):
    text = SAMPLES[encoding]
    decoded, decoding = decode_html(_html(encoding, text, meta=True))
    assert text in decoded
    assert decoding.source == ("bom" if encoding == "utf-16" else "meta")


@pytest.mark.parametrize("encoding", SAMPLES)
def test_cleaned_html_and_text_keep_the_characters(encoding):
    text = SAMPLES[encoding]
    cleaner = Cleaner(site_rules=False)
    html_result = cleaner.clean(_html(encoding, text, meta=True))
    assert text in html_result.text
    assert html_result.decoding["errors"] == 0
    text_result = cleaner.clean(("Encoding test\n" + text + "\n").encode(encoding), kind="text")
    assert text in text_result.text
    assert text_result.decoding["encoding"]


def test_http_charset_wins_over_meta():
    text = SAMPLES["iso-8859-2"]
    page = _html("iso-8859-2", text, meta=False).replace(b"<head>", b'<head><meta charset="utf-8">')
    decoded, decoding = decode_html(page, content_type="text/html; charset=ISO-8859-2")
    assert text in decoded
    assert (decoding.encoding, decoding.source) == ("iso8859-2", "http")


def test_declared_latin1_that_is_really_utf8_is_read_as_utf8():
    page = article_html(head='<meta charset="iso-8859-1">', paragraphs=["Grüße aus Köln, schöne Straße."])
    decoded, decoding = decode_html(page.encode("utf-8"))
    assert "Grüße aus Köln" in decoded
    assert decoding.source == "utf-8-override"


def test_xml_declaration_is_dropped_after_decoding():
    text = SAMPLES["windows-1252"]
    page = b'<?xml version="1.0" encoding="windows-1252"?>\n' + _html("windows-1252", text, meta=False)
    decoded, decoding = decode_html(page)
    assert decoding.source == "meta" and not decoded.lstrip().startswith("<?xml")
    assert text in Cleaner(site_rules=False).clean(page).text


@pytest.mark.parametrize("junk", [b"\xff\xfe\xfd" * 50, b"\x80\x81\xc3" * 100, bytes(range(256)) * 4])
def test_invalid_bytes_never_crash(junk):
    page = article_html().encode("utf-8").replace(b"</article>", junk + b"</article>")
    result = Cleaner(site_rules=False).clean(page, kind="html")
    assert "Engineers told the meeting" in result.text
    text_result = Cleaner(site_rules=False).clean(b"Some words here.\n" + junk, kind="text")
    assert text_result.decoding is not None


def test_declared_encoding_with_bad_bytes_counts_them():
    page = b'<html><head><meta charset="utf-8"></head><body><p>caf\xe9 ok</p></body></html>'
    decoded, decoding = decode_html(page)
    assert "caf\ufffd ok" in decoded
    assert decoding.errors == 1 and decoding.encoding == "utf-8"


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000), content_type=st.one_of(st.none(), st.text(max_size=40)))
def test_decoding_never_raises(data, content_type):
    for decode in (decode_html, decode_plain):
        text, decoding = decode(data, content_type)
        assert isinstance(text, str) and decoding.encoding
