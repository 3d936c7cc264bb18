"""Removal records: the single source of truth for what cleaning took out.

Every stage that removes or changes text appends a :class:`Removal`. The diff
report, the summary and the statistics are all built from these records.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, init=False)
class Removal:
    """One removal made by one rule.

    ``line`` is the 0-based index of the affected line in the text the stage
    worked on (``None`` for HTML nodes, which have no line yet); in text mode, for
    a line rejoined from fragments, the first source line it was made from.
    ``start`` and ``end`` are character offsets inside that line (the rejoined
    line) for in-line ``strip`` rules and ``None`` when the whole line went.
    """

    rule: str
    stage: str  # "html" | "text"
    text: str
    line: int | None = None
    start: int | None = None
    end: int | None = None
    detail: str = ""  # e.g. the selector or pattern that matched

    def __init__(self, rule: str, stage: str, text: str, line: int | None = None, start: int | None = None,
                 end: int | None = None, detail: str = ""):
        # The generated __init__ of a frozen dataclass sets each field through
        # object.__setattr__; text mode makes a few hundred records per document, and
        # filling the instance dict directly costs half as much. (Same fields, order and
        # defaults as the generated one; the record stays frozen for everyone else.)
        attributes = self.__dict__
        attributes["rule"] = rule
        attributes["stage"] = stage
        attributes["text"] = text
        attributes["line"] = line
        attributes["start"] = start
        attributes["end"] = end
        attributes["detail"] = detail

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None and v != ""}


@dataclass
class CleanResult:
    """What :meth:`cleaner.Cleaner.clean` returns."""

    text: str
    title: str | None
    site: str | None
    removals: list[Removal] = field(default_factory=list)
    kind: str = "text"
    #: the text the text stage started from (extracted text for HTML)
    source_text: str = ""
    #: lines of ``source_text`` as the text stage saw them
    source_lines: list[str] = field(default_factory=list)
    #: index in ``source_lines`` of the line used as the title, if any
    title_line: int | None = None
    #: for each source line: its text in the output (after strip rules) or None if removed;
    #: a rejoined line's text stands at the first of the lines it was made from
    kept: list[str | None] = field(default_factory=list)
    #: set when the over-removal guard fell back to a safer result: what it measured
    guard: dict | None = None
    #: text mode: source line ranges [start, end) rejoined into one line before cleaning
    #: (a dump breaks a paragraph at every inline tag). A join is not a removal.
    joins: list[tuple[int, int]] = field(default_factory=list)
    #: how bytes were decoded (:meth:`cleaner.decode.Decoding.to_dict`); None for str input
    decoding: dict | None = None
    #: title, author, date, site_name, canonical_url, language; only when asked for
    metadata: dict | None = None
    #: the article as Markdown; only when asked for
    markdown: str | None = None
    #: one-line notes on how the document was handled (e.g. HTML over the parser's limits)
    warnings: list[str] = field(default_factory=list)

    @property
    def chars_in(self) -> int:
        return len(self.source_text)

    @property
    def chars_out(self) -> int:
        return len(self.text) + (len(self.title) if self.title else 0)

    def removals_by_rule(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.removals:
            counts[r.rule] = counts.get(r.rule, 0) + 1
        return dict(sorted(counts.items()))

    def output_text(self) -> str:
        """The ``.txt`` file content: title, blank line, body."""
        if self.title:
            return f"{self.title}\n\n{self.text}\n" if self.text else f"{self.title}\n"
        return f"{self.text}\n" if self.text else ""
