"""Site rules: YAML files in ``rules/``, one per site.

A rule file is validated when it is loaded and its regexes are compiled once.
Any problem raises :class:`RuleError`, which names the file and the key.
See ``rules/README.md`` for the format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from lxml import etree

TOP_KEYS = {"id", "domains", "hosts", "detect", "extends", "html", "text", "tests", "description", "imported"}
HTML_KEYS = {"drop", "body", "title", "replace"}
#: a selector with this prefix is an XPath expression; any other selector is CSS
XPATH_PREFIX = "xpath:"
TEXT_KEYS = {"drop_lines", "drop_patterns", "strip", "cut_after", "cut_before"}


class RuleError(Exception):
    """A rule file is invalid. The message names the file and the key."""

    def __init__(self, path: str | Path, key: str, message: str):
        self.path, self.key = str(path), key
        super().__init__(f"{path}: {key}: {message}")


@dataclass
class SiteRule:
    id: str
    path: str
    domains: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    detect: list[str] = field(default_factory=list)
    extends: str | None = None
    html_drop: list[str] = field(default_factory=list)
    html_body: list[str] = field(default_factory=list)
    html_title: list[str] = field(default_factory=list)
    html_replace: list[tuple[str, str]] = field(default_factory=list)
    drop_lines: list[str] = field(default_factory=list)
    drop_patterns: list[re.Pattern] = field(default_factory=list)
    strip: list[re.Pattern] = field(default_factory=list)
    cut_after: list[re.Pattern] = field(default_factory=list)
    cut_before: list[re.Pattern] = field(default_factory=list)
    tests: list[dict] = field(default_factory=list)
    #: where an imported rule came from (ftr-site-config file, test URLs, what was not mapped)
    imported: dict | None = None

    def merged_with(self, parent: SiteRule) -> SiteRule:
        """This rule with everything of ``parent`` it does not already have."""
        return SiteRule(
            id=self.id,
            path=self.path,
            domains=self.domains,
            hosts=self.hosts,
            detect=self.detect,
            extends=self.extends,
            html_drop=_union(parent.html_drop, self.html_drop),
            html_body=self.html_body or parent.html_body,
            html_title=self.html_title or parent.html_title,
            html_replace=_union(parent.html_replace, self.html_replace),
            drop_lines=_union(parent.drop_lines, self.drop_lines),
            drop_patterns=_union(parent.drop_patterns, self.drop_patterns),
            strip=_union(parent.strip, self.strip),
            cut_after=_union(parent.cut_after, self.cut_after),
            cut_before=_union(parent.cut_before, self.cut_before),
            tests=self.tests,
            imported=self.imported,
        )


def _union(first: list, second: list) -> list:
    out = list(first)
    out.extend(x for x in second if x not in out)
    return out


def _string_list(data: dict, key: str, path: Path, prefix: str = "") -> list[str]:
    value = data.get(key, [])
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(path, prefix + key, "must be a string or a list of strings")
    return value


def _regex_list(data: dict, key: str, path: Path, full_line: bool = False) -> list[re.Pattern]:
    """Compile ``text.<key>``; ``full_line`` patterns must match the whole line."""
    out = []
    for i, source in enumerate(_string_list(data, key, path, "text.")):
        try:
            out.append(re.compile(rf"(?:{source})\Z" if full_line else source))
        except re.error as exc:
            raise RuleError(path, f"text.{key}[{i}]", f"invalid regex {source!r}: {exc}") from None
    return out


def _check_keys(data: dict, allowed: set[str], path: Path, prefix: str = "") -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise RuleError(path, prefix + unknown[0], f"unknown key (allowed: {', '.join(sorted(allowed))})")


def parse_rule(data: object, path: Path) -> SiteRule:
    """Validate one parsed YAML document and build a :class:`SiteRule`."""
    if not isinstance(data, dict):
        raise RuleError(path, "(top)", "a rule file must be a mapping")
    _check_keys(data, TOP_KEYS, path)
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise RuleError(path, "id", "required, a non-empty string")
    html = data.get("html") or {}
    text = data.get("text") or {}
    if not isinstance(html, dict):
        raise RuleError(path, "html", "must be a mapping")
    if not isinstance(text, dict):
        raise RuleError(path, "text", "must be a mapping")
    _check_keys(html, HTML_KEYS, path, "html.")
    _check_keys(text, TEXT_KEYS, path, "text.")
    selectors = {key: _selector_list(html, key, path) for key in ("drop", "body", "title")}
    extends = data.get("extends")
    if extends is not None and not isinstance(extends, str):
        raise RuleError(path, "extends", "must be a rule id (string)")
    tests = data.get("tests") or []
    if not isinstance(tests, list):
        raise RuleError(path, "tests", "must be a list")
    imported = data.get("imported")
    if imported is not None and not isinstance(imported, dict):
        raise RuleError(path, "imported", "must be a mapping")
    return SiteRule(
        id=rule_id.strip(),
        path=str(path),
        domains=[_domain_key(d) for d in _string_list(data, "domains", path)],
        hosts=[_host_key(h) for h in _string_list(data, "hosts", path)],
        detect=_string_list(data, "detect", path),
        extends=extends,
        html_drop=selectors["drop"],
        html_body=selectors["body"],
        html_title=selectors["title"],
        html_replace=_replace_list(html, path),
        drop_lines=[s.strip() for s in _string_list(text, "drop_lines", path, "text.")],
        drop_patterns=_regex_list(text, "drop_patterns", path, full_line=True),
        strip=_regex_list(text, "strip", path),
        cut_after=_regex_list(text, "cut_after", path),
        cut_before=_regex_list(text, "cut_before", path),
        tests=tests,
        imported=imported,
    )


def _domain_key(domain: str) -> str:
    """``example.com`` (the domain and its subdomains) or ``*.example.com`` (subdomains only).

    A leading dot is accepted for the first form, as before.
    """
    domain = domain.lower().strip()
    if domain.startswith("*."):
        return "*." + domain[2:].strip(".")
    return domain.strip(".")


def _host_key(host: str) -> str:
    """An exact host; ``www.`` is dropped because page hosts are looked up without it."""
    host = host.lower().strip().strip(".")
    return host[4:] if host.startswith("www.") else host


_PROBE_PAGE = "<html><head><title>t</title></head><body><div id='a' class='b'><p>x</p></div></body></html>"


def check_selector(selector: str) -> None:
    """Raise when ``selector`` does not compile or fails on a tiny page.

    Running it once catches what XPath only reports on evaluation (a wrong number of
    function arguments, an unknown function or namespace prefix).
    """
    compile_selector(selector)(etree.fromstring(_PROBE_PAGE))


def _selector_list(html: dict, key: str, path: Path) -> list[str]:
    selectors = _string_list(html, key, path, "html.")
    for i, selector in enumerate(selectors):
        try:
            check_selector(selector)
        except Exception as exc:  # cssselect and lxml raise several error types
            kind = "XPath" if selector.startswith(XPATH_PREFIX) else "CSS selector"
            raise RuleError(path, f"html.{key}[{i}]", f"invalid {kind} {selector!r}: {exc}") from None
    return selectors


def _replace_list(html: dict, path: Path) -> list[tuple[str, str]]:
    """``html.replace``: ``{find: ..., replace: ...}`` pairs applied to the raw HTML."""
    value = html.get("replace") or []
    if not isinstance(value, list):
        raise RuleError(path, "html.replace", "must be a list of {find, replace} mappings")
    out = []
    for i, item in enumerate(value):
        if (not isinstance(item, dict) or set(item) != {"find", "replace"}
                or not isinstance(item["find"], str) or not isinstance(item["replace"], str)
                or not item["find"]):
            raise RuleError(path, f"html.replace[{i}]", "must be {find: non-empty string, replace: string}")
        out.append((item["find"], item["replace"]))
    return out


@lru_cache(maxsize=8192)
def compile_selector(selector: str) -> Callable:
    """Compile a selector once: ``xpath:EXPR`` is XPath 1.0, anything else CSS.

    Both compile to an lxml XPath callable; the cache keeps per-document work to a lookup.
    """
    if selector.startswith(XPATH_PREFIX):
        return etree.XPath(selector[len(XPATH_PREFIX):].strip())
    from lxml.cssselect import CSSSelector

    return CSSSelector(selector, translator="html")


def load_rule_file(path: Path) -> SiteRule:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(yaml)"
        raise RuleError(path, where, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(path, "(file)", str(exc)) from None
    return parse_rule(data, path)


def bundled_rules_dir() -> Path:
    """The rules shipped with cleaner.

    Installed, ``rules/`` is packaged as ``cleaner/bundled_rules`` (see pyproject.toml);
    in a source checkout it is the ``rules/`` folder next to the package.
    """
    package = Path(__file__).resolve().parent
    installed = package / "bundled_rules"
    return installed if installed.is_dir() else package.parent / "rules"


def rule_files(directory: Path) -> list[Path]:
    """Site rule files in ``directory`` (the ``generic/`` lexicons are not site rules)."""
    return sorted(p for p in directory.glob("*.yaml") if p.is_file()) + sorted(
        p for p in directory.glob("*.yml") if p.is_file()
    )


class RuleSet:
    """All site rules of some directories, indexed by id, domain and fingerprint."""

    def __init__(self, rules: Iterable[SiteRule] = ()):
        self.by_id: dict[str, SiteRule] = {}
        for rule in rules:
            if rule.id in self.by_id:
                other = self.by_id[rule.id].path
                raise RuleError(rule.path, "id", f"duplicate id {rule.id!r} (also in {other})")
            self.by_id[rule.id] = rule
        self._resolve_extends()
        # Three dicts, so a lookup costs a few probes however many rules there are.
        self.by_domain: dict[str, SiteRule] = {}  # the domain and its subdomains
        self.by_subdomains: dict[str, SiteRule] = {}  # "*.example.com": subdomains only
        self.by_host: dict[str, SiteRule] = {}  # exactly that host
        for rule in self.by_id.values():
            for domain in rule.domains:
                if domain.startswith("*."):
                    self.by_subdomains.setdefault(domain[2:], rule)
                else:
                    self.by_domain.setdefault(domain, rule)
            for host in rule.hosts:
                self.by_host.setdefault(host, rule)
        fingerprints = {fp: rule for rule in self.by_id.values() for fp in rule.detect}
        self._fingerprints = fingerprints
        # One alternation scans a text for every fingerprint at once; longest first so
        # that a fingerprint which contains another one wins.
        self._fingerprint_re = (
            re.compile("|".join(re.escape(fp) for fp in sorted(fingerprints, key=len, reverse=True)))
            if fingerprints
            else None
        )

    @classmethod
    def from_dirs(cls, dirs: Iterable[str | Path]) -> RuleSet:
        rules = []
        for directory in dirs:
            directory = Path(directory)
            if not directory.is_dir():
                raise RuleError(directory, "(dir)", "rules directory not found")
            rules.extend(load_rule_file(p) for p in rule_files(directory))
        return cls(rules)

    def _resolve_extends(self) -> None:
        resolved: dict[str, SiteRule] = {}

        def resolve(rule: SiteRule, chain: tuple[str, ...]) -> SiteRule:
            if rule.id in resolved:
                return resolved[rule.id]
            if rule.extends is None:
                resolved[rule.id] = rule
                return rule
            if rule.extends in chain:
                raise RuleError(rule.path, "extends", f"cycle: {' -> '.join(chain + (rule.extends,))}")
            parent = self.by_id.get(rule.extends)
            if parent is None:
                raise RuleError(rule.path, "extends", f"unknown rule id {rule.extends!r}")
            merged = rule.merged_with(resolve(parent, chain + (rule.id,)))
            resolved[rule.id] = merged
            return merged

        for rule in list(self.by_id.values()):
            resolve(rule, (rule.id,))
        self.by_id = resolved

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, rule_id: str) -> SiteRule | None:
        return self.by_id.get(rule_id)

    def for_host(self, host: str) -> SiteRule | None:
        """The most specific rule for ``host`` (``www.`` ignored).

        An exact ``hosts`` entry first; then, from the host up through its parent
        domains, a ``domains`` entry, or a ``*.`` entry for a strict parent.
        """
        host = _host_key(host)
        rule = self.by_host.get(host)
        if rule is not None:
            return rule
        parts = host.split(".")
        for i in range(len(parts) - 1):
            suffix = ".".join(parts[i:])
            rule = self.by_domain.get(suffix) or (self.by_subdomains.get(suffix) if i else None)
            if rule is not None:
                return rule
        return None

    def for_fingerprint(self, text: str) -> SiteRule | None:
        """The rule whose ``detect`` string occurs earliest in ``text``."""
        if self._fingerprint_re is None:
            return None
        match = self._fingerprint_re.search(text)
        return self._fingerprints[match.group(0)] if match else None
