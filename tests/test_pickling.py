"""A Cleaner crosses process boundaries (process pools started with spawn, Dask workers)."""

import multiprocessing
import pickle

from cleaner import Cleaner
from cleaner.saferegex import UserPattern

DUMP = "\n".join(["Home", "News", "Sport", "Share on Facebook", "Updated 05.05.2025 10:15"]
                 + ["The council approved the budget after a long debate that lasted into the night."] * 3
                 + ["A second paragraph explains what the new budget means for the schools of the town."] * 3
                 + ["© 2025 Example Media", "Back to top"])


def test_a_used_cleaner_pickles_and_cleans_the_same():
    cleaner = Cleaner()
    before = cleaner.clean(DUMP, kind="text")
    copy = pickle.loads(pickle.dumps(cleaner))
    after = copy.clean(DUMP, kind="text")
    assert (after.text, after.title, after.removals) == (before.text, before.title, before.removals)
    assert len(copy.lexicons.line_facts) <= len(cleaner.lexicons.line_facts)  # the memo is not shipped


def test_user_patterns_pickle_with_their_settings():
    for pattern in (UserPattern(r"Updated \d+:\d+", "f: k", full_line=True),
                    UserPattern(r"(?:foto|photo):\s*\S+", ignore_case=True, timeout=None),
                    UserPattern(r"x\d", timeout=None)):
        copy = pickle.loads(pickle.dumps(pattern))
        assert (copy.pattern, copy.origin, copy.full_line, copy.timeout) == (
            pattern.pattern, pattern.origin, pattern.full_line, pattern.timeout)
        for line in ("Updated 10:45", "Updated 10:45 today", "PHOTO: dpa", "foto dpa", "x1", "xx"):
            assert bool(copy.fullmatch(line)) == bool(pattern.fullmatch(line))
            assert bool(copy.search(line)) == bool(pattern.search(line))


def _clean_in_child(cleaner: Cleaner) -> str:
    return cleaner.clean(DUMP, kind="text").text


def test_a_spawned_process_can_use_the_cleaner():
    cleaner = Cleaner()
    expected = cleaner.clean(DUMP, kind="text").text
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(_clean_in_child, (cleaner,)) == expected
