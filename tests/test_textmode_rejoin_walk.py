"""The fast rejoining walk (``rejoin_lines``) groups lines exactly as the plain walk does.

``rejoin_lines`` skips runs of lines that cannot continue the line above, remembers the
last pair it asked about and tests line ends before running the pattern. The plain walk
below is the definition (the one ``rejoin`` used before): both must agree on any lines.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.textmode.fragments import (
    _MAX_INLINE_WORDS,
    _MIN_SENTENCE_WORDS,
    _TERMINAL_END,
    _abbreviated,
    _continues,
    _glue,
    _is_separator,
    _mid_sentence,
    ends_open,
    rejoin,
    rejoin_lines,
)


def plain_walk(lines):
    """(start, end, text) of each group, one line at a time."""
    groups = []
    n = len(lines)
    i = 0
    while i < n:
        if not lines[i]:
            groups.append((i, i + 1, ""))
            i += 1
            continue
        text = lines[i]
        j = i + 1
        while j < n and lines[j]:
            nxt = lines[j]
            if _continues(text, nxt):
                text = _glue(text, nxt)
                j += 1
            elif (
                j + 1 < n
                and lines[j + 1]
                and _continues(nxt, lines[j + 1])
                and (ends_open(text) or _abbreviated(text))
                and (len(text.split()) >= _MIN_SENTENCE_WORDS or _mid_sentence(text))
                and len(nxt.split()) <= _MAX_INLINE_WORDS
                and not _is_separator(lines[j + 1])
            ):
                text = _glue(_glue(text, nxt), lines[j + 1])
                j += 2
            else:
                break
        groups.append((i, j, text))
        i = j
    return groups


def spans(rejoined, n):
    """(start, end, text) of each group of a ``Rejoined``."""
    ends = rejoined.starts[1:] + [n] if rejoined.starts else []
    return list(zip(rejoined.starts, ends, rejoined.texts, strict=True))


# Pieces that make every branch of the walk happen: sentence ends, open ends, lower-case
# starts, closing punctuation, abbreviations, separators, Chinese and Japanese, blanks.
PIECES = [
    "", "Home", "home", "News and more", "and more", "and so on.", ", die", ".", ").", ":", "|",
    "Neil Ferguson", "Was wir brauchen, sind Modellberechner wie den Briten", "35 Min.", "z.B.",
    "Bake it in the lower third for 35 Min.", "then let it cool.", "»Ja!«", "the minutes",
    "The council said the work on the roads around it would take", "a little longer", "than planned.",
    "親が子どもを", "教育", "するために、", "体罰を禁止することになりました。", "ｂｃ", "2024 war", "( see",
    "one two three four five six seven eight nine ten eleven twelve thirteen", "x\u00a0y", "ⅰ ok",
    "Ende.\n", "end,", 'He said "stop."', "it's 'done.'", "(see above.)", "[sic.]",
    "“Quote”", "é", "Émile", "…", "a", "Dr.",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_fast_walk_groups_like_the_plain_walk(lines):
    expected = plain_walk(lines)
    rejoined = rejoin_lines(lines)
    assert spans(rejoined, len(lines)) == expected
    assert rejoined.joins == [(start, end) for start, end, _ in expected if end - start > 1]
    assert [(g.start, g.end, g.text) for g in rejoin(lines)] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("aZ.,:|) 。教ｂ\n»"), max_size=6), max_size=20))
def test_fast_walk_groups_like_the_plain_walk_on_any_characters(lines):
    lines = [line.strip() for line in lines]  # as the pipeline gives them
    assert spans(rejoin_lines(lines), len(lines)) == plain_walk(lines)


def test_a_long_run_of_lines_that_cannot_continue_stays_apart():
    lines = [f"Menu entry {i}" for i in range(50)] + ["Read the story in", "full", "now."]
    rejoined = rejoin_lines(lines)
    assert rejoined.starts == list(range(51))
    assert spans(rejoin_lines([]), 0) == [] and rejoin([]) == []
    assert rejoined.texts[-1] == "Read the story in full now."
    assert rejoined.joins == [(50, 53)]


def test_line_ends_before_the_pattern():
    # the quick test on the last character must agree with the pattern, "$" before a newline included
    for line, open_ in [("Ende.\n", False), ("Ende\n", True), ("»Ja!«", False), ("(siehe Seite 3)", True),
                        ("Das ist gut.)", False), ("wie den Briten", True), ("", False)]:
        assert ends_open(line) is open_, line


def test_line_ends_agree_with_the_pattern_for_every_ending():
    # every character the pattern knows, and a few it does not, in endings up to three long
    ending_chars = ".!?…。！？\"'”’»«“)]" + "a1 ,\n(»"
    for first in ending_chars:
        for second in ["", *ending_chars]:
            for third in ["", *ending_chars]:
                line = "Wort" + first + second + third
                assert ends_open(line) is (not _TERMINAL_END.search(line)), repr(line)
