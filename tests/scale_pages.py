"""Small article pages made at test time for the batch tests (no shipped corpus)."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

_WORDS = (
    "river council budget school harbour winter railway museum library farmers market "
    "bridge election hospital festival weather station project mayor village report "
    "teachers students workers families children season evening morning district"
).split()


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def page(n: int, host: str = "news.test", paragraphs: int = 6) -> str:
    rng = random.Random(n)
    title = f"Story {n}: " + " ".join(rng.choice(_WORDS) for _ in range(5))
    body = "\n".join(f"<p>{sentence(rng)} {sentence(rng)} {sentence(rng)}</p>" for _ in range(paragraphs))
    return f"""<!DOCTYPE html>
<html><head><title>{title}</title>
<link rel="canonical" href="https://{host}/story/{n}"></head>
<body>
<nav><ul><li>Home</li><li>World</li><li>Sport</li><li>Sign in</li></ul></nav>
<article><h1>{title}</h1>
<p>Share on Facebook</p>
{body}
<p>Subscribe now</p>
</article>
<footer>Contact us · Privacy policy</footer>
</body></html>
"""


def make_corpus(root: Path, count: int, host: str = "news.test", start: int = 0,
                gzipped_every: int = 3) -> list[Path]:
    """``count`` pages under ``root`` (some gzipped, some in a sub-folder)."""
    paths = []
    for n in range(start, start + count):
        folder = root / ("sub" if n % 4 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        html = page(n, host).encode("utf-8")
        if gzipped_every and n % gzipped_every == 0:
            path = folder / f"p{n:05d}.html.gz"
            path.write_bytes(gzip.compress(html, mtime=0))
        else:
            path = folder / f"p{n:05d}.html"
            path.write_bytes(html)
        paths.append(path)
    return paths


def tree_contents(outdir: Path) -> dict[str, bytes]:
    """Every output file by relative path; the manifest state and the files that show the
    run time (summary.json, report.html) left out."""
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and ".cleaner" not in p.parts and p.name not in ("summary.json", "report.html")
    }
