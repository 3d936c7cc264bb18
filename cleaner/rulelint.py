"""``cleaner rules lint``: every problem of a rule directory, not just the first.

Schema, regex and selector problems come from the loader itself (:mod:`cleaner.rules`
collecting instead of raising), so lint and ``cleaner clean`` can never disagree about
what is valid. Lint adds what loading tolerates: regexes that can backtrack
catastrophically, and two rules claiming one domain or fingerprint.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .lexicon import Lexicons
from .rules import RuleError, RuleSet, SiteRule, bundled_rules_dir, load_rule_file, rule_files

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

try:  # Python 3.11+
    from re import _compiler as sre_compile
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile  # type: ignore[no-redef]

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
# Repeats that never give back what they matched cannot backtrack into each other.
_NO_BACKTRACK = {getattr(sre_constants, name) for name in ("POSSESSIVE_REPEAT", "ATOMIC_GROUP")
                 if hasattr(sre_constants, name)}
_SINGLE_CHAR = {sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY}
# An outer repeat bounded this high is as bad as an unbounded one: (.*?,){11} is n**11.
_LARGE_REPEAT = 10
# Characters tried when deciding whether two one-character matchers can overlap.
_SAMPLE = "".join(map(chr, range(0x3000))) + "\u3000\u3001\u3002\u4e00\uac00\uff0c\ufeff"

RISKY_ADVICE = "can backtrack catastrophically; remove the nesting"


def nested_quantifier(source: str) -> str | None:
    """Why ``source`` can backtrack catastrophically, or None when it looks safe.

    Flags a repeated group holding another variable-length repeat, as in ``(\\w+\\s?)+``,
    ``(a*)*`` or ``(.*?,){11}``: on a near-miss the engine tries every way of splitting
    the input between the repeats, which takes exponential (or high-polynomial) time.
    The inner repeat is let off when the character after it in the group cannot be one
    it matches (``(\\d+,)*``, ``(,\\d+)*``): then there is only one way to split.
    A heuristic; every flagged pattern can be rewritten without the nesting.
    """
    try:
        tree = sre_parse.parse(source)
    except Exception:  # invalid regexes are the loader's business
        return None
    return _walk(list(tree), outer=None)


def _body(sub) -> list:
    """The items of a repeated group, with wrapping (non-)capturing groups unwrapped."""
    items = list(sub)
    while len(items) == 1 and items[0][0] == sre_constants.SUBPATTERN:
        items = list(items[0][1][-1])
    return items


def _walk(items: list, outer: list | None) -> str | None:
    """Search ``items``; ``outer`` is the body of the enclosing long repeat, if any."""
    for k, (op, av) in enumerate(items):
        if op in _NO_BACKTRACK:
            continue
        if op in _REPEATS:
            low, high, sub = av
            long_repeat = high == sre_constants.MAXREPEAT or high >= _LARGE_REPEAT
            if outer is not None and high != low and _matches_nonempty(list(sub)):
                if not (items is outer and _separated(items, k)):
                    return "a variable-length quantifier inside a repeated group"
            body = _body(sub)
            found = _walk(body, body if outer is None and long_repeat else outer)
        elif op == sre_constants.SUBPATTERN:
            found = _walk(list(av[-1]), outer)
        elif op == sre_constants.BRANCH:
            found = next((f for f in (_walk(list(b), outer) for b in av[1]) if f), None)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            found = _walk(list(av[1]), outer)
        else:
            found = None
        if found:
            return found
    return None


def _matches_nonempty(items: list) -> bool:
    """False only for bodies that can match nothing but the empty string (anchors)."""
    zero_width = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
    return any(op not in zero_width for op, _ in items)


def _separated(body: list, k: int) -> bool:
    """True when the repeat at ``body[k]`` matches single characters that the required
    character after it (next in the group, or the group's first on the next round)
    can never match."""
    following = k + 1 if k + 1 < len(body) else 0
    if following == k:
        return False
    inner = _char_matcher(list(body[k][1][2]))
    after = _char_matcher([body[following]])
    if inner is None or after is None:
        return False
    return not any(inner.match(c) and after.match(c) for c in _SAMPLE)


def _char_matcher(items: list):
    """A compiled regex for a one-character item (a literal, class or dot), else None."""
    if len(items) != 1 or items[0][0] not in _SINGLE_CHAR:
        return None
    try:
        return sre_compile.compile(sre_parse.SubPattern(sre_parse.State(), items), 0)
    except Exception:  # pragma: no cover - private API changed: stay conservative
        return None


def _rule_problems(rule: SiteRule) -> list[RuleError]:
    problems = []
    for key, source in rule.regex_sources:
        why = nested_quantifier(source)
        if why:
            problems.append(RuleError(rule.path, key, f"risky regex '{source}': {why} {RISKY_ADVICE}"))
    return problems


def _lexicon_problems(directory: Path) -> list[RuleError]:
    """Phrase lists in ``directory``: the lexicon loader's verdict, then risky patterns."""
    problems: list[RuleError] = []
    try:
        Lexicons.from_dirs([directory])
    except RuleError as exc:  # the lexicon loader stops at its first problem
        problems.append(exc)
        return problems
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        patterns = data.get("patterns") or {}
        groups = patterns.items() if isinstance(patterns, dict) else [("any", patterns)]
        for lang, items in groups:
            for i, source in enumerate(items or []):
                why = nested_quantifier(source)
                if why:
                    problems.append(RuleError(path, f"patterns.{lang}[{i}]",
                                              f"risky regex '{source}': {why} {RISKY_ADVICE}"))
    return problems


def lint(directory: Path) -> list[RuleError]:
    """Every problem of the rule files in ``directory`` (and its ``generic/`` lists).

    Rules of another directory are checked together with the bundled ones, the way
    ``cleaner clean --rules DIR`` loads them: a clashing id or domain is reported on
    the file in ``directory``.
    """
    problems: list[RuleError] = []
    rules: list[SiteRule] = []
    for path in rule_files(directory):
        rule = load_rule_file(path, problems)
        if rule is not None:
            rules.append(rule)
            problems.extend(_rule_problems(rule))
    context: list[SiteRule] = []
    bundled = bundled_rules_dir()
    if bundled.is_dir() and bundled.resolve() != directory.resolve():
        ignored: list[RuleError] = []  # the bundled rules are linted on their own
        context = [r for p in rule_files(bundled) if (r := load_rule_file(p, ignored)) is not None]
    cross: list[RuleError] = []
    RuleSet(context + rules, cross)
    own = {str(p) for p in rule_files(directory)}
    problems.extend(e for e in cross if e.path in own)
    if (directory / "generic").is_dir():
        problems.extend(_lexicon_problems(directory / "generic"))
    return problems
