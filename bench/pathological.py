"""CPU time of ``Cleaner().clean`` on pathological documents (README "Robustness").

    python bench/pathological.py

Each shape is made in memory; the figures are CPU seconds of one process, so they say how
cost grows with the shape, not how fast a given machine is.
"""

from __future__ import annotations

import time

from cleaner import Cleaner

SENTENCE = "Deep text here is a sentence of the article."


def _nested(depth: int) -> str:
    return f"<html><body>{'<div>' * depth}<p>{SENTENCE}</p>{'</div>' * depth}</body></html>"


def shapes() -> list[tuple[str, str, str | None]]:
    return [
        ("HTML nested 250 deep", _nested(250), None),
        ("HTML nested 2,000 deep", _nested(2_000), None),
        ("HTML nested 50,000 deep", _nested(50_000), None),
        ("10 MB single line, text", "word " * 2_000_000, "text"),
        ("10 MB single line, HTML", f"<html><body><p>{'word ' * 2_000_000}</p></body></html>", None),
        ("200,000 short text lines", "\n".join(f"Line number {i} of the text." for i in range(200_000)),
         "text"),
        ("200,000 identical lines", "\n".join(SENTENCE for _ in range(200_000)), "text"),
        ("100,000 HTML paragraphs", "<html><body>" + "".join(
            f"<p>Paragraph {i} has some words in it.</p>" for i in range(100_000)) + "</body></html>", None),
    ]


def main() -> None:
    cleaner = Cleaner()
    print("| document | size | CPU s | output chars | warning |")
    print("|---|---|---|---|---|")
    for name, content, kind in shapes():
        start = time.process_time()
        result = cleaner.clean(content, kind=kind)
        seconds = time.process_time() - start
        print(f"| {name} | {len(content) / 1e6:.1f} MB | {seconds:.2f} | {len(result.text):,} | "
              f"{'yes' if result.warnings else 'no'} |", flush=True)


if __name__ == "__main__":
    main()
