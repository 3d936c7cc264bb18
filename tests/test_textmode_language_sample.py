"""language_sample sorts only the long lines when they make the sample: the same sample as sorting all."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.textmode.language import _LONG_LINE, _SAMPLE_CHARS, language_sample


def _reference_sample(lines, limit=_SAMPLE_CHARS):
    picked, size = [], 0
    for line in sorted(lines, key=len, reverse=True):
        if size >= limit or not line:
            break
        picked.append(line)
        size += len(line) + 1
    return "\n".join(picked)


# lengths around the long-line bound, with ties (the order among equal lengths counts)
_LINE = st.builds(lambda n, c: c * n, st.sampled_from([0, 1, 5, _LONG_LINE - 1, _LONG_LINE, _LONG_LINE + 1,
                                                       150, 300, 599, 600, 700]),
                  st.sampled_from("abcé"))


@settings(max_examples=500, deadline=None)
@given(st.lists(_LINE, max_size=30), st.sampled_from([0, 10, 100, _SAMPLE_CHARS, 2000]))
def test_sample_is_the_longest_lines_in_sorted_order(lines, limit):
    assert language_sample(lines, limit) == _reference_sample(lines, limit)


def test_both_ways_taken():
    long_lines = ["a" * 300, "b" * 300, "c" * 80]
    assert language_sample(["short"] + long_lines) == "\n".join(["a" * 300, "b" * 300])
    few = ["x" * 100, "y" * 30, "", "z" * 30]  # too little long text: every line is sorted
    assert language_sample(few) == "\n".join(["x" * 100, "y" * 30, "z" * 30])
