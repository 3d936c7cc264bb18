"""settle_heap: the batch process's collector settings (frozen start-up objects, a larger
young generation)."""

import gc
import weakref

from cleaner.backends import YOUNG_GENERATION, settle_heap


class _Node:
    pass


def test_settle_heap_freezes_and_raises_the_young_threshold():
    before = gc.get_threshold()
    try:
        gc.unfreeze()
        settle_heap()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (YOUNG_GENERATION, before[1], before[2])
        # Cycles made afterwards are still collected.
        a, b = _Node(), _Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
