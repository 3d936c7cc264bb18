"""Document metadata: title, author, date, site name, canonical URL, language.

For HTML this is trafilatura's metadata extraction (meta tags, JSON-LD, htmldate for the
date). It costs tens of milliseconds a page, about as much as the extraction itself, so
the pipeline runs it only when the output asks for it (``Cleaner.clean(metadata=True)``;
the CLI does for ``--format jsonl`` and ``md``).
"""

from __future__ import annotations

from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata

from .detect import host_of

_LANGUAGE_XPATHS = (
    "/html/@lang",
    "/html/@xml:lang",
    '//meta[translate(@http-equiv, "CONTENTLANGUAGE", "contentlanguage")="content-language"]/@content',
    '//meta[@property="og:locale"]/@content',
)


def html_language(tree: HtmlElement) -> str | None:
    """The language the page declares (``<html lang>``, Content-Language, og:locale)."""
    for xpath in _LANGUAGE_XPATHS:
        try:
            values = tree.xpath(xpath, namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
        except Exception:  # lxml rejects some xpaths on odd trees; a language is optional
            continue
        for value in values:
            label = str(value).strip().replace("_", "-")
            if label:
                return label.split(",")[0].strip()
    return None


def html_metadata(tree: HtmlElement, url: str | None) -> dict:
    """Metadata of a parsed page; ``url`` is where it was fetched from, if known."""
    found = extract_metadata(tree, default_url=url)
    return {
        "title": found.title,
        "author": found.author,
        "date": found.date,
        "site_name": found.sitename,
        "canonical_url": found.url,
        "language": html_language(tree),
        "description": found.description,
    }


def text_metadata(title: str | None, url: str | None) -> dict:
    """Metadata of a text dump: what is recognisable is the title line and the URL's host."""
    return {
        "title": title,
        "author": None,
        "date": None,
        "site_name": host_of(url),
        "canonical_url": url,
        "language": None,
        "description": None,
    }
