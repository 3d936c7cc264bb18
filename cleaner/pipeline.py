"""The public entry point: :class:`Cleaner` runs read → detect site → HTML → text stages."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import htmlstage
from .decode import decode_html, decode_plain
from .detect import detect_kind, host_of, site_for
from .lexicon import Lexicons
from .markdown import extract_markdown, html_markdown, text_markdown
from .metadata import html_metadata, text_metadata
from .records import CleanResult
from .rules import RuleError, RuleSet, bundled_rules_dir
from .textstage import clean_lines


class Cleaner:
    """Cleans one document at a time; cheap to call, build it once.

    ``rules_dirs`` are extra site-rule directories (a ``generic/`` folder inside one
    extends the phrase lists). ``site_rules=False`` uses the generic heuristics only.
    ``ftr`` is an ftr-site-config checkout (or file) and ``adblock`` an ad-block list
    (or one converted by ``cleaner rules import-adblock``), both used as they are.

    Precedence for a page: a rule from ``rules_dirs`` > a bundled rule > an ftr rule;
    ad-block cosmetic rules apply below whichever site rule it is, and the generic
    detectors run after all of them.
    """

    def __init__(
        self,
        rules_dirs: Iterable[str | Path] = (),
        site_rules: bool = True,
        generic: bool = True,
        bundled: bool = True,
        ftr: str | Path | None = None,
        adblock: str | Path | None = None,
    ):
        extra = [Path(d) for d in rules_dirs]
        for d in extra:
            if not d.is_dir():
                raise RuleError(d, "(dir)", "rules directory not found")
        base = [bundled_rules_dir()] if bundled else []
        self.site_rules_enabled = site_rules
        self.generic = generic
        # user directories first: for a domain both cover, the first rule loaded wins
        self.rules = RuleSet.from_dirs(extra + base) if site_rules else RuleSet()
        self.ftr_rules = RuleSet()
        if ftr is not None and site_rules:
            from .importers.ftr import load_ftr

            self.ftr_rules = load_ftr(ftr)
        self.adblock = None
        if adblock is not None:
            from .importers.adblock import CosmeticFilter

            self.adblock = CosmeticFilter.from_path(adblock)
        lexicon_dirs = [d / "generic" for d in base + extra if (d / "generic").is_dir()]
        self.lexicons = Lexicons.from_dirs(lexicon_dirs)

    def clean(
        self,
        content: str | bytes,
        url: str | None = None,
        kind: str | None = None,
        site: str | None = None,
        *,
        content_type: str | None = None,
        metadata: bool = False,
        markdown: bool = False,
    ) -> CleanResult:
        """Clean one document. ``kind`` is "html", "text" or None (detect from content).

        ``site`` forces a site rule by id (an unknown id raises :class:`KeyError`).
        Bytes are decoded by BOM, ``content_type``'s charset (an HTTP header value),
        ``<meta charset>``, then detection; ``result.decoding`` says which.
        ``metadata`` and ``markdown`` fill ``result.metadata`` and ``result.markdown``;
        both cost time (more trafilatura passes over the page), so they are off unless asked for.
        """
        if site is not None and self.rule_by_id(site) is None:
            raise KeyError(f"unknown site rule id: {site}")
        kind = kind or detect_kind(content)
        if kind not in ("html", "text"):
            raise ValueError(f"kind must be 'html', 'text' or None, not {kind!r}")
        decoding = None
        if isinstance(content, bytes):
            decode = decode_html if kind == "html" else decode_plain
            content, decoded = decode(content, content_type)
            decoding = decoded.to_dict()
        if kind == "html":
            result = self._clean_html(content, url, site, metadata, markdown)
        else:
            rule = self.rule_by_id(site) if site is not None else site_for(self.rules, url=url, text=content)
            result = self._clean_text(content, rule, title=None, kind="text")
            if metadata:
                result.metadata = text_metadata(result.title, url)
            if markdown:
                result.markdown = text_markdown(result)
        result.decoding = decoding
        return result

    def rule_by_id(self, rule_id: str):
        """A site rule by id, bundled, from ``rules_dirs`` or imported from ftr."""
        return self.rules.get(rule_id) or self.ftr_rules.get(rule_id)

    def _clean_html(self, content: str, url: str | None, site: str | None,
                    metadata: bool = False, markdown: bool = False) -> CleanResult:
        tree = htmlstage.parse(content)
        page_url = url
        if site is None and url is None and tree is not None:
            url = htmlstage.canonical_url(tree)
        if site is not None:
            rule = self.rule_by_id(site)
        else:
            rule = site_for(self.rules, url=url) or site_for(self.ftr_rules, url=url)
        if rule is not None and rule.html_replace and tree is not None:
            replaced = htmlstage.apply_replacements(content, rule)
            reparsed = htmlstage.parse(replaced) if replaced is not None else None
            if reparsed is not None:
                tree = reparsed
        cosmetic = None
        if self.adblock is not None:
            adblock, host = self.adblock, host_of(url)

            def cosmetic(work_tree):
                return adblock.apply(work_tree, host)
        extracted = htmlstage.extract_from_tree(tree, rule, cosmetic)
        if rule is None and len(self.rules):
            rule = site_for(self.rules, text=extracted.text)
        result = self._clean_text(extracted.text, rule, title=extracted.title, kind="html")
        result.removals[:0] = extracted.removals
        if metadata:
            result.metadata = html_metadata(tree, page_url) if tree is not None else text_metadata(None, url)
        if markdown:
            result.markdown = html_markdown(extract_markdown(tree) if tree is not None else None, result)
        return result

    def _clean_text(self, text: str, rule, title: str | None, kind: str) -> CleanResult:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
        lines = [line.strip() for line in text.split("\n")]
        doc = clean_lines(lines, self.lexicons, site_rule=rule, title=title, generic=self.generic)
        kept = [
            None if (doc.removed_by[i] is not None or i == doc.title_line) else doc.lines[i].strip()
            for i in range(len(doc.lines))
        ]
        body = "\n\n".join(line for line in kept if line)
        return CleanResult(
            text=body,
            title=doc.title,
            site=rule.id if rule is not None else None,
            removals=doc.removals,
            kind=kind,
            source_text=text,
            source_lines=lines,
            title_line=doc.title_line,
            kept=kept,
        )
