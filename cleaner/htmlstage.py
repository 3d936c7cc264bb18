"""HTML stage: parse once, drop the site's selectors, extract the article with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass, field

import trafilatura
from lxml import html as lxml_html
from trafilatura.metadata import extract_title
from trafilatura.utils import load_html

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


def extract_from_tree(tree: lxml_html.HtmlElement | None, rule: SiteRule | None) -> HtmlResult:
    """Drop the site's selectors from ``tree`` (in place) and extract title and text."""
    if tree is None:
        return HtmlResult(text="", title=None, tree=None)
    removals = drop_selectors(tree, rule) if rule is not None else []
    title = extract_title(tree)
    text = trafilatura.extract(tree, output_format="txt", include_comments=False,
                               include_tables=True)
    if not text:
        text = plain_text(tree)
    return HtmlResult(text=text, title=title, tree=tree, removals=removals)
