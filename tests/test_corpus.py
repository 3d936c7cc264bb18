"""Every document in corpus/ cleans to exactly its pinned expected output."""

import pytest

from cleaner.check import plan
from cleaner.inputs import read_bytes
from cleaner.outputs import write_document

from .conftest import CORPUS

CASES, ORPHANS = plan(CORPUS)


def test_corpus_has_html_and_text_cases_and_no_orphans():
    assert {doc.kind for doc, _ in CASES} == {"html", "text"} and len(CASES) >= 6
    assert ORPHANS == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0].path.name)
def test_corpus_case(cleaner, case, tmp_path):
    doc, expected = case
    result = cleaner.clean(read_bytes(doc.path), kind=doc.kind)
    write_document(tmp_path, doc.relative, str(doc.path), result)
    actual = (tmp_path / doc.relative).with_name(doc.relative.name + ".txt")
    assert actual.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
