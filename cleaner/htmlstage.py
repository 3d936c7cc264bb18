"""HTML stage: parse once, drop the site's selectors, extract the article with trafilatura.

A site rule may name the article container (``html.body``): extraction then runs on
that subtree only. Imported rules (ftr-site-config, ad-blocker lists) and ``html.body``
are *guarded*: the page is also extracted without them, and when their result lost
most of the article's prose the rule's body, then the whole rule, is given up.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura import html2txt
from trafilatura.metadata import extract_title
from trafilatura.utils import HTML_PARSER, decode_file, load_html, repair_faulty_html

from .htmldrops import DropOutcome, HtmlDrops
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
    guard: dict | None = None  # the over-removal guard limited the DOM drops


def parse(content: str | bytes) -> lxml_html.HtmlElement | None:
    """Parse HTML once. trafilatura's loader decodes bytes by their declared charset.

    lxml alone guesses the charset of bytes wrongly often enough to cost extraction
    quality, which is why ``load_html`` is used rather than ``lxml.html.fromstring``.
    """
    return load_html(content)


# trafilatura's parser settings, with libxml2's XML_PARSE_HUGE: text nodes of any size and
# nesting up to 2048 elements instead of 256. Used only for pages over the default limits;
# its lifted size limits are safe because documents are capped by --max-bytes before this.
_HUGE_PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                    remove_comments=True, remove_pis=True, huge_tree=True)


def over_parser_limits(parser: lxml_html.HTMLParser = HTML_PARSER) -> str | None:
    """After :func:`parse` (or :func:`parse_huge`): libxml2's message if the page hit one of
    its resource limits.

    Without ``huge_tree`` libxml2 stops building the tree at a depth of 256 elements or at
    a text node of 10,000,000 bytes, with ``huge_tree`` at a depth of 2048; the rest of the
    page is then silently missing from the tree.
    """
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            return entry.message.strip()
    return None


def parse_whole(content: str) -> tuple[lxml_html.HtmlElement | None, str | None]:
    """:func:`parse`, and :func:`parse_huge` when the page is over the default limits.

    Returns the tree and libxml2's message if the page is over even the larger limits
    (then the tree lacks part of the page)."""
    tree = parse(content)
    if over_parser_limits() is None:
        return tree, None
    return parse_huge(content)


def parse_huge(content: str) -> tuple[lxml_html.HtmlElement | None, str | None]:
    """Parse a page that was over the default limits again, with ``huge_tree``.

    Returns the tree and libxml2's message if even these limits were hit (nesting deeper
    than 2048). Pages between 256 and 2048 levels deep occur in real crawls (unclosed
    inline tags nest deeper and deeper), and trafilatura extracts them well.
    """
    # as load_html does: drop characters XML cannot hold (lxml refuses them when the tree is
    # edited), mend a faulty doctype or <html/>
    content = repair_faulty_html(content, content[:50].lower())
    try:
        try:
            tree = lxml_html.fromstring(content, parser=_HUGE_PARSER)
        except ValueError:  # "Unicode strings with encoding declaration are not supported"
            tree = lxml_html.fromstring(content.encode("utf-8"), parser=_HUGE_PARSER)
    except etree.ParserError:  # "Document is empty"
        return None, None
    return tree, over_parser_limits(_HUGE_PARSER)


# A start or end tag, or a comment opening. ``[^<>]*`` stops at the next "<", so scanning
# for tokens is linear however the markup is broken.
_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
# Elements whose content is text up to their end tag (str.lower() may change a string's
# length, so end tags are found with case-insensitive patterns, not in a lowered copy).
_RAW_TEXT = {name: re.compile(f"</{name}", re.IGNORECASE)
             for name in ("script", "style", "title", "textarea")}


def streamed_text(content: str) -> tuple[str, str | None]:
    """(text, title) of a page lxml cannot hold whole: one block a line, as :func:`plain_text`.

    Works on tags alone, in one pass and linear time, with no tree and so no depth. Python's
    ``html.parser`` would do, but before the fix of CVE-2025-6069 (Python 3.9.23, 3.10.18,
    3.11.13, 3.12.11, 3.13.4) it takes quadratic time on unclosed markup such as
    ``<a<a<a...``, which a hostile page over lxml's limits could use to stall a run.
    """
    parts: list[str] = []
    title: str | None = None
    pos = 0
    while (match := _TAG.search(content, pos)) is not None:
        parts.append(content[pos:match.start()])
        pos = match.end()
        if match.group(0) == "<!--":
            end = content.find("-->", pos)
            pos = len(content) if end < 0 else end + 3
            continue
        closing, name = match.group(1), match.group(2).lower()
        if not closing and name in _RAW_TEXT:
            found = _RAW_TEXT[name].search(content, pos)
            end = len(content) if found is None else found.start()
            if name == "title" and title is None:
                title = " ".join(html.unescape(content[pos:end]).split()) or None
            elif name == "textarea":
                parts.append(content[pos:end])
            pos = end
        elif name in _BLOCKS:
            parts.append("\n")
    parts.append(content[pos:])
    lines = (" ".join(line.split()) for line in html.unescape("".join(parts)).split("\n"))
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


#: a prose line of the unguarded extraction has at least this many words
PROSE_WORDS = 12
#: a guarded result must keep this share of the unguarded extraction's prose characters
MIN_PROSE_KEPT = 0.6
#: drops (without a body) removing fewer words than this in all are not checked against
#: the unguarded extraction: ads and buttons mostly have no text at all
UNCHECKED_WORDS = 40
#: records of text outside ``html.body`` keep this many characters of it
OUTSIDE_TEXT_CHARS = 300

#: applies ad-blocker cosmetic rules to a tree in place and returns their records
Cosmetic = Callable[[lxml_html.HtmlElement], list[Removal]]


def select(tree: lxml_html.HtmlElement, selector: str) -> list:
    """Elements matching a CSS or ``xpath:`` selector; an XPath that fails on this page matches nothing."""
    try:
        found = compile_selector(selector)(tree)
    except etree.XPathError:
        return []
    if not isinstance(found, list):
        return []
    return [n for n in found if isinstance(n, etree.ElementBase) and isinstance(n.tag, str)]


def drop_nodes(tree: lxml_html.HtmlElement, selectors: list[str], rule_id: str) -> list[Removal]:
    """Remove the nodes matching ``selectors``, one record per node, ``rule_id`` naming the rule."""
    removals = []
    for selector in selectors:
        for node in select(tree, selector):
            if node.getparent() is None:
                continue  # the root, or a node already gone with an ancestor
            text = " ".join(node.text_content().split())
            removals.append(Removal(rule=rule_id, stage="html", text=text, detail=selector))
            node.drop_tree()  # keeps the tail text, which belongs to the parent
    return removals


def drop_selectors(tree: lxml_html.HtmlElement, rule: SiteRule) -> list[Removal]:
    """Remove the nodes matching the rule's ``html.drop`` selectors, recording each."""
    return drop_nodes(tree, rule.html_drop, f"site:{rule.id}.html.drop")


def apply_replacements(content: str | bytes, rule: SiteRule) -> str | None:
    """The page source with the rule's ``html.replace`` pairs applied, or None if nothing changed."""
    source = decode_file(content) if isinstance(content, bytes) else content
    replaced = source
    for find, replacement in rule.html_replace:
        replaced = replaced.replace(find, replacement)
    return replaced if replaced != source else None


def select_body(tree: lxml_html.HtmlElement, rule: SiteRule) -> tuple[str, list] | None:
    """The first ``html.body`` selector that matches, with its outermost matched elements."""
    for selector in rule.html_body:
        nodes = select(tree, selector)
        if nodes:
            inside = set()
            outermost = []
            for node in nodes:
                if node in inside:
                    continue
                outermost.append(node)
                inside.update(node.iter())
            return selector, [n for n in outermost if not any(a in inside for a in n.iterancestors())]
    return None


def body_document(nodes: list) -> lxml_html.HtmlElement:
    """A new document whose ``<body>`` holds copies of ``nodes`` in document order."""
    doc = lxml_html.document_fromstring("<html><head></head><body></body></html>")
    body = doc.find("body")
    for node in nodes:
        copied = deepcopy(node)
        copied.tail = None
        body.append(copied)
    return doc


def text_outside(tree: lxml_html.HtmlElement, nodes: list) -> str:
    """The visible text of ``tree`` that is not inside ``nodes`` (for the body record)."""
    paths = [tree.getroottree().getpath(n) for n in nodes]
    outside = deepcopy(tree)
    for path in paths:
        for node in outside.getroottree().xpath(path):
            node.drop_tree()
    return plain_text(outside).replace("\n", " ")


def rule_title(tree: lxml_html.HtmlElement, rule: SiteRule) -> str | None:
    """The first non-empty match of the rule's ``html.title`` selectors (element or string)."""
    for selector in rule.html_title:
        try:
            found = compile_selector(selector)(tree)
        except etree.XPathError:
            continue
        for item in found if isinstance(found, list) else [found]:
            text = item.text_content() if isinstance(item, etree.ElementBase) else str(item)
            text = " ".join(text.split())
            if text:
                return text
    return None


def prose_kept(candidate: str, baseline: str) -> float:
    """Share of the baseline's prose characters (lines of PROSE_WORDS+ words) found in ``candidate``.

    A line counts as found when it, its first or its last 50 characters occur in the
    candidate: a rule may strip a link or a badge inside a paragraph.
    """
    found_in = " ".join(candidate.split())
    prose = [" ".join(line.split()) for line in baseline.splitlines() if len(line.split()) >= PROSE_WORDS]
    total = sum(len(line) for line in prose)
    if not total:
        whole = len(" ".join(baseline.split()))
        return min(1.0, len(found_in) / whole) if whole else 1.0
    kept = sum(len(line) for line in prose
               if line in found_in or line[:50] in found_in or line[-50:] in found_in)
    return kept / total


def plain_text(tree: lxml_html.HtmlElement) -> str:
    """Fallback rendering when trafilatura finds no article: visible text, one block a line."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    for node in root.iter(*_NON_TEXT):
        node.drop_tree()
    lines = (" ".join(t.split()) for t in root.itertext())
    return "\n".join(line for line in lines if line)


def extract_from_tree(
    tree: lxml_html.HtmlElement | None,
    rule: SiteRule | None,
    drops: HtmlDrops | None = None,
    content: str | bytes | None = None,
    cosmetic: Cosmetic | None = None,
) -> HtmlResult:
    """Apply the site rule, ad-blocker ``cosmetic`` rules and the generic ``drops`` to
    ``tree``; extract title and text. ``content`` is the page ``tree`` was parsed from
    (see :func:`_short_result_retry`).

    A plain rule without ``html.body`` works on ``tree`` in place. Otherwise the rule
    is guarded (see the module docstring) and ``tree`` is left as it was.
    """
    if tree is None:
        return HtmlResult(text="", title=None, tree=None)
    title = rule_title(tree, rule) if rule is not None else None
    guarded = cosmetic is not None or (rule is not None and (rule.html_body or rule.imported is not None))
    if not guarded:
        removals = drop_selectors(tree, rule) if rule is not None else []
        return _drop_and_extract(tree, removals, drops, content, title)

    work = deepcopy(tree)
    removals = drop_selectors(work, rule) if rule is not None else []
    if cosmetic is not None:
        removals.extend(cosmetic(work))
    body = select_body(work, rule) if rule is not None else None
    if not removals and body is None:
        return _drop_and_extract(tree, [], drops, content, title)
    if body is None and sum(len(r.text.split()) for r in removals) < UNCHECKED_WORDS:
        # too few words went to have taken the article: no second extraction to compare with
        return _drop_and_extract(work, removals, drops, content, title)
    baseline = _drop_and_extract(deepcopy(tree), [], drops, content, None)
    if body is not None:
        selector, nodes = body
        inside = _drop_and_extract(body_document(nodes), [], drops, None, title or baseline.title)
        if prose_kept(inside.text, baseline.text) >= MIN_PROSE_KEPT:
            outside = text_outside(work, nodes)
            if len(outside) > OUTSIDE_TEXT_CHARS:
                outside = outside[:OUTSIDE_TEXT_CHARS] + "…"
            record = Removal(rule=f"site:{rule.id}.html.body", stage="html", text=outside,
                             detail=f"kept only {selector}")
            inside.removals[:0] = removals + [record]
            inside.tree = work
            return inside
    candidate = _drop_and_extract(work, removals, drops, content, title)
    if prose_kept(candidate.text, baseline.text) >= MIN_PROSE_KEPT:
        return candidate
    return baseline


def _drop_and_extract(tree: lxml_html.HtmlElement, removals: list[Removal], drops: HtmlDrops | None,
                      content: str | bytes | None, title: str | None) -> HtmlResult:
    """The generic ``drops`` on ``tree`` (in place), then title and text; ``removals`` are the
    rule drops already made on it. ``title`` (a site rule's) wins over the page's."""
    site_chars = sum(len(r.text) for r in removals)
    outcome = drops.apply(tree) if drops is not None else DropOutcome()
    removals = removals + outcome.removals
    title = title or extract_title(tree)
    text = _extract(tree)
    if text and removals and content is not None and _short_result_retry(
            tree, text, lambda: site_chars + outcome.measured_chars()):
        text = _extract(parse_whole(content)[0]) or text
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
