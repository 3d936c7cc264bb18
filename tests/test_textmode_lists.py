"""The boilerplate phrase lists (rules/generic/*.yaml) and the matcher text mode builds from them."""

from pathlib import Path

import pytest
import yaml

from cleaner.lexicon import Lexicons, find_phrase, phrase_index
from cleaner.rules import bundled_rules_dir
from cleaner.textmode.article import BOILERPLATE_LISTS, BoilerplateMatcher

LANGUAGES = {"en", "de", "fr", "es", "it", "pt", "nl", "pl"}
GENERIC = bundled_rules_dir() / "generic"
PHRASE_LISTS = ["paywall", "share", "cookie", "newsletter", "related", "comments", "ads", "account", "footer"]


@pytest.fixture(scope="module")
def matcher():
    return BoilerplateMatcher(Lexicons.from_dirs([GENERIC]))


@pytest.mark.parametrize("name", PHRASE_LISTS)
def test_each_list_covers_the_eight_languages(name):
    data = yaml.safe_load((GENERIC / f"{name}.yaml").read_text(encoding="utf-8"))
    assert data["name"] == name
    assert LANGUAGES <= set(data.get("lines", {})) and LANGUAGES <= set(data.get("phrases", {}))


def test_text_mode_uses_every_list():
    assert set(PHRASE_LISTS) <= set(BOILERPLATE_LISTS)


@pytest.mark.parametrize("line, name", [
    ("Accept all cookies", "cookie"),
    ("Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.", "cookie"),
    ("Abonnez-vous à notre newsletter", "newsletter"),
    ("Te puede interesar", "related"),
    ("Leave a Reply", "comments"),
    ("Il tuo indirizzo email non sarà pubblicato.", "comments"),
    ("Anzeige", "ads"),
    ("Zaloguj się", "account"),
    ("Alle Rechte vorbehalten.", "footer"),
    ("© 2024 Example Media Group", "footer"),
    ("Zurück zum Lexikon", "footer"),
    ("Partager sur Facebook", "share"),
    ("Dienstag, 4. Juni 2019, 15:54", "dates"),
    ("23.06.2016 um 16:14 Uhr", "dates"),
    ("Foto: dpa", "credits"),
    ("Fot. Lukasz Nowaczyk / Agencja Gazeta", "credits"),
    ("CC BY-SA 3.0", "credits"),
    ("Crédits photos : Bestimage", "credits"),
    ("Photo credit: John Smith", "credits"),
    ("Bildnachweis: Stadt Köln", "credits"),
    ("Diese Website verwendet Akismet, um Spam zu reduzieren.", "comments"),
    ("This site uses Akismet to reduce spam. Learn how your comment data is processed.", "comments"),
    ("This entry was posted in News. Bookmark the permalink.", "footer"),
    ("Les opinions exprimées dans ce blog n'engagent que leurs auteurs.", "footer"),
    ("[CC BY 2.0], via Wikimedia Commons", "credits"),
    ("Foto: Max Liebermann [Public domain], via Wikimedia Commons", "credits"),
])
def test_matcher_names_the_list(matcher, line, name):
    assert matcher(line) == name


@pytest.mark.parametrize("line", [
    "A welcome sign",
    "It was 130.",
    # an article paragraph that mentions cookies is not a cookie notice: too long for a phrase hit
    "Researchers found that the website uses cookies in ways its privacy notice never described, and the "
    "regulator said on Tuesday that it would open an investigation into the company next month.",
    "Am 5. Juni 2019 traf sich der Rat zum ersten Mal in der neuen Halle.",
    "Photosynthesis turns light into chemical energy.",
    "CCTV footage shows the van leaving at noon.",
    # (a YAML list item with a comma in it must be quoted: unquoted, its halves would be phrases)
    "Die Stadt filtert die Mails, um Spam zu reduzieren.",
    "Rząd podjął wczoraj decyzję, aby obniżyć podatki.",
    "The photos were shared under a Creative Commons licence, the museum said on Monday.",
])
def test_matcher_leaves_article_lines_alone(matcher, line):
    assert matcher(line) is None


def test_phrases_match_at_word_starts_only():
    index = phrase_index(["share on"])
    assert find_phrase(index, "please share on facebook") == "share on"
    assert find_phrase(index, "a timeshare on the coast") is None


def test_extra_generic_folder_extends_a_list(tmp_path: Path):
    extra = tmp_path / "generic"
    extra.mkdir()
    (extra / "cookie.yaml").write_text("name: cookie\nlines:\n  en: [fine by me]\n", encoding="utf-8")
    lexicons = Lexicons.from_dirs([GENERIC, extra])
    assert BoilerplateMatcher(lexicons)("Fine by me") == "cookie"


def test_the_first_phrase_is_the_one_find_phrase_finds():
    lexicons = Lexicons.from_dirs([GENERIC])
    matcher = BoilerplateMatcher(lexicons)
    lines = ["share this article on facebook", "subscribe now to read more", "timeshare on sale",
             "accept all cookies and continue", "read more related stories", "nothing listed here",
             "comments", "sign in to comment", "ad"]
    # every phrase of every list, alone and after another word, and its first characters
    for plist in lexicons.lists.values():
        for phrase in plist.phrases:
            lines += [phrase, f"the {phrase} below", phrase[:2], f"x {phrase[:-1]}"]
    for line in lines:
        assert matcher._first_phrase(line) == find_phrase(matcher.phrases, line), line


# The one-word phrases of the bundled lists: a phrase is found inside any short line, so a
# single common word there (such as the half of an unquoted "zaloguj się, aby" that YAML
# split off at its comma) would remove ordinary sentences. A new one must be added here.
ONE_WORD_PHRASES = {
    "affiliate-links", "notifique-me", "cookie-einstellungen", "cookie-hinweis", "cookie-richtlinie",
    "cookiebeleid", "cookie-instellingen", "datenschutzerklärung", "nutzungsbedingungen", "impressum",
    "p.iva", "privacybeleid", "newsletter-anmeldung", "meistgelesene",
}


def test_no_unexpected_one_word_phrase():
    found = set()
    for path in GENERIC.glob("*.yaml"):
        phrases = yaml.safe_load(path.read_text(encoding="utf-8")).get("phrases") or {}
        for entries in (phrases.values() if isinstance(phrases, dict) else [phrases]):
            found.update(entry for entry in entries if len(str(entry).split()) == 1)
    assert found == ONE_WORD_PHRASES
