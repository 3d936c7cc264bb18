"""Generic DOM drops: furniture removed from the tree before extraction, and what is kept."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from cleaner import Cleaner
from cleaner.htmldrops import DropGroup, HtmlDrops, load_groups
from cleaner.lexicon import Lexicons
from cleaner.rules import RuleError, bundled_rules_dir

PARAS = [
    "The council voted on Tuesday to keep the harbour ferry running through the winter months, "
    "reversing a decision taken in the spring after a long campaign by island residents.",
    "Residents had collected more than four thousand signatures, and the ferry operator agreed to "
    "run a reduced timetable on weekdays while the new pier is being built.",
    "The mayor said the service would be reviewed again next year, once the figures for the first "
    "winter were known and the cost of the new pier had been settled with the region.",
]
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAS)


def bundled_drops() -> HtmlDrops:
    return HtmlDrops(load_groups([bundled_rules_dir() / "generic"]))


def tree_of(body: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<html><head><title>t</title></head><body>{body}</body></html>")


def texts(tree) -> str:
    return " ".join(tree.text_content().split())


@pytest.mark.parametrize("markup, rule", [
    ('<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><a>Facebook</a></div>', "share"),
    ('<div aria-label="Share this article"><a>Facebook</a></div>', "share"),
    ('<div class="newsletter-signup"><p>Get our daily newsletter</p></div>', "newsletter"),
    ('<ul class="related-posts"><li><a>Another story you may like</a></li></ul>', "related"),
    ('<section id="comments"><p>Leave a reply</p></section>', "comments"),
    ('<div id="respond"><p>Leave a reply</p></div>', "comments"),
    ('<nav><a>Home</a><a>Politics</a></nav>', "navigation"),
    ('<div role="complementary"><p>Most read this week</p></div>', "navigation"),
    ('<figure><img src="x.jpg"><figcaption>Photo: Agency</figcaption></figure>', "caption"),
    ('<div class="author-box"><p>Jane writes about transport.</p></div>', "author"),
    ('<p class="affiliate-disclaimer">We earn a commission on purchases made via these links.</p>',
     "disclaimer"),
])
def test_furniture_is_dropped_with_its_rule(markup, rule):
    tree = tree_of(f"<article>{ARTICLE}{markup}</article>")
    outcome = bundled_drops().apply(tree)
    assert [r.rule for r in outcome.removals] == [f"generic.html-drop.{rule}"]
    assert outcome.removals[0].stage == "html"
    assert outcome.removals[0].text  # the record keeps what went
    assert all(p in texts(tree) for p in PARAS)


@pytest.mark.parametrize("markup", [
    '<div class="commentary"><p>Our analyst writes about the vote.</p></div>',  # veto: commentary
    '<div class="shareholder-letter"><p>Dear shareholders, the year was good.</p></div>',  # veto
    '<div class="pop-menu-item"><p>A menu word inside a longer class name.</p></div>',  # tokens only
    '<div class="table-responsive"><table><tr><td>Data the article needs</td></tr></table></div>',
    '<div class="header-menu-enabled"><p>Menu as part of a longer class name.</p></div>',
])
def test_lookalike_classes_are_kept(markup):
    tree = tree_of(f"<article>{ARTICLE}{markup}</article>")
    outcome = bundled_drops().apply(tree)
    assert outcome.removals == []


def test_the_article_container_is_never_dropped():
    # WordPress-style wrappers carry furniture words in their classes.
    tree = tree_of(f'<div class="post has-sidebar comments-open">{ARTICLE}'
                   '<div class="share-buttons"><a>Tweet</a></div></div>')
    outcome = bundled_drops().apply(tree)
    assert [r.rule for r in outcome.removals] == ["generic.html-drop.share"]
    assert all(p in texts(tree) for p in PARAS)


def test_a_match_holding_most_of_the_page_is_kept():
    # A wrapper outside the paragraph anchor that holds most of the text (no <p>, no <br>).
    body = '<div class="sidebar-layout">' + "".join(f"<span>{p}</span>" for p in PARAS) + \
        "</div><div><p>Short note.</p></div>"
    tree = tree_of(body)
    assert bundled_drops().apply(tree).removals == []
    assert HtmlDrops(load_groups([bundled_rules_dir() / "generic"]), max_share=1.0).apply(
        tree_of(body)).removals[0].rule == "generic.html-drop.navigation"


def test_guard_keeps_drops_off_the_article_paragraphs():
    # Every paragraph carries a class the patterns match: dropping them would empty the article.
    paras = "".join(f'<p class="share-quote">{p}</p>' for p in PARAS) + f"<p>{PARAS[0][:60]}</p>"
    tree = tree_of(f"<article>{paras}<div class='social-bar'><a>Share</a></div></article>")
    outcome = HtmlDrops(load_groups([bundled_rules_dir() / "generic"]), max_paragraph_share=0.5).apply(tree)
    assert outcome.guard is not None and outcome.guard["fallback"] == "drops-without-paragraphs"
    assert [r.text for r in outcome.removals] == ["Share"]  # the bar without paragraphs still goes
    assert all(p in texts(tree) for p in PARAS)
    unguarded = tree_of(f"<article>{paras}</article>")
    assert HtmlDrops(load_groups([bundled_rules_dir() / "generic"]),
                     max_paragraph_share=None).apply(unguarded).guard is None


def test_cleaner_end_to_end_and_disabling_a_group():
    page = (f"<html><body><article><h1>Ferry stays</h1>{ARTICLE}"
            "<div class='share-bar'><p>Share this story on Facebook and Twitter now</p></div>"
            "</article></body></html>")
    result = Cleaner().clean(page, kind="html")
    assert "Share this story" not in result.text
    assert PARAS[1] in result.text
    assert any(r.rule == "generic.html-drop.share" for r in result.removals)
    kept = Cleaner(disabled=["generic.html-drop.share"]).clean(page, kind="html")
    assert not any(r.rule.startswith("generic.html-drop.share") for r in kept.removals)


def test_user_rules_add_groups_and_bad_files_are_named(tmp_path):
    generic = tmp_path / "rules" / "generic"
    generic.mkdir(parents=True)
    (generic / "my-drops.yaml").write_text(
        "kind: html-drops\ngroups:\n  promo:\n    class_id: [promo-box]\n", encoding="utf-8")
    c = Cleaner(rules_dirs=[tmp_path / "rules"])
    assert "promo" in [g.name for g in c.html_drops.groups]
    tree = tree_of(f"<article>{ARTICLE}<div class='promo-box'>Buy now</div></article>")
    assert [r.rule for r in c.html_drops.apply(tree).removals] == ["generic.html-drop.promo"]
    # the phrase-list loader leaves html-drops files alone
    assert Lexicons.from_dirs([generic]).lists == {}
    (generic / "my-drops.yaml").write_text(
        "kind: html-drops\ngroups:\n  promo:\n    klass: [x]\n", encoding="utf-8")
    with pytest.raises(RuleError, match="my-drops.yaml: groups.promo.klass"):
        load_groups([generic])


def test_tokens_and_attribute_patterns():
    drops = HtmlDrops([DropGroup("ads", class_tokens=["ad"]),
                       DropGroup("hidden", attributes={"hidden": "", "style": r"display:\s*none"})])
    assert drops.match(lxml_html.fromstring('<div class="box ad">x</div>'))[0].name == "ads"
    assert drops.match(lxml_html.fromstring('<div class="add-to-cart">x</div>')) is None
    assert drops.match(lxml_html.fromstring('<div hidden>x</div>'))[0].name == "hidden"
    assert drops.match(lxml_html.fromstring('<div style="display: none">x</div>'))[0].name == "hidden"
    assert drops.match(lxml_html.fromstring('<div style="display: block">x</div>')) is None


def test_match_reports_what_matched():
    drops = HtmlDrops([DropGroup("share", class_id=["social"]), DropGroup("navigation", tags=["nav"],
                                                                             roles=["navigation"])])
    node = lxml_html.fromstring('<div class="top sd-Social">x</div>')
    group, why = drops.match(node)
    assert group.name == "share" and "social" in why
    assert drops.match(lxml_html.fromstring('<div role="Navigation">x</div>'))[0].name == "navigation"
    assert drops.match(lxml_html.fromstring('<div class="plain">x</div>')) is None


def test_short_result_retry_mirrors_trafilaturas_escalation():
    from cleaner.htmlstage import _short_result_retry

    words = " ".join(f"word{i}" for i in range(80))  # about 560 characters of page text
    tree = lxml_html.fromstring(f"<html><body><p>{words}</p></body></html>")
    short = "x" * 120
    # On the dropped page (~560 chars) 120 is above a fifth: trafilatura did not retry;
    # with 400 more characters before the drops it would have.
    assert _short_result_retry(tree, short, lambda: 400)
    assert not _short_result_retry(tree, short, lambda: 0)
    assert not _short_result_retry(tree, "x" * 3000, lambda: 100_000)  # long results never retry
    assert not _short_result_retry(tree, "x" * 50, lambda: 400)  # trafilatura retried already
