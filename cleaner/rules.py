"""Site rules: YAML files in ``rules/``, one per site.

A rule file is validated when it is loaded and its regexes are compiled once.
Any problem raises :class:`RuleError`, which names the file and the key.
See ``rules/README.md`` for the format.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from lxml import etree

from . import saferegex
from .saferegex import UserPattern

TOP_KEYS = {"id", "domains", "hosts", "detect", "extends", "html", "text", "tests", "description", "imported"}
HTML_KEYS = {"drop", "body", "title", "replace"}
#: a selector with this prefix is an XPath expression; any other selector is CSS
XPATH_PREFIX = "xpath:"
TEXT_KEYS = {"drop_lines", "drop_patterns", "strip", "cut_after", "cut_before"}
TEST_KEYS = {"name", "input", "expected", "url", "generic"}


class RuleError(Exception):
    """A rule file is invalid. The message names the file and the key."""

    def __init__(self, path: str | Path, key: str, message: str):
        self.path, self.key, self.message = str(path), key, message
        super().__init__(f"{path}: {key}: {message}")


class _Report:
    """Where validation problems go: raised at the first one (loading a rule for
    cleaning) or collected, all of them, into a list (``cleaner rules lint``)."""

    def __init__(self, path: str | Path, collected: list[RuleError] | None):
        self.path, self.collected = path, collected

    def __call__(self, key: str, message: str) -> None:
        error = RuleError(self.path, key, message)
        if self.collected is None:
            raise error
        self.collected.append(error)


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
    drop_patterns: list[UserPattern] = field(default_factory=list)
    strip: list[UserPattern] = field(default_factory=list)
    cut_after: list[UserPattern] = field(default_factory=list)
    cut_before: list[UserPattern] = field(default_factory=list)
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

    #: (key, source as written) of every text regex, e.g. ("text.strip[0]", " PREMIUM$"),
    #: for linting; the rule's own, not those it inherits by ``extends``
    regex_sources: list[tuple[str, str]] = field(default_factory=list)


def _union(first: list, second: list) -> list:
    out = list(first)
    out.extend(x for x in second if x not in out)
    return out


def _string_list(data: dict, key: str, report: _Report, prefix: str = "") -> list[str]:
    value = data.get(key, [])
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report(prefix + key, "must be a string or a list of strings")
        return []
    return value


def _regex_list(data: dict, key: str, report: _Report, sources: list[tuple[str, str]],
                full_line: bool = False, path: str = "") -> list[UserPattern]:
    """Compile ``text.<key>``; ``full_line`` patterns must match the whole line."""
    out = []
    for i, source in enumerate(_string_list(data, key, report, "text.")):
        try:
            out.append(UserPattern(source, f"{path}: text.{key}[{i}]", full_line=full_line))
            sources.append((f"text.{key}[{i}]", source))
        except (saferegex.error, re.error) as exc:
            report(f"text.{key}[{i}]", f"invalid regex {source!r}: {exc}")
    return out


def _check_keys(data: dict, allowed: set[str], report: _Report, prefix: str = "") -> None:
    for key in sorted(set(data) - allowed, key=str):
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(sorted(allowed))}"
        report(f"{prefix}{key}", f"unknown key ({hint})")


def _domains(data: dict, report: _Report) -> list[str]:
    out = []
    for i, raw in enumerate(_string_list(data, "domains", report)):
        domain = _domain_key(raw)
        # A domain is matched against URL hosts: a scheme, path or port can never match.
        if not _DOMAIN.fullmatch(domain.removeprefix("*.")):
            report(f"domains[{i}]", f"{raw!r} is not a host name (write 'example.com', no scheme or path)")
            continue
        out.append(domain)
    return out


def _hosts(data: dict, report: _Report) -> list[str]:
    out = []
    for i, raw in enumerate(_string_list(data, "hosts", report)):
        host = _host_key(raw)
        if not _DOMAIN.fullmatch(host) or host.startswith("*"):
            report(f"hosts[{i}]", f"{raw!r} is not a host name (write 'example.com', no scheme or path)")
            continue
        out.append(host)
    return out


_DOMAIN = re.compile(r"[^\s/:?#@]+\.[^\s/:?#@]+")
# Up to this many ``detect`` fingerprints, a text is searched for each in turn (str.find,
# a fast substring search in C): cheaper than the alternation, which the regex engine
# tries at every place where one of them could start.
_FIND_FINGERPRINTS = 8


def _tests(data: dict, report: _Report) -> list[dict]:
    tests = data.get("tests") or []
    if not isinstance(tests, list):
        report("tests", "must be a list of {input, expected} mappings")
        return []
    out = []
    for i, case in enumerate(tests):
        key = f"tests[{i}]"
        if not isinstance(case, dict):
            report(key, "must be a mapping with 'input' and 'expected'")
            continue
        _check_keys(case, TEST_KEYS, report, key + ".")
        valid = True
        for required in ("input", "expected"):
            if not isinstance(case.get(required), str):
                report(f"{key}.{required}", "required, a string")
                valid = False
        for name in ("name", "url"):
            if name in case and not isinstance(case[name], str):
                report(f"{key}.{name}", "must be a string")
                valid = False
        if "generic" in case and not isinstance(case["generic"], bool):
            report(f"{key}.generic", "must be true or false")
            valid = False
        if valid:
            out.append(case)
    return out


def parse_rule(data: object, path: Path, problems: list[RuleError] | None = None) -> SiteRule | None:
    """Validate one parsed YAML document and build a :class:`SiteRule`.

    Without ``problems`` the first problem raises :class:`RuleError`. With a list, every
    problem is appended to it and the rule is built from the valid parts (None when the
    file is not a rule at all).
    """
    report = _Report(path, problems)
    if not isinstance(data, dict):
        report("(top)", "a rule file must be a mapping")
        return None
    _check_keys(data, TOP_KEYS, report)
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        report("id", "required, a non-empty string")
        return None
    html = data.get("html") or {}
    text = data.get("text") or {}
    if not isinstance(html, dict):
        report("html", "must be a mapping")
        html = {}
    if not isinstance(text, dict):
        report("text", "must be a mapping")
        text = {}
    _check_keys(html, HTML_KEYS, report, "html.")
    _check_keys(text, TEXT_KEYS, report, "text.")
    selectors = {key: _selector_list(html, key, report) for key in ("drop", "body", "title")}
    extends = data.get("extends")
    if extends is not None and not isinstance(extends, str):
        report("extends", "must be a rule id (string)")
        extends = None
    imported = data.get("imported")
    if imported is not None and not isinstance(imported, dict):
        report("imported", "must be a mapping")
        imported = None
    sources: list[tuple[str, str]] = []
    return SiteRule(
        id=rule_id.strip(),
        path=str(path),
        domains=_domains(data, report),
        hosts=_hosts(data, report),
        detect=_string_list(data, "detect", report),
        extends=extends,
        html_drop=selectors["drop"],
        html_body=selectors["body"],
        html_title=selectors["title"],
        html_replace=_replace_list(html, report),
        drop_lines=[s.strip() for s in _string_list(text, "drop_lines", report, "text.")],
        drop_patterns=_regex_list(text, "drop_patterns", report, sources, full_line=True, path=str(path)),
        strip=_regex_list(text, "strip", report, sources, path=str(path)),
        cut_after=_regex_list(text, "cut_after", report, sources, path=str(path)),
        cut_before=_regex_list(text, "cut_before", report, sources, path=str(path)),
        tests=_tests(data, report),
        regex_sources=sources,
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


def _selector_list(html: dict, key: str, report: _Report) -> list[str]:
    """``html.<key>``: CSS selectors, or XPath with the ``xpath:`` prefix; the valid ones."""
    out = []
    for i, selector in enumerate(_string_list(html, key, report, "html.")):
        try:
            check_selector(selector)
            out.append(selector)
        except Exception as exc:  # cssselect and lxml raise several error types
            kind = "XPath" if selector.startswith(XPATH_PREFIX) else "CSS selector"
            report(f"html.{key}[{i}]", f"invalid {kind} {selector!r}: {exc}")
    return out


def _replace_list(html: dict, report: _Report) -> list[tuple[str, str]]:
    """``html.replace``: ``{find: ..., replace: ...}`` pairs applied to the raw HTML."""
    value = html.get("replace") or []
    if not isinstance(value, list):
        report("html.replace", "must be a list of {find, replace} mappings")
        return []
    out = []
    for i, item in enumerate(value):
        if (not isinstance(item, dict) or set(item) != {"find", "replace"}
                or not isinstance(item["find"], str) or not isinstance(item["replace"], str)
                or not item["find"]):
            report(f"html.replace[{i}]", "must be {find: non-empty string, replace: string}")
            continue
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


def load_rule_file(path: Path, problems: list[RuleError] | None = None) -> SiteRule | None:
    """Read and validate one rule file; see :func:`parse_rule` for ``problems``."""
    report = _Report(path, problems)
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(yaml)"
        report(where, f"invalid YAML: {getattr(exc, 'problem', exc)}")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        report("(file)", str(exc))
        return None
    return parse_rule(data, path, problems)


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
    """All site rules of some directories, indexed by id, domain and fingerprint.

    Without ``problems`` a duplicate id or a broken ``extends`` raises :class:`RuleError`.
    With a list they are collected there, as are two rules claiming one domain or one
    fingerprint (which loading tolerates: the rule loaded first wins).
    """

    def __init__(self, rules: Iterable[SiteRule] = (), problems: list[RuleError] | None = None):
        self.by_id: dict[str, SiteRule] = {}
        for rule in rules:
            if rule.id in self.by_id:
                other = self.by_id[rule.id].path
                _Report(rule.path, problems)("id", f"duplicate id {rule.id!r} (also in {other})")
                continue
            self.by_id[rule.id] = rule
        self._resolve_extends(problems)
        # Three dicts, so a lookup costs a few probes however many rules there are.
        self.by_domain: dict[str, SiteRule] = {}  # the domain and its subdomains
        self.by_subdomains: dict[str, SiteRule] = {}  # "*.example.com": subdomains only
        self.by_host: dict[str, SiteRule] = {}  # exactly that host
        fingerprints: dict[str, SiteRule] = {}
        for rule in self.by_id.values():
            for i, domain in enumerate(rule.domains):
                if domain.startswith("*."):
                    self._claim(self.by_subdomains, domain[2:], rule, f"domains[{i}]", problems)
                else:
                    self._claim(self.by_domain, domain, rule, f"domains[{i}]", problems)
            for i, host in enumerate(rule.hosts):
                self._claim(self.by_host, host, rule, f"hosts[{i}]", problems)
            for i, fp in enumerate(rule.detect):
                self._claim(fingerprints, fp, rule, f"detect[{i}]", problems)
        self._fingerprints = fingerprints
        # One alternation scans a text for every fingerprint at once; longest first so
        # that a fingerprint which contains another one wins.
        self._fingerprint_order = sorted(fingerprints, key=len, reverse=True)
        self._fingerprint_re = (
            re.compile("|".join(map(re.escape, self._fingerprint_order))) if fingerprints else None
        )

    @staticmethod
    def _claim(index: dict[str, SiteRule], value: str, rule: SiteRule, key: str,
               problems: list[RuleError] | None) -> None:
        first = index.setdefault(value, rule)
        if first is not rule and problems is not None:
            problems.append(RuleError(rule.path, key,
                                      f"{value!r} is also claimed by rule {first.id!r} ({first.path})"))

    @classmethod
    def from_dirs(cls, dirs: Iterable[str | Path]) -> RuleSet:
        rules = []
        for directory in dirs:
            directory = Path(directory)
            if not directory.is_dir():
                raise RuleError(directory, "(dir)", "rules directory not found")
            rules.extend(load_rule_file(p) for p in rule_files(directory))
        return cls(rules)

    def _resolve_extends(self, problems: list[RuleError] | None) -> None:
        resolved: dict[str, SiteRule] = {}

        def resolve(rule: SiteRule, chain: tuple[str, ...]) -> SiteRule:
            if rule.id in resolved:
                return resolved[rule.id]
            if rule.extends is None:
                resolved[rule.id] = rule
                return rule
            parent = self.by_id.get(rule.extends)
            if rule.extends in chain:
                _Report(rule.path, problems)("extends", f"cycle: {' -> '.join(chain + (rule.extends,))}")
                parent = None
            elif parent is None:
                _Report(rule.path, problems)("extends", f"unknown rule id {rule.extends!r}")
            # Collecting problems: a rule with a broken ``extends`` stands alone.
            merged = rule if parent is None else rule.merged_with(resolve(parent, chain + (parent.id,)))
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
        """The rule whose ``detect`` string occurs earliest in ``text`` (the longer of two
        that start at the same place)."""
        if self._fingerprint_re is None:
            return None
        if len(self._fingerprint_order) <= _FIND_FINGERPRINTS:
            # The regex's answer, from one substring search each.
            first, first_at = None, len(text) + 1
            for fingerprint in self._fingerprint_order:  # longest first: it wins a tie
                at = text.find(fingerprint)
                if 0 <= at < first_at:
                    first, first_at = fingerprint, at
            return self._fingerprints[first] if first is not None else None
        match = self._fingerprint_re.search(text)
        return self._fingerprints[match.group(0)] if match else None
