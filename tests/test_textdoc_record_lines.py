"""TextDoc.record_lines: records name the line number given for each line (text mode: source lines)."""

from cleaner import Cleaner
from cleaner.lexicon import Lexicons
from cleaner.textdoc import TextDoc


def _doc(record_lines=None) -> TextDoc:
    lines = ["Home", "A rejoined line made from three source lines", "Share", "Footer text here"]
    return TextDoc(lines=lines, lexicons=Lexicons({}), record_lines=record_lines)


def test_records_name_the_given_line_numbers():
    doc = _doc([0, 1, 4, 5])
    doc.remove(2, "r", "one")
    doc.remove_many([0, 3], "many", ["a", "b"])
    doc.strip(1, 0, 2, "s", "strip")
    assert [(r.rule, r.line, r.start, r.end) for r in doc.removals] == [
        ("r", 4, None, None), ("many", 0, None, None), ("many", 5, None, None), ("s", 1, 0, 2)]
    # removed_by, alive and the title line stay indices into doc.lines
    assert doc.removed_by[2] == "r" and doc.alive() == [1]


def test_without_record_lines_records_name_the_lines_own_index():
    doc = _doc()
    doc.remove(2, "r")
    doc.remove_many([3], "many", [""])
    assert [r.line for r in doc.removals] == [2, 3]


def test_text_mode_records_name_the_first_source_line_of_a_rejoined_line():
    dump = "\n".join(["Home", "News", "Sport", "Sign in", "Accept all cookies"]
                     + ["The council said that the new bridge over the river would open in spring and",
                        "the roads",
                        "around it later."] * 4
                     + ["Related articles", "Leave a comment", "Privacy policy"])
    result = Cleaner().clean(dump, kind="text")
    starts = dict(result.joins)
    assert starts  # the test is about rejoined lines
    for record in result.removals:
        if record.start is None:
            # a whole line: its text starts with the source line the record names, and
            # that line is a join's start or a line of its own
            assert record.text.startswith(result.source_lines[record.line])
            assert result.kept[record.line] is None
            assert record.line in starts or all(not s < record.line < e for s, e in result.joins)
    gone = {record.line for record in result.removals}
    assert gone & set(starts)  # copies of the rejoined paragraph, by their first source line
    assert result.source_lines.index("Related articles") in gone  # a line after the joins
