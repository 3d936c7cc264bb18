"""Every document in corpus/ cleans to exactly its pinned expected output."""

from pathlib import Path

import pytest

from cleaner.inputs import kind_of, read_bytes
from cleaner.outputs import write_document

from .conftest import CORPUS

CASES = sorted(p for p in CORPUS.iterdir() if kind_of(p))


def test_corpus_has_html_and_text_cases():
    kinds = {kind_of(p) for p in CASES}
    assert kinds == {"html", "text"} and len(CASES) >= 6


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_corpus_case(cleaner, path, tmp_path):
    expected = path.with_name(path.name.split(".")[0] + ".expected")
    result = cleaner.clean(read_bytes(path), kind=kind_of(path))
    write_document(tmp_path, Path("out"), str(path), result)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
