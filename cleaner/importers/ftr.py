"""ftr-site-config (Full-Text RSS / wallabag site patterns) to cleaner site rules.

One ``.txt`` file per site, one ``directive: value`` a line. ``example.com.txt`` is
for example.com and www.example.com (cleaner: ``hosts: [example.com]``);
``.example.com.txt`` is for the subdomains of example.com (``domains: ["*.example.com"]``).
Directives cleaner can honour become ``html`` keys; the others are listed per file
under ``imported``. See the README section "Importing rule bases".
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..rules import XPATH_PREFIX, RuleError, RuleSet, check_selector, parse_rule

_LINE = re.compile(r"^([A-Za-z_]+)(?:\((.*?)\))?\s*:(.*)$")
_HOST_NAME = re.compile(r"^\.?[\w-]+(?:\.[\w-]+)+$")

#: directives whose effect cleaner always has or never needs, so nothing is lost:
#: it always parses leniently (tidy, parser), always extracts with trafilatura (prune),
#: always falls back to the whole page (autodetect_on_failure) and outputs text only.
IGNORED = {
    "tidy", "prune", "parser", "autodetect_on_failure", "strip_comments", "strip_attr",
    "post_strip_attr", "dissolve", "convert_double_br_tags", "insert_detected_image",
    "src_lazy_load_attr", "footnotes", "http_header", "skip_json_ld",
}
#: directives cleaner has no equivalent for (multi-page articles, logins, metadata...)
UNSUPPORTED_KNOWN = {
    "single_page_link", "single_page_link_in_feed", "next_page_link", "autodetect_next_page",
    "if_page_contains", "login_uri", "login_username_field", "login_password_field",
    "login_extra_fields", "not_logged_in_xpath", "requires_login", "author", "date",
    "wrap_in", "move_into", "native_ad_clue", "skip_id_or_class",
}


@dataclass
class FtrFile:
    """One converted file: the rule data (None when nothing applies) and what was not mapped."""

    name: str
    rule: dict | None
    unsupported: Counter = field(default_factory=Counter)
    ignored: Counter = field(default_factory=Counter)
    rejected_xpaths: list[str] = field(default_factory=list)


def rule_id_for(name: str) -> str:
    """``ftr.example.com`` for ``example.com.txt``, ``ftr.*.example.com`` for ``.example.com.txt``."""
    return "ftr." + ("*" + name if name.startswith(".") else name)


def _xpath(expr: str, rejected: list[str]) -> str | None:
    """``xpath:EXPR`` when lxml compiles and runs EXPR; else None and EXPR is noted as rejected."""
    try:
        check_selector(XPATH_PREFIX + expr)
    except etree.XPathError:
        rejected.append(expr)
        return None
    return XPATH_PREFIX + expr


def _literal(value: str) -> str:
    """``value`` as an XPath string literal (the quotes ftr itself strips are dropped)."""
    return "'" + value.replace("'", "").replace('"', "") + "'"


def convert_text(name: str, text: str) -> FtrFile:
    """Convert the content of one ftr file named ``name`` (without ``.txt``)."""
    result = FtrFile(name=name, rule=None)
    html: dict[str, list] = {"body": [], "drop": [], "title": [], "replace": []}
    finds: list[str] = []
    replaces: list[str] = []
    tests: list[dict] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m is None:
            result.unsupported["(unparsable line)"] += 1
            continue
        directive, arg, value = m.group(1).lower(), m.group(2), m.group(3).strip()
        if directive in ("body", "strip", "title"):
            if value:
                selector = _xpath(value, result.rejected_xpaths)
                if selector is not None:
                    html["drop" if directive == "strip" else directive].append(selector)
        elif directive == "strip_id_or_class":
            token = value.replace("'", "").replace('"', "").strip()
            if token:
                # wallabag's reading: a whole class token or the whole id (ftr matched any substring,
                # which also hits "bylines-wrapper" for "byline" and can take the article with it)
                class_token = _literal(" " + token + " ")
                html["drop"].append(f"{XPATH_PREFIX}//*[contains(concat(' ',normalize-space(@class),' '),"
                                    f"{class_token}) or @id={_literal(token)}]")
        elif directive == "strip_image_src":
            if value:
                html["drop"].append(f"{XPATH_PREFIX}//img[contains(@src,{_literal(value)})]")
        elif directive == "find_string":
            finds.append(value)
        elif directive == "replace_string":
            if arg is not None:
                if arg:
                    html["replace"].append({"find": arg, "replace": value})
            else:
                replaces.append(value)
        elif directive == "test_url":
            tests.append({"url": value})
        elif directive == "test_contains":
            if tests:
                tests[-1].setdefault("contains", []).append(value)
            else:
                result.unsupported["test_contains (before any test_url)"] += 1
        elif directive in IGNORED:
            result.ignored[directive] += 1
        else:  # the known unsupported ones, and typos such as "titl"
            result.unsupported[directive] += 1
    for find, replacement in zip(finds, replaces, strict=False):
        if find:
            html["replace"].append({"find": find, "replace": replacement})
    if len(finds) != len(replaces):
        result.unsupported["find_string/replace_string (unpaired)"] += abs(len(finds) - len(replaces))
    html = {key: value for key, value in html.items() if value}
    if not html:
        return result
    imported: dict = {"from": "ftr-site-config", "file": name + ".txt"}
    if tests:
        imported["tests"] = tests
    if result.unsupported:
        imported["unsupported"] = dict(sorted(result.unsupported.items()))
    if result.ignored:
        imported["ignored"] = dict(sorted(result.ignored.items()))
    if result.rejected_xpaths:
        imported["rejected_xpaths"] = list(result.rejected_xpaths)
    rule: dict = {"id": rule_id_for(name), "description": f"Imported from ftr-site-config {name}.txt"}
    if name.startswith("."):
        rule["domains"] = ["*" + name]
    else:
        rule["hosts"] = [name]
    rule["html"] = html
    rule["imported"] = imported
    result.rule = rule
    return result


def site_name(path: Path) -> str | None:
    """The site a file is for (``example.com``, ``.example.com``), or None if it is no site file."""
    if path.suffix != ".txt" or not path.is_file():
        return None
    name = path.name[:-4].lower()
    return name if _HOST_NAME.match(name) else None


def ftr_files(path: Path) -> list[Path]:
    """The site files of a checkout (its top level, as ftr reads it), or ``[path]`` for one file."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.iterdir() if site_name(p) is not None)


def convert_path(path: Path) -> list[FtrFile]:
    """Convert a checkout or one file; a file that cannot be read is reported, not raised."""
    out = []
    for file in ftr_files(path):
        name = site_name(file) or file.stem.lower()
        try:
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            result = FtrFile(name=name, rule=None)
            result.unsupported[f"(unreadable: {exc.strerror})"] += 1
            out.append(result)
            continue
        out.append(convert_text(name, text))
    _drop_shadowed(out)
    return out


def _drop_shadowed(files: list[FtrFile]) -> None:
    """``www.example.com.txt`` next to ``example.com.txt``: both are for the same host (cleaner,
    like ftr, looks hosts up without ``www.``), so the first one in name order is kept."""
    claimed: dict[str, str] = {}
    for converted in sorted(files, key=lambda f: f.name):
        if converted.rule is None:
            continue
        key = converted.name[4:] if converted.name.startswith("www.") else converted.name
        if key in claimed:
            converted.rule = None
            converted.unsupported[f"(same host as {claimed[key]}.txt, which is used)"] += 1
        else:
            claimed[key] = converted.name


def yaml_name(name: str) -> str:
    """File name of a converted rule: a leading dot (subdomains) becomes ``_.``."""
    return ("_" + name if name.startswith(".") else name) + ".yaml"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


#: part of the cache key: bump when the conversion changes, so old caches are not reused
CONVERTER_VERSION = 3


def _fingerprint(path: Path, files: list[Path]) -> str:
    digest = hashlib.sha1(f"{CONVERTER_VERSION}\0{path.resolve()}".encode())
    for file in files:
        st = file.stat()
        digest.update(f"{file.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load_ftr(path: str | Path, cache: bool = True) -> RuleSet:
    """The rules of an ftr-site-config checkout (or one file), converted in memory.

    The converted rules are cached as JSON under ``$XDG_CACHE_HOME/cleaner`` (default
    ``~/.cache/cleaner``), keyed by the path and the names, sizes and mtimes of its files,
    so each worker process and each later run only reads one file.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: ftr-site-config path not found")
    files = ftr_files(path)
    rules_data = None
    cache_file = _cache_dir() / f"ftr-{_fingerprint(path, files)}.json"
    if cache:
        try:
            rules_data = json.loads(cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            rules_data = None
    from_cache = rules_data is not None
    if rules_data is None:
        rules_data = [f.rule for f in convert_path(path) if f.rule is not None]
        if cache:
            try:
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps(rules_data), encoding="utf-8")
                tmp.replace(cache_file)  # atomic: parallel workers never read half a file
            except OSError:
                pass  # a read-only home only costs the conversion next time
    base = path if path.is_dir() else path.parent
    try:
        rules = [parse_rule(data, base / data["imported"]["file"]) for data in rules_data]
    except (RuleError, KeyError, TypeError):
        if not from_cache:
            raise
        cache_file.unlink(missing_ok=True)  # a damaged cache file: convert again
        return load_ftr(path, cache=cache)
    return RuleSet(rules)
