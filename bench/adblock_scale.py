"""How the cost of applying ad-block cosmetic rules grows with the size of the list.

Builds synthetic lists of SMALL and LARGE sizes (generic class/id rules, rules keyed by
a class, a few complex ones, domain rules) and applies each to the same synthetic page
many times. Prints the per-page times and their ratio: with the rules indexed, a list
1000 times larger should cost a small multiple, not 1000 times. Run:

    PYTHONPATH=. python bench/adblock_scale.py   (from a checkout; or after pip install .)
"""

from __future__ import annotations

import time

from lxml import html as lxml_html

from cleaner.importers.adblock import CosmeticFilter, CosmeticList

SMALL, LARGE, ROUNDS = 50, 50_000, 30


def synthetic_list(n: int) -> list[str]:
    lines = []
    for i in range(n):
        kind = i % 10
        if kind < 6:
            lines.append(f"##.ad-slot-{i}")
        elif kind < 8:
            lines.append(f"###banner-{i}")
        elif kind == 8:
            lines.append(f"site{i}.example##.box-{i}")
        else:
            lines.append(f"##.wrap-{i} > div[data-x='{i}']")
    lines += ["##[data-ad-name]", "##div[id^='gpt-ad-']"]  # class-less: in the compiled union
    return lines


def synthetic_page() -> str:
    # the same five elements are hidden by both lists, so the two runs do the same removals
    blocks = []
    for i in range(400):
        hidden = f" ad-slot-{i * 10}" if i < 5 else ""
        blocks.append(f"<div class='c{i} box-{i}{hidden}' id='n{i}'><p class='t'>text {i}</p>"
                      f"<span class='x{i % 7}'>more</span></div>")
    return "<html><body>" + "".join(blocks) + "</body></html>"


def per_page(flt: CosmeticFilter, page: str) -> float:
    trees = [lxml_html.document_fromstring(page) for _ in range(ROUNDS)]
    start = time.perf_counter()
    for tree in trees:
        flt.apply(tree, "www.site8.example")
    return (time.perf_counter() - start) / ROUNDS


def main() -> None:
    page = synthetic_page()
    small = CosmeticFilter(CosmeticList.parse(synthetic_list(SMALL)))
    large = CosmeticFilter(CosmeticList.parse(synthetic_list(LARGE)))
    t_small, t_large = per_page(small, page), per_page(large, page)
    print(f"{SMALL} rules: {t_small * 1000:.2f} ms/page; {LARGE} rules: {t_large * 1000:.2f} ms/page; "
          f"ratio {t_large / t_small:.2f} for {LARGE // SMALL}x the rules")


if __name__ == "__main__":
    main()
