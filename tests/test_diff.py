"""The labelled unified diff: every change is in a hunk naming its rule, and it applies."""

import re

from cleaner.diffreport import unified_diff

HUNK = re.compile(r"^@@ -(\d+),(\d+) \+(\d+),(\d+) @@ (\S+)$")


def apply(before: list[str], diff: str) -> list[str]:
    """Apply a unified diff strictly (context must match exactly)."""
    out, pos = [], 0
    lines = diff.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("@@"))
    while i < len(lines):
        m = HUNK.match(lines[i])
        assert m, lines[i]
        start, count = int(m.group(1)), int(m.group(2))
        first = start - 1 if count else start
        out.extend(before[pos:first])
        pos = first
        i += 1
        while i < len(lines) and not lines[i].startswith("@@"):
            tag, text = lines[i][0], lines[i][1:]
            if tag in " -":
                assert before[pos] == text, (before[pos], text)
                pos += 1
            if tag in " +":
                out.append(text)
            i += 1
    return out + before[pos:]


def nonblank(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_seed_diff_applies_and_labels_every_hunk(cleaner, seed_text):
    r = cleaner.clean(seed_text)
    diff = unified_diff(r, name="seed.txt")
    assert apply(nonblank(seed_text), diff) == nonblank(r.output_text())
    headers = [line for line in diff.splitlines() if line.startswith("@@")]
    rules = {HUNK.match(h).group(5) for h in headers}
    assert "generic.duplicate-headline" in rules and "site:hindustantimes.com.cut_after" in rules
    assert "unknown" not in rules and "changed" not in rules


def test_each_hunk_holds_one_rule(generic_cleaner, seed_text):
    r = generic_cleaner.clean(seed_text)
    diff = unified_diff(r, name="seed.txt")
    by_text = {rec.text: rec.rule for rec in r.removals}
    # a line rejoined from fragments (text mode) is recorded whole; its pieces go under its rule
    by_line = {rec.line: rec.rule for rec in r.removals}
    for start, end in r.joins:
        for piece in r.source_lines[start:end]:
            by_text.setdefault(piece, by_line.get(start, "join"))
    rule = None
    for line in diff.splitlines():
        m = HUNK.match(line)
        if m:
            rule = m.group(5)
        elif line.startswith("-") and not line.startswith("---"):
            assert by_text[line[1:]] == rule
    assert apply(nonblank(seed_text), diff) == nonblank(r.output_text())


def test_html_diff_lists_dropped_nodes_and_applies(tmp_path):
    from cleaner import Cleaner

    (tmp_path / "t.yaml").write_text("id: t\ndomains: [t.example]\nhtml:\n  drop: ['.promo']\n")
    body = "".join(f"<p>Sentence number {i} tells the reader something new about the event.</p>"
                   for i in range(5))
    html = (f"<html><head><title>Big event</title></head><body><article><h1>Big event</h1>"
            f"<div class='promo'>Buy our mugs</div>{body}<p>Subscribe now</p></article></body></html>")
    r = Cleaner(rules_dirs=[tmp_path]).clean(html, url="http://t.example/a")
    diff = unified_diff(r, name="a.html")
    assert diff.startswith("# html: .promo dropped by site:t.html.drop: Buy our mugs")
    assert any(h.endswith("@@ generic.paywall") for h in diff.splitlines() if h.startswith("@@"))
    assert apply(nonblank(r.source_text), diff) == nonblank(r.output_text())


def test_no_change_gives_no_hunks(generic_cleaner):
    text = "A plain paragraph that is long enough to be treated as the article body text.\n"
    assert unified_diff(generic_cleaner.clean(text)) == ""
