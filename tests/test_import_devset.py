"""The parser's accuracy over the import dev set and the hold-out set (``make eval-import``).

Floors, not targets: a change that makes any field worse than this on either
set fails. The hold-out pastes were written after the parser and scored once
before any fix (docs/import-eval.md); the code never names a fixture's text.
"""

from pathlib import Path

import pytest

from dev.import_eval import FIELDS, evaluate

SETS = Path(__file__).parent
FIELD_FLOOR = 0.95


@pytest.fixture(scope="module")
def devset():
    return evaluate(SETS / "import_devset")


def test_the_dev_set_is_varied(devset):
    assert len(devset.cases) >= 40
    assert len({case.layout for case in devset.cases}) >= 15


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_stays_above_the_floor_on_the_dev_set(devset, field):
    right, total = devset.accuracy(field)
    assert total and right / total >= FIELD_FLOOR, f"{field}: {right}/{total}"


def test_nothing_is_invented_anywhere(devset):
    assert devset.accuracy("nothing invented") == (len(devset.cases), len(devset.cases))


def test_the_hold_out_set_stays_above_the_floor():
    holdout = evaluate(SETS / "import_holdout")
    right = sum(sum(case.scores.values()) for case in holdout.cases)
    total = sum(len(case.scores) for case in holdout.cases)
    assert right / total >= FIELD_FLOOR
    assert not [case.name for case in holdout.cases if case.error]


# The cross-set: pastes another author wrote for the same issue, independently of this
# parser (tests/import_crossset/, converted to this truth format). Its hold-out was
# scored once, unseen, before the fixes it prompted (docs/import-eval.md).
CROSS_FLOOR = 0.95


@pytest.fixture(scope="module", params=["dev", "holdout"])
def crossset(request):
    return request.param, evaluate(SETS / "import_crossset" / request.param)


def test_the_cross_set_is_all_there(crossset):
    part, report = crossset
    assert len(report.cases) == {"dev": 67, "holdout": 24}[part]
    assert not [case.name for case in report.cases if case.error]


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_stays_above_the_floor_on_the_cross_set(crossset, field):
    part, report = crossset
    right, total = report.accuracy(field)
    if total:  # the cross-set's truths do not name a publication
        assert right / total >= CROSS_FLOOR, f"{part} {field}: {right}/{total}"


def test_nothing_is_invented_in_the_cross_set(crossset):
    _, report = crossset
    assert report.accuracy("nothing invented") == (len(report.cases), len(report.cases))


# The second hold-out batch: 20 pastes in 17 layouts from sites the other sets lack
# (newspapers, Management in Practice, LGC, Ghost, LinkedIn, The Conversation, an LMC's
# e-mail newsletter), scored once, unseen, before the fixes it prompted (docs/import-eval.md).
@pytest.fixture(scope="module")
def holdout2():
    return evaluate(SETS / "import_holdout2")


def test_the_second_hold_out_is_varied(holdout2):
    assert len(holdout2.cases) >= 20
    assert len({case.layout for case in holdout2.cases}) >= 12
    assert not [case.name for case in holdout2.cases if case.error]


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_stays_above_the_floor_on_the_second_hold_out(holdout2, field):
    right, total = holdout2.accuracy(field)
    if total:
        assert right / total >= FIELD_FLOOR, f"{field}: {right}/{total}"


def test_nothing_is_invented_in_the_second_hold_out(holdout2):
    assert holdout2.accuracy("nothing invented") == (len(holdout2.cases), len(holdout2.cases))
