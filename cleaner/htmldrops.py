"""Generic DOM drops: page furniture removed from the HTML tree before extraction.

Share bars, newsletter boxes, related-article lists, comment sections, menus, author
boxes and image credits are recognisable by their markup (class, id, role, aria-label,
tag) on any site. Dropping them before trafilatura runs keeps them out of every
extraction path, including its fallbacks, which do not apply trafilatura's own discard
rules.

The patterns are data: ``kind: html-drops`` files in ``rules/generic/`` (see
``html-drops.yaml``); a ``generic/`` folder in a ``--rules`` directory adds more.

Three safeguards keep the drops off the article: a match that contains the article's
main text block (the element holding the most paragraph text) is skipped; so is one
holding more than ``max_share`` of the page's text (wrappers often carry classes such as
``has-sidebar``); and when the drops together would take more than
``max_paragraph_share`` of the page's paragraph text, only those holding no paragraph
are made and the document is flagged (the over-removal guard, see :mod:`cleaner.guard`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from .lexicon import generic_yaml_files
from .records import Removal
from .rules import RuleError

KIND = "html-drops"
RULE_PREFIX = "generic.html-drop"
_GROUP_KEYS = {"description", "class_id", "class_tokens", "not_class_id", "roles", "aria_label",
               "tags", "attributes"}
# Never dropped, whatever their attributes say.
_NEVER = frozenset({"html", "body", "head"})
# The text a reader sees in a node (records show it; script code is not furniture text).
_VISIBLE_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
                            " or ancestor::template)]")
# What trafilatura's own page measure (html2txt) leaves out: it is used to tell how big
# the page was before the drops (see htmlstage). Mirrors trafilatura.settings.BASIC_CLEAN_XPATH.
_UNMEASURED_TAGS = frozenset({"aside", "footer", "script", "style", "svg", "template", "fencedframe",
                              "noscript"})
_UNMEASURED_CONSENT = re.compile(
    "cookie[-_]?(?:banner|bar|consent|law|notice|policy|description)|notice[-_]{0,2}cookie"
    "|consent[-_]?(?:banner|manager|sdk)|borlabs|cookiebot|cmplz|onetrust|moove[-_]?gdpr", re.I)


def _unmeasured(node: lxml_html.HtmlElement) -> bool:
    if not isinstance(node.tag, str) or node.tag in _UNMEASURED_TAGS:
        return True
    klass, ident = node.get("class") or "", node.get("id") or ""
    if node.tag == "div" and ("footer" in klass or "footer" in ident):
        return True
    return bool((klass or ident) and (_UNMEASURED_CONSENT.search(klass) or _UNMEASURED_CONSENT.search(ident)))


def _measured_chars(node: lxml_html.HtmlElement, parent: lxml_html.HtmlElement | None) -> int:
    """Characters of ``node``'s text that html2txt would have counted on the whole page.

    ``node`` is detached; ``parent`` is where it was (still in the tree).
    """
    if _unmeasured(node) or (parent is not None and (
            _unmeasured(parent) or any(_unmeasured(a) for a in parent.iterancestors()))):
        return 0
    total, stack = 0, [node]
    while stack:
        el = stack.pop()
        if el.text and not el.text.isspace():
            total += len(el.text.split()) + len("".join(el.text.split()))
        for child in el:
            if child.tail and not child.tail.isspace():
                total += len(child.tail.split()) + len("".join(child.tail.split()))
            if not _unmeasured(child):
                stack.append(child)
    return total


# Below this much paragraph text a page has no article body to protect.
_GUARD_MIN_PARAGRAPH_CHARS = 500
# Only block containers are examined: furniture is a box, and skipping the inline
# elements (a, span, li, img: three quarters of a page) keeps the pass cheap.
SCAN_TAGS = ("div", "section", "aside", "article", "ul", "ol", "nav", "header", "footer", "form", "p",
             "figure", "figcaption", "dialog", "table", "iframe")


@dataclass
class DropGroup:
    """One kind of furniture (``share``, ``newsletter``...), its rule id and its patterns."""

    name: str
    class_id: list[str] = field(default_factory=list)  # substrings of @class or @id, any case
    class_tokens: list[str] = field(default_factory=list)  # whole @class tokens, any case
    not_class_id: list[str] = field(default_factory=list)  # substrings that veto a class/id hit
    roles: list[str] = field(default_factory=list)  # exact @role values, any case
    aria_label: list[str] = field(default_factory=list)  # substrings of @aria-label, any case
    tags: list[str] = field(default_factory=list)  # element names
    attributes: dict[str, str] = field(default_factory=dict)  # attribute -> regex ("" = present)

    @property
    def rule(self) -> str:
        return f"{RULE_PREFIX}.{self.name}"

    def empty(self) -> bool:
        return not (self.class_id or self.class_tokens or self.roles or self.aria_label or self.tags
                    or self.attributes)


def _strings(value: object, path: Path, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(path, key, "must be a list of non-empty strings")
    return value


def _attributes(value: object, path: Path, key: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in value.items()):
        raise RuleError(path, key, "must map attribute names to regexes")
    for name, pattern in value.items():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RuleError(path, f"{key}.{name}", f"invalid regex: {exc}") from None
    return {k.lower(): v for k, v in value.items()}


def load_groups(dirs: list[Path]) -> list[DropGroup]:
    """Read every ``kind: html-drops`` YAML file in ``dirs``; groups of one name are merged."""
    groups: dict[str, DropGroup] = {}
    for path, data in generic_yaml_files(dirs):
        if not isinstance(data, dict) or data.get("kind") != KIND:
            continue
        entries = data.get("groups")
        if not isinstance(entries, dict):
            raise RuleError(path, "groups", "must map group names to their patterns")
        for name, spec in entries.items():
            if not isinstance(spec, dict):
                raise RuleError(path, f"groups.{name}", "must be a mapping")
            unknown = set(spec) - _GROUP_KEYS
            if unknown:
                raise RuleError(path, f"groups.{name}.{sorted(unknown)[0]}", "unknown key")
            group = groups.setdefault(name, DropGroup(name))
            for key in ("class_id", "class_tokens", "not_class_id", "roles", "aria_label", "tags"):
                values = [v.lower() for v in _strings(spec.get(key), path, f"groups.{name}.{key}")]
                getattr(group, key).extend(v for v in values if v not in getattr(group, key))
            group.attributes.update(_attributes(spec.get("attributes"), path,
                                                f"groups.{name}.attributes"))
    return [g for g in groups.values() if not g.empty()]


def _named_alternation(groups: list[DropGroup]) -> re.Pattern | None:
    """One regex over a lower-cased class or id value; ``lastgroup`` names the drop group.

    Each group's substrings and whole class tokens become one named alternative. A group
    may lose a match to an earlier one: the earliest match in the value wins.
    """
    parts = []
    for i, g in enumerate(groups):
        alts = [re.escape(s) for s in sorted(g.class_id, key=len, reverse=True)]
        if g.class_tokens:
            tokens = "|".join(re.escape(t) for t in sorted(g.class_tokens, key=len, reverse=True))
            alts.append(rf"(?<!\S)(?:{tokens})(?!\S)")
        if alts:
            parts.append(f"(?P<g{i}>{'|'.join(alts)})")
    return re.compile("|".join(parts)) if parts else None


class HtmlDrops:
    """Compiled drop groups. ``apply`` removes matches from a tree and returns the records.

    Matching is one pass over the elements with dictionary look-ups and one combined
    regex per class or id value (results cached: the same class strings recur on every
    page of a site). XPath string functions over every element cost more than the whole
    extraction, which is why the patterns are not compiled to XPath.
    """

    _CACHE_LIMIT = 50_000

    def __init__(self, groups: list[DropGroup], max_share: float = 0.5,
                 max_paragraph_share: float | None = 0.8):
        self.groups = groups
        #: a single match holding more than this share of the page's text is not dropped
        self.max_share = max_share
        #: the drops together may take at most this share of the page's paragraph text
        self.max_paragraph_share = max_paragraph_share
        self._class_re = _named_alternation(groups)
        aria: dict[str, DropGroup] = {}
        self._roles: dict[str, DropGroup] = {}
        self._tags: dict[str, DropGroup] = {}
        self._attributes: dict[str, list[tuple[re.Pattern, DropGroup]]] = {}
        for g in groups:  # the first group to claim a string keeps it
            for s in g.aria_label:
                aria.setdefault(s, g)
            for r in g.roles:
                self._roles.setdefault(r, g)
            for t in g.tags:
                self._tags.setdefault(t, g)
            for name, rx in g.attributes.items():
                self._attributes.setdefault(name, []).append((re.compile(rx, re.I), g))
        self._aria = aria
        self._aria_re = re.compile("|".join(re.escape(s) for s in sorted(aria, key=len, reverse=True))) \
            if aria else None
        self._other = frozenset({"role", "aria-label", *self._attributes})
        self._cache: dict[str, tuple[DropGroup, str] | None] = {}
        self._scan_tags = tuple(dict.fromkeys(SCAN_TAGS + tuple(self._tags)))

    @classmethod
    def from_dirs(cls, dirs: list[Path], disabled: tuple[str, ...] = (),
                  max_paragraph_share: float | None = 0.8) -> HtmlDrops:
        groups = [g for g in load_groups(dirs) if not g.rule.startswith(tuple(disabled))]
        return cls(groups, max_paragraph_share=max_paragraph_share)

    def _class_hit(self, value: str) -> tuple[DropGroup, str] | None:
        """Group matched by one class or id value (vetoes applied), cached."""
        hit = self._cache.get(value, False)
        if hit is not False:
            return hit
        hit = None
        if self._class_re is not None:
            lowered = value.lower()
            for m in self._class_re.finditer(lowered):
                group = self.groups[int(m.lastgroup[1:])]
                if not any(s in lowered for s in group.not_class_id):
                    hit = (group, f"*{m.group().strip()}*")
                    break
        if len(self._cache) > self._CACHE_LIMIT:
            self._cache.clear()
        self._cache[value] = hit
        return hit

    def match(self, node: lxml_html.HtmlElement) -> tuple[DropGroup, str] | None:
        """(group, what matched) for one element, or None."""
        group = self._tags.get(node.tag)
        if group is not None:
            return group, f"<{node.tag}>"
        keys = node.keys()
        if not keys:
            return None
        for key in ("class", "id"):
            if key in keys:
                hit = self._class_hit(node.get(key))
                if hit is not None:
                    return hit[0], f"{key} {hit[1]}"
        if self._other.isdisjoint(keys):
            return None
        role = node.get("role")
        if role:
            group = self._roles.get(role.lower())
            if group is not None:
                return group, f"role={role}"
        label = node.get("aria-label")
        if label and self._aria_re is not None:
            m = self._aria_re.search(label.lower())
            if m:
                return self._aria[m.group()], f"aria-label *{m.group()}*"
        for name, patterns in self._attributes.items():
            value = node.get(name)
            if value is not None:
                for pattern, group in patterns:
                    if pattern.search(value):
                        return group, f"@{name}"
        return None

    def apply(self, tree: lxml_html.HtmlElement) -> DropOutcome:
        """Drop the furniture from ``tree`` in place; one record per dropped node."""
        if not self.groups:
            return DropOutcome()
        body = tree.find("body")
        root = body if body is not None else tree
        protected, paragraph_chars = _protected(root)
        found: dict[lxml_html.HtmlElement, tuple[DropGroup, str]] = {}
        for node in root.iter(*self._scan_tags):
            hit = self.match(node)
            if hit is not None and node.tag not in _NEVER and node not in protected:
                found[node] = hit
        if not found:
            return DropOutcome()
        total = len(root.text_content()) or 1
        chosen: dict[lxml_html.HtmlElement, tuple[DropGroup, str]] = {}
        for node, (group, why) in found.items():  # document order: ancestors first
            if any(a in chosen for a in node.iterancestors()):
                continue  # goes with its ancestor
            if len(node.text_content()) <= self.max_share * total:
                chosen[node] = (group, why)
        outcome = DropOutcome()
        if self.max_paragraph_share is not None and paragraph_chars >= _GUARD_MIN_PARAGRAPH_CHARS:
            in_drops = {node: sum(len(p.text_content()) for p in node.iter("p")) for node in chosen}
            share = sum(in_drops.values()) / paragraph_chars
            if share > self.max_paragraph_share:
                # Together the drops would take most of the article's paragraphs: a class
                # pattern is matching the article itself. Keep the drops that hold no paragraph.
                chosen = {node: hit for node, hit in chosen.items() if not in_drops[node]}
                outcome.guard = {"stage": "html", "paragraph_share": round(share, 4),
                                 "limit": self.max_paragraph_share, "fallback": "drops-without-paragraphs"}
        for node, (group, why) in chosen.items():
            text = " ".join(" ".join(_VISIBLE_TEXT(node)).split())
            outcome.removals.append(Removal(rule=group.rule, stage="html", text=text,
                                            detail=f"{_describe(node)} ({why})"))
            outcome.dropped.append((node, node.getparent()))
            node.drop_tree()  # keeps the tail text, which belongs to the parent
        return outcome


@dataclass
class DropOutcome:
    """What :meth:`HtmlDrops.apply` did to a tree."""

    removals: list[Removal] = field(default_factory=list)
    #: set when the over-removal guard kept the drops off the article's paragraphs
    guard: dict | None = None
    #: the dropped nodes, each with the parent it was taken from
    dropped: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement | None]] = field(default_factory=list)

    def measured_chars(self) -> int:
        """Page text that went with the drops, as trafilatura's ``html2txt`` counts it: tells
        how big the page was before them (see :mod:`cleaner.htmlstage`). Computed on demand:
        only short extractions need it."""
        return sum(_measured_chars(node, parent) for node, parent in self.dropped)


def _protected(root: lxml_html.HtmlElement) -> tuple[set, int]:
    """The element holding the most paragraph text and its ancestors (never dropped), and
    the page's paragraph text length.

    Paragraphs are ``<p>`` elements or, on pages that break text with ``<br>`` (blog
    engines), the text after each ``<br>``.
    """
    weight: dict = {}
    for node in root.iter("p", "br"):
        parent = node.getparent()
        if parent is not None:
            size = len(node.text_content()) if node.tag == "p" else len(node.tail or "")
            weight[parent] = weight.get(parent, 0) + size
    if not weight:
        return set(), 0
    anchor = max(weight, key=weight.get)
    return {anchor, *anchor.iterancestors()}, sum(weight.values())


def _describe(node: lxml_html.HtmlElement) -> str:
    """``div.class#id[role]``: enough to find the node in the page source."""
    out = str(node.tag)
    if node.get("id"):
        out += "#" + node.get("id")
    if node.get("class"):
        out += "." + ".".join(node.get("class").split())
    for attr in ("role", "aria-label"):
        if node.get(attr):
            out += f"[{attr}={node.get(attr)}]"
    return out
