"""Ad-blocker cosmetic filters (EasyList, Fanboy's lists...) as HTML drop rules.

Only element-hiding rules are taken: ``##sel`` (generic: every page),
``example.com,~shop.example.com##sel`` (those domains and their subdomains, minus the
``~`` ones) and the exceptions ``example.com#@#sel`` and ``#@#sel``. Network rules,
scriptlets and snippets (``##+js(...)``, ``#$#``, ``#%#``), HTML filters (``##^``),
extended selectors (``#?#``, ``:has-text()``, ``:-abp-*``...) and anything else lxml
cannot evaluate are skipped and counted.

Applying thousands of rules stays cheap (see :class:`CosmeticFilter`): domain rules are
found through a dict by the page host's suffixes, and no generic rule is looked at on a
page that lacks what it requires.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import cssselect
import yaml
from cssselect import HTMLTranslator
from lxml import etree

from ..records import Removal
from ..rules import compile_selector

_COSMETIC = re.compile(r"^(.*?)(#@?(?:\$\?|[?$%])?#)(.*)$")
_DOMAIN = re.compile(r"^~?[a-z0-9*][a-z0-9.*-]*$")
_SIMPLE = re.compile(r"^([a-zA-Z][a-zA-Z0-9]*)?([.#])([A-Za-z_][\w-]*)$")

GENERIC_RULE = "adblock.generic"
DOMAIN_RULE = "adblock.site"


def _selector_ok(selector: str) -> bool:
    if _SIMPLE.match(selector):
        return True  # the bulk of a list, valid by construction; cssselect is slow on 50,000
    try:
        compile_selector(selector)
    except Exception:  # cssselect raises several error types
        return False
    return True


@dataclass
class CosmeticList:
    """Parsed cosmetic rules: what to hide where, and what was skipped (by reason)."""

    generic: list[str] = field(default_factory=list)
    domains: dict[str, list[str]] = field(default_factory=dict)
    #: domain -> selectors not applied there (``d#@#sel``, and ``~d`` in a rule's domains)
    exceptions: dict[str, list[str]] = field(default_factory=dict)
    #: ``#@#sel``: selectors applied nowhere
    generic_exceptions: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)

    def add_line(self, line: str) -> None:
        line = line.strip()
        if not line or line.startswith("!") or (line.startswith("[") and line.endswith("]")):
            return
        m = _COSMETIC.match(line)
        if m is None:
            self.skipped["network rule"] += 1
            return
        domain_part, separator, selector = m.group(1), m.group(2), m.group(3).strip()
        domains = [d.strip().lower() for d in domain_part.split(",") if d.strip()]
        if any(not _DOMAIN.match(d) for d in domains):
            self.skipped["network rule"] += 1  # a "#" inside a URL filter, or a regex domain
            return
        if separator not in ("##", "#@#"):
            self.skipped["scriptlet, snippet or extended rule"] += 1
            return
        if selector.startswith("+js(") or selector.startswith("^"):
            self.skipped["scriptlet or HTML filter"] += 1
            return
        if any("*" in d for d in domains):
            self.skipped["wildcard domain"] += 1
            return
        if not selector or not _selector_ok(selector):
            self.skipped["selector lxml cannot evaluate"] += 1
            return
        included = [d for d in domains if not d.startswith("~")]
        excluded = [d[1:] for d in domains if d.startswith("~")]
        if separator == "#@#":
            if included:
                for d in included:
                    self.exceptions.setdefault(d, []).append(selector)
            else:
                self.generic_exceptions.append(selector)
            return
        if included:
            for d in included:
                self.domains.setdefault(d, []).append(selector)
        else:
            self.generic.append(selector)
        for d in excluded:
            self.exceptions.setdefault(d, []).append(selector)

    @classmethod
    def parse(cls, lines: Iterable[str]) -> CosmeticList:
        parsed = cls()
        for line in lines:
            parsed.add_line(line)
        return parsed

    def counts(self) -> dict:
        return {
            "generic": len(self.generic),
            "domain_rules": sum(len(v) for v in self.domains.values()),
            "domains": len(self.domains),
            "exceptions": sum(len(v) for v in self.exceptions.values()) + len(self.generic_exceptions),
            "skipped": dict(sorted(self.skipped.items())),
        }

    def to_yaml_data(self, source: str) -> dict:
        return {
            "adblock": {"from": source, "skipped": dict(sorted(self.skipped.items()))},
            "generic": self.generic,
            "generic_exceptions": self.generic_exceptions,
            "domains": self.domains,
            "exceptions": self.exceptions,
        }

    @classmethod
    def from_yaml_data(cls, data: object, path: Path) -> CosmeticList:
        """Read back :meth:`to_yaml_data`; selectors are checked again (the file may be edited)."""
        if not isinstance(data, dict):
            raise ValueError(f"{path}: not a converted ad-block list (expected a mapping)")
        parsed = cls()
        for selector in data.get("generic") or []:
            parsed.add_line("##" + selector)
        for selector in data.get("generic_exceptions") or []:
            parsed.add_line("#@#" + selector)
        for key, prefix in (("domains", "##"), ("exceptions", "#@#")):
            for domain, selectors in (data.get(key) or {}).items():
                for selector in selectors or []:
                    parsed.add_line(f"{domain}{prefix}{selector}")
        return parsed


def read_list(path: str | Path) -> CosmeticList:
    """An ad-block list (``.txt``) or a list converted by ``cleaner rules import-adblock`` (``.yaml``)."""
    path = Path(path)
    if path.suffix in (".yaml", ".yml"):
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster on big lists
        with open(path, encoding="utf-8") as fh:
            return CosmeticList.from_yaml_data(yaml.load(fh, Loader=loader), path)
    with open(path, encoding="utf-8", errors="replace") as fh:
        return CosmeticList.parse(fh)


class CosmeticFilter:
    """A :class:`CosmeticList` indexed for applying to pages; build once, use for every page.

    ``.class`` and ``#id`` selectors are matched in one walk over the page. Every other
    selector is indexed by one thing it requires (a class, an id, an element name, or an
    attribute with a value starting with, containing... a string) and is run only on the
    pages where the walk saw it; the few that require nothing are compiled into one union.
    """

    def __init__(self, rules: CosmeticList):
        self.rules = rules
        nowhere = set(rules.generic_exceptions)
        self.domains = {d: [s for s in sels if s not in nowhere] for d, sels in rules.domains.items()}
        self.exceptions = {d: set(sels) for d, sels in rules.exceptions.items()}
        self.by_class: dict[str, list[tuple[str | None, str]]] = {}
        self.by_id: dict[str, list[tuple[str | None, str]]] = {}
        self.needs_class: dict[str, list[str]] = {}
        self.needs_id: dict[str, list[str]] = {}
        self.needs_tag: dict[str, list[str]] = {}
        self.needs_attribute = _AttributeScreens()
        self.unindexed: list[str] = []
        for selector in dict.fromkeys(rules.generic):  # dedupe, keep order
            if selector in nowhere:
                continue
            simple = _SIMPLE.match(selector)
            if simple:
                tag, kind, name = simple.groups()
                index = self.by_class if kind == "." else self.by_id
                index.setdefault(name, []).append((tag.lower() if tag else None, selector))
                continue
            need = _requirement(selector)
            if need is None:
                self.unindexed.append(selector)
            elif need[0] == "class":
                self.needs_class.setdefault(need[1], []).append(selector)
            elif need[0] == "id":
                self.needs_id.setdefault(need[1], []).append(selector)
            elif need[0] == "tag":
                self.needs_tag.setdefault(need[1], []).append(selector)
            else:
                self.needs_attribute.add(need[1], need[2], need[3], selector)
        translator = HTMLTranslator()
        self._unindexed_union = (
            etree.XPath(" | ".join(translator.css_to_xpath(s) for s in self.unindexed))
            if self.unindexed else None
        )

    @classmethod
    def from_path(cls, path: str | Path) -> CosmeticFilter:
        return cls(read_list(path))

    def __reduce__(self):
        # compiled XPath does not pickle: a worker process rebuilds the index from the list
        return (CosmeticFilter, (self.rules,))

    def _for_host(self, host: str | None) -> tuple[list[tuple[str, str]], set[str]]:
        """Domain selectors (with the domain) and excepted selectors for ``host``."""
        if not host:
            return [], set()
        return _host_rules(self, host.lower().rstrip("."))

    def apply(self, tree: etree._Element, host: str | None) -> list[Removal]:
        """Drop every element the rules hide on ``host``; one record per element."""
        site_selectors, excepted = self._for_host(host)
        hits: list[tuple[etree._Element, str, str]] = []
        candidates: set[str] = set()
        position: dict[etree._Element, int] = {}
        screened = self.needs_attribute.names
        for el in tree.iter(etree.Element):
            position[el] = len(position)
            if not el.attrib:
                candidates.update(self.needs_tag.get(el.tag, ()))
                continue
            candidates.update(self.needs_tag.get(el.tag, ()))
            if not screened.isdisjoint(el.attrib.keys()):
                self.needs_attribute.collect(el, candidates)
            el_class = el.get("class")
            if el_class:
                for name in el_class.split():
                    candidates.update(self.needs_class.get(name, ()))
                    for tag, selector in self.by_class.get(name, ()):
                        if tag is None or tag == el.tag:
                            hits.append((el, GENERIC_RULE, selector))
            el_id = el.get("id")
            if el_id:
                candidates.update(self.needs_id.get(el_id, ()))
                for tag, selector in self.by_id.get(el_id, ()):
                    if tag is None or tag == el.tag:
                        hits.append((el, GENERIC_RULE, selector))
        if excepted:
            hits = [hit for hit in hits if hit[2] not in excepted]
        for selector in sorted(candidates - excepted):
            hits.extend((el, GENERIC_RULE, selector) for el in _select(tree, selector))
        if self._unindexed_union is not None:
            if excepted.intersection(self.unindexed):
                for selector in self.unindexed:
                    if selector not in excepted:
                        hits.extend((el, GENERIC_RULE, selector) for el in _select(tree, selector))
            else:
                hits.extend(self._name_union_hits(tree, self._unindexed_union(tree)))
        for domain, selector in site_selectors:
            hits.extend((el, f"{DOMAIN_RULE}:{domain}", selector) for el in _select(tree, selector))
        removals = []
        root = tree.getroottree().getroot()
        # document order: an element goes before its descendants, which then go with it
        for el, rule, selector in sorted(hits, key=lambda hit: position.get(hit[0], -1)):
            if el.getparent() is None or not _attached(el, root):
                continue
            text = " ".join(el.text_content().split())
            removals.append(Removal(rule=rule, stage="html", text=text, detail=selector))
            el.drop_tree()
        return removals

    def _name_union_hits(self, tree: etree._Element, matched: list) -> list[tuple[etree._Element, str, str]]:
        """Name the selector behind each element the combined union matched (for the records).

        Runs the selectors one by one only on pages where the union matched, and only
        until every matched element has its selector.
        """
        todo = {el for el in matched if isinstance(el, etree._Element)}
        hits = []
        for selector in self.unindexed:
            if not todo:
                break
            for el in _select(tree, selector):
                if el in todo:
                    todo.discard(el)
                    hits.append((el, GENERIC_RULE, selector))
        return hits


class _AttributeScreens:
    """Selectors by an attribute condition they require, screened a group at a time.

    ``collect`` adds to a set the selectors whose condition an element meets. Values are
    compared lower-cased, so the screen may let through a selector that then does not
    match, never the reverse.
    """

    def __init__(self) -> None:
        self.names: set[str] = set()
        # attribute -> operator -> [(lower-cased value, selector)]
        self.groups: dict[str, dict[str, list[tuple[str, str]]]] = {}
        self._screens: dict[tuple[str, str], Callable[[str], object]] = {}

    def add(self, attrib: str, operator: str, value: str, selector: str) -> None:
        self.names.add(attrib)
        self.groups.setdefault(attrib, {}).setdefault(operator, []).append((value.lower(), selector))
        self._screens.clear()

    def _screen(self, attrib: str, operator: str, entries: list) -> Callable[[str], object]:
        """One test for a whole group: does any of its values fit?"""
        key = (attrib, operator)
        if key not in self._screens:
            values = tuple(v for v, _ in entries)
            if operator == "*=":
                screen = re.compile("|".join(re.escape(v) for v in values)).search
            elif operator == "=":
                screen = frozenset(values).__contains__
            elif operator == "^=":
                screen = partial(_starts, values)
            elif operator == "$=":
                screen = partial(_ends, values)
            else:  # exists: having the attribute is the condition
                screen = _always
            self._screens[key] = screen
        return self._screens[key]

    def collect(self, el: etree._Element, found: set[str]) -> None:
        for attrib, raw in el.attrib.items():
            operators = self.groups.get(attrib)
            if operators is None:
                continue
            value = raw.lower()
            for operator, entries in operators.items():
                screen = self._screens.get((attrib, operator)) or self._screen(attrib, operator, entries)
                if screen(value):
                    found.update(s for want, s in entries if _fits(operator, want, value))


def _fits(operator: str, want: str, value: str) -> bool:
    if operator == "*=":
        return want in value
    if operator == "=":
        return want == value
    if operator == "^=":
        return value.startswith(want)
    if operator == "$=":
        return value.endswith(want)
    return True


def _starts(prefixes: tuple[str, ...], text: str) -> bool:
    return text.startswith(prefixes)


def _ends(suffixes: tuple[str, ...], text: str) -> bool:
    return text.endswith(suffixes)


def _always(text: str) -> bool:
    return True


def _requirement(selector: str) -> tuple | None:
    """Something a page must have for ``selector`` to match anything, from cssselect's parse.

    ``("id", x)``, ``("class", x)``, ``("attr", name, operator, value)`` or ``("tag", x)``,
    taken from the parts every match needs (not from inside ``:not()``); None for a
    selector list or when nothing is required.
    """
    try:
        parsed = cssselect.parse(selector)
    except cssselect.SelectorError:
        return None
    if len(parsed) != 1:
        return None
    found: dict[str, tuple] = {}
    stack = [parsed[0].parsed_tree]
    while stack:
        node = stack.pop()
        if isinstance(node, cssselect.parser.CombinedSelector):
            stack += [node.selector, node.subselector]
            continue
        if isinstance(node, cssselect.parser.Hash):
            found.setdefault("id", ("id", node.id))
        elif isinstance(node, cssselect.parser.Class):
            found.setdefault("class", ("class", node.class_name))
        elif isinstance(node, cssselect.parser.Attrib) and node.operator in _SCREENED:
            value = "" if node.value is None else str(node.value.value)
            if node.operator == "exists" or value:
                found.setdefault("attr", ("attr", node.attrib.lower(), node.operator, value))
        elif isinstance(node, cssselect.parser.Element):
            if node.element and node.element != "*":
                found.setdefault("tag", ("tag", node.element.lower()))
            continue
        inner = getattr(node, "selector", None)  # the compound this part qualifies
        if inner is not None:
            stack.append(inner)
    for kind in ("id", "class", "attr", "tag"):
        if kind in found:
            return found[kind]
    return None


# attribute operators a page can be screened for; others (~=, |=, !=) are not indexed
_SCREENED = {"exists", "=", "^=", "$=", "*="}


def _attached(el: etree._Element, root: etree._Element) -> bool:
    """False once ``el`` left the document with a dropped ancestor."""
    top = el
    for ancestor in el.iterancestors():
        top = ancestor
    return top is root


def _select(tree: etree._Element, selector: str) -> list:
    try:
        return [el for el in compile_selector(selector)(tree) if isinstance(el, etree._Element)]
    except etree.XPathError:
        return []


def _host_rules(flt: CosmeticFilter, host: str) -> tuple[list[tuple[str, str]], set[str]]:
    if host.startswith("www."):
        host = host[4:]
    parts = host.split(".")
    selectors: list[tuple[str, str]] = []
    excepted: set[str] = set()
    for i in range(len(parts)):
        suffix = ".".join(parts[i:])
        excepted.update(flt.exceptions.get(suffix, ()))
        selectors.extend((suffix, s) for s in flt.domains.get(suffix, ()))
    return [(d, s) for d, s in selectors if s not in excepted], excepted
