"""The context passes (``apply_context``) against their plain per-line definition.

The reference below is the context code as it was before it worked on class codes:
jusText's smoothing with per-line neighbour lists, then the densest run(s) of prose.
Any document, any classes and thresholds must come out the same, to the reason.
"""

import copy

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.textmode.classify import BAD, GOOD, NEARGOOD, SHORT, LineInfo, Params, apply_context, main_run

OTHER = "other"  # a caller's fixed class that is none of the four


def _neighbours(classes, ignore_neargood):
    decided = (GOOD, BAD) if ignore_neargood else (GOOD, BAD, NEARGOOD)
    prev, nxt = [BAD] * len(classes), [BAD] * len(classes)
    last = BAD
    for i, cls in enumerate(classes):
        prev[i] = last
        if cls in decided:
            last = cls
    last = BAD
    for i in range(len(classes) - 1, -1, -1):
        nxt[i] = last
        if classes[i] in decided:
            last = classes[i]
    return prev, nxt


def _good_ahead(infos, distance):
    out = [False] * len(infos)
    next_good, chars_between = -1, 0
    for i in range(len(infos) - 1, -1, -1):
        out[i] = next_good >= 0 and chars_between <= distance
        if infos[i].final == GOOD:
            next_good, chars_between = i, 0
        else:
            chars_between += len(infos[i].text)
    return out


def _revise(infos, p):
    for info in infos:
        info.final = info.first
    ahead = _good_ahead(infos, p.max_heading_distance)
    for i, info in enumerate(infos):
        if info.heading and info.final == SHORT and info.reason != "fixed" and ahead[i]:
            info.final = NEARGOOD
    classes = [info.final for info in infos]
    prev, nxt = _neighbours(classes, ignore_neargood=True)
    prev_any, nxt_any = _neighbours(classes, ignore_neargood=False)
    for i, info in enumerate(infos):
        if classes[i] != SHORT:
            continue
        if prev[i] == nxt[i] == GOOD:
            info.final = GOOD
        elif prev[i] == nxt[i] == BAD:
            info.final = BAD
        elif (prev[i] == BAD and prev_any[i] == NEARGOOD) or (nxt[i] == BAD and nxt_any[i] == NEARGOOD):
            info.final = GOOD
        else:
            info.final = BAD
    classes = [info.final for info in infos]
    prev, nxt = _neighbours(classes, ignore_neargood=True)
    for i, info in enumerate(infos):
        if classes[i] == NEARGOOD:
            info.final = BAD if prev[i] == nxt[i] == BAD else GOOD
    ahead = _good_ahead(infos, p.max_heading_distance)
    for i, info in enumerate(infos):
        if info.heading and info.final == BAD and info.first != BAD and ahead[i]:
            info.final = GOOD


def _weights(infos, p):
    out = []
    for info in infos:
        if info.first == GOOD:
            out.append(len(info.text))
        elif info.first == NEARGOOD:
            out.append(p.run_neargood_share * len(info.text))
        elif info.first == SHORT:
            out.append(-p.run_short_cost if info.text else 0)
        else:
            out.append(-min(len(info.text), p.run_bad_cost_cap))
    return out


def _prose_runs(weights, lo, hi):
    best, span = 0.0, None
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += weights[i]
        if total > best:
            best, span = total, (start, i)
    return (best, span[0], span[1]) if span else None


def _main_run(infos, p):
    run = _prose_runs(_weights(infos, p), 0, len(infos))
    return (run[1], run[2]) if run else None


def _keep_main_run(infos, p):
    span = _main_run(infos, p)
    if span is None:
        return
    start, end = span
    inside = set(range(start, end + 1))
    if p.second_run_share < 1:
        weights = _weights(infos, p)
        best = sum(weights[start:end + 1])
        for lo, hi in ((0, start), (end + 1, len(infos))):
            run = _prose_runs(weights, lo, hi)
            if run and run[0] >= p.second_run_share * best:
                inside.update(range(run[1], run[2] + 1))
    for i in inside:
        infos[i].in_run = True
    for i, info in enumerate(infos):
        if i in inside or info.final != GOOD:
            continue
        if info.first != GOOD or not p.outside_keeps_good:
            info.final, info.reason = BAD, "outside the densest run of prose"


def reference_context(infos, p):
    if not any(info.first == GOOD for info in infos):
        for info in infos:
            if info.first == NEARGOOD:
                info.first, info.reason = GOOD, "near-good line, no better in the document"
    _revise(infos, p)
    _keep_main_run(infos, p)


def _state(infos):
    return [(i.first, i.final, i.reason, i.in_run) for i in infos]


# Lengths around the thresholds that matter here: empty lines, short ones, the heading
# distance (200) and the bad-line cost cap (200).
_LENGTH = st.one_of(st.just(0), st.integers(1, 80), st.integers(150, 260))


def _lines(classes):
    return st.lists(st.builds(
        lambda length, heading, first, fixed: LineInfo("a" * length, 1, 0.0, False, heading, first,
                                                       reason="fixed" if fixed else f"{first} line"),
        _LENGTH, st.booleans(), st.sampled_from(classes), st.booleans(),
    ), max_size=40)


# Documents with the four classes only, and with another class (the general path) now and then.
_DOCUMENT = st.one_of(_lines([GOOD, NEARGOOD, SHORT, SHORT, BAD, BAD]),
                      _lines([GOOD, NEARGOOD, SHORT, SHORT, BAD, BAD, OTHER]))
_PARAMS = st.builds(
    Params,
    max_heading_distance=st.sampled_from([0, 60, 200]),
    outside_keeps_good=st.booleans(),
    second_run_share=st.sampled_from([0.0, 0.2, 0.5, 1.0]),
    run_neargood_share=st.sampled_from([0.3, 0.7, 1.1, 0.0]),
    # negative costs make short or bad lines weigh: no line may be passed over
    run_short_cost=st.sampled_from([40, 40, -10]),
    run_bad_cost_cap=st.sampled_from([200, 200, 30, -5]),
)


def _line(length, first, heading=False, reason=""):
    return LineInfo("a" * length, 1, 0.0, False, heading, first, reason=reason or f"{first} line")


@settings(max_examples=3000, deadline=None)
@given(_DOCUMENT, _PARAMS)
# a short heading promoted by the good line after it, then smoothed between near-good lines
@example([_line(200, NEARGOOD), _line(10, SHORT, True), _line(100, GOOD), _line(10, SHORT),
          _line(90, NEARGOOD), _line(20, BAD)], Params())
# no good line: near-good ones count as good
@example([_line(20, SHORT), _line(90, NEARGOOD), _line(20, SHORT), _line(90, NEARGOOD)], Params())
def test_context_passes_match_the_per_line_definition(lines, params):
    expected = copy.deepcopy(lines)
    reference_context(expected, params)
    actual = copy.deepcopy(lines)
    apply_context(actual, [info.text for info in actual], params)
    assert _state(actual) == _state(expected)
    assert main_run(lines, params) == _main_run(lines, params)


def test_second_run_before_the_densest_one_is_kept():
    # A good block, a gap worth less than either block, then the densest run: the block
    # before is a run of its own, worth more than half the densest one.
    lines = [_line(300, GOOD), _line(250, BAD), _line(250, BAD), _line(400, GOOD), _line(10, SHORT)]
    apply_context(lines, [info.text for info in lines], Params())
    assert [info.in_run for info in lines] == [True, False, False, True, False]
