"""HTML stage: parse once, drop the site's selectors, extract the article with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import trafilatura
from lxml import html as lxml_html
from trafilatura.metadata import extract_title
from trafilatura.utils import HTML_PARSER, load_html

from .records import Removal
from .rules import SiteRule, compile_selector

# Elements whose text is never article text in the plain-text fallback.
_NON_TEXT = ("script", "style", "noscript", "template", "head")
# Elements that start a new line in the streamed rendering (over lxml's limits).
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)


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


def over_parser_limits() -> str | None:
    """After :func:`parse`: libxml2's message if the page hit one of its resource limits.

    Without ``huge_tree`` libxml2 stops building the tree at a depth of 256 elements or at
    a text node of 10,000,000 bytes, and the rest of the page is silently missing from the
    tree. (``huge_tree`` would lift the limits that keep a hostile page from exhausting
    memory and Python's recursion in the extractor, so it is not used.)
    """
    for entry in HTML_PARSER.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            return entry.message.strip()
    return None


class _StreamedText(HTMLParser):
    """The visible text of a page, from the tokenizer alone: no tree, so no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip: str | None = None  # inside <script> or <style> (read raw up to its end tag)
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self._skip = tag
        elif tag == "title":
            self._in_title = True
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._skip:
            self._skip = None
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif self._skip is None:
            self.parts.append(data)


def streamed_text(content: str) -> tuple[str, str | None]:
    """(text, title) of a page lxml cannot hold whole: one block a line, as :func:`plain_text`."""
    reader = _StreamedText()
    reader.feed(content)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    title = " ".join("".join(reader.title_parts).split()) or None
    return "\n".join(line for line in lines if line), title


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
