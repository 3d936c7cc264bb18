"""Markdown rendering follows the cleaning decisions made on the plain text."""

from __future__ import annotations

from cleaner.markdown import html_markdown, line_key
from cleaner.records import CleanResult


def _result(lines: list[str], kept: list[str | None], title_line: int | None = 0) -> CleanResult:
    return CleanResult(text="", title=lines[title_line] if title_line is not None else None, site=None,
                       source_lines=lines, kept=kept, title_line=title_line, kind="html")


def test_line_key_ignores_markup_and_spacing():
    assert line_key("## A *fine* [day](http://x) \\- ok") == line_key("A fine day - ok")
    assert line_key("1. **First** item") == line_key("First item")


def test_removed_lines_go_and_markup_stays():
    lines = ["Title", "Para one with words.", "Share this", "Para two here.", "Para one with words."]
    kept = [None, "Para one with words.", None, "Para two here.", None]  # last: a removed repeat
    md = ("# Title\n\nPara **one** with words.\n\nShare this\n\n- Para two here.\n\n"
          "Para **one** with words.\n\nOnly the Markdown run found this.\n")
    assert html_markdown(md, _result(lines, kept)) == (
        "# Title\n\nPara **one** with words.\n\n- Para two here.\n"
    )


def test_kept_text_missing_from_the_markdown_is_put_back():
    lines = ["Title", "First paragraph.", "Second paragraph.", "Third paragraph."]
    kept = [None, "First paragraph.", "Second paragraph.", "Third paragraph."]
    md = "# Title\n\nFirst *paragraph*.\n\nThird paragraph.\n"
    out = html_markdown(md, _result(lines, kept))
    assert out == "# Title\n\nFirst *paragraph*.\n\nSecond paragraph.\n\nThird paragraph.\n"


def test_split_and_joined_lines_count_once():
    lines = ["Title", "Error in file.php on line 3", "Error in file.php on line 3"]
    kept = [None, "Error in file.php on line 3", None]
    md = "# Title\n\n**Error** in\n\nfile.php on line\n\n3\n\n**Error** in\n\nfile.php on line\n\n3\n"
    out = html_markdown(md, _result(lines, kept))
    assert out.count("Error") == 1 and "file.php on line" in out


def test_in_line_strip_keeps_the_block_marker():
    lines = ["Title", "Item one (Advertisement)"]
    kept = [None, "Item one"]
    out = html_markdown("# Title\n\n- Item one (Advertisement)\n", _result(lines, kept))
    assert out == "# Title\n\n- Item one\n"
