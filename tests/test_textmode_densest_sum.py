"""_densest_runs takes the densest run's sum from _better_runs: the same, to the last bit,
as adding up the run's line weights in order (its reference definition; ``sum()`` did that up
to Python 3.11, from 3.12 it compensates the rounding of floats, so the reference adds itself)."""

import random
from functools import reduce
from operator import add

from cleaner.textmode.classify import Params, _better_runs, _densest_runs, _line_weights


def _in_order(weights: list[float]) -> float:
    """The weights added left to right (from a whole 0, as sum() starts)."""
    return reduce(add, weights, 0)


def _reference_densest_runs(first_codes: str, lengths: list[int], p: Params) -> list[tuple[int, int]] | None:
    n = len(first_codes)
    found = _better_runs(first_codes, lengths, 0, n, p)
    if not found:
        return None
    _, start, end = found[-1]
    spans = [(start, end)]
    if p.second_run_share < 1:
        best = _in_order(_line_weights(first_codes[start:end + 1], lengths[start:end + 1], p))
        before = next((run for run in reversed(found) if run[2] < start), None)
        after = _better_runs(first_codes, lengths, end + 1, n, p)
        for run in (before, after[-1] if after else None):
            if run and run[0] >= p.second_run_share * best:
                spans.append((run[1], run[2]))
    return spans


def _random_doc(rng: random.Random) -> tuple[str, list[int]]:
    n = rng.randint(0, 60)
    codes = "".join(rng.choice("GNSBx") for _ in range(n))
    lengths = [0 if rng.random() < 0.05 else rng.randint(1, 400) for _ in range(n)]
    return codes, lengths


def test_best_run_sum_is_the_sum_of_its_line_weights():
    rng = random.Random(7)
    for share in (0.3, 0.7, 0.1234567):
        p = Params(run_neargood_share=share)
        for _ in range(2000):
            codes, lengths = _random_doc(rng)
            found = _better_runs(codes, lengths, 0, len(codes), p)
            if found:
                best, start, end = found[-1]
                reference = _in_order(_line_weights(codes[start:end + 1], lengths[start:end + 1], p))
                assert best == reference
                assert float(best).hex() == float(reference).hex()


def test_densest_runs_match_the_reference():
    rng = random.Random(11)
    params = [Params(), Params(run_neargood_share=0.1234567, second_run_share=0.2),
              Params(second_run_share=0.9), Params(second_run_share=1.0)]
    for p in params:
        for _ in range(2000):
            codes, lengths = _random_doc(rng)
            assert _densest_runs(codes, lengths, p) == _reference_densest_runs(codes, lengths, p)


def test_densest_runs_with_a_second_run_and_no_prose():
    p = Params()
    codes, lengths = "GGBSGGG", [300, 300, 100, 10, 300, 300, 300]
    assert _densest_runs(codes, lengths, p) == _reference_densest_runs(codes, lengths, p)
    assert _densest_runs("BSS", [50, 10, 0], p) is None
