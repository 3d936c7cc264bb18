"""A phrase list's ListTests are built once and kept on the list; a used Cleaner still pickles."""

import pickle

from cleaner import Cleaner
from cleaner.detectors.listmatch import ListTests, list_tests


def test_built_once_per_list_and_equal_to_a_fresh_one(cleaner):
    plist = cleaner.lexicons["share"]
    tests = list_tests(plist)
    assert list_tests(plist) is tests and list_tests(cleaner.lexicons["paywall"]) is not tests
    fresh = ListTests(plist)
    for line in ("share on facebook", "the council met", "follow us on twitter", ""):
        assert tests.hit(line, line) == fresh.hit(line, line)


def test_a_cleaner_with_kept_tests_pickles_and_cleans_the_same():
    cleaner = Cleaner()
    dump = "\n".join(["Home", "Share on Facebook", "Sign in"]
                     + ["The council approved the budget after a debate that lasted into the night."] * 12)
    before = cleaner.clean(dump, kind="text")
    assert isinstance(cleaner.lexicons["share"].list_tests, ListTests)
    copy = pickle.loads(pickle.dumps(cleaner))
    after = copy.clean(dump, kind="text")
    assert (after.text, after.removals) == (before.text, before.removals)
