"""Language detection per document and the stopword lists behind stopword density."""

from cleaner.textmode.language import detect_language, language_sample, stopwords

GERMAN = ["Startseite", "Suche",
          "Die Bundesregierung hat am Mittwoch beschlossen, dass die Maßnahmen bis zum Ende des Monats "
          "verlängert werden, weil die Zahl der Neuinfektionen wieder gestiegen ist."]
ENGLISH = ["Home", "Menu",
           "The government decided on Wednesday that the measures will be extended until the end of the "
           "month, because the number of new infections has risen again."]
FRENCH = ["Accueil",
          "Le gouvernement a décidé mercredi que les mesures seront prolongées jusqu'à la fin du mois, "
          "parce que le nombre de nouvelles infections a de nouveau augmenté."]


def test_detects_the_language_of_the_prose():
    assert detect_language(GERMAN) == "de"
    assert detect_language(ENGLISH) == "en"
    assert detect_language(FRENCH) == "fr"


def test_english_menu_labels_do_not_outvote_german_prose():
    lines = ["Home", "News", "Login", "Sign up", "Contact us", "About"] + GERMAN
    assert detect_language(lines) == "de"


def test_too_little_text_gives_no_language():
    assert detect_language(["Home", "Menu"]) is None
    assert detect_language([]) is None


def test_sample_prefers_long_lines():
    sample = language_sample(["short", "a much longer line of text", "mid line"], limit=10)
    assert sample == "a much longer line of text"


def test_stopwords_for_known_and_unknown_languages():
    assert {"der", "die", "und"} <= stopwords("de")
    assert {"the", "and", "of"} <= stopwords("en")
    assert "und" not in stopwords("en")
    assert stopwords("xx") == frozenset() and stopwords(None) == frozenset()
