"""The seed page (a Hindustan Times dump of a WSJ story) through text mode.

The seed lives outside the repository (``../shared/seeds``); point ``CLEANER_SEEDS`` at
another folder to use a copy. The tests skip when it is not there.
"""

import os
from pathlib import Path

import pytest

from cleaner import Cleaner

NAME = "000_ecf2bd9fa1919189.txt"
HEADLINE = "Kim Jong Un’s Latest Gift to Russia Is Migrant Workers"
FURNITURE = ["close_game", "WSJ", "11:33 AM IST", "Read breaking news", "All Access", "One Subscription",
             "360° coverage", "E-Paper", "Full Archives", "HT App & Website", "SHARE THIS ARTICLE ON",
             "Story Saved", "Live Score", "Saved Articles", "My Reads", "Sign out", "New Delhi 0C",
             "Tuesday, May 06, 2025", "Follow Us On", "PREMIUM"]


def _seed() -> str | None:
    here = Path(__file__).resolve().parents[1]
    for folder in (os.environ.get("CLEANER_SEEDS"), here.parent / "shared" / "seeds",
                   here.parents[1] / "shared" / "seeds"):
        if folder and (Path(folder) / NAME).is_file():
            return (Path(folder) / NAME).read_text(encoding="utf-8")
    return None


SEED = _seed()
pytestmark = pytest.mark.skipif(SEED is None, reason="seed page not available")


def article_lines() -> list[str]:
    lines = [line.strip() for line in SEED.split("\n")]
    start = lines.index(next(s for s in lines if s.startswith("The North Korean leader has helped")))
    end = lines.index("It was 130.")
    return [s for s in lines[start:end + 1] if s and not s.startswith(HEADLINE)]


def assert_in_order(out: str, lines: list[str]) -> None:
    pos = 0
    for line in lines:
        found = out.find(line, pos)
        assert found >= 0, f"missing or out of order: {line[:60]!r}"
        pos = found + len(line)


def test_seed_with_bundled_rules():
    r = Cleaner().clean(SEED, kind="text")
    out = r.output_text()
    body = article_lines()
    assert "‘More, the merrier’" in body and "A welcome sign" in body and len(body) > 40
    assert_in_order(out, body)
    assert r.title == HEADLINE and out.count(HEADLINE) == 1
    for furniture in FURNITURE:
        assert furniture not in out, furniture


def test_seed_without_site_rules_keeps_the_article():
    r = Cleaner(site_rules=False).clean(SEED, kind="text")
    out = r.output_text()
    assert_in_order(out, article_lines())
    assert out.count(HEADLINE) == 1
