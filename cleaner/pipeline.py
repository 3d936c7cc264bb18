"""The public entry point: :class:`Cleaner` runs read → detect site → HTML → text stages."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import htmlstage
from .decode import decode_html, decode_plain
from .detect import detect_kind, host_of, site_for
from .detectors import DETECTORS, for_dumps
from .detectors.listmatch import list_tests
from .guard import DEFAULT_LIMITS, guarded
from .htmldrops import RULE_PREFIX as HTML_DROP_PREFIX
from .htmldrops import HtmlDrops
from .lexicon import Lexicons
from .limits import TooLarge
from .markdown import extract_markdown, html_markdown, text_markdown
from .metadata import html_metadata, text_metadata
from .records import CleanResult
from .rules import RuleError, RuleSet, bundled_rules_dir
from .textdoc import TextDoc
from .textmode.fragments import rejoin_lines
from .textstage import clean_lines

# An invisible hyphenation hint (U+00AD) that German and Dutch sites put inside long words
# ("Mit\u00adtel\u00adal\u00adter"): no text, but it splits the word for search, tokenizers,
# deduplication and the headline comparisons. Dropped as line endings are normalised.
SOFT_HYPHEN = "\u00ad"


def _valid_unicode(text: str) -> str:
    """``text`` with lone surrogates (``"\\ud800"`` in JSON input) as U+FFFD: they cannot be
    written as UTF-8, so left in they would fail the document's outputs."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


class Cleaner:
    """Cleans one document at a time; cheap to call, build it once.

    ``rules_dirs`` are extra site-rule directories (a ``generic/`` folder inside one
    extends the phrase lists). ``site_rules=False`` uses the generic heuristics only.
    ``ftr`` is an ftr-site-config checkout (or file) and ``adblock`` an ad-block list
    (or one converted by ``cleaner rules import-adblock``), both used as they are.
    Precedence for a page: a rule from ``rules_dirs`` > a bundled rule > an ftr rule;
    ad-block cosmetic rules apply below whichever site rule it is, and the generic
    detectors run after all of them.
    ``disabled`` switches off the generic heuristics whose rule id starts with one of
    these prefixes (e.g. ``generic.html-drop.hidden``), to measure what each is worth.
    ``guard_limits`` overrides the over-removal guard's limits by kind ("html", "text"):
    the share of a document the text stage may remove before it falls back to a safer
    result (None: no guard); see :mod:`cleaner.guard`.
    ``max_bytes`` refuses larger documents with :class:`~cleaner.limits.TooLarge` (a
    ``ValueError``): bytes by their length, a str by its UTF-8 length; None: no limit.
    """

    def __init__(
        self,
        rules_dirs: Iterable[str | Path] = (),
        site_rules: bool = True,
        generic: bool = True,
        bundled: bool = True,
        ftr: str | Path | None = None,
        adblock: str | Path | None = None,
        disabled: Iterable[str] = (),
        guard_limits: dict[str, float | None] | None = None,
        max_bytes: int | None = None,
    ):
        self.max_bytes = max_bytes
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
        #: rule-id prefixes switched off (to measure what a heuristic is worth)
        self.disabled = tuple(disabled)
        self.guard_limits = {**DEFAULT_LIMITS, **(guard_limits or {})}
        self.html_drops = HtmlDrops.from_dirs(lexicon_dirs, self.disabled,
                                              self.guard_limits["html-drops"]) if generic else None
        self.detectors = [d for d in DETECTORS if not d.rule.startswith(self.disabled)]
        #: text mode's: without those whose finds its article finder removes (Detector.dumps)
        self.dump_detectors = for_dumps(self.detectors)
        # The detectors' tests of each phrase list, built now rather than by the first page
        # that asks (tens of milliseconds of regex compiling, once per process: in text mode
        # that page would be the first the over-removal guard falls back on).
        for plist in self.lexicons.lists.values():
            list_tests(plist)

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
        self._check_size(content)
        kind = kind or detect_kind(content)
        if kind not in ("html", "text"):
            raise ValueError(f"kind must be 'html', 'text' or None, not {kind!r}")
        decoding = None
        if isinstance(content, str):
            content = _valid_unicode(content)
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

    def _check_size(self, content: str | bytes) -> None:
        limit = self.max_bytes
        if not limit or len(content) * (4 if isinstance(content, str) else 1) <= limit:
            return  # (a character is at most 4 bytes of UTF-8: no need to count)
        size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise TooLarge(size, limit)

    def rule_by_id(self, rule_id: str):
        """A site rule by id, bundled, from ``rules_dirs`` or imported from ftr."""
        return self.rules.get(rule_id) or self.ftr_rules.get(rule_id)

    def _clean_html(self, content: str, url: str | None, site: str | None,
                    metadata: bool = False, markdown: bool = False) -> CleanResult:
        tree, limit = htmlstage.parse_whole(content)
        page_url = url
        if site is None and url is None and tree is not None:
            url = htmlstage.canonical_url(tree)
        if site is not None:
            rule = self.rule_by_id(site)
        else:
            rule = site_for(self.rules, url=url) or site_for(self.ftr_rules, url=url)
        if rule is not None and rule.html_replace and tree is not None and limit is None:
            replaced = htmlstage.apply_replacements(content, rule)
            reparsed, over = htmlstage.parse_whole(replaced) if replaced is not None else (None, None)
            if reparsed is not None and over is None:
                tree, content = reparsed, replaced
        cosmetic = None
        if self.adblock is not None:
            adblock, host = self.adblock, host_of(url)

            def cosmetic(work_tree):
                return adblock.apply(work_tree, host)
        if limit is None:
            extracted = htmlstage.extract_from_tree(tree, rule, self.html_drops, content, cosmetic)
        else:
            # Deeper than 2048: render all of the page from its tags instead, as the
            # plain-text fallback does (no article extraction, no html.drop selectors).
            text, title = htmlstage.streamed_text(content)
            extracted = htmlstage.HtmlResult(text=text, title=title, tree=None)
        if rule is None and len(self.rules):
            rule = site_for(self.rules, text=extracted.text)
        result = self._clean_text(extracted.text, rule, title=extracted.title, kind="html")
        result.removals[:0] = extracted.removals
        result.guard = result.guard or extracted.guard
        if limit is not None:
            result.warnings.append(f"HTML over the parser's limits ({limit}); "
                                   "rendered as plain text without article extraction")
        if metadata:
            if tree is not None and any(r.rule.startswith(HTML_DROP_PREFIX) for r in extracted.removals):
                tree = htmlstage.parse_whole(content)[0]  # metadata (bylines, dates) from the page as it was
            result.metadata = html_metadata(tree, page_url) if tree is not None else text_metadata(None, url)
        if markdown:
            tree_md = extract_markdown(tree) if tree is not None and limit is None else None
            result.markdown = html_markdown(tree_md, result)
        return result

    def _clean_text(self, text: str, rule, title: str | None, kind: str,
                    settle: bool = True) -> CleanResult:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace(SOFT_HYPHEN, "")
        if title is not None:
            title = title.replace(SOFT_HYPHEN, "") or None
        lines = list(map(str.strip, text.split("\n")))
        dump = kind == "text"
        # A dump breaks paragraphs at inline tags; the text stage works on rejoined lines.
        # Group j of the text stage's lines is made from source lines group_starts[j] onwards;
        # records name source lines: a rejoined line by the first line it was made from.
        if dump:
            rejoined = rejoin_lines(lines)
            group_starts, group_lines, joins = rejoined.starts, rejoined.texts, rejoined.joins
        else:
            group_starts, group_lines, joins = range(len(lines)), lines, []

        def run(site_rules: bool, generic: bool, find_article: bool = dump) -> TextDoc:
            return clean_lines(group_lines, self.lexicons, site_rule=rule if site_rules else None,
                               title=title, generic=generic and self.generic, find_article=find_article,
                               detectors=self.dump_detectors if dump else self.detectors,
                               record_lines=group_starts)

        # The over-removal guard's attempts, from the full cleaning to the safest.
        attempts = [("", lambda: run(True, True))]
        if dump:
            attempts.append(("without-article-finder", lambda: run(True, True, False)))
        if rule is not None:
            attempts.append(("site-rules-only", lambda: run(True, False)))
        attempts.append(("nothing-removed", lambda: run(False, False)))
        doc, guard = guarded(group_lines, attempts, self.guard_limits.get(kind))
        if guard is not None and settle and kind == "text":
            self._settle(doc, rule, kind)
        kept: list[str | None] = [None] * len(lines)
        doc_lines = doc.lines
        for j in doc.alive():
            kept[group_starts[j]] = doc_lines[j].strip()
        body = "\n\n".join(filter(None, kept))
        return CleanResult(
            text=body,
            title=doc.title,
            site=rule.id if rule is not None else None,
            removals=doc.removals,
            kind=kind,
            source_text=text,
            source_lines=lines,
            title_line=group_starts[doc.title_line] if doc.title_line is not None else None,
            kept=kept,
            guard=guard,
            joins=joins,
        )

    def _settle(self, doc: TextDoc, rule, kind: str, rounds: int = 50) -> None:
        """Clean a guarded fallback's own output until cleaning it again changes nothing.

        A fallback (site rules only, nothing removed) is not what full cleaning makes of
        it: cleaning the output a second time would remove more, once the guard measures
        the removals against the smaller text. Applying those removals here, recorded
        under the rules that make them, keeps cleaning idempotent. Every round that
        changes something removes a line, so few rounds are needed; ``rounds`` bounds it.
        """
        for _ in range(rounds):
            body = [j for j in doc.alive() if doc.lines[j].strip()]
            texts = [doc.lines[j].strip() for j in body]
            again = self._clean_text("\n\n".join(texts), rule, None, kind, settle=False)
            if again.text == "\n\n".join(texts):
                return
            by_line = {r.line: r for r in again.removals if r.line is not None and r.start is None}
            changed = False
            for k, j in enumerate(body):
                source = 2 * k  # paragraph k of the joined text is its line 2k
                if again.kept[source] is not None:
                    continue
                record = by_line.get(source)
                if record is not None:
                    changed |= doc.remove(j, record.rule, record.detail or "when cleaned again")
                elif again.title_line == source:
                    changed |= doc.remove(j, "generic.duplicate-headline", "headline when cleaned again")
            if not changed:
                return
