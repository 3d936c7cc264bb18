"""Markdown output: the cleaned article with its headings, lists, tables and emphasis.

The text stage works on plain lines. For HTML, trafilatura renders the same article a
second time as Markdown (one more extraction, run only for ``--format md``); each
Markdown line is matched to the plain line it renders, and kept, rewritten or dropped as
the cleaning decided for that line. The removal records stay those of the plain text.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import trafilatura
from lxml.html import HtmlElement

from .records import CleanResult

_BLOCK_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_INLINE_MARKUP = re.compile(r"[*_`|~]+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!:|>~<])")


def extract_markdown(tree: HtmlElement) -> str | None:
    """trafilatura's Markdown rendering of the article (it works on a copy of ``tree``)."""
    return trafilatura.extract(tree, output_format="markdown", include_comments=False,
                               include_tables=True, include_formatting=True)


def line_key(line: str) -> str:
    """What a Markdown line and its plain-text line have in common.

    Markup, escapes and all whitespace go: the two renderings differ in the spaces they
    put where inline elements meet.
    """
    line = _INLINE_MARKUP.sub("", _LINK.sub(r"\1", _ESCAPE.sub(r"\1", line)))
    previous = None
    while previous != line:
        previous, line = line, _BLOCK_MARKER.sub("", line, count=1)
    return "".join(line.split())


def _prefix(md_line: str) -> str:
    """The block markup (indent, heading hashes, list marker) at the start of a line."""
    match = re.match(r"^(\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)*)", md_line)
    return match.group(1) if match else ""


def text_markdown(result: CleanResult) -> str:
    """A text dump has no markup to keep: the title as a heading, paragraphs below."""
    parts = [f"# {result.title}"] if result.title else []
    if result.text:
        parts.append(result.text)
    return "\n\n".join(parts) + "\n" if parts else ""


def html_markdown(markdown: str | None, result: CleanResult) -> str:
    """Apply the cleaning decisions in ``result`` to the Markdown rendering of the page."""
    if not markdown:
        return text_markdown(result)
    md_lines = markdown.split("\n")
    md_keys = [line_key(line) for line in md_lines]
    source_keys = [line_key(line) for line in result.source_lines]
    # Blank lines are layout, and left in they pair up with each other instead of the text.
    md_index = [i for i, key in enumerate(md_keys) if key]
    source_index = [j for j, key in enumerate(source_keys) if key]
    matcher = SequenceMatcher(None, [md_keys[i] for i in md_index],
                              [source_keys[j] for j in source_index], autojunk=False)
    matched: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            matched[md_index[block.a + k]] = source_index[block.b + k]

    decisions = _decide(md_lines, md_keys, matched, result)
    missing = _missing_lines(decisions, md_keys, matched, result)
    out: list[str] = [f"# {result.title}", ""] if result.title else []
    for i, keep in enumerate([None, *decisions], start=-1):
        if keep is not None and not keep.strip():
            if out and out[-1] != "":
                out.append("")
        elif keep is not None:
            out.append(keep)
        for line in missing.get(i, ()):
            out.extend(["", line, ""] if out and out[-1] != "" else [line, ""])
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def _decide(md_lines: list[str], md_keys: list[str], matched: dict[int, int],
            result: CleanResult) -> list[str | None]:
    """For each Markdown line: the line to write ("" for layout), or None to drop it."""
    decisions: list[str | None] = []
    for i, line in enumerate(md_lines):
        j = matched.get(i)
        if j is None:
            decisions.append(None if md_keys[i] else "")
            continue
        kept = result.kept[j] if j < len(result.kept) else None
        if kept is None or j == result.title_line:
            decisions.append(None)
        elif line_key(kept) == md_keys[i]:
            decisions.append(line.rstrip())
        else:  # an in-line strip rule changed the line: its text wins, its markup is lost
            decisions.append(_prefix(line) + kept)
    # A line with no plain counterpart is kept when it is text the cleaning kept, rendered
    # differently (two plain lines joined or one split), or a table rule between kept rows.
    # The kept text is consumed in order, so a removed repeat cannot come back this way;
    # text only the Markdown run extracted was never judged, so it goes.
    kept_text = "".join(line_key(k) for j, k in enumerate(result.kept) if k and j != result.title_line)
    cursor = 0
    for i, decision in enumerate(decisions):
        key = md_keys[i]
        if not key:
            continue
        if i in matched:
            if decision:
                found = kept_text.find(key, cursor)
                cursor = found + len(key) if found >= 0 else cursor
            continue
        if set(key) <= set("-:"):
            before = next((decisions[k] for k in range(i - 1, -1, -1) if k in matched), None)
            after = next((decisions[k] for k in range(i + 1, len(md_lines)) if k in matched), None)
            if before and after:
                decisions[i] = md_lines[i].rstrip()
            continue
        found = kept_text.find(key, cursor)
        if found >= 0:
            decisions[i] = md_lines[i].rstrip()
            cursor = found + len(key)
    return decisions


def _missing_lines(decisions: list[str | None], md_keys: list[str], matched: dict[int, int],
                   result: CleanResult) -> dict[int, list[str]]:
    """Kept lines of the plain text that the Markdown rendering lacks, by where they go.

    The two renderings come from separate trafilatura runs and now and then differ in a
    paragraph; the plain text is what the cleaning judged, so its kept lines are put back
    (as plain paragraphs, after the Markdown line of the plain line before them).
    """
    written = "".join(md_keys[i] for i, d in enumerate(decisions) if d)
    md_of_source = {j: i for i, j in matched.items()}
    missing: dict[int, list[str]] = {}
    place = -1  # before the first Markdown line
    for j, kept in enumerate(result.kept):
        if j in md_of_source:
            place = md_of_source[j]
            continue
        if kept is None or j == result.title_line:
            continue
        key = line_key(kept)
        if key and key not in written:
            missing.setdefault(place, []).append(kept)
    return missing
