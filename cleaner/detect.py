"""What a document is (HTML or text) and which site it comes from."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .rules import RuleSet, SiteRule

_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|div|p|article|title)[\s>/]", re.I)


def detect_kind(content: str | bytes) -> str:
    """"html" when the start of the content looks like markup, else "text"."""
    head = content[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", "ignore")
    head = head.replace(b"\x00", b"")  # UTF-16 markup still sniffs as markup
    return "html" if _HTML_SNIFF.search(head) else "text"


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return host or None


def site_for(
    rules: RuleSet,
    url: str | None = None,
    text: str | None = None,
    site_id: str | None = None,
) -> SiteRule | None:
    """The site rule for a document: forced id, else URL host, else a text fingerprint."""
    if site_id is not None:
        return rules.get(site_id)
    host = host_of(url)
    if host:
        rule = rules.for_host(host)
        if rule is not None:
            return rule
    if text:
        return rules.for_fingerprint(text)
    return None
