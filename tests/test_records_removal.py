"""Removal records: built by a hand-written __init__, they behave as the frozen dataclass they are."""

import copy
import dataclasses
import pickle

import pytest

from cleaner.records import Removal


def test_keyword_and_positional_construction_agree_with_defaults():
    by_keyword = Removal(rule="generic.menu", stage="text", text="Home", line=3, detail="label")
    by_position = Removal("generic.menu", "text", "Home", 3, None, None, "label")
    assert by_keyword == by_position and hash(by_keyword) == hash(by_position)
    bare = Removal("r", "html", "x")
    assert (bare.line, bare.start, bare.end, bare.detail) == (None, None, None, "")
    assert Removal("r", "html", "x") != Removal("r", "html", "x", line=0)


def test_fields_to_dict_and_asdict():
    record = Removal(rule="site:x.strip", stage="text", text="Ad", line=2, start=5, end=7)
    assert [f.name for f in dataclasses.fields(Removal)] == ["rule", "stage", "text", "line", "start",
                                                            "end", "detail"]
    assert dataclasses.asdict(record) == {"rule": "site:x.strip", "stage": "text", "text": "Ad", "line": 2,
                                          "start": 5, "end": 7, "detail": ""}
    assert record.to_dict() == {"rule": "site:x.strip", "stage": "text", "text": "Ad", "line": 2,
                                "start": 5, "end": 7}
    assert list(record.to_dict()) == ["rule", "stage", "text", "line", "start", "end"]
    assert repr(record) == ("Removal(rule='site:x.strip', stage='text', text='Ad', line=2, start=5, end=7, "
                            "detail='')")


def test_records_stay_frozen():
    record = Removal("r", "text", "x", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.line = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del record.rule


def test_copies_pickles_and_replace():
    record = Removal("r", "text", "x", 1, detail="why")
    assert pickle.loads(pickle.dumps(record)) == record
    assert copy.copy(record) == record and copy.deepcopy(record) == record
    moved = dataclasses.replace(record, line=7)
    assert moved == Removal("r", "text", "x", 7, detail="why") and record.line == 1

