"""Properties of cleaning that must hold for any input (hypothesis)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.textstage import clean_lines

# Lines drawn from furniture and prose so the detectors actually fire.
VOCAB = [
    "close_game", "SHARE", "Share on Facebook", "Subscribe now", "All Access.", "Sign out",
    "My Reads", "New Delhi 0C", "Tuesday, May 06, 2025", "Kim Jong Un's gift PREMIUM",
    "Kim Jong Un's gift", "A welcome sign", "It was 130.", "Home", "Menu", "",
    "The council approved the budget after a long debate that lasted well into the night.",
    "Residents said they were pleased with the result and hoped for better roads soon.",
    "Read breaking news, latest updates from around the world on every topic there is",
]
lines_strategy = st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=60)), max_size=25)
text_strategy = lines_strategy.map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(st.text(), st.binary(), text_strategy), st.sampled_from([None, "html", "text"]))
def test_clean_never_raises_and_is_deterministic(cleaner, content, kind):
    first = cleaner.clean(content, kind=kind)
    second = cleaner.clean(content, kind=kind)
    assert (first.text, first.title, first.removals) == (second.text, second.title, second.removals)
    assert isinstance(first.text, str)


@SETTINGS
@given(text_strategy)
def test_text_cleaning_is_idempotent(cleaner, text):
    once = cleaner.clean(text, kind="text").text
    assert cleaner.clean(once, kind="text").text == once


@SETTINGS
@given(lines_strategy)
def test_records_account_for_every_removed_line(cleaner, lines):
    """Each line is kept unchanged, or changed/removed by recorded rules (only strip changes)."""
    lines = [line.strip() for line in "\n".join(lines).split("\n")]
    doc = clean_lines(lines, cleaner.lexicons, site_rule=cleaner.rules.get("hindustantimes.com"))
    by_line: dict[int, list] = {}
    for r in doc.removals:
        by_line.setdefault(r.line, []).append(r)
    for i, original in enumerate(lines):
        records = by_line.get(i, [])
        if doc.removed_by[i] is None:
            # kept: unchanged, or every removed span is recorded by a strip rule
            assert all(r.start is not None for r in records)
            rebuilt = original
            for r in records:
                assert rebuilt[r.start:r.end] == r.text
                rebuilt = rebuilt[: r.start] + rebuilt[r.end:]
            assert rebuilt == doc.lines[i]
        elif original:
            assert records, f"line {i} removed without a record: {original!r}"
            whole = [r for r in records if r.start is None]
            assert whole or not doc.lines[i].strip()


def test_text_cleaning_is_idempotent_when_the_article_finder_moves_the_edges(cleaner):
    """Found by hypothesis: the article finder removed the only prose line above "My Reads",
    so cleaning the output again found the label at the top edge and removed it."""
    text = "\n".join(["close_game"] * 5 + [
        "The council approved the budget after a long debate that lasted well into the night.",
        "close_game", "My Reads",
        "Read breaking news, latest updates from around the world on every topic there is",
    ] + ["close_game"] * 7 + ["SHARE"])
    once = cleaner.clean(text, kind="text").text
    assert cleaner.clean(once, kind="text").text == once
