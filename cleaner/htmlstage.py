"""HTML stage: parse once, drop the site's selectors, extract the article with trafilatura."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import trafilatura
from lxml import html as lxml_html
from trafilatura import html2txt
from trafilatura.metadata import extract_title
from trafilatura.utils import load_html

from .htmldrops import DropOutcome, HtmlDrops
from .records import Removal
from .rules import SiteRule, compile_selector

# Elements whose text is never article text in the plain-text fallback.
_NON_TEXT = ("script", "style", "noscript", "template", "head")


@dataclass
class HtmlResult:
    text: str
    title: str | None
    tree: lxml_html.HtmlElement | None
    removals: list[Removal] = field(default_factory=list)
    guard: dict | None = None  # the over-removal guard limited the DOM drops


def parse(content: str | bytes) -> lxml_html.HtmlElement | None:
    """Parse HTML once. trafilatura's loader decodes bytes by their declared charset.

    lxml alone guesses the charset of bytes wrongly often enough to cost extraction
    quality, which is why ``load_html`` is used rather than ``lxml.html.fromstring``.
    """
    return load_html(content)


def canonical_url(tree: lxml_html.HtmlElement) -> str | None:
    """``<link rel=canonical>`` or ``og:url``: where a saved page came from."""
    for xpath in (
        '//link[@rel="canonical"]/@href',
        '//meta[@property="og:url"]/@content',
        '//meta[@name="og:url"]/@content',
    ):
        values = tree.xpath(xpath)
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return None


def drop_selectors(tree: lxml_html.HtmlElement, rule: SiteRule) -> list[Removal]:
    """Remove the nodes matching the rule's ``html.drop`` selectors, recording each."""
    removals = []
    for selector in rule.html_drop:
        for node in compile_selector(selector)(tree):
            parent = node.getparent()
            if parent is None:
                continue
            text = " ".join(node.text_content().split())
            removals.append(Removal(rule=f"site:{rule.id}.html.drop", stage="html", text=text,
                                    detail=selector))
            node.drop_tree()  # keeps the tail text, which belongs to the parent
    return removals


def plain_text(tree: lxml_html.HtmlElement) -> str:
    """Fallback rendering when trafilatura finds no article: visible text, one block a line."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    for node in root.iter(*_NON_TEXT):
        node.drop_tree()
    lines = (" ".join(t.split()) for t in root.itertext())
    return "\n".join(line for line in lines if line)


def extract_from_tree(tree: lxml_html.HtmlElement | None, rule: SiteRule | None,
                      drops: HtmlDrops | None = None, content: str | bytes | None = None) -> HtmlResult:
    """Drop the site's selectors, then the generic ``drops``, from ``tree`` (in place) and
    extract title and text. ``content`` is the page ``tree`` was parsed from (see
    :func:`_short_result_retry`)."""
    if tree is None:
        return HtmlResult(text="", title=None, tree=None)
    removals = drop_selectors(tree, rule) if rule is not None else []
    site_chars = sum(len(r.text) for r in removals)
    outcome = drops.apply(tree) if drops is not None else DropOutcome()
    removals += outcome.removals
    title = extract_title(tree)
    text = _extract(tree)
    if text and removals and content is not None and _short_result_retry(
            tree, text, lambda: site_chars + outcome.measured_chars()):
        text = _extract(parse(content)) or text
    if not text:
        text = plain_text(tree)
    return HtmlResult(text=text, title=title, tree=tree, removals=removals, guard=outcome.guard)


def _extract(tree: lxml_html.HtmlElement | None) -> str | None:
    if tree is None:
        return None
    return trafilatura.extract(tree, output_format="txt", include_comments=False, include_tables=True)


# trafilatura retries (in recall mode, and with jusText) when its result is short and
# covers little of the page (trafilatura.core.ESCALATION_*). Dropping furniture shrinks
# "the page", so that retry no longer fires where it fires on the whole page; these
# mirror its thresholds.
_RETRY_MAX_CHARS = 3000
_RETRY_PAGE_SHARE = 0.2


def _short_result_retry(tree: lxml_html.HtmlElement, text: str, dropped_chars: Callable[[], int]) -> bool:
    """True when trafilatura would have retried on the undropped page but not on ``tree``.

    ``dropped_chars()`` is the page text (as trafilatura's ``html2txt`` counts it) that went
    with the drops. The caller then extracts from the undropped page, as trafilatura alone would.
    """
    if len(text) >= _RETRY_MAX_CHARS:
        return False
    body = tree.find("body")
    # html2txt counts at most the raw text plus a space per block boundary: a cheap bound
    # that spares computing it on most pages.
    upper = 1.2 * len((body if body is not None else tree).text_content())
    dropped = dropped_chars()
    if len(text) >= _RETRY_PAGE_SHARE * (upper + dropped):
        return False  # even the largest page html2txt could count would not have retried
    page = len(html2txt(tree))
    return _RETRY_PAGE_SHARE * page <= len(text) < _RETRY_PAGE_SHARE * (page + dropped)
